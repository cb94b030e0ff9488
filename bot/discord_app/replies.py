"""Asking the core and replying: deferring when slow, charts, views for links, paging and
choices.

A `Question` names one Answers method and its arguments. Cogs build one and call
`deliver`; buttons build the next one (another page of search results, the candidate the
user picked) and show its answer in the same message. Lists the core's embed had to cut
page locally, from the answer already in hand.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_app.embeds import (
    ATTACHMENT_MAX,
    BUTTON_LABEL_MAX,
    CHOICE_NAME_MAX,
    SELECT_OPTIONS_MAX,
    answer_embeds,
    chart_file,
    clip,
    link_buttons,
    notice_embed,
    show_chart,
)

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers
    from bot.core.models import Answer, Candidate, Coverage
    from bot.core.render.charts import Chart
    from bot.discord_app.answers_holder import AnswersHolder

log = logging.getLogger(__name__)

DEFER_AFTER = 1.0  # seconds: answer directly when the core is quicker than this
# Charts are drawn one at a time (about 50-120 ms each), so in a burst they queue: a
# charted answer that has to wait behind others is deferred at once rather than after
# DEFER_AFTER, and keeps Discord's 3-second window however long the queue grows.
_charts_in_progress = 0
VIEW_TIMEOUT = 300.0
MAX_BUTTON_CHOICES = 5
SORRY = (
    "Sorry, something went wrong while looking that up. It has been logged; "
    "please try again in a moment."
)


@dataclass(frozen=True)
class Question:
    """One call of the Answers facade: `method(*args, **kwargs)`."""

    method: str
    args: tuple[str | None, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def ask(self, answers: Answers) -> Answer:
        return getattr(answers, self.method)(*self.args, **dict(self.kwargs))  # type: ignore[no-any-return]

    def with_choice(self, query: str, choice: str) -> Question:
        """The same question with the ambiguous text replaced by the chosen id.

        The text is the first argument that is exactly the query (one option of a slash
        command), or else the query's first appearance as words inside an argument (a
        question typed whole, as /ask and mentions pass it). Only that one place changes:
        another option that happens to read the same (`/history Guinea topic:Guinea`)
        keeps what the user typed.
        """
        wanted = query.strip().casefold()
        args = list(self.args)
        for index, arg in enumerate(args):
            if arg is not None and arg.strip().casefold() == wanted:
                args[index] = choice
                return replace(self, args=tuple(args))
        if not wanted:
            return self
        words = re.compile(rf"(?<!\w){re.escape(query.strip())}(?!\w)", re.IGNORECASE)
        for index, arg in enumerate(args):
            if arg is not None and words.search(arg):
                args[index] = words.sub(lambda _: choice, arg, count=1)
                return replace(self, args=tuple(args))
        return self

    def with_page(self, page: int) -> Question:
        kwargs = tuple((k, v) for k, v in self.kwargs if k != "page") + (("page", page),)
        return replace(self, kwargs=kwargs)

    @property
    def echoes(self) -> tuple[str, ...]:
        """The user's own words, which replies escape wherever they repeat them."""
        values = [*self.args, *(v for _, v in self.kwargs)]
        return tuple(v for v in values if isinstance(v, str))

    def describe(self) -> str:
        """For log lines: what was asked (user text repr'd, so a log line stays one line)."""
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs]
        return f"{self.method}({', '.join(parts)})"


@dataclass(frozen=True)
class Reply:
    """An answer and, when asked for and the answer has one, its chart."""

    answer: Answer
    chart: Chart | None = None


# Charts are drawn one at a time anyway (chart_for holds a lock), so they get a thread of
# their own: queued charts never hold the shared worker threads that autocomplete and
# chartless answers need.
_CHART_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="votebot-chart")


def _answer_and_coverage(question: Question, answers: Answers) -> tuple[Answer, Coverage]:
    return question.ask(answers), answers.coverage()


def _draw(answer: Answer, coverage: Coverage) -> Chart | None:
    from bot.core.render.charts import chart_for

    return chart_for(answer, coverage=coverage)


async def ask_core(holder: AnswersHolder, question: Question, *, chart: bool = False) -> Reply:
    """Ask in a worker thread, then draw the chart (50-120 ms) in the chart thread."""
    if not chart:
        answer = await asyncio.to_thread(holder.call, question.ask)
        return Reply(answer)  # type: ignore[arg-type]
    work = functools.partial(_answer_and_coverage, question)
    answer, coverage = await asyncio.to_thread(holder.call, work)  # type: ignore[misc]
    loop = asyncio.get_running_loop()
    return Reply(answer, await loop.run_in_executor(_CHART_THREAD, _draw, answer, coverage))


def context_of(interaction: discord.Interaction) -> str:
    where = f"guild {interaction.guild_id}" if interaction.guild_id else "a DM"
    command = interaction.command.qualified_name if interaction.command else "component"
    return f"/{command} by user {interaction.user.id} in {where}"


