"""/compare, /allies and /history: questions about how countries vote."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.cogs.base import (
    CHART_HELP,
    PRIVATE_HELP,
    SINCE_HELP,
    TOPIC_HELP,
    UNTIL_HELP,
    AnswerCog,
    DateText,
    NameText,
    cooldown,
    country_autocomplete,
)
from bot.discord_app.embeds import escape_user_text
from bot.discord_app.replies import Question, send_notice


def date_problem(**dates: str | None) -> str | None:
    """Why a since/until option is not a year or a date, or None when all are.

    The core reads these as date bounds as they are: "2010s" would quietly select
    nothing, and a bad `until` stops it with an error, so they are checked here first.
    """
    from bot.core.names.countries.names import parse_when

    for name, value in dates.items():
        try:
            parse_when(value)
        except ValueError:
            shown = escape_user_text(value or "")
            return f"{name} must be a year or a date like 2010 or 2010-03-01, not “{shown}”."
    return None


class Countries(AnswerCog):
    @app_commands.command(name="compare", description="How often two countries voted alike")
    @app_commands.describe(
        a="The first country",
        b="The second country",
        since=SINCE_HELP,
        until=UNTIL_HELP,
        topic=TOPIC_HELP,
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
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
        question = Question(
            "compare", (a, b), (("since", since), ("until", until), ("topic", topic))
        )
        await self.answer(interaction, question, private=private, chart=chart)

    @app_commands.command(name="allies", description="The countries that vote most and least alike")
    @app_commands.describe(
        country="A member state, past or present",
        since=SINCE_HELP,
        until=UNTIL_HELP,
        topic=TOPIC_HELP,
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
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
        question = Question(
            "allies", (country,), (("since", since), ("until", until), ("topic", topic))
        )
        await self.answer(interaction, question, private=private, chart=chart)

    @app_commands.command(name="history", description="How a country's votes on a topic changed")
    @app_commands.describe(
        country="A member state, past or present",
        topic="e.g. Palestine, nuclear weapons, Cuba embargo",
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
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
        await self.answer(
            interaction, Question("history", (country, topic)), private=private, chart=chart
        )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Countries(bot))
