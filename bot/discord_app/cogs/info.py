"""/about and /help, and the handler that turns every command error into a kind reply."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.core.ask.commands import COMMANDS
from bot.discord_app.cogs.base import PRIVATE_HELP, cooldown, holder_of
from bot.discord_app.embeds import about_embed, escape_user_text, help_embed
from bot.discord_app.views import SORRY, context_of, send_notice

log = logging.getLogger(__name__)


class Info(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._previous_on_error = bot.tree.on_error
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous_on_error  # type: ignore[method-assign]

    @app_commands.command(
        name="about", description="What the data covers, its source and how to cite it"
    )
    @app_commands.describe(private=PRIVATE_HELP)
    @cooldown
    async def about(self, interaction: discord.Interaction, private: bool = False) -> None:
        coverage = await asyncio.to_thread(holder_of(self.bot).call, lambda a: a.coverage())
        await interaction.response.send_message(
            embed=about_embed(coverage, version=__version__),
            ephemeral=private,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="help", description="What votebot can answer and how to ask")
    async def help(self, interaction: discord.Interaction) -> None:
        # The answering commands from the command table, with an example each; the
        # bot's own (/about, /help) from the tree.
        table = {c.name for c in COMMANDS}
        listed = [(c.name, c.description, c.example) for c in COMMANDS]
        listed += sorted(
            (c.name, c.description, "")
            for c in self.bot.tree.get_commands()
            if isinstance(c, app_commands.Command) and c.name not in table
        )
        await interaction.response.send_message(
            embed=help_embed(listed),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CommandOnCooldown):
            log.info("Cooldown for %s (%.1fs left)", context_of(interaction), error.retry_after)
            await send_notice(
                interaction,
                "You're asking faster than I can keep up with. "
                f"Please try again in {max(1, round(error.retry_after))} s.",
            )
            return
        if isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
            log.info("Bad input for %s: %s", context_of(interaction), error)
            reason = escape_user_text(str(error))  # it repeats the value the user typed
            await send_notice(interaction, f"I couldn't use that input: {reason}")
            return
        original = getattr(error, "original", error)
        log.error("Command failed: %s", context_of(interaction), exc_info=original)
        await send_notice(interaction, SORRY)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Info(bot))
