"""Lexical ranking: the documents that have the query's words, by FTS5's bm25 (as
`bm25.Bm25` computes it from the index's postings).

Each content word of the query stands for itself, the words of its [alike] group, and,
when no document has it, the indexed words closest to it (a typing slip: "embrago");
a country the query names stands for every name texts give it. A document scores by
bm25 over its fields, with what people call a vote (`names`) and its title counting
most.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from bot.core.data.index_store import DOCUMENT_FIELDS, IndexDocument, IndexStore
from bot.core.names.resolutions.bm25 import FIELD_WEIGHTS, Bm25
from bot.core.names.resolutions.knowledge import Words
from bot.core.names.resolutions.period import Allowed
from bot.core.names.resolutions.query import MIN_WORD_CHARS, Query
from bot.core.text import normalise

RANKED = 40  # documents taken from the index per query
FIX_CUTOFF = 80.0  # rapidfuzz ratio from which an indexed word is a fix of a typed one
SHORT_FIX_CUTOFF = 88.0  # ... for words of five letters or fewer
SHORT_WORD = 5
FIXES = 2  # indexed words tried for one unknown word
REMEMBERED = 8  # the scores of the last references' words, for score_of
FIXED_WORDS = 4096  # words whose fixes are kept
COMMON = 0.08  # a word in more than this share of the documents narrows nothing down
RARE = 2  # a word in this few documents may be a slip: its close spellings count too


WORDS = "word"  # the index entries: the documents' own words


def vocabulary_entries(documents: Iterable[IndexDocument]) -> list[tuple[str, str, int]]:
    """(kind, word, 0) for the index: every word of four letters or more of any document."""
    found: set[str] = set()
    for doc in documents:
        for field in DOCUMENT_FIELDS:
            found.update(w for w in normalise(getattr(doc, field)).split() if len(w) >= 4)
    return [(WORDS, word, 0) for word in sorted(found) if word.isalpha()]


def quoted(term: str) -> str:
    """A term as an FTS5 string: nothing in it can act as FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


class LexicalRanker:
    def __init__(self, index: IndexStore, words: Words, vocabulary: Iterable[str]) -> None:
        """`vocabulary`: the documents' own words, as the index lists them."""
        self._bm25 = Bm25(index, FIELD_WEIGHTS)
        self._words = words
        # Typed words are fixed to the documents' own words (not the index's stems), each
        # looked for among the words of its first letter.
        spelled: dict[str, list[str]] = {}
        for word in vocabulary:
            spelled.setdefault(word[0], []).append(word)
        self._spelled = spelled
        self._documents = max(1, index.count())
        self._doc_count = dict(index.vocabulary())
        self._recent: dict[tuple[str, ...], tuple[Scores, Matched]] = {}
        self._fixed: dict[str, list[str]] = {}  # the fixes of the last words looked at
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._recent.clear()
            self._fixed.clear()
        self._bm25.forget()

    def documents_with(self, word: str) -> int:
        """How many documents have the word (as the index stems it)."""
        return self._bm25.documents_with(word)

    def known(self, word: str) -> bool:
        """Whether some document has the word."""
        return self.documents_with(word) > 0

    def content_words(self, query: Query) -> list[str]:
        return [w for w in query.words if len(w) >= MIN_WORD_CHARS]

    def known_share(self, query: Query) -> float:
        """The share of the reference's words that some document has, or a close spelling
        of (a word no document has says the vote may not be in the data)."""
        words = self.content_words(query)
        if not words:
            return 0.0
        return sum(1 for w in words if self.known(w) or self.fixes(w)) / len(words)

    def rarity(self, query: Query) -> float:
        """How few documents have the reference's rarest known word, from 0 (every one)
        to 1 (one); a reference of common words ("apartheid", "israel") names many."""
        counts = [self.documents_with(w) for w in self.content_words(query)]
        known = [c for c in counts if c > 0]
        if not known:
            return 0.0
        return 1.0 - math.log(min(known)) / math.log(self._documents)

    def fixes(self, word: str) -> list[str]:
        """The documents' words a misspelt word may stand for, closest first: for a word
        no document has, or so few that it is likely the texts' own slip ("agression")."""
        if len(word) < 4 or not word.isalpha():
            return []
        with self._lock:
            found = self._fixed.get(word)
        if found is not None:
            return found
        found = []
        if self.documents_with(word) <= RARE:
            cutoff = SHORT_FIX_CUTOFF if len(word) <= SHORT_WORD else FIX_CUTOFF
            hits = process.extract(
                word,
                self._spelled.get(word[0], ()),
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=cutoff,
                limit=FIXES + 1,
            )
            found = [term for term, _, _ in hits if term != word][:FIXES]
        with self._lock:
            if len(self._fixed) >= FIXED_WORDS:
                self._fixed.pop(next(iter(self._fixed)))
            self._fixed[word] = found
        return found

    def spellings(self, word: str) -> frozenset[str]:
        """A word, the words of its [alike] group, and its fixes."""
        return self._words.group_of(word) | frozenset(self.fixes(word))

    def common(self, word: str) -> bool:
        """A word (its leading letters, as the index stems it) in many documents."""
        count = self._doc_count.get(word) or self._doc_count.get(word[:-1]) or 0
        return count > COMMON * self._documents

    def term_group(self, word: str) -> list[str]:
        """The phrases one query word stands for: its spellings."""
        spellings = [*sorted(self._words.group_of(word)), *self.fixes(word)]
        return list(dict.fromkeys(spellings))

    def phrases(self, query: Query) -> list[str]:
        """The phrases whose bm25 shares a document's score adds up: the query's words,
        each pair of words that follow one another (a document saying "human rights
        council" beats one with the words apart), and the names of the countries it
        names. A word found in many documents stands only within its pairs when rarer
        words are there: alone it would rank almost every document and add little."""
        words = [w for w in query.words if len(w) >= MIN_WORD_CHARS]
        rare = [w for w in words if not self.common(w)]
        phrases = [p for w in (rare or words) for p in self.term_group(w)]
        phrases += [
            f"{a} {b}"
            for a, b in zip(query.words, query.words[1:], strict=False)
            if len(a) >= MIN_WORD_CHARS and len(b) >= MIN_WORD_CHARS
        ]
        for names in query.country_words:
            phrases += sorted(names)
        return phrases

    def _scores(self, query: Query) -> tuple[Scores, Matched] | None:
        phrases = tuple(self.phrases(query))
        if not phrases:
            return None
        with self._lock:
            found = self._recent.get(phrases)
        if found is None:
            found = self._bm25.scores(phrases)
            with self._lock:
                if len(self._recent) >= REMEMBERED:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[phrases] = found
        return found

    def rank(
        self, query: Query, *, limit: int = RANKED, among: Allowed | None = None
    ) -> list[tuple[int, float]]:
        """(document id, score) best first, among some documents only when `among` is
        given; empty when the query has no content words."""
        found = self._scores(query)
        if found is None:
            return []
        scores, matched = found
        ids = np.flatnonzero(matched)
        if among is not None:
            ids = ids[among.rows(ids)]
        # best first, the older document first among equal scores (as FTS5 lists them)
        order = np.lexsort((ids, -scores[ids]))[:limit]
        return [(int(ids[i]), float(scores[ids[i]])) for i in order]

    def score_of(self, query: Query, rid: int) -> float | None:
        """The score one document gets, whether or not it is among the ranked ones."""
        found = self._scores(query)
        if found is None or not 0 <= rid < len(found[1]) or not found[1][rid]:
            return None
        return float(found[0][rid])


Scores = npt.NDArray[np.float64]
Matched = npt.NDArray[np.bool_]
