"""Resolutions from whatever people type: symbols, names, events, descriptions, typos.

A symbol in any spelling is looked up directly. Any other reference is read once
(`query`), its period taken out, and ranked three ways over one document per
resolution (`index`): lexically (FTS5 bm25), letter by letter (rapidfuzz) and by meaning
(WordLlama embeddings). The rankings are fused and the leading reading calibrated
(`fusion`) into match, best_guess, ambiguous or none. A period named in the reference
("2016", "last year", "in the 1980s") restricts the candidates; within a recurring
item the one in the period is chosen, else the newest, and the answer says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.core.data.index_store import IndexStore
from bot.core.data.store import Store
from bot.core.dates import DateSpan
from bot.core.memory import building
from bot.core.models import Candidate, Match, Resolution
from bot.core.names.resolutions.build import PROBLEMS, SERIES, open_index
from bot.core.names.resolutions.exact import PHRASES, ExactRanker
from bot.core.names.resolutions.fusion import (
    AMBIGUOUS_SCORE,
    GUESS_AT,
    MATCH_AT,
    Fused,
    confidence,
    features,
    fuse,
    max_fused,
)
from bot.core.names.resolutions.fuzzy import NAMES, FuzzyRanker
from bot.core.names.resolutions.index import VECTOR_IDS, VECTOR_ROWS, VECTORS
from bot.core.names.resolutions.knowledge import Words, load_words
from bot.core.names.resolutions.lexical import WORDS, LexicalRanker
from bot.core.names.resolutions.period import Allowed, Calendar
from bot.core.names.resolutions.query import MAX_QUERY_CHARS, Query, read_query
from bot.core.names.resolutions.reading import Coverage, Reading, read
from bot.core.names.resolutions.semantic import SemanticRanker
from bot.core.names.resolutions.series import Series
from bot.core.names.resolutions.symbol_table import DRAFTS, SYMBOLS, SymbolTable
from bot.core.names.resolutions.symbols import display_key
from bot.core.names.resolutions.text import clean_title
from bot.core.names.resolutions.topics import NAMED, Topics

OFFERED = 5  # candidates offered with a best guess, a question or a miss
REMEMBERED = 1024  # references whose answers are kept
OFFER_SHARE = 0.3  # ... when their fused score is at least this share of the leading one

CountryNames = Callable[[str], frozenset[str]]
Rankings = dict[str, list[tuple[int, float]]]


@dataclass(frozen=True, slots=True)
class Explained:
    query: Query
    rankings: Rankings
    fused: list[Fused]
    reading: Reading
    features: tuple[float, ...]


class ResolutionMatcher:
    """Resolves free text to a recorded General Assembly resolution."""

    def __init__(
        self,
        store: Store,
        index: IndexStore,
        *,
        resolutions: Sequence[Resolution],
        words: Words,
        country_names: CountryNames | None = None,
    ) -> None:
        """Everything the matcher holds is read from the index (`build` made it)."""
        self.symbols = SymbolTable(resolutions, index.entries(SYMBOLS), index.entries(DRAFTS))
        self.problems = [text for text, _ in index.entries(PROBLEMS)]
        self._by_id = self.symbols.by_id
        self._calendar = Calendar(resolutions)
        self._order = self._calendar.order
        self._index = index
        self._words = words
        groups = index.array(SERIES)
        vectors, ids, rows = (index.array(n) for n in (VECTORS, VECTOR_IDS, VECTOR_ROWS))
        if groups is None or vectors is None or ids is None or rows is None:
            raise ValueError("the resolution index is incomplete")
        self._series = Series(groups, {r.id: r.date for r in resolutions})
        self._country_names = country_names
        self.lexical = LexicalRanker(index, words, (w for w, _ in index.entries(WORDS)))
        self.fuzzy = FuzzyRanker(index.entries(NAMES))
        self.exact = ExactRanker(index.entries(PHRASES))
        self.semantic = SemanticRanker(vectors, ids, rows)
        self._coverage = Coverage(index, words, self.lexical.spellings)
        self._recent: dict[tuple[str, date], Match] = {}
        self._lock = threading.Lock()
        self.topics = Topics(
            store,
            index,
            self.lexical,
            self.symbols,
            self._series,
            words=words,
            named=index.entries(NAMED),
        )

    @classmethod
    def from_store(
        cls,
        store: Store,
        *,
        aliases_dir: Path,
        country_names: CountryNames | None = None,
        resolutions: Sequence[Resolution] | None = None,
    ) -> ResolutionMatcher:
        """The matcher over a database and the curated files of `aliases_dir` (its index
        is read from beside the database, or built when missing or out of date)."""
        resolutions = store.resolutions() if resolutions is None else resolutions
        with building():
            return cls(
                store,
                open_index(store, aliases_dir, resolutions=resolutions),
                resolutions=resolutions,
                words=load_words(aliases_dir),
                country_names=country_names,
            )

    # --- topics and autocomplete -----------------------------------------------------

    def search(
        self,
        topic: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Resolution]:
        """Resolutions about a topic, newest first."""
        return self.topics.search(topic, since=since, until=until, limit=limit)

    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        """Up to `limit` resolutions for an autocomplete box, best first."""
        return [self._candidate(rid, 100.0) for rid in self.topics.suggest(fragment, limit=limit)]

    # --- lookups ---------------------------------------------------------------------

    def get(self, symbol: str) -> Resolution | None:
        """The resolution with this symbol, in the data's spelling or any typed one."""
        return self.symbols.get(symbol)

    def read(self, text: str, *, today: date | None = None) -> Query:
        return read_query(
            text,
            today=today or date.today(),
            words=self._words,
            country_names=self._country_names,
        )

    def rank(self, query: Query, allowed: Allowed | None) -> Rankings:
        """Each ranker's readings, within `allowed` when a period is named."""
        rankings = {
            "lexical": self.lexical.rank(query, among=allowed),
            "fuzzy": self.fuzzy.rank(query, among=allowed),
            "semantic": self.semantic.rank(query, among=allowed),
            "exact": [(r, s) for r, s in self.exact.rank(query) if allowed is None or r in allowed],
        }
        # The newest first among the readings found: among readings the others cannot
        # tell apart, people mostly mean the more recent vote.
        found = {rid for ranking in rankings.values() for rid, _ in ranking}
        rankings["recency"] = sorted(
            ((rid, float(self._order[rid])) for rid in found), key=lambda kv: -kv[1]
        )
        return rankings

    def scores_of(self, query: Query, rid: int) -> dict[str, float]:
        """Each ranker's own score for one resolution (those that score it at all)."""
        raw = {
            "lexical": self.lexical.score_of(query, rid),
            "fuzzy": self.fuzzy.score_of(query, rid),
            "semantic": self.semantic.score_of(query, rid),
            "exact": self.exact.score_of(query, rid),
        }
        return {name: value for name, value in raw.items() if value is not None}

    def within(self, span: DateSpan | None) -> Allowed | None:
        """The resolutions voted on in a period (None for no period)."""
        return self._calendar.within(span)

    def forget(self) -> None:
        """Empty every cache of references (for benchmarks that time cold readings)."""
        with self._lock:
            self._recent.clear()
        self.lexical.forget()
        self.semantic.forget()
        self._coverage.forget()

    # --- resolving -------------------------------------------------------------------

    def resolve(self, text: str, *, today: date | None = None) -> Match:
        """The resolution a reference means, as a calibrated Match. The answers of the
        last REMEMBERED references are kept: people ask about the same votes."""
        key = (text, today or date.today())
        with self._lock:
            found = self._recent.get(key)
        if found is None:
            found = self._resolve(text, today=key[1])
            with self._lock:
                if len(self._recent) >= REMEMBERED:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[key] = found
        return found

    def _resolve(self, text: str, *, today: date) -> Match:
        query = self.read(text, today=today)
        if not query.text:
            return Match(query=text, status="none", note="Type a resolution symbol or title.")
        if len(text.strip()) > MAX_QUERY_CHARS:
            note = f"That is too long to be a resolution name ({len(text.strip())} characters)."
            return Match(query=text, status="none", note=note)
        if query.security_council:
            return self._none(
                query,
                "Security Council resolutions are not General Assembly votes; "
                "only recorded General Assembly votes are covered.",
            )
        if query.symbol is not None:
            return self._by_symbol(query)
        if not query.meaningful:
            return Match(
                query=text, status="none", note="Name a resolution by its symbol or words."
            )
        return self._by_words(query)

    def _by_symbol(self, query: Query) -> Match:
        key = query.symbol
        assert key is not None
        ids = self.symbols.lookup(key)
        if len(ids) == 1:
            return Match(query=query.text, status="match", best=self._candidate(ids[0], 100.0))
        if len(ids) > 1:
            ids.sort(key=lambda rid: self._by_id[rid].symbol)
            return Match(
                query=query.text,
                status="ambiguous",
                candidates=tuple(self._candidate(rid, 100.0) for rid in ids),
                note=f"{display_key(key)} was voted on in {len(ids)} parts; pick one.",
            )
        kind = "draft" if key.is_draft else "resolution"
        return self._none(
            query,
            f"{display_key(key)} is not a {kind} with a recorded vote in the data "
            "(it may have been adopted without a vote, or not exist).",
            near=self.symbols.neighbours(key),
        )

    def explain(self, query: Query) -> Explained | None:
        """Everything behind a reading of a reference by its words: the rankings, their
        fusion, the reading chosen and its features; None when nothing ranks."""
        allowed = self.within(query.span)
        return self.explain_ranked(query, self.rank(query, allowed), allowed)

    def explain_ranked(
        self, query: Query, rankings: Rankings, allowed: Allowed | None = None
    ) -> Explained | None:
        """`explain` for rankings already made (the fitting script ranks once and fuses
        many ways); `allowed`, the period's resolutions, is found again when not given."""
        if allowed is None and query.span is not None:
            allowed = self.within(query.span)
        fused = fuse(rankings)
        if not fused:
            return None
        reading = read(
            query,
            fused,
            rankings,
            series=self._series,
            by_id=self._by_id,
            allowed=allowed,
            coverage=self._coverage,
            lexical=lambda rid: self.lexical.score_of(query, rid),
        )
        lexical = rankings.get("lexical") or []
        values = features(
            reading.top,
            reading.rival,
            firsts=reading.firsts,
            coverage=self._coverage.of(query, reading.top.rid),
            lexical_best=lexical[0][1] if lexical else 0.0,
            words=len(query.words),
            crowd=reading.crowd,
            known=self.lexical.known_share(query),
            rarity=self.lexical.rarity(query),
            exact="exact" in reading.top.ranks,
        )
        return Explained(query, rankings, fused, reading, values)

    def _by_words(self, query: Query) -> Match:
        explained = self.explain(query)
        weak = explained is None or confidence(explained.features) < GUESS_AT
        if weak and query.span is not None and any(w.isdigit() for w in query.dated_words):
            # A year may be the title's own ("the biennium 1986-1987"): read it as words,
            # and take that reading when the title it finds says the year.
            undated = self.explain(query.undated())
            if undated is not None and self._says_the_years(query, undated.reading.chosen):
                if explained is None or confidence(undated.features) > confidence(
                    explained.features
                ):
                    explained = undated
        if explained is None:
            if query.span is not None and fuse(self.rank(query, None)):
                when = _phrase(query.span)
                return self._none(query, f"Nothing by that name was voted on {when}.")
            return self._none(query, "No recorded General Assembly vote matches that.")
        return self._decide(explained)

    def _decide(self, explained: Explained) -> Match:
        query, fused, reading = explained.query, explained.fused, explained.reading
        p = confidence(explained.features)
        others = self._other_items(fused, reading)
        if len(reading.parts) > 1 and p >= GUESS_AT:
            parts = sorted(reading.parts, key=lambda rid: self._by_id[rid].symbol)
            note = f"{self._by_id[parts[0]].date}: voted on in {len(parts)} parts; pick one."
            return Match(
                query=query.text,
                status="ambiguous",
                candidates=tuple(self._candidate(rid, 100 * p) for rid in parts),
                note=note,
            )
        note = self._series.note(reading.chosen, reading.tied, query.span, self._by_id)
        best = self._candidate(reading.chosen, 100 * p)
        offered = tuple(self._candidate(rid, 100 * p) for rid in others[: OFFERED - 1])
        if (p >= MATCH_AT or self._named(explained)) and not reading.by_recency:
            return Match(query=query.text, status="match", best=best, note=note)
        if p >= GUESS_AT:
            return Match(
                query=query.text, status="best_guess", best=best, candidates=offered, note=note
            )
        if reading.top.score / max_fused() >= AMBIGUOUS_SCORE:
            choices = (best, *offered)
            return Match(query=query.text, status="ambiguous", best=best, candidates=choices)
        return self._none(
            query, "No recorded General Assembly vote matches that.", near=[reading.chosen, *others]
        )

    def _says_the_years(self, query: Query, rid: int) -> bool:
        title = self._by_id[rid].title
        return all(w in title for w in query.dated_words if w.isdigit())

    def _named(self, explained: Explained) -> bool:
        """Strong evidence on its own: the reference is word for word a name or the title
        of the leading reading, and no other item reads as well."""
        reading = explained.reading
        rival = reading.rival.score if reading.rival else 0.0
        several = len(explained.query.words) > 1  # one word alone may name many things
        return several and rival < reading.top.score and "exact" in reading.top.ranks

    def _other_items(self, fused: list[Fused], reading: Reading) -> list[int]:
        """One resolution for each other item among the readings, best first (the newest
        member of a recurring item)."""
        seen = set(self._series.members(reading.chosen))
        out: list[int] = []
        for entry in fused:
            if entry.rid in seen or entry.score < OFFER_SHARE * reading.top.score:
                continue
            members = self._series.members(entry.rid)
            seen.update(members)
            out.append(entry.rid if len(members) == 1 else members[-1])
            if len(out) >= OFFERED:
                break
        return out

    def _none(self, query: Query, note: str, *, near: Sequence[int] = ()) -> Match:
        candidates = tuple(self._candidate(rid, 0.0) for rid in list(near)[: OFFERED - 2])
        return Match(query=query.text, status="none", candidates=candidates, note=note)

    def _candidate(self, rid: int, score: float) -> Candidate:
        r = self._by_id[rid]
        return Candidate(id=r.symbol, name=clean_title(r.title), score=round(score, 1), note=r.date)


def _phrase(span: DateSpan | None) -> str:
    if span is None:
        return ""
    label = span.label
    return (
        label if label.split(" ", 1)[0] in ("in", "on", "since", "until", "from") else f"in {label}"
    )
