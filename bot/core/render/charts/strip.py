"""A strip of one country's votes across a series of resolutions, in date order.

One cell per resolution, filled with the vote's colour and carrying the vote's
marker shape in the background colour, so the strip reads without colour too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
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


@dataclass(frozen=True)
class _Grid:
    """Where the cells go: columns, rows and sizes in pixels."""

    n: int
    labelled: bool
    cols: int
    rows: int
    cell: float
    left_px: float
    below_px: float
    row_h: float  # in cell heights, gap included

    @property
    def units(self) -> float:
        return (self.rows - 1) * self.row_h + 1


def _grid(n: int) -> _Grid:
    if n <= LABELLED_MAX:
        cell = min(60.0, (WIDTH_PX - 80) / max(n, 1))
        return _Grid(n, True, n, 1, cell, left_px=40, below_px=150, row_h=1.0)
    left_px = 150
    cell = (WIDTH_PX - left_px - 110) / PER_ROW
    return _Grid(n, False, PER_ROW, -(-n // PER_ROW), cell, left_px, below_px=20, row_h=1.25)


def draw_strip(
    items: Sequence[tuple[Resolution, MemberVote]],
    *,
    heading: str,
    subtitle: str,
    coverage: Coverage | None,
) -> tuple[Figure, int]:
    """Draw the cells; returns the figure and how many of the latest items it shows."""
    items = sorted(items, key=lambda item: (item[0].date, item[0].symbol))[-MAX_CELLS:]
    grid = _grid(len(items))
    grid_px = grid.units * grid.cell
    top_px, legend_px, footer_px = 90, 50, 30
    height = int(top_px + grid_px + grid.below_px + legend_px + footer_px)
    fig = new_figure(WIDTH_PX, height)
    add_heading(fig, heading, subtitle)
    bottom_px = footer_px + legend_px + grid.below_px
    ax = fig.add_axes(
        (
            grid.left_px / WIDTH_PX,
            bottom_px / height,
            grid.cols * grid.cell / WIDTH_PX,
            grid_px / height,
        )
    )
    ax.set_axis_off()
    ax.set_xlim(0, grid.cols)
    ax.set_ylim(1 - grid.units, 1)
    cells: dict[MemberVote, list[tuple[float, float]]] = {}
    for i, (res, vote) in enumerate(items):
        col, row = i % grid.cols, i // grid.cols
        cells.setdefault(vote, []).append((col, -row * grid.row_h))
        if grid.labelled:
            add_text(
                ax,
                col + 0.5,
                -0.08,
                f"{short_symbol(res.symbol)}  {pretty_date(res.date)}",
                size=9.5 if grid.cell < 40 else 10.5,
                rotation=90,
                ha="center",
                va="top",
                clip_on=False,
            )
    if not grid.labelled:
        _label_rows(ax, grid, items)
    _draw_cells(fig, ax, grid, cells)
    _legend(fig, height, Counter(vote for _, vote in items), footer_px)
    add_footer(fig, coverage)
    return fig, grid.n


def _label_rows(ax: Axes, grid: _Grid, items: Sequence[tuple[Resolution, MemberVote]]) -> None:
    """The dates of each row's first and last cell, left and right of it."""
    for row in range(grid.rows):
        first = items[row * grid.cols][0]
        last = items[min(grid.n, (row + 1) * grid.cols) - 1][0]
        y = -row * grid.row_h + 0.5
        add_text(
            ax,
            -0.5,
            y,
            f"{pretty_date(first.date)} –",
            size=10,
            ha="right",
            va="center",
            clip_on=False,
        )
        add_text(
            ax,
            min(grid.cols, grid.n - row * grid.cols) + 0.4,
            y,
            pretty_date(last.date),
            size=10,
            colour=MUTED,
            ha="left",
            va="center",
            clip_on=False,
        )


def _draw_cells(
    fig: Figure, ax: Axes, grid: _Grid, cells: dict[MemberVote, list[tuple[float, float]]]
) -> None:
    """Each vote's cells in its colour, with its marker cut out of them."""
    # a hollow cell's outline is drawn centred on its edge: inset it by half a line
    line_px = max(2.0, grid.cell * 0.07)
    inset = CELL_GAP + line_px / 2 / grid.cell
    marker_pt = grid.cell * 0.5 * 72 / fig.dpi
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
        if vote in ("yes", "no", "abstain"):
            ax.scatter(
                [x + 0.5 for x, _ in corners],
                [y + 0.5 for _, y in corners],
                s=marker_pt**2,
                marker=style.marker,
                facecolors=BACKGROUND,
                edgecolors="none",
                antialiased=False,
                zorder=3,
            )


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
