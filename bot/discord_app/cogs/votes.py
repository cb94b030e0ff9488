"""/howvoted, /resolution, /search and /ask: questions about resolutions. Each command's
name, description and option help come from the core's command table."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.ask.command import CommandCall
from bot.core.ask.commands import ASK, HOWVOTED, RESOLUTION, SEARCH
from bot.discord_app.cogs.base import (
    CHART_HELP,
    PRIVATE_HELP,
    AnswerCog,
    NameText,
    QueryText,
    QuestionText,
    cooldown,
    country_autocomplete,
    resolution_autocomplete,
)


class Votes(AnswerCog):
    @app_commands.command(name=HOWVOTED.name, description=HOWVOTED.description)
    @app_commands.describe(**HOWVOTED.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @app_commands.autocomplete(country=country_autocomplete, resolution=resolution_autocomplete)
    @cooldown
    async def howvoted(
        self,
        interaction: discord.Interaction,
        country: NameText,
        resolution: QueryText | None = None,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        call = CommandCall.of(HOWVOTED, country=country, resolution=resolution)
        await self.answer(interaction, call, private=private, chart=chart)

    @app_commands.command(name=RESOLUTION.name, description=RESOLUTION.description)
    @app_commands.describe(**RESOLUTION.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @app_commands.autocomplete(query=resolution_autocomplete)
    @cooldown
    async def resolution(
        self,
        interaction: discord.Interaction,
        query: QueryText,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        call = CommandCall.of(RESOLUTION, query=query)
        await self.answer(interaction, call, private=private, chart=chart)

    @app_commands.command(name=SEARCH.name, description=SEARCH.description)
    @app_commands.describe(**SEARCH.option_help(), private=PRIVATE_HELP)
    @cooldown
    async def search(
        self,
        interaction: discord.Interaction,
        topic: QueryText,
        private: bool = False,
    ) -> None:
        await self.answer(interaction, CommandCall.of(SEARCH, topic=topic), private=private)

    @app_commands.command(name=ASK.name, description=ASK.description)
    @app_commands.describe(**ASK.option_help(), private=PRIVATE_HELP, chart=CHART_HELP)
    @cooldown
    async def ask(
        self,
        interaction: discord.Interaction,
        question: QuestionText,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        call = CommandCall.of(ASK, question=question)
        await self.answer(interaction, call, private=private, chart=chart)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Votes(bot))
