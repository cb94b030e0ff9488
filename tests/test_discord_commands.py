"""Every command end to end: INTERACTION_CREATE from the fake Discord to the real bot, and
the callback / follow-up payloads compared with the core's own answer to the same question.

The database is built from a small hand-written CSV (tests/fake_discord/votes.csv) with
`votebot data import`, as an operator would.
"""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.config import Settings
from bot.core.ask.commands import BY_NAME, COMPARE, HOWVOTED, RESOLUTION, answer_question
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import GUILD_READY_TIMEOUT, PROJECT, run, running, settings_for
from tests.fake_discord.payloads import (
    BOT_DM,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    EPHEMERAL,
    PRIVATE_CHANNEL,
    UPDATE_MESSAGE,
)
from tests.fake_discord.server import UploadedFile

pytestmark = pytest.mark.e2e

VOTES_CSV = Path(__file__).resolve().parent / "fake_discord" / "votes.csv"
LINK_STYLE = 5


def build_db(csv: Path, db: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "data", "import", str(csv), "--db", str(db)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture(scope="module")
def votes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(VOTES_CSV, tmp_path_factory.mktemp("db") / "votes.db")


@pytest.fixture(scope="module")
def core(votes_db: Path) -> Iterator[Any]:
    """The core's own answers, to compare the bot's replies with."""
    from bot.core.answers.facade import Answers

    answers = Answers.open(votes_db, aliases_dir=Settings().aliases_dir)
    yield answers
    answers.close()


def expected(answer: Any) -> Any:
    from bot.core.render.text import embed_data

    return embed_data(answer)


def assert_embed_is(embed: dict[str, Any], answer: Any) -> None:
    """The embed carries exactly the facts the core rendered for the answer."""
    data = expected(answer)
    assert embed["title"] == data.title
    assert embed.get("description", "") == data.description
    assert embed["color"] == data.colour
    assert embed.get("url") == data.url
    assert embed["footer"]["text"] == data.footer
    fields = [(f["name"], f["value"], f["inline"]) for f in embed.get("fields", [])]
    assert fields == [tuple(f) for f in data.fields]


def expected_chart(core: Any, answer: Any) -> Any:
    from bot.core.render.charts import chart_for

    return chart_for(answer, coverage=core.coverage())


def assert_carries_chart(
    message: dict[str, Any], uploads: list[UploadedFile], chart: Any, size_limit: int
) -> None:
    (upload,) = uploads
    assert upload.filename == chart.filename
    assert upload.description == chart.description
    assert upload.data == chart.png  # the same drawing the core makes for the answer
    assert len(upload.data) <= size_limit
    with Image.open(io.BytesIO(upload.data)) as sent, Image.open(io.BytesIO(chart.png)) as own:
        assert sent.format == "PNG"
        assert sent.size == own.size
        sent.load()  # decodes the whole picture: a truncated upload fails here
    (embed,) = message["embeds"]
    assert embed["image"]["url"] == f"attachment://{chart.filename}"


def buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in payload.get("components", []) for c in row["components"]]


def assert_links_are(payload: dict[str, Any], answer: Any) -> None:
    links = [(b["label"], b["url"]) for b in buttons(payload) if b.get("style") == LINK_STYLE]
    assert links == list(expected(answer).buttons)


def make_bot(fake: FakeDiscord, db: Path, **options: Any) -> Any:
    from bot.discord_app.answers_holder import AnswersHolder
    from bot.discord_app.client import make_bot as make

    settings = settings_for(fake, db)
    holder = AnswersHolder(db, settings.aliases_dir)
    return make(settings, holder, guild_ready_timeout=GUILD_READY_TIMEOUT, **options)


