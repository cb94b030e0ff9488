"""Pages for the lists a rendered answer had to cut short.

The core's embed names at most a few hundred characters of countries per group ("… and
41 more") and shows a long history as its first vote, its changes and its latest votes.
The answers themselves carry the full lists (ResolutionAnswer's groups, every
HistoryEntry), so the adapter can page through them under the first page, which stays
exactly what the core rendered. Allies answers are not paged: the core returns a fixed
number of most and least aligned members and the embed shows them all.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.core.models import Answer, CountryRef, HistoryAnswer
    from bot.core.render.text import EmbedData

# Characters of list text on one page: well inside an embed description (4,096), and
# short enough to read on a phone without scrolling past the chart.
PAGE_BUDGET = 1800

Section = tuple[str, list[str], str]  # heading, items, what joins the items


def answer_pages(answer: Answer, first: EmbedData) -> list[EmbedData]:
    """The core's page as it is, then pages with the lists it cut (none when nothing was)."""
    sections = _cut_lists(answer, first.description)
    if not sections:
        return [first]
    more = _paginate(sections)
    total = len(more) + 1
    return [first] + [
        replace(first, description=text, fields=[], footer=f"{first.footer} · page {n} of {total}")
        for n, text in enumerate(more, start=2)
    ]


def _cut_lists(answer: Answer, shown: str) -> list[Section]:
    from bot.core.models import HistoryAnswer, ResolutionAnswer

    if isinstance(answer, ResolutionAnswer):
        groups = (
            ("Against", answer.no_votes),
            ("Abstaining", answer.abstentions),
            ("Did not vote", answer.non_voting),
        )
        return [
            (f"{heading} ({len(refs)})", _names(refs), ", ")
            for heading, refs in groups
            if any(name not in shown for name in _names(refs))
        ]
    if isinstance(answer, HistoryAnswer):
        lines = [_history_line(answer, i) for i in range(len(answer.entries))]
        shown_symbols = sum(e.resolution.symbol in shown for e in answer.entries)
        if shown_symbols == len(answer.entries):
            return []
        return [(f"Every vote, oldest first ({len(lines)})", lines, "\n")]
    return []


def _names(refs: Sequence[CountryRef]) -> list[str]:
    return [ref.name + (" (former)" if ref.former else "") for ref in refs]


def _history_line(answer: HistoryAnswer, index: int) -> str:
    from bot.core.render.text import VOTE_WORDS

    entry = answer.entries[index]
    marker = "⇄" if entry.changed else "-"
    return f"{marker} {entry.resolution.date} {entry.resolution.symbol}: {VOTE_WORDS[entry.vote]}"


def _paginate(sections: Sequence[Section], budget: int = PAGE_BUDGET) -> list[str]:
    """Lay the sections out on pages of at most about `budget` characters.

    A section that runs over a page goes on with its heading marked "(continued)".
    """
    pages: list[str] = []
    blocks: list[str] = []  # finished sections of the current page
    used = 0
    for heading, items, joiner in sections:
        title, part = heading, list[str]()
        for item in items:
            cost = len(item) + len(joiner)
            if part or blocks:
                if used + len(title) + cost > budget:
                    if part:
                        blocks.append(_block(title, part, joiner))
                        title = f"{heading} (continued)"
                    pages.append("\n\n".join(blocks))
                    blocks, part, used = [], [], 0
            part.append(item)
            used += cost
        if part:
            blocks.append(_block(title, part, joiner))
            used += len(title) + 6  # the heading's markup and the blank line
    if blocks:
        pages.append("\n\n".join(blocks))
    return pages


def _block(title: str, items: list[str], joiner: str) -> str:
    return f"**{title}**\n{joiner.join(items)}"
