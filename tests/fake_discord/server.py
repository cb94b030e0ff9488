"""A fake Discord on 127.0.0.1: the REST API and the gateway, as far as the bot uses them.

The real discord.py client connects to it through its own code paths (login, gateway
HELLO / IDENTIFY / READY / heartbeats / RESUME, interaction callbacks, webhook
follow-ups, command sync). Every REST call is recorded so tests can read what the bot
sent. Behaviour follows the Discord API documentation:

- an interaction can be acknowledged once; a second callback gets 400 / code 40060;
- follow-ups go to /webhooks/{application id}/{interaction token};
- a 429 carries `retry_after` (seconds) and a `Via` header, as Discord's edge does;
- READY carries `resume_gateway_url`; a RESUME replays the events the client missed;
- without the MESSAGE_CONTENT intent, message content is only sent for messages that
  mention the bot or are direct messages.

FakeDiscord holds the state; its parts each do one thing: factories.py makes the
payloads sent to the bot, gateway.py is the websocket, rest.py the HTTP routes, and
recording.py records what the bot sent and waits for it.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fake_discord import payloads
from tests.fake_discord.factories import _SNOWFLAKES, InteractionFactory
from tests.fake_discord.gateway import Gateway, GatewaySession
from tests.fake_discord.payloads import API_VERSION, HOST
from tests.fake_discord.recording import RecordedRequest, Reply, RequestLog, UploadedFile, _Waiter
from tests.fake_discord.rest import RestApi

__all__ = ["FakeDiscord", "GatewaySession", "RecordedRequest", "Reply", "UploadedFile"]


class FakeDiscord(InteractionFactory, Gateway, RestApi, RequestLog):
    """Start with `await fake.start()`; stop with `await fake.stop()`."""

    def __init__(
        self,
        *,
        token: str = "fake-token-for-tests",
        shards: int = 1,
        guild_ids: tuple[int, ...] = (),
        heartbeat_interval_ms: int = 41250,
        callback_deadline: float = 3.0,
        discord_gateway_path: str = "/gateway",
    ) -> None:
        self.token = token
        # Discord's own gateway host, named by READY's resume_gateway_url and by GET
        # /gateway/bot. A gateway proxy in front of the bot (/gateway here) may pass
        # those on unchanged. The fake serves this path too, so a test can tell which
        # one the bot connected to.
        self.discord_gateway_path = discord_gateway_path
        self.gateway_paths: list[str] = []  # the path of every gateway connection
        self.recommended_shards = shards
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.callback_deadline = callback_deadline
        self._ids = _SNOWFLAKES  # shared: users stay distinct across fakes in one process
        self.application_id = self.next_id()
        self.bot_user = payloads.user(self.application_id, "votebot", bot=True)
        self.owner = self.make_user("owner")
        self.guild_ids = guild_ids or (self.next_id(),)
        self.channel_of_guild = {gid: self.next_id() for gid in self.guild_ids}

        self.requests: list[RecordedRequest] = []
        self.identifies: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.sessions: dict[str, GatewaySession] = {}
        self.by_shard: dict[int, GatewaySession] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None = global)
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[str, dict[str, Any]] = {}  # token -> payload
        self.acknowledged: dict[str, float] = {}  # token -> when the callback arrived
        self.sent_at: dict[str, float] = {}  # token -> when INTERACTION_CREATE was sent
        self.originals: dict[str, int] = {}  # token -> message id of the original response
        self.uploaded: dict[int, UploadedFile] = {}  # attachment id -> the file's bytes
        self._rate_limits: list[list[Any]] = []
        self._waiters: list[_Waiter] = []
        self._gateway_sockets: set[web.WebSocketResponse] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        if self.discord_gateway_path != "/gateway":
            app.router.add_get(self.discord_gateway_path, self._gateway)
        app.router.add_route("*", "/api/v{version}/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for ws in list(self._gateway_sockets):
            await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def api_base(self) -> str:
        return f"http://{HOST}:{self.port}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{HOST}:{self.port}/gateway"

    @property
    def discord_gateway_url(self) -> str:
        return f"ws://{HOST}:{self.port}{self.discord_gateway_path}"