class AnswerView(discord.ui.View):
    """Link buttons, paging and candidate choices under one answer."""

    def __init__(
        self,
        holder: AnswersHolder,
        question: Question,
        answer: Answer,
        *,
        owner_id: int,
        private: bool,
        chart: bool = False,
        pages: list[discord.Embed] | None = None,
        timeout: float | None = None,
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT if timeout is None else timeout)
        self.holder = holder
        self.question = question
        self.owner_id = owner_id
        self.private = private
        self.chart = chart  # answers shown by buttons keep the asker's chart option
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
        from bot.core.models import Unresolved

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
                button.callback = self._picker(query, candidate.id)  # type: ignore[method-assign]
                self.add_item(button)
            return
        select: discord.ui.Select[AnswerView] = discord.ui.Select(
            placeholder=clip(f"Which one did you mean by “{query}”?", CHOICE_NAME_MAX),
            custom_id="choice:select",
            options=[_option(c) for c in candidates],
            row=0,
        )

        async def picked(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.question.with_choice(query, select.values[0]))

        select.callback = picked  # type: ignore[method-assign]
        self.add_item(select)

    def _picker(self, query: str, choice: str):  # type: ignore[no-untyped-def]
        async def picked(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.question.with_choice(query, choice))

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
            button.callback = self._pager(target)  # type: ignore[method-assign]
            self.add_item(button)

    def _pager(self, page: int):  # type: ignore[no-untyped-def]
        async def turn(interaction: discord.Interaction) -> None:
            await self.show(interaction, self.question.with_page(page))

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
            button.callback = self._turner(step)  # type: ignore[method-assign]
            self._turns.append((button, step))
            self.add_item(button)
        self._enable_turns()

    def _enable_turns(self) -> None:
        for button, step in self._turns:
            button.disabled = not 0 <= self.page + step < len(self.pages)

    def _turner(self, step: int):  # type: ignore[no-untyped-def]
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

    async def show(self, interaction: discord.Interaction, question: Question) -> None:
        """Answer `question` in the message this view is attached to."""
        self.stop()
        await deliver(
            interaction, self.holder, question, private=self.private, chart=self.chart, edit=True
        )

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
        log.error("A button of %s failed", self.question.describe(), exc_info=error)
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


def build_reply(
    holder: AnswersHolder,
    question: Question,
    reply: Reply,
    *,
    owner_id: int,
    private: bool,
    chart: bool = False,
    size_limit: int = ATTACHMENT_MAX,
) -> tuple[discord.Embed, AnswerView, discord.File | None]:
    """The first page's embed, the view under it, and the chart to attach (if any)."""
    pages, data = answer_embeds(reply.answer, echoes=question.echoes)
    picture = reply.chart
    if picture is not None and len(picture.png) > size_limit:
        log.warning(
            "Left out a chart of %d bytes (limit %d) for %s",
            len(picture.png),
            size_limit,
            question.describe(),
        )
        picture = None
    if picture is not None:
        for page in pages:
            show_chart(page, picture)
    view = AnswerView(
        holder,
        question,
        reply.answer,
        owner_id=owner_id,
        private=private,
        chart=chart,
        pages=pages,
    )
    view.add_links(link_buttons(data))
    return pages[0], view, chart_file(picture) if picture is not None else None


async def deliver(
    interaction: discord.Interaction,
    holder: AnswersHolder,
    question: Question,
    *,
    private: bool,
    chart: bool = False,
    edit: bool = False,
) -> None:
    """Ask the core and reply; defer first if the answer takes longer than DEFER_AFTER.

    `chart` attaches the answer's chart, shown as the embed's image. `edit` replaces the
    message a button belongs to (its chart included) instead of sending a new one.
    """
    global _charts_in_progress
    queued = chart and _charts_in_progress > 0
    task = asyncio.ensure_future(ask_core(holder, question, chart=chart))
    if chart:
        _charts_in_progress += 1
        task.add_done_callback(_chart_finished)
    done, _ = await asyncio.wait({task}, timeout=0 if queued else DEFER_AFTER)
    deferred = not done
    if deferred:
        if edit:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=private, thinking=True)
    try:
        reply = await task
    except Exception:
        log.exception("Answering %s failed (%s)", question.describe(), context_of(interaction))
        await send_notice(interaction, SORRY)
        return
    embed, view, file = build_reply(
        holder,
        question,
        reply,
        owner_id=interaction.user.id,
        private=private,
        chart=chart,
        size_limit=interaction.filesize_limit,
    )
    view.interaction = interaction
    none = discord.AllowedMentions.none()
    # An edit lists the attachments the message keeps: the new chart, or none at all.
    attachments = [file] if file is not None else []
    if deferred:
        await interaction.edit_original_response(
            embed=embed, view=view, attachments=attachments, allowed_mentions=none
        )
    elif edit:
        await interaction.response.edit_message(
            embed=embed, view=view, attachments=attachments, allowed_mentions=none
        )
    elif file is not None:
        await interaction.response.send_message(
            embed=embed, view=view, file=file, ephemeral=private, allowed_mentions=none
        )
    else:
        await interaction.response.send_message(
            embed=embed, view=view, ephemeral=private, allowed_mentions=none
        )
    if not view.has_controls:
        view.stop()  # only link buttons: nothing to time out


def _chart_finished(_task: asyncio.Future[Reply]) -> None:
    global _charts_in_progress
    _charts_in_progress -= 1


async def send_notice(interaction: discord.Interaction, text: str) -> None:
    """A short reply only the user sees, whether or not the interaction was answered yet."""
    embed = notice_embed(text)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException as exc:
        log.warning("Could not tell the user about an error (%s): %s", context_of(interaction), exc)
