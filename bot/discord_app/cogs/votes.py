"""/howvoted, /resolution, /search and /ask: questions about resolutions."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

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
from bot.discord_app.replies import Question


class Votes(AnswerCog):
    @app_commands.command(name="howvoted", description="How a country voted on a resolution")
    @app_commands.describe(
        country="A member state, past or present, e.g. Eritrea or USSR",
        resolution="A resolution symbol or nickname, e.g. ES-11/1; leave out for recent votes",
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
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
        await self.answer(
            interaction,
            Question("how_voted", (country, resolution)),
            private=private,
            chart=chart,
        )

    @app_commands.command(name="resolution", description="The tally and roll call of a resolution")
    @app_commands.describe(
        query="A symbol (A/RES/ES-11/1, ES-11/1), a nickname or words from the title",
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
    @app_commands.autocomplete(query=resolution_autocomplete)
    @cooldown
    async def resolution(
        self,
        interaction: discord.Interaction,
        query: QueryText,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        await self.answer(
            interaction, Question("resolution", (query,)), private=private, chart=chart
        )

    @app_commands.command(name="search", description="Resolutions about a topic, newest first")
    @app_commands.describe(
        topic="Words to look for, e.g. nuclear disarmament", private=PRIVATE_HELP
    )
    @cooldown
    async def search(
        self,
        interaction: discord.Interaction,
        topic: QueryText,
        private: bool = False,
    ) -> None:
        await self.answer(interaction, Question("search", (topic,)), private=private)

    @app_commands.command(name="ask", description="Ask a question in plain words")
    @app_commands.describe(
        question="e.g. how did Eritrea vote on ES-11/1? or compare France and Germany",
        private=PRIVATE_HELP,
        chart=CHART_HELP,
    )
    @cooldown
    async def ask(
        self,
        interaction: discord.Interaction,
        question: QuestionText,
        private: bool = False,
        chart: bool = True,
    ) -> None:
        await self.answer(interaction, Question("ask", (question,)), private=private, chart=chart)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Votes(bot))
