"""Fusing the rankers and calibrating the result.

Fusion is weighted reciprocal-rank fusion: a document scores the sum over rankers of
weight / (RRF_K + its rank there). Confidence is a logistic model over a few features
of the leading reading (how strong and how far ahead it is, how many rankers put it
first, how much of the reference its document covers, and each ranker's own score),
fitted on the development tables by `bench/fit_resolution_matcher.py`; the thresholds
that turn it into match / best_guess / ambiguous / none are fitted with it, so that a
`match` is right at least 99% of the time on those tables.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

RRF_K = 5.0
RRF_WEIGHTS = {"lexical": 1.0, "fuzzy": 0.3, "semantic": 0.3, "recency": 0.2, "exact": 0.5}
TIE_SHARE = 0.02  # scores within this share of a ranking's best count as tied


def max_fused() -> float:
    """The fused score of a document every ranker (but recency) puts first."""
    return sum(w / (RRF_K + 1) for name, w in RRF_WEIGHTS.items() if name != "recency")


# Fitted by bench/fit_resolution_matcher.py on the development tables.
# The logistic model: confidence = 1 / (1 + exp(-(BIAS + sum of WEIGHTS x features))).
FEATURES = (
    "score",
    "margin",
    "firsts",
    "coverage",
    "lexical",
    "fuzzy",
    "semantic",
    "words",
    "crowd",
    "known",
    "rarity",
    "exact",
)
WEIGHTS = (0.558, 0.106, 0.908, 3.204, -0.002, -0.294, 1.438, 0.698, -0.663, 0.839, 2.265, 0.019)
BIAS = -7.122

# Confidence thresholds.
MATCH_AT = 0.986  # from here on, a reading is a match
GUESS_AT = 0.471  # from here, the answer is given for it, saying it is a best guess
AMBIGUOUS_SCORE = 0.61  # below GUESS_AT, readings this strong (fused / max_fused()) are offered
#                        as a question; weaker ones as suggestions after "none"


@dataclass(slots=True)
class Fused:
    """A document's fused score and what each ranker said of it."""

    rid: int
    score: float = 0.0
    ranks: dict[str, int] = field(default_factory=dict)  # 1 = first
    raw: dict[str, float] = field(default_factory=dict)  # the ranker's own score


EXACT_RANKERS = frozenset({"recency"})  # rankers whose scores are never nearly tied


def _tolerance(name: str, ranking: list[tuple[int, float]]) -> float:
    if not ranking or name in EXACT_RANKERS:
        return 0.0
    return TIE_SHARE * abs(ranking[0][1])


def rank_of(name: str, ranking: list[tuple[int, float]], raw: float) -> int:
    """Where a score falls in a ranking: one more than the scores clearly above it, so
    documents a ranker scores (nearly) the same share a rank."""
    above = raw + _tolerance(name, ranking)
    return 1 + sum(1 for _, other in ranking if other > above)


def _ranks(name: str, ranking: list[tuple[int, float]]) -> list[int]:
    """rank_of for every entry of a ranking at once. The rankers list their scores high
    to low, so one pass does, as the bar a score must clear only falls down the list."""
    tolerance = _tolerance(name, ranking)
    scores = [raw for _, raw in ranking]
    if any(a < b for a, b in zip(scores, scores[1:], strict=False)):  # not from a ranker
        ascending = sorted(-raw for raw in scores)
        return [1 + bisect.bisect_left(ascending, -(raw + tolerance)) for raw in scores]
    ranks: list[int] = []
    above = 0  # entries clearly above the current one
    for raw in scores:
        bar = raw + tolerance
        while scores[above] > bar:
            above += 1
        ranks.append(1 + above)
    return ranks


def fuse(rankings: dict[str, list[tuple[int, float]]]) -> list[Fused]:
    """Every ranked document with its fused score, best first."""
    fused: dict[int, Fused] = {}
    for name, ranking in rankings.items():
        weight = RRF_WEIGHTS[name]
        for (rid, raw), rank in zip(ranking, _ranks(name, ranking), strict=True):
            entry = fused.get(rid)
            if entry is None:
                entry = fused[rid] = Fused(rid)
            entry.score += weight / (RRF_K + rank)
            entry.ranks[name] = rank
            entry.raw[name] = raw
    return sorted(fused.values(), key=lambda f: (-f.score, f.rid))


def place(rankings: dict[str, list[tuple[int, float]]], rid: int, raw: dict[str, float]) -> Fused:
    """A document's fused score from its own scores (`raw`, by ranker), ranked where those
    scores fall in each ranking: for a document the rankings did not list."""
    entry = Fused(rid)
    for name, score in raw.items():
        rank = rank_of(name, rankings.get(name, []), score)
        entry.score += RRF_WEIGHTS[name] / (RRF_K + rank)
        entry.ranks[name] = rank
        entry.raw[name] = score
    return entry


def features(
    top: Fused,
    rival: Fused | None,
    *,
    firsts: int,
    coverage: float,
    lexical_best: float,
    words: int,
    crowd: int,
    known: float,
    rarity: float,
    exact: bool,
) -> tuple[float, ...]:
    """The features of FEATURES for the leading reading `top` against the best reading
    of another item, `rival`."""
    lexical = top.raw.get("lexical", 0.0) / lexical_best if lexical_best > 0 else 0.0
    most = max_fused()
    return (
        top.score / most,
        (top.score - (rival.score if rival else 0.0)) / most,
        float(firsts),
        coverage,
        lexical,
        top.raw.get("fuzzy", 0.0) / 100.0,
        top.raw.get("semantic", 0.0),
        math.log1p(words),
        math.log1p(crowd),
        known,
        rarity,
        float(exact),
    )


def confidence(values: tuple[float, ...]) -> float:
    """The chance, by the fitted model, that the leading reading is the one meant."""
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
