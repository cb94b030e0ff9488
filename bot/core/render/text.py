"""Answers to words: plain text (one Discord message), JSON, and the data for embeds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.answers.facade import MINORITY_AT_MOST, MINORITY_YEARS
from bot.core.answers.notes import record_link
from bot.core.models import (
    AlliesAnswer,
    Answer,
    CompareAnswer,
    CountryRef,
    HistoryAnswer,
    HistoryEntry,
    HowVotedAnswer,
    MemberVote,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
)
from bot.core.render.as_json import METHOD, json_fields
from bot.core.render.limits import (
    DESCRIPTION_MAX,
    FIELD_VALUE_MAX,
    MESSAGE_MAX,
)
from bot.core.text import clip, period_phrase

__all__ = ["EmbedData", "embed_data", "render_json", "render_text"]

ALL_VOTES = "over all recorded votes"  # the period phrase when none is given
FEW = 20  # a group this small (the country included) is named in full
NOTABLE_SHOWN = 8

GREEN, RED, AMBER, GREY, BLUE = 0x2ECC71, 0xE74C3C, 0xF1A40F, 0x95A5A6, 0x3498DB
VOTE_COLOUR: dict[MemberVote, int] = {
    "yes": GREEN,
    "no": RED,
    "abstain": AMBER,
    "non_voting": GREY,
    "not_member": GREY,
}
VOTE_WORDS: dict[MemberVote, str] = {
    "yes": "Yes",
    "no": "No",
    "abstain": "Abstained",
    "non_voting": "Did not vote",
    "not_member": "Not a member then",
}
_GROUP_WORDS: dict[MemberVote, str] = {
    "yes": "in favour",
    "no": "against",
    "abstain": "abstaining",
}


# --- helpers ---------------------------------------------------------------------------


def tally(r: Resolution) -> str:
    return f"{r.yes} yes, {r.no} no, {r.abstain} abstaining, {r.non_voting} not voting"


def headline(r: Resolution) -> str:
    return f"{r.symbol} “{clip(r.title, 140)}” ({r.date})"


def name_list(refs: Sequence[CountryRef], *, budget: int = 600) -> str:
    """Names joined with commas, ending in "and N more" when they do not fit."""
    out: list[str] = []
    used = 0
    for i, ref in enumerate(refs):
        name = ref.name + (" (former)" if ref.former else "")
        rest = len(refs) - i
        if used + len(name) + 2 > budget and rest > 1:
            out.append(f"and {rest} more")
            break
        out.append(name)
        used += len(name) + 2
    return ", ".join(out)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _fit(lines: Sequence[str], limit: int = MESSAGE_MAX) -> str:
    """Join lines, dropping whole trailing lines (with a marker) to stay under the limit."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    marker = "… (shortened to fit one message)"
    used = len(marker)
    for line in lines:
        if used + len(line) + 1 > limit:
            break
        kept.append(line)
        used += len(line) + 1
    if not kept:
        return clip(text, limit)
    return "\n".join([*kept, marker])


def group_phrase(answer: HowVotedAnswer) -> list[str]:
    """Who sided with the country, and the notable ones on the other side."""
    vote = answer.vote
    if vote not in _GROUP_WORDS:
        return []
    notable = set(answer.notable)
    group = (answer.country, *answer.sided_with)
    lines: list[str] = []
    if len(group) == 1:
        lines.append(f"{answer.country.name} was the only one {_GROUP_WORDS[vote]}.")
    elif len(group) <= FEW:
        lines.append(
            f"{answer.country.name} was one of {len(group)} {_GROUP_WORDS[vote]}, with "
            f"{name_list(answer.sided_with)}."
        )
    else:
        named = [r for r in answer.sided_with if r.code in notable][:NOTABLE_SHOWN]
        line = f"One of {len(group)} {_GROUP_WORDS[vote]}"
        line += f", including {name_list(named)}." if named else "."
        lines.append(line)
    other = answer.opposed_by
    if other:
        side = "against" if vote == "yes" else "in favour"
        if len(other) <= FEW:
            lines.append(f"{len(other)} {side}: {name_list(other)}.")
        else:
            named = [r for r in other if r.code in notable][:NOTABLE_SHOWN]
            line = f"{len(other)} {side}"
            line += f", including {name_list(named)}." if named else "."
            lines.append(line)
    return lines


# --- plain text --------------------------------------------------------------------------


def _text_howvoted(a: HowVotedAnswer) -> list[str]:
    r = a.resolution
    who = name_list([a.country])
    if a.vote == "not_member":
        first = f"{who} was not a UN member then: no vote on {headline(r)}."
    elif a.vote == "non_voting":
        first = f"{who} did not vote on {headline(r)}."
    elif a.vote == "abstain":
        first = f"{who} abstained on {headline(r)}."
    else:
        first = f"{who} voted {VOTE_WORDS[a.vote]} on {headline(r)}."
    if a.asked is not None:  # a yes/no question is answered Yes or No first
        first = ("Yes. " if a.vote == a.asked else "No. ") + first
    return [
        first,
        f"Adopted: {tally(r)}.",
        *group_phrase(a),
        *a.notes,
        f"Record: {record_link(r)}",
    ]


