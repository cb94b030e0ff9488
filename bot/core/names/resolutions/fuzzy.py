"""Typo-tolerant ranking: the names and titles a whole reference is closest to, letter by
letter (rapidfuzz), for references typed with slips ("zionism is racisim").

Word-level slips are the lexical ranker's (it fixes unknown words); this ranker compares
the reference as a whole with every name people use for a vote and every title. Only
names that can reach the cutoff are compared: rapidfuzz's ratio is 200 x the longest
common subsequence / (both lengths), and that subsequence has at most, of each letter,
the fewer of the two strings' counts of it, which numpy bounds for every name at once.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from bot.core.data.index_store import IndexDocument
from bot.core.names.resolutions.index import NAME_SEPARATOR
from bot.core.names.resolutions.period import Allowed
from bot.core.names.resolutions.query import Query
from bot.core.text import normalise

CUTOFF = 75.0  # rapidfuzz ratio below which a name is not a reading of the reference
LONGEST = 120  # longer names and titles are left to the lexical ranker
RANKED = 20
MIN_CHARS = 5  # shorter references are left to the other rankers


NAMES = "name"  # the index entries: every name of a document, normalised
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # counted each; anything else together
_BUCKET = np.full(128, len(_LETTERS), dtype=np.int64)
_BUCKET[[ord(c) for c in _LETTERS]] = np.arange(len(_LETTERS))


def letter_counts(texts: Sequence[str]) -> npt.NDArray[np.uint8]:
    """How many of each letter (and of all other characters together) each text has, a
    column per text (at most 255 of each)."""
    size = len(_LETTERS) + 1
    if not texts:
        return np.zeros((size, 0), dtype=np.uint8)
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    rows = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    buckets = np.where(points < 128, _BUCKET[np.minimum(points, 127)], len(_LETTERS))
    counts = np.bincount(buckets * len(texts) + rows, minlength=size * len(texts))
    return np.minimum(counts, 255).astype(np.uint8).reshape(size, len(texts))


def name_entries(documents: Iterable[IndexDocument]) -> list[tuple[str, str, int]]:
    """(kind, name, document id) for the index: each document's title and names."""
    return [
        (NAMES, key, doc.id)
        for doc in documents
        for name in [doc.title, *doc.names.split(NAME_SEPARATOR)]
        if (key := normalise(name))
    ]


class FuzzyRanker:
    def __init__(self, names: Iterable[tuple[str, int]]) -> None:
        """`names`: (normalised name, document id), as the index lists them."""
        ids: dict[str, list[int]] = {}
        by_doc: dict[int, list[str]] = {}
        for key, rid in names:
            ids.setdefault(key, []).append(rid)
            by_doc.setdefault(rid, []).append(key)
        self._ids = ids
        self._names = by_doc
        # by length: a name far shorter or longer than the reference cannot reach CUTOFF
        self._choices = sorted((name for name in ids if len(name) <= LONGEST), key=len)
        self._lengths = [len(name) for name in self._choices]
        self._sizes = np.array(self._lengths, dtype=np.int64)
        self._counts = letter_counts(self._choices)

    def _within_reach(self, phrase: str, low: int, high: int) -> list[str]:
        """The choices of [low, high) whose letters allow a ratio of CUTOFF, in order."""
        tally = [0] * (len(_LETTERS) + 1)
        for letter, n in Counter(phrase).items():
            at = _LETTERS.find(letter) if letter.isascii() else -1
            tally[at if at >= 0 else len(_LETTERS)] += n
        mine = np.array([[min(n, 255)] for n in tally], dtype=np.uint8)
        shared = np.minimum(self._counts[:, low:high], mine).sum(axis=0, dtype=np.uint16)
        reach = 200 * shared.astype(np.int64) >= CUTOFF * (len(phrase) + self._sizes[low:high])
        return [self._choices[low + i] for i in np.flatnonzero(reach).tolist()]

    def rank(
        self, query: Query, *, limit: int = RANKED, among: Allowed | None = None
    ) -> list[tuple[int, float]]:
        """(document id, similarity 0-100) best first, among some documents only when
        `among` is given."""
        phrase = query.phrase
        if len(phrase) < MIN_CHARS:
            return []
        # ratio = 2 x matches / (both lengths): at most 2 x shorter / (both lengths)
        share = CUTOFF / 100
        low = bisect.bisect_left(self._lengths, len(phrase) * share / (2 - share))
        high = bisect.bisect_right(self._lengths, len(phrase) * (2 - share) / share)
        hits = process.extract(
            phrase,
            self._within_reach(phrase, low, high),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=CUTOFF,
            limit=limit if among is None else None,
        )
        best: dict[int, float] = {}
        for name, score, _ in hits:
            for rid in self._ids[name]:
                if among is not None and rid not in among:
                    continue
                best[rid] = max(best.get(rid, 0.0), float(score))
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]

    def score_of(self, query: Query, rid: int) -> float | None:
        phrase = query.phrase
        if len(phrase) < MIN_CHARS:
            return None
        best = max(
            (fuzz.ratio(phrase, n, processor=None) for n in self._names.get(rid, ())), default=0.0
        )
        return float(best) if best >= CUTOFF else None
