"""The fake Discord's REST API, as far as the bot uses it: the bot's user and application,
the gateway URL, command sync, channel messages, interaction callbacks and webhook
follow-ups, with rate limits on demand. Behaviour follows the Discord API documentation:

- an interaction can be acknowledged once; a second callback gets 400 / code 40060;
- a callback later than the deadline (3 s) gets 404 / code 10062, as an expired token;
- follow-ups go to /webhooks/{application id}/{interaction token};
- a 429 carries `retry_after` (seconds) and a `Via` header, as Discord's edge does.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import BodyPartReader, web

from tests.fake_discord import payloads
from tests.fake_discord.payloads import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    HOST,
    UPDATE_MESSAGE,
)
from tests.fake_discord.recording import RecordedRequest, UploadedFile


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


class RestApi:
    """The REST side of a FakeDiscord: its routes, and the messages the bot has sent."""

    token: str
    port: int
    application_id: int
    bot_user: dict[str, Any]
    owner: dict[str, Any]
    recommended_shards: int
    callback_deadline: float
    discord_gateway_url: str
    commands: dict[int | None, list[dict[str, Any]]]
    messages: dict[int, dict[str, Any]]
    interactions: dict[str, dict[str, Any]]
    acknowledged: dict[str, float]
    sent_at: dict[str, float]
    originals: dict[str, int]
    uploaded: dict[int, UploadedFile]
    _rate_limits: list[list[Any]]
    next_id: Callable[[], int]  # InteractionFactory.next_id
    _record: Callable[[RecordedRequest], None]  # RequestLog._record

    def rate_limit(self, method: str, pattern: str, *, times: int = 1, retry_after: float = 0.5):
        """Answer the next `times` matching requests with 429 and `retry_after` seconds."""
        self._rate_limits.append([method, re.compile(pattern), times, retry_after])

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
