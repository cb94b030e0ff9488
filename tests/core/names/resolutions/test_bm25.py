"""The lexical scores summed from the index's postings are SQLite FTS5's own bm25() (the
same numbers, in the same order), for the words of the documents, words no document
has, and phrases of any length."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.names.resolutions.bm25 import FIELD_WEIGHTS, build_postings
from bot.core.names.resolutions.lexical import quoted
from bot.core.names.resolutions.matcher import ResolutionMatcher

TODAY = date(2026, 12, 2)
REFERENCES = [
    "suspension russia human rights council",
    "aggression against ukraine",
    "agresion ukriane",
    "territorial integrity",
    "situation in kampuchea 1982",
    "the one about sanctioning apartheid south africa",  # "sanctioning": a stem, not a word
    "zionism is racism",
    "democratic people s republic of korea nuclear",  # a phrase of several words
    "qwxyz",
]


def fts5(matcher: ResolutionMatcher, phrases: list[str]) -> list[tuple[int, float]]:
    """The ranking FTS5 itself gives for the OR of the phrases."""
    expression = " OR ".join(quoted(p) for p in phrases)
    return matcher.lexical._bm25._index.rank(expression, weights=FIELD_WEIGHTS, limit=-1)


@pytest.mark.parametrize("text", REFERENCES)
def test_the_lexical_ranking_is_fts5_s(matcher: ResolutionMatcher, text: str) -> None:
    query = matcher.read(text, today=TODAY)
    phrases = matcher.lexical.phrases(query)
    ours = matcher.lexical.rank(query, limit=1000)
    theirs = fts5(matcher, phrases) if phrases else []
    assert sorted(ours) == sorted(theirs)  # the same documents, with the very same scores
    assert [s for _, s in ours] == sorted((s for _, s in ours), reverse=True)
    for rid, score in theirs[:5]:
        assert matcher.lexical.score_of(query, rid) == score


words = st.sampled_from(
    "human rights council ukraine aggression cuba embargo korea nuclear weapons "
    "palestine question apartheid africa sanctions sanctioning kampuchea racism zionism "
    "integrity territorial qwxyz of the s".split()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=6))
def test_any_or_of_phrases_scores_as_fts5_does(
    matcher: ResolutionMatcher, phrases: list[str]
) -> None:
    scores, matched = matcher.lexical._bm25.scores(phrases)
    theirs = fts5(matcher, phrases)
    assert sorted(int(i) for i in matched.nonzero()[0]) == sorted(rid for rid, _ in theirs)
    assert all(scores[rid] == score for rid, score in theirs)


def test_postings_weigh_each_column_and_count_word_pairs() -> None:
    docs = [(1, [["cuba", "embargo"], ["cuba"]]), (2, [["embargo"], []]), (3, [[], []])]
    entries, arrays = build_postings(docs, (2.0, 1.0))
    rows = {phrase: row for _, phrase, row in entries}
    assert set(rows) == {"cuba", "embargo", "cuba embargo"}
    start, end = arrays["bm25_offsets"][rows["cuba"]], arrays["bm25_offsets"][rows["cuba"] + 1]
    assert arrays["bm25_docs"][start:end].tolist() == [1]
    pair = rows["cuba embargo"]
    assert arrays["bm25_docs"][arrays["bm25_offsets"][pair]] == 1
    # "embargo" is in two of three documents: FTS5's floor of the IDF
    row = rows["embargo"]
    shares = arrays["bm25_shares"][arrays["bm25_offsets"][row] : arrays["bm25_offsets"][row + 1]]
    assert (shares < 1e-5).all() and (shares > 0).all()
