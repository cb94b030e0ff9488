"""The reply pipeline end to end: an answer slower than the deferral threshold is deferred
and edited in, the core runs off the event loop, and a failure is a short kind reply."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.core.ask.commands import COMPARE
from tests.discord_app.helpers import ask, assert_embed_is, make_bot
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import run, running
from tests.fake_discord.payloads import DEFERRED_CHANNEL_MESSAGE

pytestmark = pytest.mark.e2e


def test_slow_answers_are_deferred_then_edited_in(
    votes_db: Path, core: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.discord_app import replies

    monkeypatch.setattr(replies, "DEFER_AFTER", 0.0)  # treat every answer as slow
    answer = COMPARE.run(core, {"a": "France", "b": "Germany"})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                _, reply = await ask(fake, "compare", {"a": "France", "b": "Germany"})
                assert reply.kind == DEFERRED_CHANNEL_MESSAGE
                assert reply.edited_in  # PATCH .../messages/@original
                assert_embed_is(reply.embed, answer)

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
                interaction, reply = await ask(fake, "resolution", {"query": "A/RES/ES-11/4"})
                assert reply.ephemeral  # in the callback, or a follow-up after a deferral
                assert reply.embed["description"].startswith("Sorry, something went wrong")
                user = interaction["member"]["user"]["id"]
                logged = [r for r in caplog.records if r.levelname == "ERROR"]
                assert any(
                    "/resolution(query='A/RES/ES-11/4')" in r.getMessage()
                    and f"/resolution by user {user}" in r.getMessage()
                    for r in logged
                ), [r.getMessage() for r in logged]

    run(scenario)
