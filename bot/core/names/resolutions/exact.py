"""Exact ranking: the documents one of whose names, or whose title, the reference says
word for word (filler and dates aside, words said the texts' way): "crimea", "uniting
for peace", "aggression against ukraine". The strongest evidence there is, short of a
symbol."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.data.index_store import IndexDocument
from bot.core.names.resolutions.index import NAME_SEPARATOR
from bot.core.names.resolutions.knowledge import Words
from bot.core.names.resolutions.query import Query, phrase_of

PHRASES = "phrase"  # the index entries: each name and title of a document, read as a phrase


def phrase_entries(documents: Iterable[IndexDocument], words: Words) -> list[tuple[str, str, int]]:
    """(kind, phrase, document id) for the index."""
    out: dict[tuple[str, int], None] = {}
    for doc in documents:
        for name in [doc.title, *doc.names.split(NAME_SEPARATOR)]:
            if phrase := phrase_of(name, words):
                out[(phrase, doc.id)] = None
    return [(PHRASES, phrase, rid) for phrase, rid in out]


class ExactRanker:
    def __init__(self, phrases: Iterable[tuple[str, int]]) -> None:
        """`phrases`: (phrase, document id), as the index lists them."""
        self._ids: dict[str, list[int]] = {}
        for phrase, rid in phrases:
            self._ids.setdefault(phrase, []).append(rid)

    def rank(self, query: Query) -> list[tuple[int, float]]:
        """Every document the reference names word for word, all alike (score 1)."""
        return [(rid, 1.0) for rid in self._ids.get(query.key, ())]

    def score_of(self, query: Query, rid: int) -> float | None:
        return 1.0 if rid in self._ids.get(query.key, ()) else None
