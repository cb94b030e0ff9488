"""Recurring items: the resolutions the Assembly adopts year after year under one title
(the Cuba embargo, the Syrian Golan), and the series the landmark files list.

Members of one item are alike to every ranker but for their dates, so the matcher
chooses among them by date: the one in the period the reference names, else the newest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from bot.core.dates import DateSpan
from bot.core.models import Resolution
from bot.core.names.resolutions.text import (
    clean_title,
    normalize,
    same_series_keys,
    series_key,
)


class _Groups:
    """Union-find over resolution ids."""

    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {rid: rid for rid in ids}

    def root(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.root(a)] = self.root(b)


def title_keys(resolutions: Sequence[Resolution]) -> dict[str, list[int]]:
    """The resolutions of each title, filler words aside."""
    by_title: dict[str, list[int]] = {}
    for r in resolutions:
        by_title.setdefault(series_key(normalize(clean_title(r.title))), []).append(r.id)
    return by_title


def variant_pairs(keys: Iterable[str]) -> list[tuple[str, str]]:
    """Titles that are one item spelt two ways ("behavior", "behaviour"), compared among
    those that start with the same two words."""
    buckets: dict[tuple[str, ...], list[str]] = {}
    for key in keys:
        buckets.setdefault(tuple(key.split()[:2]), []).append(key)
    return [
        (a, b)
        for bucket in buckets.values()
        for i, a in enumerate(bucket)
        for b in bucket[i + 1 :]
        if same_series_keys(a, b)
    ]


def series_groups(
    resolutions: Sequence[Resolution], listed: Iterable[Sequence[int]] = ()
) -> npt.NDArray[np.int64]:
    """(resolution id, item id) rows, for the index: resolutions of one title (or two
    spellings of one), and each series of the landmark files (`listed`), are one item."""
    date = {r.id: (r.date, r.id) for r in resolutions}
    groups = _Groups(date)
    by_title = title_keys(resolutions)
    for ids in by_title.values():
        for rid in ids[1:]:
            groups.join(rid, ids[0])
    for a, b in variant_pairs(by_title):
        groups.join(by_title[a][0], by_title[b][0])
    for listed_ids in listed:
        known = [rid for rid in listed_ids if rid in date]
        for rid in known[1:]:
            groups.join(rid, known[0])
    return np.array([(rid, groups.root(rid)) for rid in date], dtype=np.int64).reshape(-1, 2)


class Series:
    def __init__(self, groups: npt.NDArray[np.int64], dates: dict[int, str]) -> None:
        """`groups`: (resolution id, item id) rows; `dates`: each resolution's date."""
        members: dict[int, list[int]] = {}
        for rid, item in groups.tolist():
            members.setdefault(item, []).append(rid)
        self._members: dict[int, tuple[int, ...]] = {}
        for group in members.values():
            ordered = tuple(sorted(group, key=lambda r: (dates.get(r, ""), r)))
            for rid in ordered:
                self._members[rid] = ordered

    def members(self, rid: int) -> tuple[int, ...]:
        """Every resolution of the item `rid` belongs to, oldest first (itself alone when
        it is not a recurring item)."""
        return self._members.get(rid, (rid,))

    def same_item(self, a: int, b: int) -> bool:
        return b in self.members(a)

    def note(
        self,
        chosen: int,
        tied: Sequence[int],
        span: DateSpan | None,
        by_id: dict[int, Resolution],
    ) -> str:
        """What an answer says of the other resolutions of the chosen one's item: how to
        pick one (no period named), or how many others there are (several fit it)."""
        members = self.members(chosen)
        if len(members) < 2 or (span is not None and len(tied) < 2):
            return ""
        others = [rid for rid in members if rid != chosen]
        years = sorted({by_id[o].year for o in others})
        when = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        plural = "s" if len(others) > 1 else ""
        if span is None:
            which = "The most recent" if chosen == members[-1] else "One"
            return (
                f"{which} of {len(members)} resolutions on this item ({by_id[chosen].date}); "
                f"{len(others)} other{plural} from {when}. Add a year to pick one."
            )
        return f"{len(others)} other resolution{plural} on this item ({when})."
