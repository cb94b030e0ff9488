"""Resolutions about a topic (`/search`, `/history`, a topic in a question), and
suggestions for a fragment typed in an autocomplete box.

A resolution is about a topic when every word of the topic, a word of its [alike]
group, or a close spelling of it is in its title or subject headings; a landmark name
equal to the topic adds the resolutions it names. Suggestions read a fragment as the
start of a symbol, or as words whose last one is still being typed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from bot.core.data.index_store import IndexStore
from bot.core.data.store import Store
from bot.core.models import Resolution
from bot.core.names.resolutions.bm25 import FIELD_WEIGHTS
from bot.core.names.resolutions.knowledge import Landmark, Words
from bot.core.names.resolutions.lexical import LexicalRanker, quoted
from bot.core.names.resolutions.query import MIN_WORD_CHARS, rewrite
from bot.core.names.resolutions.series import Series
from bot.core.names.resolutions.symbol_table import SymbolTable
from bot.core.names.resolutions.text import FILLER
from bot.core.text import normalise

MAX_TOPIC_CHARS = 300
SUGGEST_POOL = 150  # documents ranked for an autocomplete fragment
MIN_FRAGMENT_CHARS = 2  # a shorter fragment gets the newest resolutions
_SYMBOL_START = re.compile(r"^(?:A/RES/|RES(?:OLUTION)?\s*)", re.IGNORECASE)


NAMED = "named"  # the index entries: what the landmark files call each resolution


def named_entries(
    landmarks: Iterable[Landmark], by_symbol: dict[str, int]
) -> list[tuple[str, str, int]]:
    """(kind, landmark name, resolution id) for the index."""
    return [
        (NAMED, normalise(name), by_symbol[symbol])
        for entry in landmarks
        for symbol in entry.symbols
        if symbol in by_symbol
        for name in entry.names
    ]


class Topics:
    def __init__(
        self,
        store: Store,
        index: IndexStore,
        lexical: LexicalRanker,
        symbols: SymbolTable,
        series: Series,
        *,
        words: Words,
        named: Iterable[tuple[str, int]],
    ) -> None:
        """`named`: (landmark name, resolution id), as the index lists them."""
        self._store = store
        self._index = index
        self._lexical = lexical
        self._symbols = symbols
        self._series = series
        self._words = words
        self._named: dict[str, list[int]] = {}
        for name, rid in named:
            self._named.setdefault(name, []).append(rid)
        self._newest_first = sorted(
            symbols.by_id, key=lambda rid: (symbols.by_id[rid].date, rid), reverse=True
        )

    def _terms(self, topic: str) -> list[str]:
        norm = normalise(topic)[:MAX_TOPIC_CHARS]
        return [w for w in rewrite(norm, self._words) if w not in FILLER]

    def search(
        self,
        topic: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Resolution]:
        """Resolutions about a topic, newest first."""
        words = self._terms(topic)
        if not any(len(w) >= MIN_WORD_CHARS for w in words):
            return []
        ids = set(self._named.get(normalise(topic), []))
        groups = []
        for word in words:
            spellings = [quoted(w) + "*" for w in sorted(self._words.group_of(word))]
            spellings += [quoted(f) for f in self._lexical.fixes(word)]
            groups.append("(" + " OR ".join(dict.fromkeys(spellings)) + ")")
        expression = "{title subjects} : (" + " AND ".join(groups) + ")"
        try:
            hits = self._store.search_text(expression, limit=len(self._symbols.by_id) or 1)
        except sqlite3.Error:  # an expression FTS5 cannot read finds nothing
            hits = []
        ids.update(rid for rid, _ in hits)
        found = [self._symbols.by_id[rid] for rid in ids if rid in self._symbols.by_id]
        if since:
            found = [r for r in found if r.date[: len(since)] >= since]
        if until:
            found = [r for r in found if r.date[: len(until)] <= until]
        found.sort(key=lambda r: (r.date, r.id), reverse=True)
        return found[:limit] if limit is not None else found

    def suggest(self, fragment: str, *, limit: int = 25) -> list[int]:
        """Up to `limit` resolution ids for an autocomplete fragment, best first: symbols
        that start with it, then documents with its words (the last one as a prefix),
        each recurring item once, as its newest resolution."""
        norm = normalise(fragment)[:MAX_TOPIC_CHARS]
        if limit <= 0:
            return []
        if len(norm) < MIN_FRAGMENT_CHARS:
            return self._newest_first[:limit]
        out: dict[int, None] = {}
        compact = _SYMBOL_START.sub("", fragment.strip().upper()).replace(" ", "")
        if any(ch.isdigit() for ch in compact):
            for rid in self._newest_first:
                if self._symbols.compact[rid].startswith(compact):
                    out[rid] = None
                    if len(out) >= limit:
                        return list(out)
        words = [w for w in norm.split() if w not in FILLER] or norm.split()
        *complete, last = words
        terms = [quoted(w) for w in complete] + [quoted(last) + "*"]
        expression = "{title names} : (" + " AND ".join(terms) + ")"
        for rid, _ in self._index.rank(expression, weights=FIELD_WEIGHTS, limit=SUGGEST_POOL):
            members = self._series.members(rid)
            out.setdefault(members[-1] if len(members) > 1 else rid, None)
            if len(out) >= limit:
                break
        return list(out)[:limit]
