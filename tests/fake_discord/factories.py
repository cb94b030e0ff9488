"""Payloads the fake Discord sends the bot, made with fresh ids: users, interactions
(slash commands, autocomplete, clicks on components) and messages that mention the bot."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tests.fake_discord import payloads
from tests.fake_discord.payloads import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    GUILD,
    MESSAGE_COMPONENT,
    PRIVATE_CHANNEL,
)

_SNOWFLAKES = itertools.count(1_200_000_000_000_000_000)


class InteractionFactory:
    """Makes the payloads of the users, guilds and channels of one FakeDiscord."""

    _ids: Iterator[int]
    application_id: int
    bot_user: dict[str, Any]
    guild_ids: tuple[int, ...]
    channel_of_guild: dict[int, int]
    commands: dict[int | None, list[dict[str, Any]]]
    messages: dict[int, dict[str, Any]]

    def next_id(self) -> int:
        return next(self._ids)

    def make_user(self, name: str) -> dict[str, Any]:
        return payloads.user(self.next_id(), name)

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
