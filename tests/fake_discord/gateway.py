"""The fake Discord's gateway: HELLO, IDENTIFY / READY and GUILD_CREATE, heartbeats,
RESUME with the events a client missed, and the events a test sends the bot."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fake_discord import payloads
from tests.fake_discord.payloads import API_VERSION, MESSAGE_CONTENT_INTENT


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


class Gateway:
    """The gateway side of a FakeDiscord: its sessions, one per shard."""

    token: str
    application_id: int
    bot_user: dict[str, Any]
    owner: dict[str, Any]
    guild_ids: tuple[int, ...]
    channel_of_guild: dict[int, int]
    recommended_shards: int
    heartbeat_interval_ms: int
    discord_gateway_url: str
    gateway_paths: list[str]
    identifies: list[dict[str, Any]]
    heartbeats: int
    sessions: dict[str, GatewaySession]
    by_shard: dict[int, GatewaySession]
    interactions: dict[str, dict[str, Any]]
    sent_at: dict[str, float]
    _gateway_sockets: set[web.WebSocketResponse]
    next_id: Callable[[], int]  # InteractionFactory.next_id

    def shard_for(self, guild_id: int | None, shard_count: int | None = None) -> int:
        count = shard_count or self._shard_count()
        return 0 if guild_id is None else (guild_id >> 22) % count

    def _shard_count(self) -> int:
        if self.by_shard:
            return next(iter(self.by_shard.values())).shard_count
        return self.recommended_shards

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
