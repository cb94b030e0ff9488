"""The buttons and menus under an answer: link buttons, paging, and the candidates of a
name that could be several things. A button asks the next call (another page, the
candidate picked) and shows its answer in the same message."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.core.models import Match, Unresolved
from bot.core.render.limits import BUTTON_LABEL_MAX, CHOICE_NAME_MAX, SELECT_OPTIONS_MAX
from bot.core.text import clip
from bot.discord_app.embeds import notice_embed

if TYPE_CHECKING:
    from bot.core.ask.command import CommandCall
    from bot.core.models import Answer, Candidate

# Answers a button's call in the message of the view it belongs to.
Show = Callable[[discord.Interaction, "CommandCall"], Awaitable[None]]
Callback = Callable[[discord.Interaction], Coroutine[Any, Any, None]]

log = logging.getLogger(__name__)

VIEW_TIMEOUT = 300.0
MAX_BUTTON_CHOICES = 5
SORRY = (
    "Sorry, something went wrong while looking that up. It has been logged; "
    "please try again in a moment."
)


class AnswerView(discord.ui.View):
    """Link buttons, paging and candidate choices under one answer."""

    def __init__(
        self,
        call: CommandCall,
        answer: Answer,
        *,
        owner_id: int,
        show: Show,
        pages: list[discord.Embed] | None = None,
        timeout: float | None = None,
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT if timeout is None else timeout)
        self.call = call
        self.owner_id = owner_id
        self._show = show  # answers a button's call in this view's message
        self.pages = pages or []
        self.page = 0
        self._turns: list[tuple[discord.ui.Button[AnswerView], int]] = []
        self.interaction: discord.Interaction | None = None  # to edit on timeout
        self.message: discord.Message | None = None  # for replies to mentions
        self._add_choices(answer)
        self._add_paging(answer)
        self._add_page_turns()

    @property
    def has_controls(self) -> bool:
        return any(not _is_link(item) for item in self.children)

    def _add_choices(self, answer: Answer) -> None:
        guess: Match | None = getattr(answer, "guess", None)
        if guess is not None and guess.candidates:
            # A best guess answered: the other readings, in case another was meant.
            self._add_select(guess.query, guess.candidates, "Or did you mean…")
            return
        if not isinstance(answer, Unresolved) or answer.match is None:
            return
        candidates = answer.match.candidates[:SELECT_OPTIONS_MAX]
        if not candidates:
            return
        query = answer.match.query
        # Countries have short names: buttons. Resolutions have long titles and a date
        # to tell them apart: a select menu, which has room for both.
        if answer.kind == "country" and len(candidates) <= MAX_BUTTON_CHOICES:
            for index, candidate in enumerate(candidates):
                button: discord.ui.Button[AnswerView] = discord.ui.Button(
                    label=clip(candidate.name, BUTTON_LABEL_MAX),
                    style=discord.ButtonStyle.primary,
                    custom_id=f"choice:{index}",
                    row=0,
                )
                button.callback = self._picker(query, candidate.id)  # type: ignore[method-assign,assignment]
                self.add_item(button)
            return
        self._add_select(query, candidates, f"Which one did you mean by “{query}”?")

    def _add_select(self, query: str, candidates: Sequence[Candidate], placeholder: str) -> None:
        select: discord.ui.Select[AnswerView] = discord.ui.Select(
            placeholder=clip(placeholder, CHOICE_NAME_MAX),
            custom_id="choice:select",
            options=[_option(c) for c in candidates[:SELECT_OPTIONS_MAX]],
            row=0,
        )

        async def picked(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.call.with_choice(query, select.values[0]))

        select.callback = picked  # type: ignore[method-assign]
        self.add_item(select)

    def _picker(self, query: str, choice: str) -> Callback:
        async def picked(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.call.with_choice(query, choice))

        return picked

    def _add_paging(self, answer: Answer) -> None:
        page, pages = getattr(answer, "page", None), getattr(answer, "pages", None)
        if not isinstance(page, int) or not isinstance(pages, int) or pages <= 1:
            return
        for label, target, custom_id in (
            ("◀ Previous", page - 1, "page:previous"),
            ("Next ▶", page + 1, "page:next"),
        ):
            button: discord.ui.Button[AnswerView] = discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id,
                disabled=not 1 <= target <= pages,
                row=1,
            )
            button.callback = self._pager(target)  # type: ignore[method-assign,assignment]
            self.add_item(button)

    def _pager(self, page: int) -> Callback:
        async def turn(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.call.with_page(page))

        return turn

    def _add_page_turns(self) -> None:
        """Buttons through the pages of this answer (no new question to the core)."""
        if len(self.pages) <= 1:
            return
        for label, step, custom_id in (
            ("◀ Previous", -1, "page:previous"),
            ("Next ▶", 1, "page:next"),
        ):
            button: discord.ui.Button[AnswerView] = discord.ui.Button(
                label=label, style=discord.ButtonStyle.secondary, custom_id=custom_id, row=1
            )
            button.callback = self._turner(step)  # type: ignore[method-assign,assignment]
            self._turns.append((button, step))
            self.add_item(button)
        self._enable_turns()

    def _enable_turns(self) -> None:
        for button, step in self._turns:
            button.disabled = not 0 <= self.page + step < len(self.pages)

    def _turner(self, step: int) -> Callback:
        async def turn(interaction: discord.Interaction) -> None:
            self.page = max(0, min(len(self.pages) - 1, self.page + step))
            self._enable_turns()
            # the attachments are left as they are: every page shows the same chart
            await interaction.response.edit_message(
                embed=self.pages[self.page],
                view=self,
                allowed_mentions=discord.AllowedMentions.none(),
            )

        return turn

    def add_links(self, buttons: list[discord.ui.Button[discord.ui.View]]) -> None:
        for button in buttons:
            button.row = 2
            self.add_item(button)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            embed=notice_embed(
                "These buttons belong to the person who asked. Ask your own question with "
                "a slash command, for example /howvoted."
            ),
            ephemeral=True,
        )
        return False

    async def show(self, interaction: discord.Interaction, call: CommandCall) -> None:
        """Answer `call` in the message this view is attached to."""
        self.stop()
        await self._show(interaction, call)

    async def on_timeout(self) -> None:
        for item in self.children:
            if not _is_link(item):
                item.disabled = True  # type: ignore[attr-defined]
        try:
            if self.interaction is not None:
                await self.interaction.edit_original_response(view=self)
            elif self.message is not None:
                await self.message.edit(view=self)
        except discord.HTTPException as exc:
            log.debug("Could not disable the buttons of a timed-out answer: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.error("A button of %s failed", self.call.describe(), exc_info=error)
        await send_notice(interaction, SORRY)


def _is_link(item: discord.ui.Item[Any]) -> bool:
    return isinstance(item, discord.ui.Button) and item.style == discord.ButtonStyle.link


def _option(candidate: Candidate) -> discord.SelectOption:
    description = candidate.note or (candidate.id if candidate.id != candidate.name else "")
    return discord.SelectOption(
        label=clip(candidate.name, CHOICE_NAME_MAX),
        value=candidate.id[:CHOICE_NAME_MAX],
        description=clip(description, CHOICE_NAME_MAX) or None,
    )


async def send_notice(interaction: discord.Interaction, text: str) -> None:
    """A short reply only the user sees, whether or not the interaction was answered yet."""
    embed = notice_embed(text)
    none = discord.AllowedMentions.none()
    try:
        if interaction.response.is_done():
            await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=none)
        else:
            await interaction.response.send_message(
                embed=embed, ephemeral=True, allowed_mentions=none
            )
    except discord.HTTPException as exc:
        log.warning("Could not tell the user about an error (%s): %s", context_of(interaction), exc)


def context_of(interaction: discord.Interaction) -> str:
    where = f"guild {interaction.guild_id}" if interaction.guild_id else "a DM"
    command = interaction.command.qualified_name if interaction.command else "component"
    return f"/{command} by user {interaction.user.id} in {where}"
