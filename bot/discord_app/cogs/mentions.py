"""Answering a message that mentions the bot. Discord sends the text of such messages
without the privileged message content intent."""

from __future__ import annotations

import logging
import re

import discord
from discord.ext import commands

from bot.discord_app.cogs.base import COOLDOWN_RATE, COOLDOWN_SECONDS, holder_of
from bot.discord_app.embeds import ATTACHMENT_MAX, notice_embed
from bot.discord_app.replies import SORRY, Question, ask_core, build_reply

log = logging.getLogger(__name__)

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
        none = discord.AllowedMentions.none()
        text = question_text(message.content, me.id)
        if not text:
            await message.reply(
                embed=notice_embed(HINT), mention_author=False, allowed_mentions=none
            )
            return
        retry_after = self.cooldowns.update_rate_limit(message)
        if retry_after:
            await message.reply(
                embed=notice_embed(
                    f"You're asking faster than I can keep up with. "
                    f"Please try again in {max(1, round(retry_after))} s."
                ),
                mention_author=False,
                allowed_mentions=none,
            )
            return
        holder = holder_of(self.bot)
        question = Question("ask", (text,))
        where = f"guild {message.guild.id}" if message.guild else "a DM"
        try:
            reply = await ask_core(holder, question, chart=True)
        except Exception:
            log.exception(
                "Answering a mention failed: %s by user %s in %s",
                question.describe(),
                message.author.id,
                where,
            )
            await message.reply(
                embed=notice_embed(SORRY), mention_author=False, allowed_mentions=none
            )
            return
        embed, view, file = build_reply(
            holder,
            question,
            reply,
            owner_id=message.author.id,
            private=False,
            chart=True,
            size_limit=message.guild.filesize_limit if message.guild else ATTACHMENT_MAX,
        )
        files = [file] if file is not None else []
        view.message = await message.reply(
            embed=embed, view=view, files=files, mention_author=False, allowed_mentions=none
        )
        if not view.has_controls:
            view.stop()


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Mentions(bot))
