"""Start the bot (`votebot run`) and sync its commands (`votebot sync`).

Both return an exit code; failures the operator can fix are one clear line, and the token
never reaches a log line or an error message.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

import discord

from bot.config import Settings
from bot.core.data.store import StoreError
from bot.discord_app.answers_holder import AnswersHolder
from bot.discord_app.client import make_bot

log = logging.getLogger("votebot")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)  # docker stop sends SIGTERM; Ctrl-C is SIGINT


class _RedactToken(logging.Filter):
    """Replaces the token in any record, whatever logger or argument carries it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "[token]")
            record.args = None
        return True


def setup_logging(settings: Settings, token: str | None) -> None:
    discord.utils.setup_logging(level=getattr(logging, settings.log_level), root=True)
    if token:
        redact = _RedactToken(token)
        for handler in logging.getLogger().handlers:
            handler.addFilter(redact)


class _StopBeforeStart(Exception):
    """A signal arrived while the database was still loading."""


def _stop_before_start(signum: int, frame: object) -> None:
    raise _StopBeforeStart(signum)


def fail(message: str) -> int:
    print(f"votebot: {message}", file=sys.stderr)
    return 1


def run(settings: Settings) -> int:
    """`votebot run`: connect, answer until SIGTERM or SIGINT, exit 0 on a clean stop."""
    token = settings.discord_token
    if not token:
        return fail("DISCORD_TOKEN is not set; put the bot token in the environment or .env")
    setup_logging(settings, token)
    # Loading the database takes a moment; a stop request then ends the process cleanly
    # too. Once the event loop runs, its own handlers take over (see _run).
    previous = {sig: signal.signal(sig, _stop_before_start) for sig in STOP_SIGNALS}
    try:
        holder = AnswersHolder(settings.db_path, settings.aliases_dir)
    except StoreError as exc:
        return fail(str(exc))
    except (OSError, ValueError) as exc:  # alias files: the message names file and reason
        return fail(f"cannot load the answers from {settings.db_path}: {exc}")
    except _StopBeforeStart:
        log.info("Stopped while loading the database")
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    try:
        return asyncio.run(_run(settings, holder, token))
    except discord.LoginFailure:
        return fail("Discord rejected the token in DISCORD_TOKEN (401 Unauthorized)")
    except discord.PrivilegedIntentsRequired:
        return fail("Discord refused the gateway intents; the bot needs no privileged intents")
    except discord.GatewayNotFound:
        return fail("cannot find the Discord gateway (check VOTEBOT_DISCORD_GATEWAY)")
    except discord.ConnectionClosed as exc:
        return fail(f"the Discord gateway closed the connection (code {exc.code})")
    except (OSError, discord.HTTPException) as exc:
        return fail(f"cannot reach Discord: {exc}")
    finally:
        holder.close()


async def _run(settings: Settings, holder: AnswersHolder, token: str) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    bot = make_bot(settings, holder)
    async with bot:
        started = asyncio.create_task(bot.start(token), name="votebot-start")
        stopping = asyncio.create_task(stop.wait(), name="votebot-stop")
        done, _ = await asyncio.wait({started, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if started in done:
            stopping.cancel()
            started.result()  # raises what stopped the bot
            return 0
        log.info("Shutting down on a signal")
        await bot.close()
        await started
    log.info("Stopped cleanly")
    return 0


def sync(settings: Settings, *, guild_id: int | None) -> int:
    """`votebot sync`: publish the command tree, globally or to one guild for testing."""
    token = settings.discord_token
    if not token:
        return fail("DISCORD_TOKEN is not set; put the bot token in the environment or .env")
    setup_logging(settings, token)
    try:
        synced = asyncio.run(_sync(settings, token, guild_id))
    except discord.LoginFailure:
        return fail("Discord rejected the token in DISCORD_TOKEN (401 Unauthorized)")
    except (OSError, discord.HTTPException) as exc:
        return fail(f"syncing the commands failed: {exc}")
    where = f"to guild {guild_id}" if guild_id is not None else "globally"
    print(f"Synced {len(synced)} commands {where}: {', '.join('/' + c for c in synced)}")
    return 0


async def _sync(settings: Settings, token: str, guild_id: int | None) -> list[str]:
    bot = make_bot(settings, None)
    async with bot:
        await bot.login(token)
        guild = discord.Object(id=guild_id) if guild_id is not None else None
        if guild is not None:
            bot.tree.copy_global_to(guild=guild)
        commands = await bot.tree.sync(guild=guild)
    return [c.name for c in commands]
