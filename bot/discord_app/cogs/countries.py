"""/compare, /allies and /history: questions about how countries vote. Each command's
name, description and option help come from the core's command table."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.ask.command import CommandCall
from bot.core.ask.commands import ALLIES, COMPARE, HISTORY
from bot.core.dates import parse_date
from bot.discord_app.cogs.base import (
    CHART_HELP,
    PRIVATE_HELP,
    AnswerCog,
    DateText,
    NameText,
    cooldown,
    country_autocomplete,
)
from bot.discord_app.embeds import escape_user_text
from bot.discord_app.views import send_notice


def date_problem(**dates: str | None) -> str | None:
    """Why a since/until option is not a year or a date, or None when all are.

    The core reads these as date bounds as they are: "2010s" would quietly select
    nothing, and a bad `until` stops it with an error, so they are checked here first.
    """
    for name, value in dates.items():
        try:
            parse_date(value)
        except ValueError:
            shown = escape_user_text(value or "")
            return f"{name} must be a year or a date like 2010 or 2010-03-01, not “{shown}”."
    return None


class Countries(AnswerCog):
    @app_commands.command(name=COMPARE.name, description=COMPARE.description)
    @app_commands.describe(**COMPARE.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @app_commands.autocomplete(a=country_autocomplete, b=country_autocomplete)
    @cooldown
    async def compare(
        self,
        interaction: discord.Interaction,
        a: NameText,
        b: NameText,
        since: DateText | None = None,
        until: DateText | None = None,
        topic: NameText | None = None,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        if problem := date_problem(since=since, until=until):
            await send_notice(interaction, problem)
            return
        call = CommandCall.of(COMPARE, a=a, b=b, since=since, until=until, topic=topic)
        await self.answer(interaction, call, private=private, chart=chart)

    @app_commands.command(name=ALLIES.name, description=ALLIES.description)
    @app_commands.describe(**ALLIES.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @app_commands.autocomplete(country=country_autocomplete)
    @cooldown
    async def allies(
        self,
        interaction: discord.Interaction,
        country: NameText,
        since: DateText | None = None,
        until: DateText | None = None,
        topic: NameText | None = None,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        if problem := date_problem(since=since, until=until):
            await send_notice(interaction, problem)
            return
        call = CommandCall.of(ALLIES, country=country, since=since, until=until, topic=topic)
        await self.answer(interaction, call, private=private, chart=chart)

    @app_commands.command(name=HISTORY.name, description=HISTORY.description)
    @app_commands.describe(**HISTORY.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @app_commands.autocomplete(country=country_autocomplete)
    @cooldown
    async def history(
        self,
        interaction: discord.Interaction,
        country: NameText,
        topic: NameText,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        call = CommandCall.of(HISTORY, country=country, topic=topic)
        await self.answer(interaction, call, private=private, chart=chart)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Countries(bot))
