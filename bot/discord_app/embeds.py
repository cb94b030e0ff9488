"""The one place that turns rendered answers (bot.core.render.text.EmbedData) into Discord objects.

Everything here fits Discord's limits, and text the user typed is escaped wherever it is
echoed back, so a question cannot inject markdown into a reply.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.core.render.limits import (
    ATTACHMENT_DESCRIPTION_MAX,
    BUTTON_LABEL_MAX,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    FOOTER_MAX,
    LINK_BUTTONS_MAX,
    TITLE_MAX,
)
from bot.core.text import clip

if TYPE_CHECKING:
    from bot.core.models import Answer, Coverage
    from bot.core.render.charts import Chart
    from bot.core.render.text import EmbedData

NEUTRAL_COLOUR = 0x5865F2


def escape_user_text(text: str) -> str:
    return escape_mentions(escape_markdown(text))


# The renderer quotes what the user typed as “...” (clipped with "…" when long).
QUOTED = re.compile(r"“([^“”\n]*)”")


def escape_echoes(text: str, echoes: Iterable[str]) -> str:
    """Escape user input wherever the rendered text repeats it.

    Two kinds of echo: an input repeated verbatim, and a quoted part of one (a question
    such as `/history Russia **x**` is one input, and the reply quotes only “**x**”).
    Everything is escaped in one pass, so no text is escaped twice.
    """
    inputs = [e for e in echoes if e and e.strip()]
    if not inputs:
        return text

    def typed(quoted: str) -> bool:
        part = quoted.removesuffix("…").strip()
        return bool(part) and any(part in e for e in inputs)

    verbatim = sorted({e for e in inputs if escape_user_text(e) != e}, key=len, reverse=True)
    alternatives = [QUOTED.pattern, *(re.escape(e) for e in verbatim)]
    pattern = re.compile("|".join(alternatives))

    def escape(match: re.Match[str]) -> str:
        quoted = match[1]
        if quoted is None:  # an input repeated verbatim
            return escape_user_text(match[0])
        if typed(quoted):
            return f"“{escape_user_text(quoted)}”"
        return f"“{escape_echoes(quoted, verbatim)}”" if verbatim else match[0]

    return pattern.sub(escape, text)


def to_embed(data: EmbedData, *, echoes: Sequence[str] = ()) -> discord.Embed:
    def safe(text: str, limit: int) -> str:
        return clip(escape_echoes(text, echoes), limit)

    embed = discord.Embed(
        title=safe(data.title, TITLE_MAX) or None,
        description=safe(data.description, DESCRIPTION_MAX) or None,
        colour=discord.Colour(data.colour),
        url=data.url or None,
    )
    budget = EMBED_TOTAL_MAX - len(embed.title or "") - len(embed.description or "")
    footer = safe(data.footer, FOOTER_MAX)
    budget -= len(footer)
    for name, value, inline in data.fields[:FIELDS_MAX]:
        name = safe(name, FIELD_NAME_MAX) or "\u200b"
        value = safe(value, FIELD_VALUE_MAX) or "\u200b"
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        embed.add_field(name=name, value=value, inline=inline)
    if footer:
        embed.set_footer(text=footer)
    return embed


def link_buttons(data: EmbedData) -> list[discord.ui.Button[discord.ui.View]]:
    return [
        discord.ui.Button(
            style=discord.ButtonStyle.link, label=clip(label, BUTTON_LABEL_MAX), url=url
        )
        for label, url in data.buttons[:LINK_BUTTONS_MAX]
        if url.startswith(("https://", "http://"))
    ]


def answer_embeds(
    answer: Answer, *, echoes: Sequence[str] = ()
) -> tuple[list[discord.Embed], EmbedData]:
    """The answer's pages (one unless a list was cut) and what the core rendered."""
    from bot.core.render.text import embed_data
    from bot.discord_app.pages import answer_pages

    data = embed_data(answer)
    return [to_embed(page, echoes=echoes) for page in answer_pages(answer, data)], data


def about_embed(coverage: Coverage, *, version: str) -> discord.Embed:
    """/about: what the data covers, where it comes from, and how to cite it."""
    embed = discord.Embed(
        title="About votebot",
        description=(
            "Answers questions about recorded votes of the United Nations General Assembly, "
            "from the UN Digital Library's *General Assembly Voting Data*."
        ),
        colour=discord.Colour(NEUTRAL_COLOUR),
        url=coverage.source if coverage.source.startswith("https://") else None,
    )
    embed.add_field(
        name="Coverage",
        value=clip(
            f"{coverage.first_date} to {coverage.last_date}\n"
            f"{coverage.resolutions:,} resolutions, {coverage.votes:,} votes, "
            f"{coverage.members:,} member states",
            FIELD_VALUE_MAX,
        ),
        inline=False,
    )
    embed.add_field(
        name="Source",
        value=clip(
            f"{coverage.source or 'unknown'}\nfile dated {coverage.file_date or 'unknown'}, "
            f"imported {coverage.imported_at or 'unknown'}",
            FIELD_VALUE_MAX,
        ),
        inline=False,
    )
    embed.add_field(
        name="How to cite",
        value=clip(
            "United Nations Dag Hammarskjöld Library, *General Assembly Voting Data*, "
            f"{coverage.source or 'digitallibrary.un.org'} "
            f"(accessed {coverage.file_date or 'n.d.'}).",
            FIELD_VALUE_MAX,
        ),
        inline=False,
    )
    embed.set_footer(
        text=f"votebot {version} · recorded votes only; adoptions without a vote are not listed"
    )
    return embed


def help_embed(commands: Sequence[tuple[str, str, str]]) -> discord.Embed:
    """/help: one line per command (name, description, an example or "")."""
    lines = [
        f"**/{name}** — {description}" + (f", e.g. `{example}`" if example else "")
        for name, description, example in commands
    ]
    lines.append("")
    lines.append(
        "You can also mention me with a question, e.g. *@votebot how did Eritrea vote on ES-11/1?*"
    )
    lines.append("Add `private: True` to a command to get an answer only you can see.")
    lines.append("Answers come with a chart of the vote; add `chart: False` to leave it out.")
    return discord.Embed(
        title="votebot commands",
        description=clip("\n".join(lines), DESCRIPTION_MAX),
        colour=discord.Colour(NEUTRAL_COLOUR),
    )


def notice_embed(text: str) -> discord.Embed:
    """A short message (errors, cooldowns) in the same look as answers."""
    return discord.Embed(
        description=clip(text, DESCRIPTION_MAX), colour=discord.Colour(NEUTRAL_COLOUR)
    )


# Discord accepts uploads up to the interaction's `attachment_size_limit` (at least
# 10 MiB today); charts are far smaller (under 200 KB), this only guards a surprise.


def chart_file(chart: Chart) -> discord.File:
    """The chart as an upload, its alt text as the attachment description."""
    return discord.File(
        io.BytesIO(chart.png),
        filename=chart.filename,
        description=clip(chart.description, ATTACHMENT_DESCRIPTION_MAX),
    )


def show_chart(embed: discord.Embed, chart: Chart) -> discord.Embed:
    """Make the embed's image the chart attached to the same message."""
    return embed.set_image(url=f"attachment://{chart.filename}")
