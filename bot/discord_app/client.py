"""The Discord client: VoteBot (one connection) and ShardedVoteBot (a range of shards)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.core.data.health import heartbeat_path
from bot.discord_app.answers_holder import AnswersHolder

log = logging.getLogger(__name__)

COGS = (
    "bot.discord_app.cogs.votes",
    "bot.discord_app.cogs.countries",
    "bot.discord_app.cogs.info",
    "bot.discord_app.cogs.mentions",
)
HEARTBEAT_SECONDS = 30.0
DB_CHECK_SECONDS = 5.0
API_VERSION_PATH = re.compile(r"/api/v\d+$")


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at a REST proxy and a gateway proxy, before it connects.

    VOTEBOT_DISCORD_API may be the proxy's root or its /api/vN base; the version that
    discord.py speaks is added when missing. Webhook follow-ups use the same base.
    """
    if settings.discord_api:
        base = settings.discord_api.rstrip("/")
        if not API_VERSION_PATH.search(base):
            base = f"{base}/api/v{discord.http.INTERNAL_API_VERSION}"
        discord.http.Route.BASE = base
    if settings.discord_gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway)


def pin_gateway(http: discord.http.HTTPClient, gateway: yarl.URL) -> None:
    """Open every gateway connection of this client through `gateway`, resumes included.

    discord.py resumes at the READY's `resume_gateway_url` (gateway.py stores it as the
    socket's `gateway`; client.py and shard.py reconnect there), and an auto-sharded
    client connects to the URL `GET /gateway/bot` names. Behind a gateway proxy both are
    Discord's own addresses, which the bot must not reach around the proxy. Every
    connection goes through `HTTPClient.ws_connect`, so that is where the address is
    replaced: the proxy's scheme, host and path, discord.py's query (version, encoding,
    compression). The bot never joins voice, whose sockets also pass through here.
    """
    connect = http.ws_connect

    async def ws_connect(url: str, *, compress: int = 0) -> Any:
        asked = yarl.URL(url)
        pinned = gateway.with_query(asked.query)
        if pinned.with_query(None) != asked.with_query(None):
            log.info(
                "Connecting through the gateway %s instead of %s", gateway, asked.with_query(None)
            )
        return await connect(str(pinned), compress=compress)

    http.ws_connect = ws_connect  # type: ignore[method-assign]


def bot_options(settings: Settings) -> dict[str, Any]:
    """What both bot classes are built with: no privileged intents, no pings, everywhere."""
    return {
        "command_prefix": commands.when_mentioned,
        "help_command": None,
        "intents": discord.Intents.default(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "allowed_installs": app_commands.AppInstallationType(guild=True, user=True),
        "allowed_contexts": app_commands.AppCommandContext(
            guild=True, dm_channel=True, private_channel=True
        ),
        "activity": discord.CustomActivity(name="UN General Assembly votes"),
        "max_messages": None,  # the bot never reads message history
        "chunk_guilds_at_startup": False,
    }


class _VoteBotBase:
    """What VoteBot and ShardedVoteBot share (a mixin in front of commands.Bot)."""

    def __init__(
        self,
        settings: Settings,
        holder: AnswersHolder | None,
        *,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        db_check_seconds: float = DB_CHECK_SECONDS,
        **options: Any,
    ) -> None:
        apply_endpoints(settings)  # before anything can reach out to Discord
        options = {**bot_options(settings), **self._connection_options(settings), **options}
        super().__init__(**options)
        if settings.discord_gateway:
            bot: discord.Client = self  # type: ignore[assignment]
            pin_gateway(bot.http, yarl.URL(settings.discord_gateway))
        self.settings = settings
        self.holder = holder
        self.heartbeat_seconds = heartbeat_seconds
        self.db_check_seconds = db_check_seconds
        self.heartbeat_file = heartbeat_path(settings.db_path)
        self._background: list[asyncio.Task[None]] = []

    @staticmethod
    def _connection_options(settings: Settings) -> dict[str, Any]:
        return {}

    @property
    def answers_holder(self) -> AnswersHolder:
        if self.holder is None:
            raise RuntimeError("this bot was started without a database (sync only)")
        return self.holder

    async def setup_hook(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        for name in COGS:
            await bot.load_extension(name)
        if self.holder is not None:
            self._background = [
                asyncio.create_task(self._touch_heartbeat(), name="votebot-heartbeat"),
                asyncio.create_task(self._watch_database(), name="votebot-db-watch"),
            ]

    async def on_message(self, message: discord.Message) -> None:
        """Mentions are answered by the mentions cog; there are no prefix commands."""

    async def close(self) -> None:
        for task in self._background:
            task.cancel()
        for task in self._background:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._background:
            # a clean stop: no heartbeat means "no bot running", not "bot stuck"
            self.heartbeat_file.unlink(missing_ok=True)
        self._background = []
        await super().close()  # type: ignore[misc]

    def connected(self) -> bool:
        bot: commands.Bot = self  # type: ignore[assignment]
        if bot.is_closed() or not bot.is_ready():
            return False
        if isinstance(bot, commands.AutoShardedBot):
            return any(not shard.is_closed() for shard in bot.shards.values())
        return bot.ws is not None and bot.ws.open

    async def _touch_heartbeat(self) -> None:
        while True:
            if self.connected():
                try:
                    self.heartbeat_file.write_text(f"{time.time():.0f} {os.getpid()}\n")
                except OSError as exc:
                    log.warning("Cannot write the heartbeat file %s: %s", self.heartbeat_file, exc)
            await asyncio.sleep(self.heartbeat_seconds)

    async def _watch_database(self) -> None:
        holder = self.answers_holder
        while True:
            await asyncio.sleep(self.db_check_seconds)
            try:
                await asyncio.to_thread(holder.reload_if_replaced)
            except Exception:
                log.exception("Checking the database %s for a new version failed", holder.db_path)


class VoteBot(_VoteBotBase, commands.Bot):
    """One gateway connection; loads the cogs in setup_hook."""


class ShardedVoteBot(_VoteBotBase, commands.AutoShardedBot):
    """The shards VOTEBOT_SHARD_IDS of VOTEBOT_SHARD_COUNT, in one process."""

    @staticmethod
    def _connection_options(settings: Settings) -> dict[str, Any]:
        shard_ids = list(settings.shard_ids) if settings.shard_ids is not None else None
        return {"shard_count": settings.shard_count, "shard_ids": shard_ids}


def make_bot(
    settings: Settings, holder: AnswersHolder | None, **options: Any
) -> VoteBot | ShardedVoteBot:
    """ShardedVoteBot when VOTEBOT_SHARD_COUNT is set, VoteBot otherwise."""
    if settings.shard_count is not None:
        return ShardedVoteBot(settings, holder, **options)
    return VoteBot(settings, holder, **options)
