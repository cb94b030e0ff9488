"""`votebot run` as a real process against the fake Discord, signals, the heartbeat file,
and a database replaced under a running bot."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.core.ask.commands import HOWVOTED
from tests.discord_app.helpers import (
    VOTES_CSV,
    ask,
    assert_answered,
    assert_embed_is,
    build_db,
    eventually,
    make_bot,
)
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import bot_env, finish, run, running, start_cli

pytestmark = pytest.mark.e2e


def open_core(db: Path) -> Any:
    from bot.core.answers.facade import Answers

    return Answers.open(db, aliases_dir=Settings().aliases_dir)


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_votebot_run_answers_then_stops_cleanly_on_a_signal(
    votes_db: Path, stop_with: signal.Signals
) -> None:
    core = open_core(votes_db)
    answer = HOWVOTED.run(core, {"country": "Eritrea", "resolution": "ES-11/1"})
    core.close()

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            process = await start_cli("run", env=bot_env(fake, votes_db))
            try:
                await fake.wait_connected(timeout=30)
                options = {"country": "Eritrea", "resolution": "ES-11/1"}
                _, reply = await ask(fake, "howvoted", options)
                # The first answer of a fresh process may take over the deferral threshold
                # on a busy machine: a direct reply or a deferral then the edit, both fine.
                assert_answered(reply)
                assert_embed_is(reply.embed, answer)
            finally:
                if process.returncode is None:
                    process.send_signal(stop_with)
            code, output = await finish(process)
            assert code == 0, output
            assert "Stopped cleanly" in output
            assert "Traceback" not in output
            assert fake.token not in output

    run(scenario)


def test_votebot_run_with_a_rejected_token_is_one_clear_line(votes_db: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            env = bot_env(fake, votes_db, DISCORD_TOKEN="wrong-token-value")
            code, output = await finish(await start_cli("run", env=env))
            assert code == 1
            assert output.strip().splitlines()[-1] == (
                "votebot: Discord rejected the token in DISCORD_TOKEN (401 Unauthorized)"
            )
            assert "wrong-token-value" not in output
            assert "Traceback" not in output

    run(scenario)


def test_votebot_run_without_a_token_is_one_clear_line(votes_db: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            env = bot_env(fake, votes_db, DISCORD_TOKEN="")
            code, output = await finish(await start_cli("run", env=env))
            assert code == 1
            assert output.strip() == (
                "votebot: DISCORD_TOKEN is not set; put the bot token in the environment or .env"
            )

    run(scenario)


def test_the_heartbeat_file_is_touched_while_connected(votes_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    db.write_bytes(votes_db.read_bytes())

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            bot = make_bot(fake, db, heartbeat_seconds=0.1)
            heartbeat = tmp_path / "votes.db.heartbeat"
            assert bot.heartbeat_file == heartbeat
            async with running(bot, fake):
                await eventually(heartbeat.exists, what="the heartbeat file")
                first = heartbeat.stat().st_mtime_ns
                await eventually(
                    lambda: heartbeat.stat().st_mtime_ns > first, what="the heartbeat touched again"
                )
                assert heartbeat.read_text().split()[1] == str(os.getpid())
            assert not heartbeat.exists()  # removed on a clean stop

    run(scenario)


def with_extra_resolution(source: Path, target: Path, *, symbol: str) -> Path:
    """The fixture CSV plus one more resolution: a copy of ES-11/6 under another symbol."""
    text = source.read_text()
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames is not None
    extra = [
        {
            **row,
            "resolution": symbol,
            "date": "2024-02-24",
            "title": "Peace in Ukraine : resolution",
        }
        for row in reader
        if row["resolution"] == "A/RES/ES-11/6"
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, reader.fieldnames, lineterminator="\n")
    writer.writerows(extra)
    target.write_text(text + out.getvalue())
    return target


def test_a_database_replaced_mid_run_is_reopened_without_a_failed_reply(
    votes_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "votes.db"
    db.write_bytes(votes_db.read_bytes())
    newer_csv = with_extra_resolution(VOTES_CSV, tmp_path / "newer.csv", symbol="A/RES/ES-11/9")
    newer = build_db(newer_csv, tmp_path / "newer.db")
    core_new = open_core(newer)
    expected_new = core_new.resolution("ES-11/9")
    core_new.close()
    core_old = open_core(db)
    assert core_old.resolution("ES-11/9").kind_name == "unresolved"
    core_old.close()

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            bot = make_bot(fake, db, db_check_seconds=0.05)
            async with running(bot, fake):
                sent: list[dict[str, Any]] = []

                async def keep_asking() -> None:
                    for _ in range(40):
                        interaction = fake.command_interaction("resolution", {"query": "ES-11/1"})
                        sent.append(interaction)
                        await fake.send_interaction(interaction)
                        await asyncio.sleep(0.02)

                asking = asyncio.create_task(keep_asking())
                await asyncio.sleep(0.2)
                os.replace(newer, db)  # what `votebot data update` does
                await asking
                await eventually(lambda: bot.answers_holder.reloads, what="the database reloaded")
                assert bot.answers_holder.reloads == 1
                for interaction in sent:
                    # a burst of charted answers may be deferred, then edited in
                    message, _ = await fake.wait_reply(interaction)
                    assert message["embeds"][0]["title"].startswith("A/RES/ES-11/1"), message
                _, reply = await ask(fake, "resolution", {"query": "ES-11/9"})
                assert_answered(reply)
                assert_embed_is(reply.embed, expected_new)

    run(scenario)
