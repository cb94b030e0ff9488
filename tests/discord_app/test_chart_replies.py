"""Charts in Discord replies, end to end: the PNG travels as a multipart upload, the embed
shows it through attachment://, its alt text is the attachment's description, and
`chart: False` leaves it out. Long lists page with buttons under the same chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.ask.commands import HISTORY, HOWVOTED, RESOLUTION, answer_question
from tests.discord_app.helpers import (
    assert_carries_chart,
    assert_embed_is,
    buttons,
    callback_message_id,
    expected_chart,
    make_bot,
)
from tests.fake_discord import FakeDiscord, UploadedFile
from tests.fake_discord.harness import run, running
from tests.fake_discord.payloads import CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE

pytestmark = pytest.mark.e2e


async def ask_for(
    fake: FakeDiscord, command: str, options: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], list[UploadedFile]]:
    """Send a command; the interaction, the message answering it and its files."""
    interaction = fake.command_interaction(command, options)
    await fake.send_interaction(interaction)
    message, uploads = await fake.wait_reply(interaction)
    return interaction, message, uploads


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("howvoted", {"country": "Eritrea", "resolution": "ES-11/1"}),
        ("history", {"country": "United States", "topic": "Cuba embargo"}),
    ],
)
def test_chart_false_sends_no_picture(votes_db: Path, command: str, options: dict) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, message, uploads = await ask_for(
                    fake, command, {**options, "chart": False}
                )
                assert uploads == []
                assert "image" not in message["embeds"][0]
                assert fake.messages[callback_message_id(fake, interaction)]["attachments"] == []

    run(scenario)


def test_search_has_no_chart(votes_db: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, message, uploads = await ask_for(fake, "search", {"topic": "nuclear"})
                assert uploads == []
                assert "image" not in message["embeds"][0]

    run(scenario)


def test_a_mention_reply_carries_the_chart(votes_db: Path, core: Any) -> None:
    text = "how did eritrea vote on ES-11/1?"
    chart = expected_chart(core, answer_question(core, text))
    assert chart is not None

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                created = fake.mention_message(text)
                await fake.dispatch("MESSAGE_CREATE", created)
                path = f"/channels/{created['channel_id']}/messages"
                sent = await fake.wait_for_request(lambda r: r.path == path and r.status < 300)
                assert_carries_chart(sent.json, sent.uploads, chart, 8 * 1024 * 1024)

    run(scenario)


def test_picking_a_candidate_attaches_the_picked_answers_chart(votes_db: Path, core: Any) -> None:
    from bot.core.models import Unresolved

    unresolved = HOWVOTED.run(core, {"country": "Congo", "resolution": "ES-11/1"})
    assert isinstance(unresolved, Unresolved) and unresolved.match is not None
    candidates = unresolved.match.candidates
    assert 2 <= len(candidates) <= 5, "the fixture should make Congo ambiguous"
    picked = HOWVOTED.run(core, {"country": candidates[1].id, "resolution": "ES-11/1"})
    chart = expected_chart(core, picked)
    assert chart is not None

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, _, uploads = await ask_for(
                    fake, "howvoted", {"country": "Congo", "resolution": "ES-11/1"}
                )
                assert uploads == []  # nothing to draw until the country is known
                message_id = callback_message_id(fake, interaction)
                click = fake.component_interaction(
                    message_id, "choice:1", user=interaction["member"]["user"]
                )
                await fake.send_interaction(click)
                message, uploads = await fake.wait_reply(click)
                assert_carries_chart(message, uploads, chart, click["attachment_size_limit"])
                (attachment,) = fake.messages[message_id]["attachments"]
                assert attachment["filename"] == chart.filename

    run(scenario)


def test_a_long_history_pages_with_buttons_under_the_same_chart(votes_db: Path, core: Any) -> None:
    answer = HISTORY.run(core, {"country": "United States", "topic": "Cuba embargo"})
    chart = expected_chart(core, answer)
    symbols = [e.resolution.symbol for e in answer.entries]

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, message, _ = await ask_for(
                    fake, "history", {"country": "United States", "topic": "Cuba embargo"}
                )
                first = message["embeds"][0]
                assert_embed_is(first, answer)
                assert not all(s in first["description"] for s in symbols)  # the core cut it
                ids = {b["custom_id"]: b for b in buttons(message) if "custom_id" in b}
                assert ids["page:previous"]["disabled"] is True
                assert ids["page:next"]["disabled"] is False
                message_id = callback_message_id(fake, interaction)
                user = interaction["member"]["user"]
                click = fake.component_interaction(message_id, "page:next", user=user)
                await fake.send_interaction(click)
                update = await fake.wait_callback(click)
                assert update.json["type"] == UPDATE_MESSAGE
                assert update.uploads == []  # the chart is not sent again ...
                assert "attachments" not in update.json["data"]
                page = update.json["data"]["embeds"][0]
                # ... and stays on the message, shown on every page
                (attachment,) = fake.messages[message_id]["attachments"]
                assert attachment["filename"] == chart.filename
                assert page["image"]["url"] == f"attachment://{chart.filename}"
                assert page["title"] == first["title"]
                assert page["footer"]["text"].endswith("page 2 of 2")
                lines = page["description"].splitlines()[1:]
                assert [line.split()[2].rstrip(":") for line in lines] == symbols
                ids = {b["custom_id"]: b for b in buttons(update.json["data"]) if "custom_id" in b}
                assert ids["page:previous"]["disabled"] is False
                assert ids["page:next"]["disabled"] is True
                back = fake.component_interaction(message_id, "page:previous", user=user)
                await fake.send_interaction(back)
                update = await fake.wait_callback(back)
                assert_embed_is(update.json["data"]["embeds"][0], answer)

    run(scenario)


def test_a_burst_of_charted_answers_defers_those_that_queue(votes_db: Path, core: Any) -> None:
    """Charts are drawn one at a time: answers waiting for the chart thread are deferred
    at once, then edited in, each with its own chart."""
    queries = ["ES-11/1", "ES-11/4"] * 4
    charts = {q: expected_chart(core, RESOLUTION.run(core, {"query": q})) for q in set(queries)}

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                sent = [fake.command_interaction("resolution", {"query": q}) for q in queries]
                for interaction in sent:
                    await fake.send_interaction(interaction)
                for query, interaction in zip(queries, sent, strict=True):
                    message, uploads = await fake.wait_reply(interaction)
                    limit = interaction["attachment_size_limit"]
                    assert_carries_chart(message, uploads, charts[query], limit)
                kinds = [(await fake.wait_callback(i)).json["type"] for i in sent]
                assert kinds.count(DEFERRED_CHANNEL_MESSAGE) >= 1
                assert set(kinds) <= {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE}

    run(scenario)
