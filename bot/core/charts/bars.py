"""Agreement bar charts: a country's closest and furthest members (allies), and two
countries' agreement year by year (compare).

Bars are drawn with exact colours and no antialiasing, and every bar shares one scale
from 0 to 100 %, so a bar's length in pixels is proportional to its figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.core.charts.style import (
    BACKGROUND,
    GRID,
    MUTED,
    TEXT,
    add_footer,
    add_text,
    font,
    new_figure,
    percent,
    shorten,
    slug,
)
from bot.core.models import AlliesAnswer, AllyScore, CompareAnswer, Coverage

WIDTH_PX = 1000
BAR_PX = 30  # height of one horizontal bar's row
MOST_COLOUR = "#0072b2"  # blue
LEAST_COLOUR = "#cc79a7"  # reddish purple
YEAR_COLOUR = "#0072b2"
OVERALL_COLOUR = "#d55e00"
BARS_LEFT_PX = 230  # room for country names
BARS_RIGHT_PX = 150  # room for the figures after the longest bar


def _axes_px(fig: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    w, h = fig.get_size_inches() * fig.dpi
    return fig.add_axes((left / w, bottom / h, width / w, height / h))


def _style_axes(ax: Axes) -> None:
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(colors=MUTED, labelcolor=TEXT)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontproperties(font(11))


def scope_words(since: str | None, until: str | None, topic: str | None) -> str:
    parts = []
    if topic:
        parts.append(f"on “{topic}”")
    if since and until:
        parts.append(f"from {since} to {until}")
    elif since:
        parts.append(f"since {since}")
    elif until:
        parts.append(f"until {until}")
    return " ".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hbars(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    notes: Sequence[str],
    colour: str,
) -> None:
    """Horizontal bars, first label on top, on a fixed 0-100 % scale."""
    n = len(values)
    ys = [n - 1 - i for i in range(n)]
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_yticks(ys, [shorten(label, 28) for label in labels])
    ax.grid(axis="x", color=GRID, linewidth=1, zorder=0)
    ax.set_axisbelow(True)
    ax.barh(ys, values, height=0.66, color=colour, antialiased=False, linewidth=0, zorder=2)
    for y, value, note in zip(ys, values, notes, strict=True):
        add_text(ax, value + 0.012, y, note, size=11, va="center", clip_on=False)
    _style_axes(ax)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def allies(answer: AlliesAnswer, *, coverage: Coverage | None) -> tuple[Figure | None, str, str]:
    if not answer.most and not answer.least:
        return None, "", ""
    name = answer.country.name
    scope = scope_words(answer.since, answer.until, answer.topic) or "all recorded votes"
    panels = [
        (f"Votes most like {name}'s", answer.most, MOST_COLOUR),
        (f"Votes least like {name}'s", answer.least, LEAST_COLOUR),
    ]
    panels = [p for p in panels if p[1]]
    heading_px, gap_px, top_px, bottom_px = 34, 56, 96, 70
    rows_px = sum(len(scores) * BAR_PX for _, scores, _ in panels)
    height = top_px + rows_px + len(panels) * heading_px + (len(panels) - 1) * gap_px + bottom_px
    fig = new_figure(WIDTH_PX, height)
    add_text(
        fig,
        0.02,
        1 - 14 / height,
        f"{name}: agreement with other members",
        size=17,
        bold=True,
        va="top",
    )
    add_text(
        fig,
        0.02,
        1 - 48 / height,
        f"Share of identical votes, {scope}",
        size=12,
        colour=MUTED,
        va="top",
    )
    y = height - top_px
    for title, scores, colour in panels:
        y -= heading_px
        add_text(fig, 0.02, (y + 8) / height, title, size=13, bold=True)
        panel_px = len(scores) * BAR_PX
        y -= panel_px
        ax = _axes_px(fig, BARS_LEFT_PX, y, WIDTH_PX - BARS_LEFT_PX - BARS_RIGHT_PX, panel_px)
        _hbars(
            ax,
            [s.country.name for s in scores],
            [s.agreement for s in scores],
            [f"{percent(s.agreement)} of {s.votes:,}" for s in scores],
            colour,
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
    scope = scope_words(answer.since, answer.until, answer.topic)
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
        fig = new_figure(WIDTH_PX, 300)
        add_text(
            fig, 0.02, 0.95, f"{a} and {b}: how often they vote alike", size=17, bold=True, va="top"
        )
        add_text(
            fig,
            0.02,
            0.84,
            _capital(scope or "all recorded votes"),
            size=12,
            colour=MUTED,
            va="top",
        )
        ax = _axes_px(fig, BARS_LEFT_PX, 70, WIDTH_PX - BARS_LEFT_PX - BARS_RIGHT_PX, 2 * 45)
        _hbars(
            ax,
            ["All votes", "Yes/No votes only"],
            [answer.agreement, answer.coincidence],
            [
                f"{percent(answer.agreement)} of {answer.votes:,}",
                f"{percent(answer.coincidence)} of {answer.yes_no_votes:,}",
            ],
            YEAR_COLOUR,
        )
        add_footer(fig, coverage)
        return fig, filename, words

    years = sorted(answer.by_year, key=lambda y: y.year)
    height = 520
    fig = new_figure(WIDTH_PX, height)
    add_text(
        fig,
        0.02,
        1 - 14 / height,
        f"{a} and {b}: identical votes by year",
        size=17,
        bold=True,
        va="top",
    )
    add_text(
        fig,
        0.02,
        1 - 48 / height,
        " · ".join(p for p in (_capital(shorten(scope, 60)), overall) if p),
        size=12,
        colour=MUTED,
        va="top",
    )
    ax = _axes_px(fig, 80, 100, WIDTH_PX - 120, height - 100 - 115)
    xs = [y.year for y in years]
    ax.set_ylim(0, 1)
    ax.set_xlim(xs[0] - 0.8, xs[-1] + 0.8)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.grid(axis="y", color=GRID, linewidth=1, zorder=0)
    ax.set_axisbelow(True)
    # behind the bars, so it never hides where a bar ends
    ax.axhline(answer.agreement, color=OVERALL_COLOUR, linewidth=2, linestyle=(0, (6, 4)), zorder=1)
    ax.bar(
        xs,
        [y.agreement for y in years],
        width=0.72,
        color=YEAR_COLOUR,
        antialiased=False,
        linewidth=0,
        zorder=2,
    )
    span = xs[-1] - xs[0]
    step = 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10
    ticks = [x for x in range(xs[0], xs[-1] + 1) if x % step == 0] or xs[:1]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    _style_axes(ax)
    _overall_key(fig, height, answer.agreement)
    add_footer(fig, coverage)

    lows = sorted(years, key=lambda y: y.agreement)
    words += (
        f" One bar per year, {years[0].year} to {years[-1].year}; "
        f"lowest {percent(lows[0].agreement)} in {lows[0].year}, "
        f"highest {percent(lows[-1].agreement)} in {lows[-1].year}. "
        "A dashed line marks the overall figure."
    )
    return fig, filename, words


def _overall_key(fig: Figure, height: int, agreement: float) -> None:
    ax = _axes_px(fig, 80, 34, 560, 22)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    ax.fill_between([0, 0.04], 0.15, 0.85, color=YEAR_COLOUR, linewidth=0)
    add_text(ax, 0.055, 0.5, "identical votes that year", size=11, va="center")
    ax.plot([0.52, 0.58], [0.5, 0.5], color=OVERALL_COLOUR, linewidth=2, linestyle=(0, (6, 4)))
    add_text(ax, 0.595, 0.5, f"overall ({percent(agreement)})", size=11, va="center")
