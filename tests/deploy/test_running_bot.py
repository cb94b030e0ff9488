"""The bot in the image against the fake Discord: it answers, passes its healthcheck, keeps
answering through the scheduled data refresh, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from tests.deploy.containers import (
    FIGURES,
    IMAGE,
    WorkingContainer,
    container_processes,
    next_weeks_file,
    rss_kib,
    stop,
    wait_for,
)

pytestmark = pytest.mark.container


REFRESH_AFTER = 15.0  # seconds after the start, in the bot test


def test_bot_in_the_image_answers_and_keeps_answering_through_a_refresh(
    first_start: object, data_dir: Path, image: dict, tmp_path: Path
) -> None:
    """The image's entrypoint with an existing database: the bot connects to the fake
    Discord and answers /howvoted as the core does; the healthcheck passes on its
    heartbeat; the scheduled refresh imports a new file and swaps it in while the bot
    goes on answering; SIGTERM ends it all with exit code 0."""
    from bot.config import Settings
    from bot.core.answers.facade import Answers
    from bot.core.data.refresh import stamp_path
    from tests.discord_app.helpers import ask, assert_answered, assert_embed_is
    from tests.fake_discord import FakeDiscord, Reply
    from tests.fake_discord.harness import run as run_async

    db = data_dir / "votes.db"
    core = Answers.open(db, aliases_dir=Settings().aliases_dir)
    expected = core.how_voted("Eritrea", "ES-11/1")
    core.close()

    update_dir = tmp_path / "update"
    update_dir.mkdir()
    next_weeks_file(update_dir)
    container = WorkingContainer(IMAGE, volumes={data_dir: "/data", update_dir: "/update:ro"})
    checker = WorkingContainer(IMAGE, volumes={data_dir: "/data"})
    heartbeat = data_dir / "votes.db.heartbeat"
    heartbeat.unlink(missing_ok=True)
    # The last refresh "was" now: the next one falls due REFRESH_AFTER seconds from now.
    stamp = stamp_path(db)
    stamp.touch()
    os.chown(stamp, data_dir.stat().st_uid, data_dir.stat().st_gid)
    inode_before = db.stat().st_ino
    log = tmp_path / "bot.log"
    options = {"country": "Eritrea", "resolution": "ES-11/1"}

    async def answered(fake: FakeDiscord) -> Reply:
        _, reply = await ask(fake, "howvoted", options)
        # The first answer of a fresh process, and answers during the refresh's import, may
        # take over the bot's deferral threshold: a direct reply or a deferral then the edit.
        assert_answered(reply)
        assert_embed_is(reply.embed, expected)
        return reply

    def log_says(text: str, *, timeout: float) -> object:
        return asyncio.to_thread(
            wait_for, lambda: text in log.read_text(), timeout=timeout, what=repr(text)
        )

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            env = {
                "DISCORD_TOKEN": fake.token,
                "VOTEBOT_DISCORD_API": fake.api_base,
                "VOTEBOT_DISCORD_GATEWAY": fake.gateway_url,
                "VOTEBOT_DATA_SOURCE": "/update/unga-votes.csv.gz",
                "VOTEBOT_REFRESH_HOURS": str(REFRESH_AFTER / 3600),
            }
            started = time.monotonic()
            proc = container.start(
                [*container.entrypoint, *container.default_cmd], env=env, log=log
            )
            try:
                await fake.wait_connected(timeout=60)
                connected = time.monotonic()
                reply = await answered(fake)
                FIGURES["existing database: start to connected (s)"] = round(connected - started, 2)
                FIGURES["existing database: start to first answer (s)"] = round(
                    reply.at - started, 2
                )

                # the heartbeat appears, and the image's healthcheck passes on it
                await asyncio.to_thread(
                    wait_for, heartbeat.exists, timeout=40, what="the bot's heartbeat file"
                )
                health = await asyncio.to_thread(checker.run, ["votebot", "health"])
                assert health.returncode == 0, health.stdout + health.stderr
                assert "bot heartbeat" in health.stdout

                running = container_processes(proc.pid)
                bot = [pid for pid, line in running.items() if line.endswith("votebot run")]
                assert len(bot) == 1, running
                assert any("refresh-loop" in line for line in running.values()), running
                FIGURES["bot process RSS (MB)"] = round(rss_kib(bot[0]) / 1024, 1)
                FIGURES["container RSS, all processes (MB)"] = round(
                    sum(rss_kib(pid) for pid in running) / 1024, 1
                )

                # the scheduled refresh: answers go on during the import and after the swap
                await log_says("refreshing the data", timeout=60)
                await answered(fake)
                await log_says("data refresh finished", timeout=180)
                assert db.stat().st_ino != inode_before, "the database was not swapped"
                await answered(fake)
            finally:
                code = await asyncio.to_thread(stop, proc)
            text = log.read_text()
            assert code == 0, text[-3000:]
            assert "Stopped cleanly" in text
            assert "stopped (bot exit 0)" in text
            assert "building it from" not in text  # the database was already there
            assert "data refresh failed" not in text
            assert "Traceback" not in text
            assert fake.token not in text

    try:
        run_async(scenario, timeout=400)
    finally:
        container.remove()
        checker.remove()
