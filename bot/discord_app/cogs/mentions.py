"""Answering a message that mentions the bot, through the same reply pipeline as /ask.
Discord sends the text of such messages without the privileged message content intent."""

from __future__ import annotations

import re

import discord
from discord.ext import commands

from bot.core.ask.commands import question_call
from bot.discord_app.cogs.base import COOLDOWN_RATE, COOLDOWN_SECONDS, holder_of
from bot.discord_app.replies import MessageResponder, deliver

MENTION = re.compile(r"<@!?(\d+)>")
HINT = (
    "Ask me about UN General Assembly votes, for example "
    "*@votebot how did Eritrea vote on ES-11/1?* — or try /help."
)


def question_text(content: str, bot_id: int) -> str:
    """The message without the bot's mention (other mentions are left as they are)."""
    return MENTION.sub(lambda m: "" if int(m[1]) == bot_id else m[0], content).strip()


class Mentions(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.cooldowns = commands.CooldownMapping.from_cooldown(
            COOLDOWN_RATE, COOLDOWN_SECONDS, commands.BucketType.user
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or me not in message.mentions:
            return
        responder = MessageResponder(message)
        text = question_text(message.content, me.id)
        if not text:
            await responder.notice(HINT)
            return
        retry_after = self.cooldowns.update_rate_limit(message)
        if retry_after:
            await responder.notice(
                f"You're asking faster than I can keep up with. "
                f"Please try again in {max(1, round(retry_after))} s."
            )
            return
        await deliver(responder, holder_of(self.bot), question_call(text), chart=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Mentions(bot))
