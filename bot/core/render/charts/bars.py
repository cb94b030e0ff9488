"""Agreement bar charts: a country's closest and furthest members (allies), and two
countries' agreement year by year (compare).

Everything is drawn on one full-figure axes in pixel coordinates (no tick machinery,
which costs more than the bars themselves). Bars have exact colours, no antialiasing
and one scale from 0 to 100 %, so a bar's length in pixels is proportional to its
figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.core.models import AlliesAnswer, AllyScore, CompareAnswer, Coverage, YearAgreement
from bot.core.render.charts.style import (
    GRID,
    MUTED,
    add_footer,
    add_heading,
    add_text,
    new_figure,
    percent,
    shorten,
    slug,
)
from bot.core.text import period_phrase

WIDTH_PX = 1000
BAR_PX = 30  # height of one horizontal bar's row
BAR_FILL = 0.66  # bar thickness as a share of its row
MOST_COLOUR = "#0072b2"  # blue
LEAST_COLOUR = "#cc79a7"  # reddish purple
YEAR_COLOUR = "#0072b2"
OVERALL_COLOUR = "#d55e00"
BARS_LEFT_PX = 230  # room for country names
BARS_RIGHT_PX = 150  # room for the figures after the longest bar
MAX_YEAR_PITCH_PX = 70  # a few years do not make a few huge bars
QUARTERS = (0.0, 0.25, 0.5, 0.75, 1.0)


def pixel_canvas(fig: Figure) -> Axes:
    """One axes over the whole figure whose data units are pixels from the bottom left."""
    width, height = fig.get_size_inches() * fig.dpi
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return ax


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def hbar_panel(
    ax: Axes,
    *,
    top: float,
    labels: Sequence[str],
    values: Sequence[float],
    notes: Sequence[str],
    colour: str,
    scale: bool = True,
) -> float:
    """Horizontal bars from `top` down, first label on top; returns the panel's bottom.

    With `scale`, the 0-100 % figures are written under the panel.
    """
    left = BARS_LEFT_PX
    span = WIDTH_PX - BARS_LEFT_PX - BARS_RIGHT_PX
    bottom = top - len(values) * BAR_PX
    ax.vlines([left + q * span for q in QUARTERS[1:]], bottom, top, colors=GRID, linewidth=1,
              zorder=0)  # fmt: skip
    centres = [top - (i + 0.5) * BAR_PX for i in range(len(values))]
    ax.barh(
        centres,
        [v * span for v in values],
        left=left,
        height=BAR_PX * BAR_FILL,
        color=colour,
        antialiased=False,
        linewidth=0,
        zorder=2,
    )
    for y, label, value, note in zip(centres, labels, values, notes, strict=True):
        add_text(ax, left - 8, y, shorten(label, 22), size=12, ha="right", va="center")
        add_text(ax, left + value * span + 8, y, note, size=11, va="center")
    ax.hlines(bottom, left, left + span, colors=MUTED, linewidth=1, zorder=1)
    for q in QUARTERS if scale else ():
        add_text(ax, left + q * span, bottom - 6, percent(q), size=11, colour=MUTED,
                 ha="center", va="top")  # fmt: skip
    return bottom


def allies(answer: AlliesAnswer, *, coverage: Coverage | None) -> tuple[Figure | None, str, str]:
    if not answer.most and not answer.least:
        return None, "", ""
    name = answer.country.name
    scope = period_phrase(answer.since, answer.until, answer.topic, empty="all recorded votes")
    panels = [
        (f"Votes most like {name}'s", answer.most, MOST_COLOUR),
        (f"Votes least like {name}'s", answer.least, LEAST_COLOUR),
    ]
    panels = [p for p in panels if p[1]]
    heading_px, gap_px, top_px, bottom_px = 34, 30, 96, 70
    rows_px = sum(len(scores) * BAR_PX for _, scores, _ in panels)
    height = top_px + rows_px + len(panels) * heading_px + (len(panels) - 1) * gap_px + bottom_px
    fig = new_figure(WIDTH_PX, height)
    ax = pixel_canvas(fig)
    add_heading(fig, f"{name}: agreement with other members", f"Share of identical votes, {scope}")
    y: float = height - top_px
    for n, (title, scores, colour) in enumerate(panels, start=1):
        add_text(ax, 20, y - heading_px + 8, title, size=13, bold=True)
        y = hbar_panel(
            ax,
            top=y - heading_px,
            labels=[s.country.name for s in scores],
            values=[s.agreement for s in scores],
            notes=[f"{percent(s.agreement)} of {s.votes:,}" for s in scores],
            colour=colour,
            scale=n == len(panels),  # both panels share the scale written under the last
        )
        y -= gap_px
    add_footer(fig, coverage)

    def listing(scores: Sequence[AllyScore]) -> str:
        return "; ".join(f"{s.country.name} {percent(s.agreement)}" for s in scores)

    words = f"Bar chart of how often {name} voted the same way as other members, {scope}."
    if answer.most:
        words += f" Most alike: {listing(answer.most)}."
    if answer.least:
        words += f" Least alike: {listing(answer.least)}."
    return fig, f"allies-{slug(answer.country.code)}.png", words


def compare(answer: CompareAnswer, *, coverage: Coverage | None) -> tuple[Figure | None, str, str]:
    a, b = answer.a.name, answer.b.name
    scope = period_phrase(answer.since, answer.until, answer.topic)
    if answer.votes == 0 and not answer.by_year:
        return None, "", ""
    filename = f"compare-{slug(answer.a.code, answer.b.code)}.png"
    overall = (
        f"Overall {percent(answer.agreement)} identical over {answer.votes:,} votes; "
        f"{percent(answer.coincidence)} on the {answer.yes_no_votes:,} Yes/No votes"
    )
    scoped = f", {scope}" if scope else ""
    words = f"Chart of how often {a} and {b} voted the same way{scoped}. {overall}."
    if not answer.by_year:
        height = 270
        fig = new_figure(WIDTH_PX, height)
        ax = pixel_canvas(fig)
        add_heading(
            fig, f"{a} and {b}: how often they vote alike", _capital(scope or "all recorded votes")
        )
        hbar_panel(
            ax,
            top=height - 110,
            labels=["All votes", "Yes/No votes only"],
            values=[answer.agreement, answer.coincidence],
            notes=[
                f"{percent(answer.agreement)} of {answer.votes:,}",
                f"{percent(answer.coincidence)} of {answer.yes_no_votes:,}",
            ],
            colour=YEAR_COLOUR,
        )
        add_footer(fig, coverage)
        return fig, filename, words

    years = sorted(answer.by_year, key=lambda y: y.year)
    height = 520
    fig = new_figure(WIDTH_PX, height)
    ax = pixel_canvas(fig)
    add_heading(
        fig,
        f"{a} and {b}: identical votes by year",
        " · ".join(p for p in (_capital(shorten(scope, 60)), overall) if p),
    )
    _year_bars(ax, years, answer.agreement, left=80, bottom=100, width=WIDTH_PX - 120,
               height=height - 100 - 115)  # fmt: skip
    _overall_key(ax, answer.agreement)
    add_footer(fig, coverage)

    if len(years) == 1:
        words += f" One bar, for {years[0].year}: {percent(years[0].agreement)}."
    else:
        lows = sorted(years, key=lambda y: y.agreement)
        words += (
            f" One bar per year, {years[0].year} to {years[-1].year}; "
            f"lowest {percent(lows[0].agreement)} in {lows[0].year}, "
            f"highest {percent(lows[-1].agreement)} in {lows[-1].year}."
        )
    words += " A dashed line marks the overall figure."
    return fig, filename, words


def _year_bars(
    ax: Axes,
    years: Sequence[YearAgreement],
    overall: float,
    *,
    left: float,
    bottom: float,
    width: float,
    height: float,
) -> None:
    first, last = years[0].year, years[-1].year
    pitch = min(width / (last - first + 1.6), MAX_YEAR_PITCH_PX)
    offset = (width - pitch * (last - first + 1.6)) / 2  # centre a short series

    def x_of(year: int) -> float:
        return left + offset + (year - first + 0.8) * pitch

    for q in QUARTERS:
        y = bottom + q * height
        if q:
            ax.hlines(y, left, left + width, colors=GRID, linewidth=1, zorder=0)
        add_text(ax, left - 8, y, percent(q), size=11, colour=MUTED, ha="right", va="center")
    # behind the bars, so it never hides where a bar ends
    ax.hlines(bottom + overall * height, left, left + width, colors=OVERALL_COLOUR, linewidth=2,
              linestyles=(0, (6, 4)), zorder=1)  # fmt: skip
    ax.bar(
        [x_of(y.year) for y in years],
        [y.agreement * height for y in years],
        bottom=bottom,
        width=pitch * 0.72,
        color=YEAR_COLOUR,
        antialiased=False,
        linewidth=0,
        zorder=2,
    )
    ax.hlines(bottom, left, left + width, colors=MUTED, linewidth=1, zorder=3)
    span = last - first
    step = 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10
    ticks = [x for x in range(first, last + 1) if x % step == 0] or [first]
    for year in ticks:
        add_text(ax, x_of(year), bottom - 6, str(year), size=11, ha="center", va="top")


def _overall_key(ax: Axes, agreement: float) -> None:
    ax.fill_between([80, 102], 36, 52, color=YEAR_COLOUR, linewidth=0)
    add_text(ax, 110, 44, "identical votes that year", size=11, va="center")
    ax.hlines(44, 380, 420, colors=OVERALL_COLOUR, linewidth=2, linestyles=(0, (6, 4)))
    add_text(ax, 428, 44, f"overall ({percent(agreement)})", size=11, va="center")
