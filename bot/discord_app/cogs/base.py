"""What every command cog shares: autocomplete, cooldowns and the one way to answer."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.ask.command import CommandCall
from bot.core.ask.commands import DATE_MAX, NAME_MAX, QUERY_MAX, QUESTION_MAX
from bot.core.render.limits import AUTOCOMPLETE_MAX, CHOICE_NAME_MAX
from bot.core.text import clip
from bot.discord_app.replies import InteractionResponder, deliver

if TYPE_CHECKING:
    from bot.core.models import Candidate
    from bot.discord_app.answers_holder import AnswersHolder
    from bot.discord_app.client import VoteBot

# Per user: this many answers per this many seconds, then a friendly "slow down".
COOLDOWN_RATE = 5
COOLDOWN_SECONDS = 10.0

cooldown = app_commands.checks.cooldown(COOLDOWN_RATE, COOLDOWN_SECONDS)

# The Discord option types of the table's slots: text of at most the slot's length.
DATE_MIN = len("2010")
NameText = app_commands.Range[str, 1, NAME_MAX]
QueryText = app_commands.Range[str, 1, QUERY_MAX]
QuestionText = app_commands.Range[str, 1, QUESTION_MAX]
DateText = app_commands.Range[str, DATE_MIN, DATE_MAX]

PRIVATE_HELP = "Only you see the answer (default: everyone in the channel sees it)"
CHART_HELP = "Attach a chart of the vote (default: yes)"


def holder_of(client: discord.Client) -> AnswersHolder:
    bot: VoteBot = client  # type: ignore[assignment]
    return bot.answers_holder


def _choices(candidates: list[Candidate]) -> list[app_commands.Choice[str]]:
    choices = []
    for candidate in candidates[:AUTOCOMPLETE_MAX]:
        label = (
            candidate.name
            if candidate.name == candidate.id
            else f"{candidate.name} ({candidate.id})"
        )
        choices.append(
            app_commands.Choice(
                name=clip(label, CHOICE_NAME_MAX), value=candidate.id[:CHOICE_NAME_MAX]
            )
        )
    return choices


async def country_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Fuzzy country names from memory (the matcher holds them; no database I/O).

    Suggestions take about 0.5 ms (p99 0.9 ms for countries, 1.7 ms for resolutions on
    the full data): too close to a millisecond to run on the event loop, so they go to
    a worker thread like every other core call.
    """
    answers = holder_of(interaction.client).answers
    candidates = await asyncio.to_thread(answers.suggest_countries, current, limit=AUTOCOMPLETE_MAX)
    return _choices(candidates)


async def resolution_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    answers = holder_of(interaction.client).answers
    candidates = await asyncio.to_thread(
        answers.suggest_resolutions, current, limit=AUTOCOMPLETE_MAX
    )
    return _choices(candidates)


class AnswerCog(commands.Cog):
    """A cog whose commands each run one command of the table."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def answer(
        self,
        interaction: discord.Interaction,
        call: CommandCall,
        *,
        private: bool,
        chart: bool = False,
    ) -> None:
        responder = InteractionResponder(interaction, private=private)
        await deliver(responder, holder_of(self.bot), call, chart=chart)
