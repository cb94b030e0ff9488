"""A compact in-memory vote matrix and the computations over it.

The matrix holds one int8 cell per (resolution, seat): 0 when the seat has no row for
that resolution (not a member on that date), otherwise the vote. Rows are in date order,
so a period is a contiguous slice and a topic is an index array. Everything here works
on codes and resolution ids; names are the facade's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.core.models import MemberVote, Resolution

NOT_MEMBER, YES, NO, ABSTAIN, NON_VOTING = 0, 1, 2, 3, 4
_CELL = {"Y": YES, "N": NO, "A": ABSTAIN, "X": NON_VOTING}
CELL_NAMES: dict[int, MemberVote] = {
    NOT_MEMBER: "not_member",
    YES: "yes",
    NO: "no",
    ABSTAIN: "abstain",
    NON_VOTING: "non_voting",
}

# Allies need enough shared votes to mean something: at least this many, and at least
# this share of the votes the country itself cast in the period.
MIN_SHARED_VOTES = 10
MIN_SHARED_SHARE = 0.2

Int8Array = npt.NDArray[np.int8]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class PairStats:
    """How two seats voted against each other over a set of resolutions."""

    agreement: float  # identical / both voted Y, N or A
    coincidence: float  # identical / both voted Y or N
    votes: int  # both voted Y, N or A
    yes_no_votes: int  # both voted Y or N
    disagreements: tuple[int, ...]  # matrix rows where both voted and differ, newest first
    by_year: tuple[tuple[int, float, int], ...]  # (year, agreement, votes)


@dataclass(frozen=True, slots=True)
class AllyStats:
    code: str
    agreement: float
    votes: int


class VoteMatrix:
    """Votes as a resolutions x seats int8 matrix, with resolutions in date order."""

    def __init__(
        self,
        resolutions: Sequence[Resolution],
        codes: Sequence[str],
        votes: Iterable[tuple[int, str, str]],
    ) -> None:
        ordered = sorted(resolutions, key=lambda r: (r.date, r.id))
        self.resolutions: tuple[Resolution, ...] = tuple(ordered)
        self.codes: tuple[str, ...] = tuple(codes)
        self.column: dict[str, int] = {code: i for i, code in enumerate(self.codes)}
        self.row_of_id: dict[int, int] = {r.id: i for i, r in enumerate(self.resolutions)}
        self.dates: npt.NDArray[np.str_] = np.array([r.date for r in ordered], dtype="U10")
        self.years: IntArray = np.array([r.year for r in ordered], dtype=np.int64)
        # Records that repeat an adopted resolution's roll call are never selected, so the
        # same vote is not counted twice in agreement, allies, history or recent votes.
        self.counted: npt.NDArray[np.bool_] = np.array([not r.repeat_of for r in ordered])
        cells = np.zeros((len(ordered), len(self.codes)), dtype=np.int8)
        row_of_id, column = self.row_of_id, self.column
        for resolution_id, code, vote in votes:
            row = row_of_id.get(resolution_id)
            col = column.get(code)
            if row is not None and col is not None:
                cells[row, col] = _CELL.get(vote, NOT_MEMBER)
        cells.setflags(write=False)
        self.cells: Int8Array = cells
        # How many seats cast each kind of vote on each row (from the rows, not the tally).
        self.counts: IntArray = np.stack(
            [np.count_nonzero(cells == cell, axis=1) for cell in range(NON_VOTING + 1)], axis=1
        )

    # --- selecting resolutions ---------------------------------------------------------

    def rows(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        resolution_ids: Iterable[int] | None = None,
    ) -> IntArray:
        """Matrix rows in the period (ISO dates or prefixes, inclusive), in date order."""
        lo = 0 if since is None else int(np.searchsorted(self.dates, since, side="left"))
        # "2010" as an upper bound means the end of 2010: compare on a padded key.
        hi = (
            len(self.dates)
            if until is None
            else int(np.searchsorted(self.dates, _upper_key(until), side="right"))
        )
        if resolution_ids is None:
            period = np.arange(lo, hi, dtype=np.int64)
            return period[self.counted[lo:hi]]
        picked = sorted(
            row
            for rid in resolution_ids
            if (row := self.row_of_id.get(rid)) is not None and lo <= row < hi and self.counted[row]
        )
        return np.array(picked, dtype=np.int64)

    # --- one resolution ----------------------------------------------------------------

    def vote(self, resolution_id: int, code: str) -> MemberVote:
        row, col = self.row_of_id.get(resolution_id), self.column.get(code)
        if row is None or col is None:
            return "not_member"
        return CELL_NAMES[int(self.cells[row, col])]

    def voters(self, resolution_id: int, vote: MemberVote) -> list[str]:
        """Codes of the seats that cast `vote` on the resolution, in code order."""
        row = self.row_of_id.get(resolution_id)
        if row is None:
            return []
        cell = _cell_of(vote)
        return [self.codes[i] for i in np.flatnonzero(self.cells[row] == cell)]

    # --- one seat ----------------------------------------------------------------------

    def recent(self, code: str, *, limit: int) -> list[int]:
        """The newest `limit` rows where the seat was a member, newest first."""
        col = self.column.get(code)
        if col is None:
            return []
        member_rows = np.flatnonzero(self.cells[:, col] != NOT_MEMBER)
        return [int(r) for r in member_rows[::-1][:limit]]

    def minority(
        self, code: str, *, at_most: int, limit: int, since: str | None = None
    ) -> list[tuple[int, int]]:
        """Newest rows (from `since` on) where the seat voted Y, N or A with at most
        `at_most` seats (itself included) voting the same way: (row, size of that group)."""
        col = self.column.get(code)
        if col is None:
            return []
        mine = self.cells[:, col]
        cast = np.flatnonzero(_cast(mine))
        if since is not None:
            cast = cast[cast >= int(np.searchsorted(self.dates, since, side="left"))]
        if cast.size == 0:
            return []
        same = self.counts[cast, mine[cast]]
        lonely = np.flatnonzero(same <= at_most)
        return [(int(cast[i]), int(same[i])) for i in lonely[::-1][:limit]]

    # --- two seats and one against all -------------------------------------------------

    def pair(self, a: str, b: str, rows: IntArray, *, disagreements: int = 5) -> PairStats:
        ia, ib = self.column[a], self.column[b]
        va, vb = self.cells[rows, ia], self.cells[rows, ib]
        both = _cast(va) & _cast(vb)
        same = both & (va == vb)
        both_yn = _yes_no(va) & _yes_no(vb)
        votes, yes_no = int(both.sum()), int(both_yn.sum())
        agree = int(same.sum())
        coincide = int((same & both_yn).sum())
        differ = rows[both & (va != vb)]
        years = self.years[rows]
        by_year: list[tuple[int, float, int]] = []
        if votes:
            first = int(years.min())
            n = np.bincount(years - first, weights=both)
            s = np.bincount(years - first, weights=same)
            for i in np.flatnonzero(n):
                by_year.append((first + int(i), float(s[i] / n[i]), int(n[i])))
        return PairStats(
            agreement=agree / votes if votes else 0.0,
            coincidence=coincide / yes_no if yes_no else 0.0,
            votes=votes,
            yes_no_votes=yes_no,
            disagreements=tuple(int(r) for r in differ[::-1][:disagreements]),
            by_year=tuple(by_year),
        )

    def allies(self, code: str, rows: IntArray) -> tuple[list[AllyStats], int]:
        """Agreement of `code` with every other seat over `rows`, best first.

        Returns the scores of seats sharing enough votes, and the minimum used.
        """
        col = self.column[code]
        rows = rows[_cast(self.cells[rows, col])]  # only where the country itself voted
        block = self.cells[rows]
        mine = block[:, col]
        shared = np.count_nonzero(_cast(block), axis=0)
        # mine is Y/N/A, so an equal cell is a cast vote too
        same = np.count_nonzero(block == mine[:, None], axis=0)
        minimum = max(MIN_SHARED_VOTES, int(MIN_SHARED_SHARE * len(rows)))
        scores = [
            AllyStats(self.codes[i], float(same[i] / shared[i]), int(shared[i]))
            for i in np.flatnonzero(shared >= minimum)
            if i != col
        ]
        scores.sort(key=lambda s: (-s.agreement, -s.votes, s.code))
        return scores, minimum


def _cast(cells: Int8Array) -> npt.NDArray[np.bool_]:
    """Yes, No or Abstain: one unsigned comparison (0 wraps to 255, 4 stays above)."""
    cast: npt.NDArray[np.bool_] = cells.view(np.uint8) - np.uint8(YES) < np.uint8(ABSTAIN)
    return cast


def _yes_no(cells: Int8Array) -> npt.NDArray[np.bool_]:
    both: npt.NDArray[np.bool_] = (cells == YES) | (cells == NO)
    return both


def _cell_of(vote: MemberVote) -> int:
    for cell, name in CELL_NAMES.items():
        if name == vote:
            return cell
    raise ValueError(f"unknown vote {vote!r}")


def _upper_key(until: str) -> str:
    """The largest ISO date string that a partial date ("2010", "2010-03") covers."""
    return until + "-99-99"[len(until) - 4 :] if len(until) < 10 else until
