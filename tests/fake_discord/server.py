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
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

from tests.fake_discord import payloads
from tests.fake_discord.payloads import (
    API_VERSION,
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    GUILD,
    HOST,
    MESSAGE_COMPONENT,
    MESSAGE_CONTENT_INTENT,
    PRIVATE_CHANNEL,
    UPDATE_MESSAGE,
)

# Ids are unique across every fake of a process: the bot's per-user cooldowns live as long
# as the process, and a test must not inherit another test's users.
_SNOWFLAKES = itertools.count(1_200_000_000_000_000_000)


def _json_response(data: Any, *, status: int = 200, headers: dict[str, str] | None = None):
    """discord.py only decodes JSON when Content-Type is exactly application/json."""
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def _error(status: int, code: int, message: str) -> web.Response:
    return _json_response({"message": message, "code": code}, status=status)


async def _read_multipart(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """discord.py sends files as multipart/form-data: the JSON body in `payload_json`,
    the files in `files[n]` parts, described by the body's `attachments` entries."""
    body: Any = None
    uploads: list[UploadedFile] = []
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "payload_json":
            body = json.loads(await part.text())
            continue
        index = re.fullmatch(r"files\[(\d+)\]", part.name or "")
        if index is not None:
            uploads.append(
                UploadedFile(
                    index=int(index[1]),
                    filename=part.filename or "",
                    content_type=part.headers.get("Content-Type", ""),
                    data=bytes(await part.read()),
                )
            )
    entries = (body or {}).get("attachments")
    if entries is None:  # an interaction callback nests the message under "data"
        entries = ((body or {}).get("data") or {}).get("attachments") or []
    described = {str(e.get("id")): e.get("description") for e in entries}
    for upload in uploads:
        upload.description = described.get(str(upload.index))
    return body, uploads


@dataclass
class UploadedFile:
    """A file part of a multipart request, with the description its payload gave it."""

    index: int  # n of the form field files[n], the id its attachment entry refers to
    filename: str
    content_type: str
    data: bytes
    description: str | None = None


@dataclass
class RecordedRequest:
    """One REST call the bot made."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    status: int
    at: float  # time.monotonic() when it arrived
    uploads: list[UploadedFile] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return [u.filename for u in self.uploads]


@dataclass
class GatewaySession:
    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    ws: web.WebSocketResponse | None = None
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)  # dispatches with their seq
    resumes: int = 0
    connected: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _Waiter:
    predicate: Callable[[RecordedRequest], bool]
    future: asyncio.Future[RecordedRequest]


class FakeDiscord:
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

    # --- lifecycle ---------------------------------------------------------------------

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

    # --- ids and payload builders ------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def make_user(self, name: str) -> dict[str, Any]:
        return payloads.user(self.next_id(), name)

    def shard_for(self, guild_id: int | None, shard_count: int | None = None) -> int:
        count = shard_count or self._shard_count()
        return 0 if guild_id is None else (guild_id >> 22) % count

    def _shard_count(self) -> int:
        if self.by_shard:
            return next(iter(self.by_shard.values())).shard_count
        return self.recommended_shards

    def _where(
        self, payload: dict[str, Any], user: dict[str, Any], context: int, guild_id: int | None
    ) -> None:
        """Fill in guild/channel/user fields for the interaction's context."""
        payload["context"] = context
        if context == GUILD:
            gid = guild_id or self.guild_ids[0]
            payload["guild_id"] = str(gid)
            payload["channel_id"] = str(self.channel_of_guild[gid])
            payload["channel"] = payloads.text_channel(gid, self.channel_of_guild[gid])
            payload["member"] = payloads.member(user)
            payload["guild"] = {"id": str(gid), "locale": "en-US", "features": []}
            payload["authorizing_integration_owners"] = {"0": str(gid)}
        else:
            channel_id = self.next_id()
            payload["channel_id"] = str(channel_id)
            group = context == PRIVATE_CHANNEL
            payload["channel"] = payloads.private_channel(channel_id, user, group=group)
            payload["user"] = user
            # a command in a group DM works only through a user install (type 1)
            owners = {"1": user["id"]} if context == PRIVATE_CHANNEL else {"0": "0"}
            payload["authorizing_integration_owners"] = owners

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user: dict[str, Any] | None,
        context: int,
        guild_id: int | None,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        token = f"itoken-{self.next_id()}"
        payload: dict[str, Any] = {
            "id": str(self.next_id()),
            "application_id": str(self.application_id),
            "type": kind,
            "token": token,
            "version": 1,
            "data": data,
            "app_permissions": payloads.PERMISSIONS,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        self._where(payload, user or self.make_user("member"), context, guild_id)
        if message is not None:
            payload["message"] = message
        return payload

    def command_interaction(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: dict[str, Any] | None = None,
        context: int = GUILD,
        guild_id: int | None = None,
        focused: str | None = None,
    ) -> dict[str, Any]:
        """An application command (or, with `focused`, an autocomplete) interaction."""
        command_id = self._command_id(name)
        data = {
            "id": str(command_id),
            "name": name,
            "type": 1,
            "options": payloads.command_options(options or {}, focused),
        }
        kind = AUTOCOMPLETE if focused else APPLICATION_COMMAND
        return self._interaction(kind, data, user=user, context=context, guild_id=guild_id)

    def component_interaction(
        self,
        message_id: int,
        custom_id: str,
        *,
        values: list[str] | None = None,
        user: dict[str, Any] | None = None,
        context: int = GUILD,
        guild_id: int | None = None,
    ) -> dict[str, Any]:
        """A click on a button (or a choice in a select menu) of a message the bot sent."""
        message = self.messages[message_id]
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": 2}
        if values is not None:
            data = {"custom_id": custom_id, "component_type": 3, "values": values}
        return self._interaction(
            MESSAGE_COMPONENT,
            data,
            user=user,
            context=context,
            guild_id=guild_id,
            message=message,
        )

    def _command_id(self, name: str) -> int:
        for commands in self.commands.values():
            for command in commands:
                if command["name"] == name:
                    return int(command["id"])
        return self.next_id()

    def mention_message(
        self,
        text: str,
        *,
        user: dict[str, Any] | None = None,
        guild_id: int | None = None,
        mention: bool = True,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE from a user, mentioning the bot unless told otherwise."""
        author = user or self.make_user("member")
        gid = guild_id or self.guild_ids[0]
        content = f"<@{self.application_id}> {text}" if mention else text
        created = payloads.message(
            self.next_id(),
            self.channel_of_guild[gid],
            author,
            content=content,
            mentions=[self.bot_user] if mention else [],
        )
        created["guild_id"] = str(gid)
        created["member"] = {k: v for k, v in payloads.member(author).items() if k != "user"}
        return created

    # --- sending gateway events --------------------------------------------------------

    async def wait_connected(self, shard_ids: tuple[int, ...] = (0,), timeout: float = 10) -> None:
        async def all_connected() -> None:
            while not all(
                s in self.by_shard and self.by_shard[s].connected.is_set() for s in shard_ids
            ):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(all_connected(), timeout)

    async def dispatch(self, event: str, data: dict[str, Any], *, shard_id: int = 0) -> int:
        """Send a DISPATCH to a shard's session; it is buffered if the shard is away."""
        session = self.by_shard[shard_id]
        if event == "INTERACTION_CREATE":
            self.interactions[data["token"]] = data
            self.sent_at[data["token"]] = time.monotonic()
        if event == "MESSAGE_CREATE" and not session.intents & MESSAGE_CONTENT_INTENT:
            mentioned = any(u["id"] == self.bot_user["id"] for u in data.get("mentions", []))
            if not mentioned and "guild_id" in data:
                data = {**data, "content": ""}
        return await self._send_dispatch(session, event, data)

    async def send_interaction(self, payload: dict[str, Any]) -> int:
        gid = payload.get("guild_id")
        return await self.dispatch(
            "INTERACTION_CREATE", payload, shard_id=self.shard_for(int(gid) if gid else None)
        )

    async def _send_dispatch(self, session: GatewaySession, event: str, data: Any) -> int:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.sent.append(frame)
        ws = session.ws
        if ws is not None and not ws.closed:
            try:
                await ws.send_str(json.dumps(frame))
            except ConnectionError:
                pass  # the client will RESUME and get it replayed
        return session.seq

    async def close_gateway(self, shard_id: int = 0, *, code: int = 4000) -> None:
        """Drop a shard's connection with a resumable close code (4000: unknown error)."""
        session = self.by_shard[shard_id]
        session.connected.clear()
        if session.ws is not None:
            ws, session.ws = session.ws, None
            await ws.close(code=code, message=b"closed by the test")

    # --- waiting for what the bot sent -------------------------------------------------

    async def wait_for_request(
        self, predicate: Callable[[RecordedRequest], bool], *, timeout: float = 10
    ) -> RecordedRequest:
        for request in self.requests:
            if predicate(request):
                return request
        future: asyncio.Future[RecordedRequest] = asyncio.get_running_loop().create_future()
        self._waiters.append(_Waiter(predicate, future))
        return await asyncio.wait_for(future, timeout)

    async def wait_callback(self, interaction: dict[str, Any], *, timeout: float = 10):
        path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self.wait_for_request(
            lambda r: r.path == path and r.status < 300, timeout=timeout
        )

    async def wait_followup(self, interaction: dict[str, Any], *, timeout: float = 10):
        """The first message sent or edited through the interaction's webhook."""
        prefix = f"/webhooks/{self.application_id}/{interaction['token']}"
        return await self.wait_for_request(
            lambda r: (
                r.path.startswith(prefix) and r.method in ("POST", "PATCH") and r.status < 300
            ),
            timeout=timeout,
        )

    async def wait_reply(
        self, interaction: dict[str, Any], *, timeout: float = 10
    ) -> tuple[dict[str, Any], list[UploadedFile]]:
        """The message the bot answered with and its files: from the callback, or from the
        follow-up that completes a deferred callback."""
        callback = await self.wait_callback(interaction, timeout=timeout)
        if callback.json["type"] in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE):
            followup = await self.wait_followup(interaction, timeout=timeout)
            return followup.json, followup.uploads
        return callback.json["data"], callback.uploads

    def requests_to(self, pattern: str, method: str | None = None) -> list[RecordedRequest]:
        regex = re.compile(pattern)
        return [
            r
            for r in self.requests
            if regex.fullmatch(r.path) and (method is None or r.method == method)
        ]

    def rate_limit(self, method: str, pattern: str, *, times: int = 1, retry_after: float = 0.5):
        """Answer the next `times` matching requests with 429 and `retry_after` seconds."""
        self._rate_limits.append([method, re.compile(pattern), times, retry_after])

    def _record(self, request: RecordedRequest) -> None:
        self.requests.append(request)
        for waiter in list(self._waiters):
            if waiter.future.done():
                self._waiters.remove(waiter)
            elif waiter.predicate(request):
                waiter.future.set_result(request)
                self._waiters.remove(waiter)

    # --- REST --------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        uploads: list[UploadedFile] = []
        if request.content_type.startswith("multipart/"):
            body, uploads = await _read_multipart(request)
        elif request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            status=0,
            at=time.monotonic(),
            uploads=uploads,
        )
        response = self._limited(request.method, path) or self._route(request, path, body, uploads)
        record.status = response.status
        self._record(record)
        return response

    def _limited(self, method: str, path: str) -> web.Response | None:
        for limit in self._rate_limits:
            want_method, regex, times, retry_after = limit
            if times > 0 and want_method == method and regex.fullmatch(path):
                limit[2] -= 1
                return _json_response(
                    {
                        "message": "You are being rate limited.",
                        "retry_after": retry_after,
                        "global": False,
                    },
                    status=429,
                    headers={
                        "Via": "1.1 google",
                        "Retry-After": str(max(1, round(retry_after))),
                        "X-RateLimit-Scope": "user",
                    },
                )
        return None

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _route(
        self, request: web.Request, path: str, body: Any, uploads: list[UploadedFile]
    ) -> web.Response:
        method = request.method
        parts = path.strip("/").split("/")
        if parts[0] == "interactions" and len(parts) == 4 and method == "POST":
            return self._callback(parts[1], parts[2], body, uploads)
        if parts[0] == "webhooks" and len(parts) >= 3:
            return self._webhook(method, parts, body, uploads)
        if not self._authorised(request):
            return _error(401, 0, "401: Unauthorized")
        if path == "/users/@me" and method == "GET":
            return _json_response(self.bot_user)
        if path == "/oauth2/applications/@me" and method == "GET":
            return _json_response(payloads.application_info(self.application_id, self.owner))
        if path == "/gateway/bot" and method == "GET":
            return _json_response(
                {
                    "url": self.discord_gateway_url,
                    "shards": self.recommended_shards,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 14400000,
                        "max_concurrency": 1,
                    },
                }
            )
        if path == "/gateway" and method == "GET":
            return _json_response({"url": self.discord_gateway_url})
        match = re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path)
        if match and int(match[1]) == self.application_id:
            guild = int(match[2]) if match[2] else None
            if method == "PUT":
                self.commands[guild] = [self._stored_command(c, guild) for c in body]
            return _json_response(self.commands.get(guild, []))
        match = re.fullmatch(r"/channels/(\d+)/messages", path)
        if match and method == "POST":
            return _json_response(self._store_message(int(match[1]), body or {}, uploads=uploads))
        return _error(404, 0, f"404: Not Found ({method} {path})")

    def _stored_command(self, command: dict[str, Any], guild: int | None) -> dict[str, Any]:
        stored = dict(command)
        stored["id"] = str(self._command_id_for_sync(command["name"], guild))
        stored["application_id"] = str(self.application_id)
        stored["version"] = str(self.next_id())
        if guild is not None:
            stored["guild_id"] = str(guild)
        return stored

    def _command_id_for_sync(self, name: str, guild: int | None) -> int:
        for command in self.commands.get(guild, []):
            if command["name"] == name:
                return int(command["id"])
        return self.next_id()

    def _attachments(
        self, body: dict[str, Any], uploads: Sequence[UploadedFile], kept: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The attachments a message has after a send or edit with `body`.

        Entries of body["attachments"] either name an uploaded file part by its index
        (a new attachment) or keep an attachment the message already has, by id.
        """
        by_index = {u.index: u for u in uploads}
        existing = {a["id"]: a for a in kept}
        result = []
        for entry in body.get("attachments") or []:
            ref = entry.get("id")
            upload = by_index.get(int(ref)) if str(ref).isdigit() else None
            if str(ref) in existing:
                result.append(existing[str(ref)])
            elif upload is not None:
                result.append(self._attachment(upload, entry))
        return result

    def _attachment(self, upload: UploadedFile, entry: dict[str, Any]) -> dict[str, Any]:
        attachment_id = self.next_id()
        url = f"http://{HOST}:{self.port}/attachments/{attachment_id}/{upload.filename}"
        self.uploaded[attachment_id] = upload
        return {
            "id": str(attachment_id),
            "filename": upload.filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": upload.content_type,
            "description": entry.get("description"),
        }

    def _store_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        *,
        token: str | None = None,
        uploads: Sequence[UploadedFile] = (),
    ) -> dict[str, Any]:
        message_id = self.next_id()
        message = payloads.message(
            message_id,
            channel_id,
            self.bot_user,
            content=body.get("content") or "",
            embeds=body.get("embeds"),
            components=body.get("components"),
            flags=body.get("flags") or 0,
        )
        message["attachments"] = self._attachments(body, uploads, [])
        if token is not None:
            message["webhook_id"] = str(self.application_id)
            message["application_id"] = str(self.application_id)
        self.messages[message_id] = message
        return message

    def _callback(
        self, interaction_id: str, token: str, body: Any, uploads: list[UploadedFile]
    ) -> web.Response:
        interaction = self.interactions.get(token)
        if interaction is None or interaction["id"] != interaction_id:
            return _error(404, 10062, "Unknown interaction")
        if token in self.acknowledged:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        now = time.monotonic()
        if now - self.sent_at[token] > self.callback_deadline:
            return _error(404, 10062, "Unknown interaction")
        self.acknowledged[token] = now
        kind = body["type"]
        data = body.get("data") or {}
        result: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": interaction["type"],
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        if kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            message = self._store_message(
                int(interaction["channel_id"]), data, token=token, uploads=uploads
            )
            self.originals[token] = int(message["id"])
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": kind, "message": message}
        elif kind in (UPDATE_MESSAGE, DEFERRED_UPDATE_MESSAGE) and "message" in interaction:
            message_id = int(interaction["message"]["id"])
            if kind == UPDATE_MESSAGE:
                self._edit_message(message_id, data, uploads)
            result["interaction"]["response_message_id"] = str(message_id)
            result["resource"] = {"type": kind, "message": self.messages[message_id]}
        return _json_response(result)

    def _edit_message(
        self, message_id: int, body: dict[str, Any], uploads: list[UploadedFile]
    ) -> dict[str, Any]:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components", "flags"):
            if key in body and body[key] is not None:
                message[key] = body[key]
        if "attachments" in body:  # left out: the attachments stay as they are
            message["attachments"] = self._attachments(body, uploads, message["attachments"])
        message["edited_timestamp"] = payloads.timestamp()
        return message

    def _webhook(
        self, method: str, parts: list[str], body: Any, uploads: list[UploadedFile]
    ) -> web.Response:
        # /webhooks/{application id}/{token}[/messages/{id or @original}]
        app_id, token = parts[1], parts[2]
        interaction = self.interactions.get(token)
        if app_id != str(self.application_id) or interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        if token not in self.acknowledged:
            return _error(404, 10015, "Unknown Webhook")
        if len(parts) == 3 and method == "POST":
            message = self._store_message(
                int(interaction["channel_id"]), body or {}, token=token, uploads=uploads
            )
            return _json_response(message)
        if len(parts) == 5 and parts[3] == "messages":
            ref = parts[4]
            if ref == "@original":
                if token not in self.originals and "message" in interaction:
                    self.originals[token] = int(interaction["message"]["id"])
                if token not in self.originals:
                    return _error(404, 10008, "Unknown Message")
                message_id = self.originals[token]
            else:
                message_id = int(ref)
            if message_id not in self.messages:
                return _error(404, 10008, "Unknown Message")
            if method == "PATCH":
                return _json_response(self._edit_message(message_id, body or {}, uploads))
            if method == "GET":
                return _json_response(self.messages[message_id])
            if method == "DELETE":
                del self.messages[message_id]
                return web.Response(status=204)
        return _error(404, 0, "404: Not Found")

    # --- gateway -----------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        self.gateway_paths.append(request.path)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._gateway_sockets.add(ws)
        session: GatewaySession | None = None
        try:
            await self._send(
                ws, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                op, data = payload.get("op"), payload.get("d")
                if op == 1:
                    self.heartbeats += 1
                    await self._send(ws, {"op": 11})
                elif op == 2:
                    session = await self._identify(ws, data)
                    if session is None:
                        break
                elif op == 6:
                    session = await self._resume(ws, data)
        finally:
            self._gateway_sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
                session.connected.clear()
        return ws

    @staticmethod
    async def _send(ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        frame.setdefault("s", None)
        frame.setdefault("t", None)
        await ws.send_str(json.dumps(frame))

    async def _identify(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        self.identifies.append(data)
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = int(data.get("intents", 0))
        shard_id, shard_count = data.get("shard", [0, 1])
        if shard_count != self._shard_count() and self.by_shard:
            self.by_shard.clear()
        session = GatewaySession(
            session_id=f"session-{self.next_id()}",
            shard_id=shard_id,
            shard_count=shard_count,
            intents=intents,
            ws=ws,
        )
        self.sessions[session.session_id] = session
        self.by_shard[shard_id] = session
        guilds = [g for g in self.guild_ids if self.shard_for(g, shard_count) == shard_id]
        ready = {
            "v": API_VERSION,
            "user": self.bot_user,
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "resume_gateway_url": self.discord_gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.application_id), "flags": 0},
        }
        await self._send_dispatch(session, "READY", ready)
        for guild in guilds:
            await self._send_dispatch(
                session,
                "GUILD_CREATE",
                payloads.guild_create(guild, self.channel_of_guild[guild], self.owner["id"]),
            )
        session.connected.set()
        return session

    async def _resume(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await self._send(ws, {"op": 9, "d": False})
            return None
        session.ws = ws
        session.resumes += 1
        last_seen = data.get("seq") or 0
        for frame in session.sent:
            if frame["s"] > last_seen:
                await ws.send_str(json.dumps(frame))
        await self._send_dispatch(session, "RESUMED", {})
        session.connected.set()
        return session
