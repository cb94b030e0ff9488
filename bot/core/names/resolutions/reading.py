"""From a fused ranking to one reading: the recurring item's member a reference means
(the one in its period, else the newest), the best reading of any other item, and how
much of the reference the chosen document covers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.core.data.index_store import DOCUMENT_FIELDS, IndexDocument, IndexStore
from bot.core.models import Resolution
from bot.core.names.resolutions.fusion import Fused, max_fused
from bot.core.names.resolutions.index import NAME_SEPARATOR
from bot.core.names.resolutions.knowledge import Words
from bot.core.names.resolutions.period import Allowed
from bot.core.names.resolutions.query import MIN_WORD_CHARS, Query
from bot.core.names.resolutions.series import Series
from bot.core.names.resolutions.text import FILLER
from bot.core.text import normalise

TIED = 0.02  # readings of one item this close (share of max_fused()) are told apart by date
NEAR_LEXICAL = 0.8  # the newest of an item stands for it when it scores this share lexically
CROWDED = 0.9  # readings of other items from this share of the leading one's score crowd it
STEM_CHARS = 5  # a query word is found in a document that has a word starting like it
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Reading:
    chosen: int  # the resolution answered
    top: Fused  # the leading fused reading (of the chosen item)
    tied: tuple[int, ...]  # the item's members the rankers could not tell apart
    by_recency: bool  # chosen as the newest of several, with no period named
    parts: tuple[int, ...]  # members voted the same day as the chosen one (A, B...)
    rival: Fused | None  # the best reading of any other item
    firsts: int  # rankers whose first reading is of the chosen item
    crowd: int  # other items read about as well as the chosen one


def read(
    query: Query,
    fused: Sequence[Fused],
    rankings: dict[str, list[tuple[int, float]]],
    *,
    series: Series,
    by_id: dict[int, Resolution],
    allowed: Allowed | None,
    coverage: Coverage,
    lexical: Callable[[int], float | None],
) -> Reading:
    """The reading of the leading item. Within a recurring item, the member in the
    period named (or the newest, with none named) is chosen, unless the leading member
    has words of the reference that member lacks ("the first cuba embargo vote")."""
    top = fused[0]
    members = series.members(top.rid)
    close = top.score - TIED * max_fused()
    tied = tuple(f.rid for f in fused if f.rid in members and f.score >= close)
    named = {rid for rid, _ in rankings.get("exact", [])}
    within = [rid for rid in members if allowed is None or rid in allowed]
    if top.rid in named:
        # A name said word for word: of the members it names (the newest of those
        # named by a recurring item's name, the one named by a vote's own name).
        pool = {rid for rid in members if rid in named}
    elif query.order and len(within) > 1:
        # "the first vote on human rights in chile": that member, by date
        pick = min if query.order == "first" else max
        pool = {pick(within, key=lambda rid: (by_id[rid].date, rid))}
    else:
        # The newest of the members the rankers cannot tell apart, or of the whole
        # item when its newest member reads as well as the leading one.
        pool = set(tied)
        latest = max(within, key=lambda rid: (by_id[rid].date, rid))
        if latest != top.rid and _stands_for(query, latest, top, coverage, lexical):
            pool.add(latest)
    chosen = max(pool, key=lambda rid: (by_id[rid].date, rid))
    scores = {f.rid: f.score for f in fused}
    day = by_id[chosen].date
    parts = tuple(r for r in members if by_id[r].date == day and scores.get(r, 0.0) >= close)
    return Reading(
        chosen=chosen,
        top=top,
        tied=tied,
        by_recency=len(pool) > 1,  # the member was chosen by date among several alike
        parts=parts if chosen in parts else (chosen, *parts),
        rival=next((f for f in fused if f.rid not in members), None),
        firsts=_firsts(rankings, members),
        crowd=_crowd(fused, members, series, top),
    )


def _firsts(rankings: dict[str, list[tuple[int, float]]], members: Sequence[int]) -> int:
    """How many rankers (but recency) put a member of the item first."""
    return sum(
        1
        for name, ranking in rankings.items()
        if name != "recency" and ranking and ranking[0][0] in members
    )


def _crowd(fused: Sequence[Fused], members: Sequence[int], series: Series, top: Fused) -> int:
    """How many other items read about as well as the leading one."""
    return len(
        {
            series.members(f.rid)[0]
            for f in fused
            if f.rid not in members and f.score >= CROWDED * top.score
        }
    )


def _stands_for(
    query: Query,
    latest: int,
    top: Fused,
    coverage: Coverage,
    lexical: Callable[[int], float | None],
) -> bool:
    """Whether the newest member of an item reads as well as its leading one: it has as
    many of the reference's words, and the leading one has no words of its own that the
    reference used (a landmark's names: "the soviet invasion of afghanistan")."""
    if coverage.of(query, latest) < coverage.of(query, top.rid):
        return False
    best = top.raw.get("lexical")
    if not best:
        return True
    return (lexical(latest) or 0.0) >= NEAR_LEXICAL * best


def _content(text: str) -> str:
    return " ".join(w for w in normalise(text).split() if w not in FILLER)


class Coverage:
    """The share of a reference's words that a document has (as a word start, or a word
    of the same [alike] group)."""

    def __init__(
        self, index: IndexStore, words: Words, spellings: Callable[[str], Iterable[str]]
    ) -> None:
        """`spellings`: a word and the words that count as it (its group, its fixes)."""
        self._spell = spellings
        self._index = index
        self._docs: dict[int, IndexDocument | None] = {}
        self._words = words
        self._tokens: dict[int, frozenset[str]] = {}

    def forget(self) -> None:
        self._docs.clear()
        self._tokens.clear()

    def tokens(self, rid: int) -> frozenset[str]:
        found = self._tokens.get(rid)
        if found is None:
            doc = self._doc(rid)
            text = " ".join(getattr(doc, f) for f in DOCUMENT_FIELDS) if doc else ""
            found = frozenset(w[:STEM_CHARS] for w in _WORD.findall(normalise(text)))
            self._tokens[rid] = found
        return found

    def _doc(self, rid: int) -> IndexDocument | None:
        if rid in self._docs:
            return self._docs[rid]
        doc = self._docs[rid] = self._index.document(rid)
        return doc

    def exact(self, query: Query, rid: int) -> bool:
        """Whether the reference is one of the document's names or its title, word for
        word (filler aside)."""
        doc = self._doc(rid)
        if doc is None or not query.words:
            return False
        names = [doc.title, *doc.names.split(NAME_SEPARATOR)]
        phrase = " ".join(query.words)
        return any(_content(name) == phrase for name in names if name)

    def of(self, query: Query, rid: int) -> float:
        words = [w for w in query.words if len(w) >= MIN_WORD_CHARS]
        if not words:
            return 0.0
        tokens = self.tokens(rid)
        found = sum(1 for w in words if any(a[:STEM_CHARS] in tokens for a in self._spell(w)))
        return found / len(words)