def _text_recent(a: RecentVotesAnswer) -> list[str]:
    lines = [f"Latest recorded votes of {a.country.name}:"]
    lines += [f"- {VOTE_WORDS[v]}: {headline(r)}" for r, v in a.recent]
    if not a.recent:
        lines.append("- none recorded")
    if a.minority:
        lines.append(
            f"In a small minority in the last {MINORITY_YEARS} years "
            f"(at most {MINORITY_AT_MOST} voting the same way):"
        )
        lines += [
            f"- {VOTE_WORDS[v]}, {'alone' if n == 1 else f'one of {n}'}: {headline(r)}"
            for r, v, n in a.minority
        ]
    lines.append("Ask `/howvoted <country> <resolution>` for one vote in detail.")
    return lines


def _text_resolution(a: ResolutionAnswer) -> list[str]:
    r = a.resolution
    session = f", session {r.session}" if r.session else ""
    lines = [f"{r.symbol}: {clip(r.title, 300)}", f"Adopted {r.date}{session}: {tally(r)}."]
    if a.yes_votes and len(a.yes_votes) <= FEW:
        lines.append(f"In favour ({len(a.yes_votes)}): {name_list(a.yes_votes)}.")
    if a.no_votes:
        lines.append(f"Against ({len(a.no_votes)}): {name_list(a.no_votes)}.")
    elif r.no == 0:
        lines.append("No one voted against.")
    if a.abstentions:
        lines.append(f"Abstaining ({len(a.abstentions)}): {name_list(a.abstentions)}.")
    lines.append(f"Did not vote: {len(a.non_voting)}.")
    lines += a.notes
    lines.append(f"Record: {record_link(r)}")
    return lines


def _text_compare(a: CompareAnswer) -> list[str]:
    head = (
        f"{a.a.name} and {a.b.name}, {period_phrase(a.since, a.until, a.topic, empty=ALL_VOTES)}:"
    )
    if a.votes == 0:
        return [head, "They never both voted on the same resolution in this selection.", *a.notes]
    lines = [
        head,
        f"Agreement {_pct(a.agreement)} over {a.votes} votes where both voted.",
        f"Coincidence {_pct(a.coincidence)} over {a.yes_no_votes} Yes/No votes.",
        METHOD,
    ]
    if a.latest_disagreements:
        lines.append("Latest disagreements:")
        lines += [
            f"- {headline(d.resolution)}: {a.a.name} {VOTE_WORDS[d.vote_a]}, "
            f"{a.b.name} {VOTE_WORDS[d.vote_b]}"
            for d in a.latest_disagreements
        ]
    return lines + list(a.notes)


def _text_allies(a: AlliesAnswer) -> list[str]:
    verb = "voted" if a.country.former else "votes"
    period = period_phrase(a.since, a.until, a.topic, empty=ALL_VOTES)
    head = f"Who {a.country.name} {verb} with, {period}:"
    if not a.most:
        return [
            head,
            f"No member shared at least {a.min_votes} votes with it in this selection.",
            *a.notes,
        ]

    def rows(scores: Sequence[Any]) -> list[str]:
        return [
            f"- {name_list([s.country])}: {_pct(s.agreement)} of {s.votes} votes" for s in scores
        ]

    lines = [head, "Most in agreement:", *rows(a.most)]
    if a.least:
        lines += ["Least in agreement:", *rows(a.least)]
    lines.append(
        f"Agreement = identical votes where both voted Yes, No or Abstain; members with "
        f"fewer than {a.min_votes} shared votes are left out."
    )
    return lines + list(a.notes)


HISTORY_LATEST = 10  # always shown, with the first entry, when a history is long
HISTORY_BUDGET = 1700  # characters for the entry lines


def _history_line(entries: Sequence[HistoryEntry], i: int) -> str:
    e = entries[i]
    r = e.resolution
    if e.changed:
        was = VOTE_WORDS[entries[i - 1].vote]
        return f"⇄ {r.date} {r.symbol}: {VOTE_WORDS[e.vote]} (was {was})"
    return f"- {r.date} {r.symbol}: {VOTE_WORDS[e.vote]}"


