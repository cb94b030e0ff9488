"""A strip of one country's votes across a series of resolutions, in date order.

One cell per resolution, filled with the vote's colour and carrying the vote's
marker shape in the background colour, so the strip reads without colour too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.core.models import Coverage, HistoryAnswer, MemberVote, RecentVotesAnswer, Resolution
from bot.core.render.charts.style import (
    BACKGROUND,
    MUTED,
    VOTE_STYLES,
    add_footer,
    add_heading,
    add_text,
    new_figure,
    pretty_date,
    shorten,
    slug,
)

WIDTH_PX = 1000
LABELLED_MAX = 30  # up to this many cells, each is labelled with symbol and date
PER_ROW = 40  # cells per row beyond that
MAX_CELLS = 400  # the latest ones are drawn when a series is longer
CELL_GAP = 0.1  # on each side, as a share of a cell
STRIP_ORDER: tuple[MemberVote, ...] = ("yes", "no", "abstain", "non_voting", "not_member")


def short_symbol(symbol: str) -> str:
    return symbol.removeprefix("A/RES/")


def draw_strip(
    items: Sequence[tuple[Resolution, MemberVote]],
    *,
    heading: str,
    subtitle: str,
    coverage: Coverage | None,
) -> tuple[Figure, int]:
    """Draw the cells; returns the figure and how many of the latest items it shows."""
    items = sorted(items, key=lambda item: (item[0].date, item[0].symbol))[-MAX_CELLS:]
    n = len(items)
    labelled = n <= LABELLED_MAX
    row_h = 1.0 if labelled else 1.25  # in cell heights, gap included
    if labelled:
        cols, rows = n, 1
        cell = min(60.0, (WIDTH_PX - 80) / max(n, 1))
        below_px = 150
        left_px = 40
    else:
        cols, rows = PER_ROW, -(-n // PER_ROW)
        left_px = 150
        cell = (WIDTH_PX - left_px - 110) / PER_ROW
        below_px = 20
    grid_units = (rows - 1) * row_h + 1
    grid_px = grid_units * cell
    top_px, legend_px, footer_px = 90, 50, 30
    height = int(top_px + grid_px + below_px + legend_px + footer_px)
    fig = new_figure(WIDTH_PX, height)
    add_heading(fig, heading, subtitle)

    bottom_px = footer_px + legend_px + below_px
    ax = fig.add_axes(
        (left_px / WIDTH_PX, bottom_px / height, cols * cell / WIDTH_PX, grid_px / height)
    )
    ax.set_axis_off()
    ax.set_xlim(0, cols)
    ax.set_ylim(1 - grid_units, 1)
    marker_pt = cell * 0.5 * 72 / fig.dpi
    by_vote: dict[MemberVote, list[tuple[float, float]]] = {}
    cells: dict[MemberVote, list[tuple[float, float]]] = {}
    for i, (res, vote) in enumerate(items):
        col, row = i % cols, i // cols
        y = -row * row_h
        cells.setdefault(vote, []).append((col, y))
        by_vote.setdefault(vote, []).append((col + 0.5, y + 0.5))
        if labelled:
            add_text(
                ax,
                col + 0.5,
                -0.08,
                f"{short_symbol(res.symbol)}  {pretty_date(res.date)}",
                size=9.5 if cell < 40 else 10.5,
                rotation=90,
                ha="center",
                va="top",
                clip_on=False,
            )
    if not labelled:
        for row in range(rows):
            first = items[row * cols][0]
            last = items[min(n, (row + 1) * cols) - 1][0]
            add_text(
                ax,
                -0.5,
                -row * row_h + 0.5,
                f"{pretty_date(first.date)} –",
                size=10,
                ha="right",
                va="center",
                clip_on=False,
            )
            add_text(
                ax,
                min(cols, n - row * cols) + 0.4,
                -row * row_h + 0.5,
                pretty_date(last.date),
                size=10,
                colour=MUTED,
                ha="left",
                va="center",
                clip_on=False,
            )
    # a hollow cell's outline is drawn centred on its edge: inset it by half a line
    line_px = max(2.0, cell * 0.07)
    inset = CELL_GAP + line_px / 2 / cell
    for vote, corners in cells.items():
        style = VOTE_STYLES[vote]
        pad = inset if style.hollow else CELL_GAP
        lo = np.array(corners) + pad
        hi = lo + (1 - 2 * pad)
        squares = np.stack(
            [lo, np.column_stack([hi[:, 0], lo[:, 1]]), hi, np.column_stack([lo[:, 0], hi[:, 1]])],
            axis=1,
        )
        ax.add_collection(
            PolyCollection(
                list(squares),
                facecolors=BACKGROUND if style.hollow else style.colour,
                edgecolors=style.colour if style.hollow else "none",
                linewidths=line_px * 72 / fig.dpi if style.hollow else 0,
                antialiased=False,
            )
        )
    for vote, points in by_vote.items():
        style = VOTE_STYLES[vote]
        if vote in ("yes", "no", "abstain"):
            ax.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                s=marker_pt**2,
                marker=style.marker,
                facecolors=BACKGROUND,
                edgecolors="none",
                antialiased=False,
                zorder=3,
            )
    _legend(fig, height, Counter(vote for _, vote in items), footer_px)
    add_footer(fig, coverage)
    return fig, n


def _legend(fig: Figure, height: int, counts: Counter[MemberVote], footer_px: int) -> None:
    ax = fig.add_axes((0.0, (footer_px + 8) / height, 1.0, 30 / height))
    ax.set_xlim(0, WIDTH_PX)
    ax.set_ylim(0, 30)
    ax.set_axis_off()
    x = 30.0
    for vote in STRIP_ORDER:
        if vote == "not_member" and not counts[vote]:
            continue
        style = VOTE_STYLES[vote]
        face = BACKGROUND if style.hollow else style.colour
        ax.add_patch(
            Rectangle(
                (x, 5),
                20,
                20,
                facecolor=face,
                edgecolor=style.colour,
                linewidth=1.5,
                antialiased=False,
            )
        )
        if vote in ("yes", "no", "abstain"):
            ax.scatter(
                [x + 10],
                [15],
                s=9**2,
                marker=style.marker,
                facecolors=BACKGROUND,
                edgecolors="none",
                antialiased=False,
            )
        add_text(ax, x + 28, 15, f"{style.label} {counts[vote]}", size=12, va="center")
        x += 190


def _summary(items: Sequence[tuple[Resolution, MemberVote]]) -> str:
    counts = Counter(vote for _, vote in items)
    return ", ".join(
        f"{counts[v]} {VOTE_STYLES[v].label.lower()}"
        for v in STRIP_ORDER
        if counts[v] or v != "not_member"
    )


def _listing(items: Sequence[tuple[Resolution, MemberVote]]) -> str:
    """Newest first: when the words must be cut, the recent votes are the ones kept."""
    ordered = sorted(items, key=lambda item: (item[0].date, item[0].symbol), reverse=True)
    return "Newest first: " + "; ".join(
        f"{short_symbol(r.symbol)} ({r.date}) {VOTE_STYLES[v].label}" for r, v in ordered
    )


def history(answer: HistoryAnswer, *, coverage: Coverage | None) -> tuple[Figure | None, str, str]:
    if not answer.entries:
        return None, "", ""
    name = answer.country.name
    items = [(e.resolution, e.vote) for e in answer.entries]
    ordered = sorted(items, key=lambda item: (item[0].date, item[0].symbol))
    drawn = ordered[-MAX_CELLS:]
    changes = sum(1 for e in answer.entries if e.changed)
    span = f"{pretty_date(ordered[0][0].date)} to {pretty_date(ordered[-1][0].date)}"
    drawn_span = f"{pretty_date(drawn[0][0].date)} to {pretty_date(drawn[-1][0].date)}"
    cut = len(drawn) < len(items)
    fig, _ = draw_strip(
        drawn,
        heading=shorten(f"{name} on “{answer.topic}”: {len(items)} recorded votes", 70),
        subtitle=(
            f"The latest {len(drawn)}, one cell per resolution in date order, {drawn_span}"
            if cut
            else f"One cell per resolution, in date order, {span}"
        ),
        coverage=coverage,
    )
    words = (
        f"Strip of {name}'s votes on resolutions about “{answer.topic}”, one cell per "
        f"resolution in date order from {span}: {_summary(items)}; "
        f"the vote changed {changes} times."
    )
    if cut:
        words += f" The chart shows the latest {len(drawn)}, from {drawn_span}."
    words += f" {_listing(items)}."
    return fig, f"history-{slug(answer.country.code, answer.topic)}.png", words


def recent(
    answer: RecentVotesAnswer, *, coverage: Coverage | None
) -> tuple[Figure | None, str, str]:
    if not answer.recent:
        return None, "", ""
    name = answer.country.name
    items = list(answer.recent)
    fig, _ = draw_strip(
        items,
        heading=f"{name}: latest {len(items)} recorded votes",
        subtitle="One cell per resolution, oldest on the left",
        coverage=coverage,
    )
    words = (
        f"Strip of {name}'s latest {len(items)} recorded votes, oldest first: "
        f"{_summary(items)}. {_listing(items)}."
    )
    return fig, f"recent-{slug(answer.country.code)}.png", words
