"""The resolutions a reference's period allows ("2016", "last year", "in october"), as a
set for the readings and as a mask by id for the rankers' arrays."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

from bot.core.dates import DateSpan
from bot.core.models import Resolution


class Allowed:
    """Resolution ids a period allows. `mask[rid]` says the same for every id up to the
    largest of the data, so that numpy rankers filter without a loop."""

    __slots__ = ("ids", "mask")

    def __init__(self, ids: npt.NDArray[np.int64], size: int) -> None:
        self.ids = frozenset(ids.tolist())
        self.mask = np.zeros(size, dtype=np.bool_)
        self.mask[ids] = True

    def __contains__(self, rid: object) -> bool:
        return rid in self.ids

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The positions in `ids` (an array of resolution ids) of the allowed ones."""
        inside = ids < len(self.mask)
        return np.flatnonzero(inside & self.mask[np.where(inside, ids, 0)])


class Calendar:
    """Resolutions by date."""

    def __init__(self, resolutions: Sequence[Resolution]) -> None:
        dated = sorted((r.date, r.id) for r in resolutions)
        self._days = [day for day, _ in dated]
        self._ids = np.array([rid for _, rid in dated], dtype=np.int64)
        self._months = np.array([int(day[5:7] or 0) for day in self._days], dtype=np.int64)
        self._size = int(self._ids.max()) + 1 if len(self._ids) else 1
        self.order = {rid: i for i, rid in enumerate(self._ids.tolist())}  # by date

    def within(self, span: DateSpan | None) -> Allowed | None:
        """The resolutions voted on in a period (None for no period)."""
        if span is None:
            return None
        if span.month is not None:
            return Allowed(self._ids[self._months == span.month], self._size)
        start = bisect.bisect_left(self._days, span.first)
        end = bisect.bisect_right(self._days, span.last)
        return Allowed(self._ids[start:end], self._size)