def _text_history(a: HistoryAnswer) -> list[str]:
    head = f"{name_list([a.country])} on “{clip(a.topic, 100)}”:"
    entries = a.entries
    if not entries:
        return [
            head,
            "No resolutions found on that topic. Try `/search <words>` first.",
            *a.notes,
        ]
    changes = sum(e.changed for e in entries)
    n = len(entries)
    # Pick what to show: the latest entries, the first, then changes from the newest back.
    latest = range(n - 1, max(-1, n - 1 - HISTORY_LATEST), -1)
    changed = [i for i in range(n - 1, 0, -1) if entries[i].changed]
    chosen: set[int] = set()
    used = 0
    for i in [*latest, 0, *changed]:
        if i in chosen:
            continue
        cost = len(_history_line(entries, i)) + 5  # the line and a possible gap marker
        if used + cost > HISTORY_BUDGET:
            if i in latest or i == 0:
                continue
            break
        chosen.add(i)
        used += cost
    shown = sorted(chosen)
    summary = f"{n} resolutions, {changes} change(s) of vote (marked ⇄)"
    if len(shown) < n:
        summary += f"; showing {len(shown)}: the first, the changes and the latest"
    lines = [head, summary + ".", *a.notes]
    previous = -1
    for i in shown:
        if i != previous + 1:
            lines.append("  …")
        lines.append(_history_line(entries, i))
        previous = i
    return lines


def _text_search(a: SearchAnswer) -> list[str]:
    if not a.total:
        return [f"No resolutions found about “{a.topic}”."]
    lines = [f"Resolutions about “{a.topic}”: {a.total} found, page {a.page} of {a.pages}."]
    lines += [
        f"- {r.date} {r.symbol} “{clip(r.title, 100)}” ({r.yes}-{r.no}-{r.abstain})"
        for r in a.results
    ]
    if a.page < a.pages:
        lines.append(f"More: `/search {a.topic} page:{a.page + 1}`")
    return lines


def _text_unresolved(a: Unresolved) -> list[str]:
    return [a.message]


_TEXT: dict[type, Callable[[Any], list[str]]] = {
    HowVotedAnswer: _text_howvoted,
    RecentVotesAnswer: _text_recent,
    ResolutionAnswer: _text_resolution,
    CompareAnswer: _text_compare,
    AlliesAnswer: _text_allies,
    HistoryAnswer: _text_history,
    SearchAnswer: _text_search,
    Unresolved: _text_unresolved,
}


def render_text(answer: Answer) -> str:
    """Plain text of an answer, at most 2,000 characters."""
    return _fit(_TEXT[type(answer)](answer))


# --- embeds ------------------------------------------------------------------------------


@dataclass
class EmbedData:
    """What an embed shows, without depending on discord: the adapter builds the embed."""

    title: str
    description: str
    colour: int
    fields: list[tuple[str, str, bool]] = field(default_factory=list)
    url: str | None = None
    footer: str = ""
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def _record_button(r: Resolution) -> list[tuple[str, str]]:
    return [("UN record" if r.link else "Search the UN library", record_link(r))]


def embed_data(answer: Answer) -> EmbedData:
    """Title, colour, fields and link buttons of an answer, within Discord's embed limits."""
    lines = _TEXT[type(answer)](answer)
    description = _fit(lines[1:], DESCRIPTION_MAX) if len(lines) > 1 else ""
    title = clip(lines[0], 256)
    colour, url, buttons = BLUE, None, []
    fields: list[tuple[str, str, bool]] = []
    if isinstance(answer, HowVotedAnswer):
        r = answer.resolution
        colour, url, buttons = VOTE_COLOUR[answer.vote], record_link(r), _record_button(r)
        title = clip(f"{answer.country.name}: {VOTE_WORDS[answer.vote]} on {r.symbol}", 256)
        description = _fit([clip(r.title, 300), *lines[1:-1]], DESCRIPTION_MAX)
        fields = [
            ("Yes", str(r.yes), True),
            ("No", str(r.no), True),
            ("Abstained", str(r.abstain), True),
        ]
    elif isinstance(answer, ResolutionAnswer):
        r = answer.resolution
        url, buttons = record_link(r), _record_button(r)
        title = clip(f"{r.symbol}: {r.title}", 256)
        description = _fit(lines[1:-1], DESCRIPTION_MAX)
    elif isinstance(answer, Unresolved):
        colour = GREY
        title, description = "Not sure what you mean", clip(answer.message, DESCRIPTION_MAX)
    footer = "UN General Assembly recorded votes (UN Digital Library)"
    return EmbedData(
        title=title,
        description=description,
        colour=colour,
        fields=[(clip(n, 256), clip(v, FIELD_VALUE_MAX), i) for n, v, i in fields[:25]],
        url=url,
        footer=footer,
        buttons=buttons,
    )


def render_json(answer: Answer) -> dict[str, Any]:
    """The `--json` shape: `kind`, `text` (exactly the text reply), then the fields of
    that kind."""
    return {"kind": answer.kind_name, "text": render_text(answer), **json_fields(answer)}
