"""The hemicycle ("parliament") chart of one recorded vote: one seat per member.

Seats are counted from the stated tally (`Resolution.yes/no/abstain/non_voting`), so
the picture always adds up to the numbers the UN published. Where the roll call in
the data lists a different number of members for a vote, the chart says so in words
instead of silently drawing one of the two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.core.models import Coverage, MemberVote, Resolution, ResolutionAnswer
from bot.core.render.charts.style import (
    BACKGROUND,
    HIGHLIGHT,
    MUTED,
    VOTE_ORDER,
    VOTE_STYLES,
    add_footer,
    add_heading,
    add_text,
    new_figure,
    pretty_date,
    shorten,
)

INNER_RADIUS = 0.38  # of the outer radius; the tally is written in the hollow
SEAT_FILL = 0.72  # seat diameter as a share of the spacing between rows
WIDTH_PX, HEIGHT_PX = 1000, 700
PX_PER_UNIT = 410  # the outer radius in pixels
AXES_LEFT_PX, AXES_BOTTOM_PX = 24, 120
X_RANGE = (-1.16, 1.16)
LEGEND_Y_PX = 100  # centre of the legend row, from the bottom
NOTE_TOP_PX = 78  # a data note under the legend, up to two lines above the footer
Y_RANGE = (-0.06, 1.16)


@dataclass(frozen=True, slots=True)
class Seat:
    x: float
    y: float
    row: int  # 0 is the innermost row
    angle: float  # radians, pi on the left, 0 on the right
    vote: MemberVote


@dataclass(frozen=True, slots=True)
class Hemicycle:
    seats: tuple[Seat, ...]
    diameter: float  # of one seat, in the same units as x and y (outer radius = 1)
    rows: int
    highlighted: int | None = None  # index into seats


def _row_radii(rows: int) -> list[float]:
    step = (1 - INNER_RADIUS) / (rows - 1)
    return [INNER_RADIUS + i * step for i in range(rows)]


def _row_capacity(radius: float, spacing: float) -> int:
    return int(math.pi * radius / spacing + 1e-9) + 1


def _seats_per_row(total: int) -> tuple[list[float], list[int], float]:
    """The fewest rows that hold `total` seats, and how many seats each row gets."""
    rows = 2
    while True:
        radii = _row_radii(rows)
        spacing = (1 - INNER_RADIUS) / (rows - 1)
        capacity = [_row_capacity(r, spacing) for r in radii]
        if sum(capacity) >= total:
            break
        rows += 1
    # share seats out in proportion to each row's length, never beyond its capacity
    counts = [0] * rows
    remaining = total
    open_rows = set(range(rows))
    while remaining and open_rows:
        weight = sum(radii[i] for i in open_rows)
        shares = {i: remaining * radii[i] / weight for i in open_rows}
        for i in sorted(open_rows):
            take = min(int(shares[i]), capacity[i] - counts[i])
            counts[i] += take
            remaining -= take
        # hand what rounding left over to the rows with the largest remainders
        for i in sorted(open_rows, key=lambda i: shares[i] - int(shares[i]), reverse=True):
            if remaining and counts[i] < capacity[i]:
                counts[i] += 1
                remaining -= 1
        open_rows = {i for i in open_rows if counts[i] < capacity[i]}
    return radii, counts, spacing


def layout(counts: dict[MemberVote, int], *, highlight: MemberVote | None = None) -> Hemicycle:
    """Seat positions, grouped left to right in the order Yes, No, Abstained, Did not vote.

    With `highlight`, one seat of that vote is picked in the outer row (so its label can
    sit just outside the arc); if that group has no outer seat, it swaps places with the
    nearest outer seat, which keeps every group's count unchanged.
    """
    total = sum(counts.get(v, 0) for v in VOTE_ORDER)
    if total == 0:
        return Hemicycle(seats=(), diameter=0.0, rows=0)
    radii, per_row, spacing = _seats_per_row(total)
    places: list[tuple[float, int, float]] = []  # (angle, row, radius)
    for row, (radius, n) in enumerate(zip(radii, per_row, strict=True)):
        for j in range(n):
            angle = math.pi / 2 if n == 1 else math.pi * (1 - j / (n - 1))
            places.append((angle, row, radius))
    places.sort(key=lambda p: (-p[0], p[1]))
    votes: list[MemberVote] = [v for v in VOTE_ORDER for _ in range(counts.get(v, 0))]
    outer = len(radii) - 1

    chosen: int | None = None
    if highlight is not None and counts.get(highlight, 0) > 0:
        members = [i for i, v in enumerate(votes) if v == highlight]
        middle_angle = sorted(places[i][0] for i in members)[len(members) // 2]
        in_outer = [i for i in members if places[i][1] == outer]
        if in_outer:
            chosen = min(in_outer, key=lambda i: abs(places[i][0] - middle_angle))
        else:
            inner_seat = members[len(members) // 2]
            outer_seats = [i for i, p in enumerate(places) if p[1] == outer]
            chosen = min(outer_seats, key=lambda i: abs(places[i][0] - places[inner_seat][0]))
            votes[inner_seat], votes[chosen] = votes[chosen], votes[inner_seat]

    seats = tuple(
        Seat(r * math.cos(a), r * math.sin(a), row, a, vote)
        for (a, row, r), vote in zip(places, votes, strict=True)
    )
    diameter = SEAT_FILL * spacing
    return Hemicycle(seats=seats, diameter=diameter, rows=len(radii), highlighted=chosen)


def stated_counts(resolution: Resolution) -> dict[MemberVote, int]:
    return {
        "yes": resolution.yes,
        "no": resolution.no,
        "abstain": resolution.abstain,
        "non_voting": resolution.non_voting,
    }


def roll_call_note(answer: ResolutionAnswer) -> str:
    """Say how the roll call in the data differs from the stated tally ('' if it agrees)."""
    res = answer.resolution
    listed: dict[MemberVote, int] = {
        "no": len(answer.no_votes),
        "abstain": len(answer.abstentions),
        "non_voting": len(answer.non_voting),
    }
    if answer.yes_votes:
        listed["yes"] = len(answer.yes_votes)
    stated = stated_counts(res)
    if (
        not answer.yes_votes
        and not any(listed.values())
        and any(stated[v] for v in ("no", "abstain", "non_voting"))
    ):
        return "The data holds no roll call for this vote; seats follow the stated tally."
    differences = [
        f"{VOTE_STYLES[v].label} {listed[v]} listed, {stated[v]} stated"
        for v in VOTE_ORDER
        if v in listed and listed[v] != stated[v]
    ]
    if not differences:
        return ""
    return (
        "Roll call and stated tally differ ("
        + "; ".join(differences)
        + "); seats follow the stated tally."
    )


def tally_words(counts: dict[MemberVote, int]) -> str:
    return ", ".join(f"{counts[v]} {VOTE_STYLES[v].label.lower()}" for v in VOTE_ORDER)


def draw(
    *,
    resolution: Resolution,
    heading: str,
    coverage: Coverage | None,
    highlight: MemberVote | None = None,
    highlight_label: str = "",
    note: str = "",
) -> tuple[Figure, Hemicycle]:
    counts = stated_counts(resolution)
    hemi = layout(counts, highlight=highlight)
    fig = new_figure(WIDTH_PX, HEIGHT_PX)

    width = (X_RANGE[1] - X_RANGE[0]) * PX_PER_UNIT
    height = (Y_RANGE[1] - Y_RANGE[0]) * PX_PER_UNIT
    ax = fig.add_axes(
        (
            AXES_LEFT_PX / WIDTH_PX,
            AXES_BOTTOM_PX / HEIGHT_PX,
            width / WIDTH_PX,
            height / HEIGHT_PX,
        )
    )
    ax.set_xlim(*X_RANGE)
    ax.set_ylim(*Y_RANGE)
    ax.set_axis_off()

    # marker sizes are in points: one seat is `diameter` units of PX_PER_UNIT pixels
    seat_pt = hemi.diameter * PX_PER_UNIT * 72 / fig.dpi
    for vote in VOTE_ORDER:
        xs = [s.x for s in hemi.seats if s.vote == vote]
        ys = [s.y for s in hemi.seats if s.vote == vote]
        if not xs:
            continue
        _scatter(ax, xs, ys, vote, seat_pt)

    if hemi.highlighted is not None:
        seat = hemi.seats[hemi.highlighted]
        ring_pt = seat_pt / SEAT_FILL * 1.04
        ax.scatter(
            [seat.x],
            [seat.y],
            s=ring_pt**2,
            marker="o",
            facecolors="none",
            edgecolors=HIGHLIGHT,
            linewidths=max(2.2, seat_pt * 0.1),
            antialiased=False,
            zorder=4,
        )
        _label_seat(ax, seat, hemi.diameter, highlight_label)

    tally = " – ".join(str(counts[v]) for v in ("yes", "no", "abstain"))
    add_text(ax, 0, 0.075, tally, size=22, bold=True, ha="center", va="bottom")
    add_text(ax, 0, 0.0, "yes – no – abstained", size=11, colour=MUTED, ha="center", va="bottom")

    add_heading(fig, heading, f"{pretty_date(resolution.date)} · {resolution.title}")
    _legend(ax, counts, seat_pt)
    if note:
        note_text = shorten(note, 135, lines=2)
        add_text(fig, 0.5, NOTE_TOP_PX / HEIGHT_PX, note_text, size=11, ha="center", va="top")
    add_footer(fig, coverage)
    return fig, hemi


def _label_seat(ax: Axes, seat: Seat, diameter: float, label: str) -> None:
    """Label a seat from the top corner on its side of the chart.

    The leader runs radially out of the arc first and then to the corner, so it never
    crosses another seat (the corner sees every outer seat on its side from outside).
    """
    cos, sin = math.cos(seat.angle), math.sin(seat.angle)
    side = 1 if cos >= 0 else -1
    start = 1 + diameter * 0.75
    bend = start + 0.03
    corner_x, corner_y = side * 1.10, 1.10
    ax.plot(
        [start * cos, bend * cos, corner_x],
        [start * sin, bend * sin, corner_y],
        color=MUTED,
        linewidth=1.5,
        zorder=3,
    )
    add_text(
        ax,
        side * 1.14,
        corner_y + 0.012,
        label,
        size=15,
        bold=True,
        ha="right" if side > 0 else "left",
        va="bottom",
        zorder=5,
    )


def _scatter(
    ax: Axes,
    xs: list[float],
    ys: list[float],
    vote: MemberVote,
    size_pt: float,
    *,
    clip: bool = True,
) -> None:
    """Seats with exact colours and no antialiasing, so they can be counted from pixels."""
    style = VOTE_STYLES[vote]
    if style.hollow:
        ax.scatter(
            xs,
            ys,
            s=(size_pt * 0.92) ** 2,
            marker=style.marker,
            facecolors=BACKGROUND,
            edgecolors=style.colour,
            linewidths=max(2.0, size_pt * 0.14),
            antialiased=False,
            zorder=2,
            clip_on=clip,
        )
    else:
        ax.scatter(
            xs,
            ys,
            s=size_pt**2,
            marker=style.marker,
            facecolors=style.colour,
            edgecolors="none",
            linewidths=0,
            antialiased=False,
            zorder=2,
            clip_on=clip,
        )


def _legend(ax: Axes, counts: dict[MemberVote, int], seat_pt: float) -> None:
    """One key per vote, always all four (a zero count is information too).

    Drawn on the seats' axes below the arc (an axes of its own costs more than the keys).
    """

    def at(x_px: float, y_px: float) -> tuple[float, float]:
        return (
            (x_px - AXES_LEFT_PX) / PX_PER_UNIT + X_RANGE[0],
            (y_px - AXES_BOTTOM_PX) / PX_PER_UNIT + Y_RANGE[0],
        )

    size = min(seat_pt, 16.0)
    for x_px, vote in zip((160, 350, 540, 760), VOTE_ORDER, strict=True):
        x, y = at(x_px, LEGEND_Y_PX)
        _scatter(ax, [x], [y], vote, size, clip=False)
        text_x, _ = at(x_px + 18, LEGEND_Y_PX)
        label = f"{VOTE_STYLES[vote].label} {counts[vote]}"
        add_text(ax, text_x, y, label, size=13, va="center", clip_on=False)
