"""Each ranker of the resolution matcher on its own, over the fixture database: what it
finds for a reference, and what it leaves to the others."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.names.resolutions.matcher import ResolutionMatcher
from bot.core.names.resolutions.query import Query

TODAY = date(2026, 12, 2)


def read(matcher: ResolutionMatcher, text: str) -> Query:
    return matcher.read(text, today=TODAY)


def symbols(matcher: ResolutionMatcher, ranking: list[tuple[int, float]]) -> list[str]:
    return [matcher.symbols.by_id[rid].symbol for rid, _ in ranking]


def test_lexical_finds_the_words_of_a_title(matcher: ResolutionMatcher) -> None:
    ranked = matcher.lexical.rank(read(matcher, "suspension russia human rights council"))
    assert symbols(matcher, ranked)[0] == "A/RES/ES-11/3"
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)


def test_lexical_fixes_a_misspelt_word_to_the_documents_own(matcher: ResolutionMatcher) -> None:
    assert "ukraine" in matcher.lexical.fixes("ukriane")
    assert matcher.lexical.fixes("ukraine") == []  # a word the documents have is kept
    assert "A/RES/ES-11/1" in symbols(
        matcher, matcher.lexical.rank(read(matcher, "agresion ukriane"))
    )


def test_lexical_takes_a_word_for_its_alike_group(alike_matcher: ResolutionMatcher) -> None:
    ranked = alike_matcher.lexical.rank(read(alike_matcher, "cuba blockade"))
    assert (
        "embargo"
        in alike_matcher.topics._store.resolution(  # type: ignore[union-attr]
            symbols(alike_matcher, ranked)[0]
        ).title.lower()
    )


@pytest.mark.parametrize("text", ['"); DROP TABLE documents; --', "NEAR(a b) OR *", 'x" OR "'])
def test_lexical_reads_fts_syntax_as_words(matcher: ResolutionMatcher, text: str) -> None:
    matcher.lexical.rank(read(matcher, text))  # never raises


def test_lexical_within_a_period(matcher: ResolutionMatcher) -> None:
    query = read(matcher, "cuba embargo 2016")
    allowed = matcher.within(query.span)
    assert allowed
    ranked = matcher.lexical.rank(query, among=allowed)
    assert ranked and all(rid in allowed for rid, _ in ranked)


def test_fuzzy_reads_a_whole_reference_letter_by_letter(matcher: ResolutionMatcher) -> None:
    ranked = matcher.fuzzy.rank(read(matcher, "agresion against ukrane"))
    assert symbols(matcher, ranked)[:1] == ["A/RES/ES-11/1"]
    assert matcher.fuzzy.rank(read(matcher, "zzz")) == []  # too short to compare


def test_semantic_ranks_by_meaning(matcher: ResolutionMatcher) -> None:
    ranked = matcher.semantic.rank(read(matcher, "throwing moscow off the rights body"))
    assert "A/RES/ES-11/3" in symbols(matcher, ranked)[:2]  # no title word in common
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True) and all(-1.0 <= s <= 1.0 for s in scores)


def test_exact_ranker_knows_names_said_word_for_word(matcher: ResolutionMatcher) -> None:
    assert symbols(matcher, matcher.exact.rank(read(matcher, "the crimea vote"))) == [
        "A/RES/68/262"
    ]
    assert matcher.exact.rank(read(matcher, "crimea reparations")) == []


def test_every_ranker_scores_one_document_as_it_ranks_it(matcher: ResolutionMatcher) -> None:
    query = read(matcher, "aggression against ukraine")
    rid = matcher.get("A/RES/ES-11/1").id  # type: ignore[union-attr]
    scores = matcher.scores_of(query, rid)
    for name in ("lexical", "semantic"):
        ranked = dict(getattr(matcher, name).rank(query))
        assert scores[name] == pytest.approx(ranked[rid], rel=1e-6)


@pytest.mark.parametrize(
    "text", ["zionism is racisim", "territorial integrity of ukriane", "agression aganst ukraine"]
)
def test_fuzzy_compares_only_names_its_letters_could_reach_yet_finds_the_same(
    matcher: ResolutionMatcher, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = read(matcher, text)
    found = matcher.fuzzy.rank(query, limit=50)
    fuzzy = matcher.fuzzy
    monkeypatch.setattr(fuzzy, "_within_reach", lambda _p, low, high: fuzzy._choices[low:high])
    assert fuzzy.rank(query, limit=50) == found


def test_a_period_allows_its_resolutions_as_a_set_and_as_a_mask(
    matcher: ResolutionMatcher,
) -> None:
    query = read(matcher, "cuba embargo in 2016")
    allowed = matcher.within(query.span)
    assert allowed is not None and len(allowed) > 0
    years = {matcher.symbols.by_id[rid].date[:4] for rid in allowed}
    assert years == {"2016"}
    assert all(allowed.mask[rid] == (rid in allowed) for rid in matcher.symbols.by_id)
    october = matcher.within(read(matcher, "in october").span)
    assert october is not None and len(october) > 0
    assert all(matcher.symbols.by_id[rid].date[5:7] == "10" for rid in october)
