"""The one reply pipeline: ask the core, draw the chart, build the embed and its view,
and send it, for slash commands, buttons and mentions alike.

A cog or a mention listener makes a `CommandCall` (a command of the table with the
user's values) and a responder (an interaction, or a message to reply to), and calls
`deliver`. An interaction is deferred when the answer takes longer than DEFER_AFTER.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import discord

from bot.core.render.limits import ATTACHMENT_MAX
from bot.discord_app.embeds import answer_embeds, chart_file, link_buttons, notice_embed, show_chart
from bot.discord_app.views import SORRY, AnswerView, context_of, send_notice

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers
    from bot.core.ask.command import CommandCall
    from bot.core.models import Answer, Coverage
    from bot.core.render.charts import Chart
    from bot.discord_app.answers_holder import AnswersHolder

log = logging.getLogger(__name__)

DEFER_AFTER = 1.0  # seconds: answer directly when the core is quicker than this
# Charts are drawn one at a time (about 50-120 ms each), so in a burst they queue: a
# charted answer that has to wait behind others is deferred at once rather than after
# DEFER_AFTER, and keeps Discord's 3-second window however long the queue grows.
_charts_in_progress = 0


@dataclass(frozen=True)
class Reply:
    """An answer and, when asked for and the answer has one, its chart."""

    answer: Answer
    chart: Chart | None = None


# Charts are drawn one at a time anyway (chart_for holds a lock), so they get a thread of
# their own: queued charts never hold the shared worker threads that autocomplete and
# chartless answers need.
_CHART_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="votebot-chart")


def _answer_and_coverage(call: CommandCall, answers: Answers) -> tuple[Answer, Coverage]:
    return call.run(answers), answers.coverage()


def _draw(answer: Answer, coverage: Coverage) -> Chart | None:
    from bot.core.render.charts import chart_for

    return chart_for(answer, coverage=coverage)


async def ask_core(holder: AnswersHolder, call: CommandCall, *, chart: bool = False) -> Reply:
    """Ask in a worker thread, then draw the chart (50-120 ms) in the chart thread."""
    if not chart:
        return Reply(await asyncio.to_thread(holder.call, call.run))
    work = functools.partial(_answer_and_coverage, call)
    answer, coverage = await asyncio.to_thread(holder.call, work)
    loop = asyncio.get_running_loop()
    return Reply(answer, await loop.run_in_executor(_CHART_THREAD, _draw, answer, coverage))


class Responder(Protocol):
    """Where a reply goes: an interaction's response, or a reply to a message."""

    user_id: int
    private: bool
    size_limit: int  # the largest attachment the place accepts

    def context(self) -> str: ...
    async def defer(self, *, edit: bool) -> bool: ...
    async def send(
        self,
        embed: discord.Embed,
        view: AnswerView,
        file: discord.File | None,
        *,
        deferred: bool,
        edit: bool,
    ) -> None: ...
    async def notice(self, text: str) -> None: ...


class InteractionResponder:
    """A slash command's or a button's interaction."""

    def __init__(self, interaction: discord.Interaction, *, private: bool) -> None:
        self.interaction = interaction
        self.user_id = interaction.user.id
        self.private = private
        self.size_limit = interaction.filesize_limit

    def context(self) -> str:
        return context_of(self.interaction)

    async def defer(self, *, edit: bool) -> bool:
        if edit:
            await self.interaction.response.defer()
        else:
            await self.interaction.response.defer(ephemeral=self.private, thinking=True)
        return True

    async def send(
        self,
        embed: discord.Embed,
        view: AnswerView,
        file: discord.File | None,
        *,
        deferred: bool,
        edit: bool,
    ) -> None:
        view.interaction = self.interaction
        response = self.interaction.response
        none = discord.AllowedMentions.none()
        # An edit lists the attachments the message keeps: the new chart, or none at all.
        attachments = [file] if file is not None else []
        if deferred:
            await self.interaction.edit_original_response(
                embed=embed, view=view, attachments=attachments, allowed_mentions=none
            )
        elif edit:
            await response.edit_message(
                embed=embed, view=view, attachments=attachments, allowed_mentions=none
            )
        elif file is not None:
            await response.send_message(
                embed=embed, view=view, file=file, ephemeral=self.private, allowed_mentions=none
            )
        else:
            await response.send_message(
                embed=embed, view=view, ephemeral=self.private, allowed_mentions=none
            )

    async def notice(self, text: str) -> None:
        await send_notice(self.interaction, text)