async def ask(fake: FakeDiscord, name: str, options: dict[str, Any], **where: Any) -> Any:
    interaction = fake.command_interaction(name, options, **where)
    await fake.send_interaction(interaction)
    callback = await fake.wait_callback(interaction)
    return interaction, callback


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
                interaction, callback = await ask(fake, command, options)
                assert callback.json["type"] == CHANNEL_MESSAGE
                data = callback.json["data"]
                assert not (data.get("flags") or 0) & EPHEMERAL
                assert data["allowed_mentions"] == {"parse": []}
                (embed,) = data["embeds"]
                assert_embed_is(embed, answer)
                assert_links_are(data, answer)
                stored = fake.messages[callback_message_id(fake, interaction)]
                if chart is None:
                    assert callback.uploads == [] and "image" not in embed
                    return
                assert_carries_chart(
                    data, callback.uploads, chart, interaction["attachment_size_limit"]
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
                    _, callback = await ask(
                        fake, "resolution", {"query": "ES-11/1", "private": True}, context=context
                    )
                    assert callback.json["data"]["flags"] & EPHEMERAL
                    assert_embed_is(callback.json["data"]["embeds"][0], answer)

    run(scenario)


def test_slow_answers_are_deferred_then_edited_in(
    votes_db: Path, core: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.discord_app import replies

    monkeypatch.setattr(replies, "DEFER_AFTER", 0.0)  # treat every answer as slow
    answer = COMPARE.run(core, {"a": "France", "b": "Germany"})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, callback = await ask(fake, "compare", {"a": "France", "b": "Germany"})
                assert callback.json["type"] == DEFERRED_CHANNEL_MESSAGE
                followup = await fake.wait_followup(interaction)
                assert followup.method == "PATCH"
                assert followup.path.endswith("/messages/@original")
                assert_embed_is(followup.json["embeds"][0], answer)

    run(scenario)


def test_about_shows_the_coverage(votes_db: Path, core: Any) -> None:
    coverage = core.coverage()

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                _, callback = await ask(fake, "about", {})
                embed = callback.json["data"]["embeds"][0]
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
                assert callback.json["type"] == 8
                choices = callback.json["data"]["choices"]
                assert 1 <= len(choices) <= 25
                assert [c["value"] for c in choices] == [s.id for s in suggestions[:25]]
                assert all(1 <= len(c["name"]) <= 100 for c in choices)

    run(scenario)


def test_no_database_io_happens_on_the_event_loop(votes_db: Path) -> None:
    """Autocomplete, commands and /about read the database only from worker threads."""

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            bot = make_bot(fake, votes_db)
            async with running(bot, fake):
                loop_thread = threading.get_ident()
                readers: list[int] = []
                connection = bot.answers_holder.answers.store._conn
                connection.set_trace_callback(lambda _sql: readers.append(threading.get_ident()))
                for name, options, focused in [
                    ("howvoted", {"country": "Erit"}, "country"),
                    ("howvoted", {"country": "Eritrea", "resolution": "ES-11"}, "resolution"),
                    ("howvoted", {"country": "Eritrea", "resolution": "ES-11/1"}, None),
                    ("history", {"country": "Cuba", "topic": "embargo"}, None),
                    ("about", {}, None),
                ]:
                    interaction = fake.command_interaction(name, options, focused=focused)
                    await fake.send_interaction(interaction)
                    await fake.wait_reply(interaction)
                connection.set_trace_callback(None)
                assert readers, "the commands should have read the database"
                assert loop_thread not in readers

    run(scenario)


def test_search_pages_with_buttons(votes_db: Path, core: Any) -> None:
    first = core.search("nuclear")
    assert first.pages >= 2, "the fixture should need two pages for this topic"
    second = core.search("nuclear", page=2)

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, callback = await ask(fake, "search", {"topic": "nuclear"})
                assert_embed_is(callback.json["data"]["embeds"][0], first)
                ids = {
                    b["custom_id"]: b for b in buttons(callback.json["data"]) if "custom_id" in b
                }
                assert ids["page:previous"]["disabled"] is True
                assert ids["page:next"]["disabled"] is False
                message_id = int(callback_message_id(fake, interaction))
                user = interaction["member"]["user"]
                click = fake.component_interaction(message_id, "page:next", user=user)
                await fake.send_interaction(click)
                update = await fake.wait_callback(click)
                assert update.json["type"] == UPDATE_MESSAGE
                assert_embed_is(update.json["data"]["embeds"][0], second)
                # someone else cannot turn the pages of this answer
                other = fake.component_interaction(message_id, "page:previous")
                await fake.send_interaction(other)
                refused = await fake.wait_callback(other)
                assert refused.json["type"] == CHANNEL_MESSAGE
                assert refused.json["data"]["flags"] & EPHEMERAL

    run(scenario)


def callback_message_id(fake: FakeDiscord, interaction: dict[str, Any]) -> int:
    return fake.originals[interaction["token"]]


def _ambiguous(core: Any, texts: list[str], *, min_candidates: int, max_candidates: int):  # type: ignore[no-untyped-def]
    from bot.core.models import Unresolved

    for text in texts:
        answer = HOWVOTED.run(core, {"country": text, "resolution": "ES-11/1"})
        if isinstance(answer, Unresolved) and answer.match is not None:
            count = len(answer.match.candidates[:25])
            if min_candidates <= count <= max_candidates:
                return text, answer
    raise AssertionError(
        f"none of {texts} is ambiguous with {min_candidates}-{max_candidates} candidates"
    )


def test_an_ambiguous_name_offers_buttons_and_the_pick_answers(votes_db: Path, core: Any) -> None:
    text, unresolved = _ambiguous(
        core, ["Congo", "Korea", "Germany"], min_candidates=2, max_candidates=5
    )
    pick = unresolved.match.candidates[1]
    answer = HOWVOTED.run(core, {"country": pick.id, "resolution": "ES-11/1"})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                options = {"country": text, "resolution": "ES-11/1"}
                interaction, callback = await ask(fake, "howvoted", options)
                assert_embed_is(callback.json["data"]["embeds"][0], unresolved)
                choices = [b for b in buttons(callback.json["data"]) if "custom_id" in b]
                assert [b["label"] for b in choices] == [
                    c.name for c in unresolved.match.candidates
                ]
                message_id = callback_message_id(fake, interaction)
                user = interaction["member"]["user"]
                click = fake.component_interaction(message_id, choices[1]["custom_id"], user=user)
                await fake.send_interaction(click)
                update = await fake.wait_callback(click)
                assert update.json["type"] == UPDATE_MESSAGE
                assert_embed_is(update.json["data"]["embeds"][0], answer)

    run(scenario)


def test_ambiguous_resolutions_come_as_a_select_menu(votes_db: Path, core: Any) -> None:
    from bot.core.models import Unresolved

    unresolved = None
    for text in ["ukraine", "nuclear", "embargo"]:
        candidate = RESOLUTION.run(core, {"query": text})
        if isinstance(candidate, Unresolved) and candidate.match and candidate.match.candidates:
            unresolved = candidate
            break
    assert unresolved is not None, "the fixture should have an ambiguous resolution query"
    query = unresolved.match.query
    pick = unresolved.match.candidates[-1]
    answer = RESOLUTION.run(core, {"query": pick.id})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, callback = await ask(fake, "resolution", {"query": query})
                (menu,) = [c for c in buttons(callback.json["data"]) if c["type"] == 3]
                assert [o["value"] for o in menu["options"]] == [
                    c.id for c in unresolved.match.candidates[:25]
                ]
                message_id = callback_message_id(fake, interaction)
                user = interaction["member"]["user"]
                choose = fake.component_interaction(
                    message_id, menu["custom_id"], values=[pick.id], user=user
                )
                await fake.send_interaction(choose)
                update = await fake.wait_callback(choose)
                assert_embed_is(update.json["data"]["embeds"][0], answer)

    run(scenario)


def test_buttons_are_disabled_when_the_view_times_out(
    votes_db: Path, core: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.discord_app import views

    monkeypatch.setattr(views, "VIEW_TIMEOUT", 0.3)
    assert core.search("nuclear").pages >= 2

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, _ = await ask(fake, "search", {"topic": "nuclear"})
                prefix = (
                    f"/webhooks/{fake.application_id}/{interaction['token']}/messages/@original"
                )
                edit = await fake.wait_for_request(
                    lambda r: r.path == prefix and r.method == "PATCH", timeout=5
                )
                controls = [b for b in buttons(edit.json) if "custom_id" in b]
                assert controls and all(b["disabled"] for b in controls)

    run(scenario)


def test_a_mention_is_answered_like_ask(votes_db: Path, core: Any) -> None:
    question = "how did eritrea vote on ES-11/1?"
    answer = answer_question(core, question)

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                message = fake.mention_message(question)
                await fake.dispatch("MESSAGE_CREATE", message)
                channel = message["channel_id"]
                reply = await fake.wait_for_request(
                    lambda r: r.path == f"/channels/{channel}/messages" and r.method == "POST"
                )
                assert_embed_is(reply.json["embeds"][0], answer)
                assert str(reply.json["message_reference"]["message_id"]) == message["id"]
                assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
                # a message that does not mention the bot is left alone
                quiet = fake.mention_message(question, mention=False)
                await fake.dispatch("MESSAGE_CREATE", quiet)
                await asyncio_sleep(0.3)
                assert len(fake.requests_to(f"/channels/{channel}/messages", "POST")) == 1

    run(scenario)


async def asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def test_cooldown_gives_a_friendly_reply(votes_db: Path) -> None:
    from bot.discord_app.cogs.base import COOLDOWN_RATE

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                user = fake.make_user("eager")
                for _ in range(COOLDOWN_RATE):
                    _, callback = await ask(fake, "resolution", {"query": "ES-11/1"}, user=user)
                    assert callback.json["type"] == CHANNEL_MESSAGE
                    assert not (callback.json["data"].get("flags") or 0) & EPHEMERAL
                _, callback = await ask(fake, "resolution", {"query": "ES-11/1"}, user=user)
                assert callback.json["data"]["flags"] & EPHEMERAL
                text = callback.json["data"]["embeds"][0]["description"]
                assert "try again in" in text
                # another user is not slowed down
                _, callback = await ask(fake, "resolution", {"query": "ES-11/1"})
                assert not (callback.json["data"].get("flags") or 0) & EPHEMERAL

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
                _, callback = await ask(fake, command, options)
                data = callback.json["data"]
                assert data["flags"] & EPHEMERAL
                assert "must be a year or a date" in data["embeds"][0]["description"]

    run(scenario)


def test_user_text_is_escaped_and_pings_nobody(votes_db: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                text = "@everyone **Atlantis** <@123456789012345678>"
                _, callback = await ask(fake, "howvoted", {"country": text})
                data = callback.json["data"]
                assert data["allowed_mentions"] == {"parse": []}
                shown = data["embeds"][0].get("description", "") + data["embeds"][0]["title"]
                assert "@everyone" not in shown
                assert "**Atlantis**" not in shown
                assert "<@123456789012345678>" not in shown

    run(scenario)


def test_a_failure_in_the_core_gets_a_short_kind_reply_and_a_log_line(
    votes_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    db = tmp_path / "votes.db"
    db.write_bytes(votes_db.read_bytes())

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, db, db_check_seconds=3600), fake):
                # the disk goes bad under the open database: reads now fail in SQLite
                with db.open("r+b") as broken:
                    broken.write(b"\xff" * db.stat().st_size)
                interaction, callback = await ask(fake, "resolution", {"query": "A/RES/ES-11/4"})
                data = callback.json["data"]
                assert data["flags"] & EPHEMERAL
                assert data["embeds"][0]["description"].startswith("Sorry, something went wrong")
                user = interaction["member"]["user"]["id"]
                logged = [r for r in caplog.records if r.levelname == "ERROR"]
                assert any(
                    "/resolution(query='A/RES/ES-11/4')" in r.getMessage()
                    and f"/resolution by user {user}" in r.getMessage()
                    for r in logged
                ), [r.getMessage() for r in logged]

    run(scenario)
