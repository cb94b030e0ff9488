"""Lexical scores exactly as SQLite FTS5's bm25() gives them, summed in numpy.

FTS5 scores a document for a MATCH of several phrases as the sum, over the phrases, of
IDF(phrase) x f x (k1 + 1) / (f + k1 x (1 - b + b x D / avgdl)), where f is the phrase's
weighted frequency in the document (each instance counts its column's weight), D the
document's length in tokens and avgdl the mean length. A phrase's share of a document's
score therefore depends only on the phrase and the document: the shares of every word
and every pair of adjacent words the documents have are computed once, when the index
is built, from FTS5's own tokens (its porter stemmer), and a query adds them up. That
gives bm25()'s numbers without a query to SQLite for each reference; phrases of other
lengths, and words no document has (which may still stem to one that does), are asked
of FTS5 itself, one phrase at a time, and remembered.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from bot.core.data.index_store import IndexStore

# bm25 weights of the document fields title, agenda, subjects, dates, names, about:
# what people call a vote (`names`) and its title count most.
FIELD_WEIGHTS = (4.0, 1.0, 1.5, 0.3, 6.0, 2.0)
K1 = 1.2  # FTS5's bm25 constants
B = 0.75
IDF_FLOOR = 1e-6  # FTS5's least IDF, for phrases in half the documents or more

POSTINGS = "bm25"  # entries: a phrase as FTS5 terms ("term" or "term term"), its row
TOKENS = "tokens"  # entries: "word<TAB>its FTS5 terms", for every word of the documents
OFFSETS = "bm25_offsets"  # arrays: row r's postings are OFFSETS[r]:OFFSETS[r + 1] of
DOCS = "bm25_docs"  # ... the document ids
SHARES = "bm25_shares"  # ... and the phrase's share of each document's score
REMEMBERED = 512  # phrases asked of FTS5 whose postings are kept

Postings = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]
_EMPTY: Postings = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _frequencies(
    documents: Iterable[tuple[int, Sequence[Sequence[str]]]], weights: Sequence[float]
) -> tuple[dict[str, dict[int, float]], dict[int, int]]:
    """Weighted frequency of each word and word pair in each document, added up in the
    order FTS5 visits the instances (column by column, token by token); and each
    document's length in tokens."""
    freq: dict[str, dict[int, float]] = {}
    sizes: dict[int, int] = {}
    for doc, columns in documents:
        sizes[doc] = sum(len(tokens) for tokens in columns)
        for weight, tokens in zip(weights, columns, strict=True):
            for i, term in enumerate(tokens):
                slot = freq.setdefault(term, {})
                slot[doc] = slot.get(doc, 0.0) + weight
                if i + 1 < len(tokens):
                    pair = freq.setdefault(f"{term} {tokens[i + 1]}", {})
                    pair[doc] = pair.get(doc, 0.0) + weight
    return freq, sizes


def build_postings(
    documents: Sequence[tuple[int, Sequence[Sequence[str]]]], weights: Sequence[float]
) -> tuple[list[tuple[str, str, int]], dict[str, npt.NDArray[np.generic]]]:
    """The index entries and arrays of the postings of every word and word pair of the
    documents, given as (id, the FTS5 terms of each column)."""
    freq, sizes = _frequencies(documents, weights)
    rows = max(1, len(documents))
    avgdl = sum(sizes.values()) / rows or 1.0
    entries: list[tuple[str, str, int]] = []
    offsets = [0]
    docs: list[int] = []
    shares: list[float] = []
    for row, phrase in enumerate(sorted(freq)):
        hits = freq[phrase]
        idf = math.log((rows - len(hits) + 0.5) / (len(hits) + 0.5))
        if idf <= 0.0:
            idf = IDF_FLOOR
        for doc in sorted(hits):
            f = hits[doc]
            docs.append(doc)
            shares.append(idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * sizes[doc] / avgdl))))
        offsets.append(len(docs))
        entries.append((POSTINGS, phrase, row))
    arrays: dict[str, npt.NDArray[np.generic]] = {
        OFFSETS: np.array(offsets, dtype=np.int64),
        DOCS: np.array(docs, dtype=np.int64),
        SHARES: np.array(shares, dtype=np.float64),
    }
    return entries, arrays


def token_entries(
    words: Iterable[str], tokens: Sequence[Sequence[str]]
) -> list[tuple[str, str, int]]:
    """The TOKENS entries: each word with the FTS5 terms it is read as."""
    return [
        (TOKENS, f"{word}\t{' '.join(terms)}", 0) for word, terms in zip(words, tokens, strict=True)
    ]


class Bm25:
    """bm25() of an OR of phrases, for every document at once."""

    def __init__(self, index: IndexStore, weights: Sequence[float]) -> None:
        offsets, docs, shares = index.array(OFFSETS), index.array(DOCS), index.array(SHARES)
        if offsets is None or docs is None or shares is None:
            raise ValueError("the resolution index has no lexical postings")
        self._offsets = offsets
        self._docs = docs
        self._shares = shares
        phrases, rows = index.entry_lists(POSTINGS)
        self._rows = dict(zip(phrases, rows, strict=True))
        tokens, _ = index.entry_lists(TOKENS)
        pairs = (text.partition("\t") for text in tokens)
        self._terms = {word: tuple(terms.split()) for word, _, terms in pairs}
        self._size = int(docs.max()) + 1 if len(docs) else 1
        self._index = index
        self._weights = tuple(weights)
        self._asked: dict[str, Postings] = {}
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._asked.clear()

    @property
    def size(self) -> int:
        """One more than the largest document id with postings."""
        return self._size

    def postings(self, phrase: str) -> Postings:
        """(document ids, the phrase's share of their scores) of a phrase of normalised
        words, as FTS5 reads it."""
        terms: list[str] = []
        for word in phrase.split():
            known = self._terms.get(word)
            if known is None:
                return self._ask(phrase)
            terms.extend(known)
        if not terms:
            return _EMPTY
        if len(terms) > 2:
            return self._ask(phrase)
        row = self._rows.get(" ".join(terms))
        if row is None:  # words the documents have, never together
            return _EMPTY
        start, end = int(self._offsets[row]), int(self._offsets[row + 1])
        return self._docs[start:end], self._shares[start:end]

    def _ask(self, phrase: str) -> Postings:
        with self._lock:
            found = self._asked.get(phrase)
        if found is not None:
            return found
        quoted = '"' + phrase.replace('"', '""') + '"'
        ranked = self._index.rank(quoted, weights=self._weights, limit=-1)
        ranked.sort()
        found = (
            np.array([rid for rid, _ in ranked], dtype=np.int64),
            np.array([share for _, share in ranked], dtype=np.float64),
        )
        if len(found[0]) and int(found[0].max()) >= self._size:
            found = (found[0][found[0] < self._size], found[1][found[0] < self._size])
        with self._lock:
            if len(self._asked) >= REMEMBERED:
                self._asked.pop(next(iter(self._asked)))
            self._asked[phrase] = found
        return found

    def documents_with(self, phrase: str) -> int:
        return len(self.postings(phrase)[0])

    def scores(
        self, phrases: Sequence[str]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Every document's score for the OR of the phrases (added in their order, as
        FTS5 adds them), and which documents match at all."""
        scores = np.zeros(self._size, dtype=np.float64)
        matched = np.zeros(self._size, dtype=np.bool_)
        for phrase in phrases:
            docs, shares = self.postings(phrase)
            scores[docs] += shares
            matched[docs] = True
        return scores, matched
