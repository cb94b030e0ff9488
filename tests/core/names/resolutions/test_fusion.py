"""Fusing rankings by reciprocal rank, and the calibrated confidence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.names.resolutions import fusion

scores = st.lists(st.sampled_from([0.0, 0.5, 0.98, 1.0]) | st.floats(0, 100), max_size=40)


def test_a_document_first_everywhere_scores_the_most() -> None:
    rankings = {
        "lexical": [(1, 10.0), (2, 5.0)],
        "fuzzy": [(1, 90.0)],
        "semantic": [(2, 0.8), (1, 0.7)],
    }
    fused = fusion.fuse(rankings)
    assert [f.rid for f in fused] == [1, 2]
    assert fused[0].ranks == {"lexical": 1, "fuzzy": 1, "semantic": 2}
    assert fused[0].raw["fuzzy"] == 90.0


def test_near_ties_share_a_rank_but_recency_never_ties() -> None:
    assert fusion._ranks("lexical", [(1, 10.0), (2, 9.9), (3, 5.0)]) == [1, 1, 3]
    assert fusion._ranks("recency", [(1, 10.0), (2, 9.9), (3, 5.0)]) == [1, 2, 3]
    # placing a document the rankings did not list
    placed = fusion.place({"lexical": [(1, 10.0), (2, 5.0)]}, 3, {"lexical": 7.0})
    assert placed.ranks == {"lexical": 2}


@given(scores, st.booleans(), st.sampled_from(["lexical", "recency"]))
def test_a_whole_ranking_is_ranked_as_each_score_alone(
    values: list[float], ranked: bool, name: str
) -> None:
    ranking = list(enumerate(sorted(values, reverse=True) if ranked else values))
    assert fusion._ranks(name, ranking) == [fusion.rank_of(name, ranking, v) for _, v in ranking]


def test_confidence_rises_with_the_evidence() -> None:
    weak = (0.2, 0.0, 0.0, 0.3, 0.2, 0.0, 0.2, 1.0, 2.0, 0.5, 0.2, 0.0)
    strong = (1.0, 0.8, 4.0, 1.0, 1.0, 1.0, 0.9, 1.0, 0.0, 1.0, 0.9, 1.0)
    assert len(weak) == len(fusion.FEATURES) == len(fusion.WEIGHTS)
    assert 0.0 < fusion.confidence(weak) < fusion.confidence(strong) < 1.0
    assert fusion.GUESS_AT < fusion.MATCH_AT
