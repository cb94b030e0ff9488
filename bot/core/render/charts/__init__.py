"""Charts for answers: a picture of the vote to attach beside the words.

`chart_for(answer)` picks the chart that fits an answer, or returns None where a
picture would not help (search results, unresolved names). Every chart is a PNG with
a legend, a footer naming the data source and date, and a description (alt text)
that says the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

from bot.core.models import (
    AlliesAnswer,
    Answer,
    CompareAnswer,
    Coverage,
    HistoryAnswer,
    HowVotedAnswer,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
)
from bot.core.render.charts import bars, hemicycle, strip
from bot.core.render.charts.style import (
    VOTE_STYLES,
    footer_text,
    pretty_date,
    render_lock,
    slug,
    to_png,
)
from bot.core.render.limits import ATTACHMENT_DESCRIPTION_MAX
from bot.core.text import clip

__all__ = ["Chart", "chart_for", "ATTACHMENT_DESCRIPTION_MAX"]


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    filename: str
    description: str  # alt text: what the picture shows, in words


def chart_for(answer: Answer, *, coverage: Coverage | None = None) -> Chart | None:
    """The chart for an answer, or None when the answer has nothing to draw."""
    with render_lock():
        if isinstance(answer, ResolutionAnswer):
            return resolution_chart(answer, coverage=coverage)
        if isinstance(answer, HowVotedAnswer):
            return howvoted_chart(answer, coverage=coverage)
        if isinstance(answer, AlliesAnswer):
            return _finish(*bars.allies(answer, coverage=coverage), coverage)
        if isinstance(answer, CompareAnswer):
            return _finish(*bars.compare(answer, coverage=coverage), coverage)
        if isinstance(answer, HistoryAnswer):
            return _finish(*strip.history(answer, coverage=coverage), coverage)
        if isinstance(answer, RecentVotesAnswer):
            return _finish(*strip.recent(answer, coverage=coverage), coverage)
    return None


def _finish(
    fig: Figure | None, filename: str, description: str, coverage: Coverage | None
) -> Chart | None:
    if fig is None:
        return None
    return Chart(
        png=to_png(fig),
        filename=filename,
        description=_with_footer(description, coverage),
    )


def _with_footer(words: str, coverage: Coverage | None) -> str:
    """The description and then the source, cutting the description if it runs long."""
    footer = f" {footer_text(coverage)}."
    room = ATTACHMENT_DESCRIPTION_MAX - len(footer)
    return clip(words, room) + footer


def _hemicycle_words(res: Resolution) -> str:
    return (
        f"Hemicycle chart of the recorded vote on {res.symbol} ({pretty_date(res.date)}), "
        f"“{res.title}”: one seat per member, "
        f"{hemicycle.tally_words(hemicycle.stated_counts(res))}."
    )


def _no_tally(res: Resolution) -> bool:
    return not any(hemicycle.stated_counts(res).values())


def resolution_chart(answer: ResolutionAnswer, *, coverage: Coverage | None = None) -> Chart | None:
    """The hemicycle of a vote; None if the data states no tally to draw."""
    res = answer.resolution
    if _no_tally(res):
        return None
    note = hemicycle.roll_call_note(answer)
    fig, _ = hemicycle.draw(
        resolution=res,
        heading=f"Vote on {res.symbol}",
        coverage=coverage,
        note=note,
    )
    words = _hemicycle_words(res)
    extra = [note] if note else []
    extra += [n for n in answer.notes if n not in extra]
    return Chart(
        png=to_png(fig),
        filename=f"vote-{slug(res.symbol)}.png",
        description=_with_footer(" ".join([words, *extra]), coverage),
    )


def howvoted_chart(answer: HowVotedAnswer, *, coverage: Coverage | None = None) -> Chart | None:
    """The hemicycle with the country's seat marked; None if there is no tally to draw."""
    res = answer.resolution
    if _no_tally(res):
        return None
    name = answer.country.name
    counts = hemicycle.stated_counts(res)
    vote = answer.vote
    notes: list[str] = []
    highlight = None
    if vote == "not_member":
        notes.append(f"{name} was not a member then, so it has no seat in this vote.")
    elif counts[vote] == 0:
        notes.append(
            f"The stated tally has no “{VOTE_STYLES[vote].label}” seat for {name}'s vote; "
            "its seat cannot be marked."
        )
    else:
        highlight = vote
    label = f"{name}: {VOTE_STYLES[vote].label}"
    fig, hemi = hemicycle.draw(
        resolution=res,
        heading=f"How {name} voted on {res.symbol}: {VOTE_STYLES[vote].label}",
        coverage=coverage,
        highlight=highlight,
        highlight_label=label,
        note=" ".join(notes),
    )
    words = _hemicycle_words(res)
    spoken_notes = notes + [n for n in answer.notes if n not in notes]
    if hemi.highlighted is not None:
        words += f" {name}'s seat is marked with a ring and labelled: {VOTE_STYLES[vote].label}."
    return Chart(
        png=to_png(fig),
        filename=f"howvoted-{slug(answer.country.code, res.symbol)}.png",
        description=_with_footer(" ".join([words, *spoken_notes]), coverage),
    )
