"""The shapes of Discord's objects, as the API reference documents them (v10).

Only what discord.py reads when it builds its models; the values are plausible, not real.
"""

from __future__ import annotations

import time
from typing import Any

API_VERSION = 10
HOST = "127.0.0.1"
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | MESSAGE_CONTENT_INTENT
EPHEMERAL = 1 << 6

# Interaction and callback types from the Discord API reference.
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8

# Interaction contexts.
GUILD = 0
BOT_DM = 1
PRIVATE_CHANNEL = 2

PERMISSIONS = "104324673"  # view, send, embed links, read history, use application commands


def timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime())


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None if bot else name.title(),
        "avatar": None,
        "flags": 0,
    }
    if bot:
        payload["bot"] = True
    return payload


def text_channel(guild_id: int, channel_id: int) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def private_channel(channel_id: int, recipient: dict[str, Any], *, group: bool) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "id": str(channel_id),
        "type": 3 if group else 1,
        "recipients": [recipient],
        "last_message_id": None,
        "flags": 0,
    }
    if group:
        channel.update({"name": None, "owner_id": recipient["id"], "icon": None})
    return channel


def guild_create(guild_id: int, channel_id: int, owner_id: str) -> dict[str, Any]:
    return {
        "id": str(guild_id),
        "name": f"Assembly {guild_id % 1000}",
        "icon": None,
        "owner_id": owner_id,
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": PERMISSIONS,
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "member_count": 2,
        "members": [],
        "channels": [text_channel(guild_id, channel_id)],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "large": False,
        "unavailable": False,
        "joined_at": timestamp(),
        "preferred_locale": "en-US",
        "verification_level": 0,
        "mfa_level": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "explicit_content_filter": 0,
        "default_message_notifications": 0,
        "system_channel_flags": 0,
    }


def member(of: dict[str, Any]) -> dict[str, Any]:
    return {
        "user": of,
        "roles": [],
        "joined_at": timestamp(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": PERMISSIONS,
    }


def command_options(options: dict[str, Any], focused: str | None) -> list[dict[str, Any]]:
    """Option values as Discord sends them: typed (string 3, integer 4, boolean 5)."""
    built = []
    for name, value in options.items():
        if isinstance(value, bool):
            kind = 5
        elif isinstance(value, int):
            kind = 4
        else:
            kind = 3
        option: dict[str, Any] = {"name": name, "type": kind, "value": value}
        if name == focused:
            option["focused"] = True
        built.append(option)
    return built


def message(
    message_id: int,
    channel_id: int,
    author: dict[str, Any],
    *,
    content: str = "",
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    flags: int = 0,
) -> dict[str, Any]:
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": timestamp(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
        "type": 0,
        "flags": flags,
    }


def application_info(application_id: int, owner: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(application_id),
        "name": "votebot",
        "description": "UN General Assembly votes",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "team": None,
        "summary": "",
    }
