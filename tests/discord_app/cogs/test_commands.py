"""Every command end to end: INTERACTION_CREATE from the fake Discord to the real bot, and
the reply compared with the core's own answer to the same question.

A reply may come in the callback or, when the core took over a second, after a deferral
as an edit of the original response; `ask` (helpers.py) reads either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.ask.commands import BY_NAME, RESOLUTION
from tests.discord_app.helpers import (
    ask,
    assert_answered,
    assert_carries_chart,
    assert_embed_is,
    assert_links_are,
    callback_message_id,
    expected_chart,
    make_bot,
)
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import run, running
from tests.fake_discord.payloads import (
    AUTOCOMPLETE_RESULT,
    BOT_DM,
    CHANNEL_MESSAGE,
    PRIVATE_CHANNEL,
)

pytestmark = pytest.mark.e2e


COMMAND_CASES = [
    ("howvoted", {"country": "Eritrea", "resolution": "ES-11/1"}),
    ("howvoted", {"country": "Eritrea"}),
    ("resolution", {"query": "ES-11/4"}),
    ("compare", {"a": "France", "b": "Germany", "since": "2015"}),
    ("allies", {"country": "Cuba", "topic": "nuclear"}),
    ("history", {"country": "United States", "topic": "Cuba embargo"}),
    ("search", {"topic": "nuclear weapons"}),
    ("ask", {"question": "how did eritrea vote on ES-11/1?"}),
]


@pytest.mark.parametrize(("command", "options"), COMMAND_CASES)
def test_command_replies_with_the_core_answer(
    votes_db: Path, core: Any, command: str, options: dict[str, Any]
) -> None:
    """Each command's reply is the answer its entry of the command table gives."""
    answer = BY_NAME[command].run(core, options)
    chart = expected_chart(core, answer)
    assert (chart is None) == (command == "search"), "every answer but a search has a chart"

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, reply = await ask(fake, command, options)
                assert_answered(reply)
                assert not reply.ephemeral
                data = reply.message
                assert data["allowed_mentions"] == {"parse": []}
                (embed,) = data["embeds"]
                assert_embed_is(embed, answer)
                assert_links_are(data, answer)
                stored = fake.messages[callback_message_id(fake, interaction)]
                if chart is None:
                    assert reply.uploads == [] and "image" not in embed
                    return
                assert_carries_chart(
                    data, reply.uploads, chart, interaction["attachment_size_limit"]
                )
                (attachment,) = stored["attachments"]
                assert attachment["description"] == chart.description
                assert attachment["size"] == len(chart.png)

    run(scenario)


def test_private_option_makes_the_reply_ephemeral_in_dms_and_group_dms(
    votes_db: Path, core: Any
) -> None:
    answer = RESOLUTION.run(core, {"query": "ES-11/1"})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                for context in (BOT_DM, PRIVATE_CHANNEL):
                    _, reply = await ask(
                        fake, "resolution", {"query": "ES-11/1", "private": True}, context=context
                    )
                    assert_answered(reply)
                    assert reply.ephemeral
                    assert_embed_is(reply.embed, answer)

    run(scenario)


def test_about_shows_the_coverage(votes_db: Path, core: Any) -> None:
    coverage = core.coverage()

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                _, reply = await ask(fake, "about", {})
                embed = reply.embed
                text = " ".join(f["value"] for f in embed["fields"])
                assert f"{coverage.first_date} to {coverage.last_date}" in text
                assert f"{coverage.resolutions:,} resolutions" in text
                assert f"{coverage.votes:,} votes" in text
                assert coverage.source in text
                assert any(f["name"] == "How to cite" for f in embed["fields"])

    run(scenario)


@pytest.mark.parametrize(
    ("option", "fragment", "method"),
    [("country", "erit", "suggest_countries"), ("resolution", "ukraine", "suggest_resolutions")],
)
def test_autocomplete_offers_the_core_suggestions(
    votes_db: Path, core: Any, option: str, fragment: str, method: str
) -> None:
    suggestions = getattr(core, method)(fragment, limit=25)
    assert suggestions, "the fixture should give suggestions for this fragment"

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                options = {"country": "Eritrea", option: fragment}
                interaction = fake.command_interaction("howvoted", options, focused=option)
                await fake.send_interaction(interaction)
                callback = await fake.wait_callback(interaction)
                assert callback.json["type"] == AUTOCOMPLETE_RESULT
                choices = callback.json["data"]["choices"]
                assert 1 <= len(choices) <= 25
                assert [c["value"] for c in choices] == [s.id for s in suggestions[:25]]
                assert all(1 <= len(c["name"]) <= 100 for c in choices)

    run(scenario)


def test_cooldown_gives_a_friendly_reply(votes_db: Path) -> None:
    from bot.discord_app.cogs.base import COOLDOWN_RATE

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                user = fake.make_user("eager")
                for _ in range(COOLDOWN_RATE):
                    _, reply = await ask(fake, "resolution", {"query": "ES-11/1"}, user=user)
                    assert_answered(reply)
                    assert not reply.ephemeral
                _, reply = await ask(fake, "resolution", {"query": "ES-11/1"}, user=user)
                assert reply.kind == CHANNEL_MESSAGE  # refused at once, before the core
                assert reply.ephemeral
                assert "try again in" in reply.embed["description"]
                # another user is not slowed down
                _, reply = await ask(fake, "resolution", {"query": "ES-11/1"})
                assert_answered(reply)
                assert not reply.ephemeral

    run(scenario)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("compare", {"a": "France", "b": "Germany", "since": "2010s"}),
        ("allies", {"country": "France", "until": "last year"}),
    ],
)
def test_a_since_or_until_that_is_not_a_date_is_told_not_answered(
    votes_db: Path, command: str, options: dict[str, str]
) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                _, reply = await ask(fake, command, options)
                assert reply.ephemeral
                assert "must be a year or a date" in reply.embed["description"]

    run(scenario)


def test_user_text_is_escaped_and_pings_nobody(votes_db: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                text = "@everyone **Atlantis** <@123456789012345678>"
                _, reply = await ask(fake, "howvoted", {"country": text})
                assert_answered(reply)
                data = reply.message
                assert data["allowed_mentions"] == {"parse": []}
                shown = data["embeds"][0].get("description", "") + data["embeds"][0]["title"]
                assert "@everyone" not in shown
                assert "**Atlantis**" not in shown
                assert "<@123456789012345678>" not in shown

    run(scenario)
