"""What the bot sent the fake Discord: every REST call recorded, the files it uploaded,
and waiting for a call, an interaction's callback, its follow-up or its reply."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fake_discord.payloads import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
)


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


@dataclass(frozen=True)
class Reply:
    """What the user sees in answer to an interaction.

    The bot answers in the callback (CHANNEL_MESSAGE, UPDATE_MESSAGE) when the core is
    quick, or defers (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE) and sends the
    message in a follow-up: an edit of the original response, or a new follow-up message
    (a notice). Which one depends on timing (the bot defers after a second), so tests
    read the reply through this, whichever way it came.
    """

    callback: RecordedRequest
    followup: RecordedRequest | None = None  # the first follow-up after a deferral

    @property
    def kind(self) -> int:
        """The callback's type."""
        return int(self.callback.json["type"])

    @property
    def deferred(self) -> bool:
        return self.kind in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE)

    @property
    def edited_in(self) -> bool:
        """Deferred, then the original response edited into the answer."""
        return (
            self.followup is not None
            and self.followup.method == "PATCH"
            and self.followup.path.endswith("/messages/@original")
        )

    @property
    def direct(self) -> bool:
        """Answered in the callback itself, as a new message (not deferred, not an edit)."""
        return self.kind == CHANNEL_MESSAGE

    @property
    def message(self) -> dict[str, Any]:
        """The message payload: the callback's data, or the follow-up's body."""
        if self.followup is not None:
            return self.followup.json or {}
        return self.callback.json.get("data") or {}

    @property
    def uploads(self) -> list[UploadedFile]:
        return self.followup.uploads if self.followup is not None else self.callback.uploads

    @property
    def ephemeral(self) -> bool:
        """Only the user sees it: set on the deferral, or on the message itself."""
        flags = self.message.get("flags") or 0
        if self.deferred:
            flags |= (self.callback.json.get("data") or {}).get("flags") or 0
        return bool(flags & EPHEMERAL)

    @property
    def embed(self) -> dict[str, Any]:
        """The message's first embed."""
        return self.message["embeds"][0]

    @property
    def at(self) -> float:
        """When the user saw the answer (time.monotonic())."""
        return self.followup.at if self.followup is not None else self.callback.at


@dataclass
class _Waiter:
    predicate: Callable[[RecordedRequest], bool]
    future: asyncio.Future[RecordedRequest]


class RequestLog:
    """The recorded REST calls of a FakeDiscord, and waiting for the ones a test expects."""

    application_id: int
    requests: list[RecordedRequest]
    _waiters: list[_Waiter]

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
        reply = await self.wait_answer(interaction, timeout=timeout)
        return reply.message, reply.uploads

    async def wait_answer(self, interaction: dict[str, Any], *, timeout: float = 10) -> Reply:
        """The interaction's callback and, if the bot deferred, the follow-up that answers."""
        callback = await self.wait_callback(interaction, timeout=timeout)
        if callback.json["type"] in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE):
            return Reply(callback, await self.wait_followup(interaction, timeout=timeout))
        return Reply(callback)

    def requests_to(self, pattern: str, method: str | None = None) -> list[RecordedRequest]:
        regex = re.compile(pattern)
        return [
            r
            for r in self.requests
            if regex.fullmatch(r.path) and (method is None or r.method == method)
        ]

    def _record(self, request: RecordedRequest) -> None:
        self.requests.append(request)
        for waiter in list(self._waiters):
            if waiter.future.done():
                self._waiters.remove(waiter)
            elif waiter.predicate(request):
                waiter.future.set_result(request)
                self._waiters.remove(waiter)