class MessageResponder:
    """A message that mentions the bot: the answer is a reply to it, which never pings."""

    private = False

    def __init__(self, message: discord.Message) -> None:
        self.message = message
        self.user_id = message.author.id
        self.size_limit = message.guild.filesize_limit if message.guild else ATTACHMENT_MAX

    def context(self) -> str:
        where = f"guild {self.message.guild.id}" if self.message.guild else "a DM"
        return f"a mention by user {self.user_id} in {where}"

    async def defer(self, *, edit: bool) -> bool:
        return False  # a reply to a message has no deadline to keep

    async def send(
        self,
        embed: discord.Embed,
        view: AnswerView,
        file: discord.File | None,
        *,
        deferred: bool,
        edit: bool,
    ) -> None:
        files = [file] if file is not None else []
        view.message = await self.message.reply(
            embed=embed,
            view=view,
            files=files,
            mention_author=False,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def notice(self, text: str) -> None:
        await self.message.reply(
            embed=notice_embed(text),
            mention_author=False,
            allowed_mentions=discord.AllowedMentions.none(),
        )


def build_reply(
    holder: AnswersHolder,
    call: CommandCall,
    reply: Reply,
    *,
    owner_id: int,
    private: bool,
    chart: bool = False,
    size_limit: int = ATTACHMENT_MAX,
) -> tuple[discord.Embed, AnswerView, discord.File | None]:
    """The first page's embed, the view under it, and the chart to attach (if any)."""
    pages, data = answer_embeds(reply.answer, echoes=call.echoes)
    picture = reply.chart
    if picture is not None and len(picture.png) > size_limit:
        log.warning(
            "Left out a chart of %d bytes (limit %d) for %s",
            len(picture.png),
            size_limit,
            call.describe(),
        )
        picture = None
    if picture is not None:
        for page in pages:
            show_chart(page, picture)

    async def show(interaction: discord.Interaction, picked: CommandCall) -> None:
        # Answers shown by buttons keep the asker's private and chart options.
        responder = InteractionResponder(interaction, private=private)
        await deliver(responder, holder, picked, chart=chart, edit=True)

    view = AnswerView(call, reply.answer, owner_id=owner_id, show=show, pages=pages)
    view.add_links(link_buttons(data))
    return pages[0], view, chart_file(picture) if picture is not None else None


async def deliver(
    responder: Responder,
    holder: AnswersHolder,
    call: CommandCall,
    *,
    chart: bool = False,
    edit: bool = False,
) -> None:
    """Ask the core and reply; defer first if the answer takes longer than DEFER_AFTER.

    `chart` attaches the answer's chart, shown as the embed's image. `edit` replaces the
    message a button belongs to (its chart included) instead of sending a new one.
    """
    global _charts_in_progress
    queued = chart and _charts_in_progress > 0
    task = asyncio.ensure_future(ask_core(holder, call, chart=chart))
    if chart:
        _charts_in_progress += 1
        task.add_done_callback(_chart_finished)
    done, _ = await asyncio.wait({task}, timeout=0 if queued else DEFER_AFTER)
    deferred = not done and await responder.defer(edit=edit)
    try:
        reply = await task
    except Exception:
        log.exception("Answering %s failed (%s)", call.describe(), responder.context())
        await responder.notice(SORRY)
        return
    embed, view, file = build_reply(
        holder,
        call,
        reply,
        owner_id=responder.user_id,
        private=responder.private,
        chart=chart,
        size_limit=responder.size_limit,
    )
    await responder.send(embed, view, file, deferred=deferred, edit=edit)
    if not view.has_controls:
        view.stop()  # only link buttons: nothing to time out


def _chart_finished(_task: asyncio.Future[Reply]) -> None:
    global _charts_in_progress
    _charts_in_progress -= 1


__all__ = [
    "InteractionResponder",
    "MessageResponder",
    "Reply",
    "ask_core",
    "build_reply",
    "deliver",
    "send_notice",
]
