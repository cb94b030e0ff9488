"""Running the real bot against the fake Discord, in the test's process or as a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings
from tests.fake_discord.server import FakeDiscord

PROJECT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")

# The bot waits this long for GUILD_CREATEs after READY; small keeps tests fast.
GUILD_READY_TIMEOUT = 0.1


def run(coro_fn: Callable[[], Awaitable[T]], *, timeout: float = 60) -> T:
    """Run one async test scenario in a fresh event loop."""

    async def bounded() -> T:
        return await asyncio.wait_for(coro_fn(), timeout)

    return asyncio.run(bounded())


def settings_for(fake: FakeDiscord, db_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "db_path": db_path,
        "discord_token": fake.token,
        "discord_api": fake.api_base,
        "discord_gateway": fake.gateway_url,
    }
    values.update(overrides)
    return Settings(**values)


@contextlib.asynccontextmanager
async def running(bot: Any, fake: FakeDiscord, *, ready_timeout: float = 15) -> AsyncIterator[Any]:
    """Start `bot` (a VoteBot) against `fake`, wait until it is ready, close it after."""
    started = asyncio.create_task(bot.start(fake.token))
    ready = asyncio.create_task(bot.wait_until_ready())
    try:
        done, _ = await asyncio.wait(
            {started, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if started in done:
            started.result()
            raise AssertionError("the bot stopped before it was ready")
        if ready not in done:
            raise AssertionError("the bot was not ready in time")
        yield bot
    finally:
        ready.cancel()
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await started


def bot_env(fake: FakeDiscord, db_path: Path, **extra: str) -> dict[str, str]:
    """The environment for `python -m bot run` against the fake."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOTEBOT_", "DISCORD_"))}
    env.update(
        {
            "DISCORD_TOKEN": fake.token,
            "VOTEBOT_DB": str(db_path),
            "VOTEBOT_DISCORD_API": fake.api_base,
            "VOTEBOT_DISCORD_GATEWAY": fake.gateway_url,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


async def start_cli(*args: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=PROJECT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process, *, timeout: float = 30) -> tuple[int, str]:
    """Wait for a subprocess; its exit code and its output (stdout then stderr)."""
    out, err = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return process.returncode, out.decode() + err.decode()
