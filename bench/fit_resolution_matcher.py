"""Fit the resolution matcher's fusion weights, confidence model and thresholds on the
development tables, and print them as the constants of bot/core/names/resolutions/fusion.py.

    python bench/fit_resolution_matcher.py --db data/votes.db [--apply]

Development tables only (tests/eval/resolutions.tsv, resolutions_heldout.tsv and
resolutions_fresh.tsv, which earlier matchers were tuned on, and resolutions_dev_2026.tsv);
the held-out table of 2026 is never read here. For each reference it ranks once, then
tries each setting of the reciprocal-rank fusion (k and the rankers' weights) and keeps
the one that reads the most references right; it fits a logistic model of "the reading
is right" on the features of bot.core.names.resolutions.fusion.features, and chooses the thresholds:
MATCH_AT, the lowest confidence from which 99% of readings are right and no reference
meant to find nothing is matched; GUESS_AT, where answering as a best guess gains most
(right and wrong readings weigh alike); AMBIGUOUS_SCORE, the fused score that best
tells references with something to ask about from those that should find nothing.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.data.store import Store  # noqa: E402
from bot.core.names.countries.matcher import CountryMatcher  # noqa: E402
from bot.core.names.resolutions import fusion  # noqa: E402
from bot.core.names.resolutions.matcher import ResolutionMatcher  # noqa: E402
from bot.core.names.resolutions.query import Query  # noqa: E402

DEVELOPMENT = (
    "resolutions.tsv",
    "resolutions_heldout.tsv",
    "resolutions_fresh.tsv",
    "resolutions_dev_2026.tsv",
)
TODAY = date(2026, 12, 2)
K_GRID = (5.0, 10.0, 20.0, 60.0)
FUZZY_GRID = (0.3, 0.5, 0.7, 1.0)
SEMANTIC_GRID = (0.3, 0.6, 1.0)
RECENCY_GRID = (0.0, 0.05, 0.1, 0.2)
EXACT_GRID = (0.5, 1.0, 2.0)
MATCH_PRECISION = 0.99
L2 = 1.0


@dataclass
class Row:
    table: str
    query: Query
    expected: str
    rankings: dict[str, list[tuple[int, float]]] | None


def load_rows(matcher: ResolutionMatcher) -> list[Row]:
    rows = []
    for table in DEVELOPMENT:
        path = ROOT / "tests" / "eval" / table
        with path.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not r.get("query"):
                    continue
                today = date.fromisoformat(r["today"]) if r.get("today") else TODAY
                query = matcher.read(r["query"], today=today)
                if query.symbol or query.security_council or not query.meaningful:
                    continue  # not read by the rankers
                rankings = matcher.rank(query, matcher.within(query.span))
                rows.append(Row(table, query, r["expected"].strip(), rankings))
    return rows


def wanted(expected: str) -> set[str]:
    if expected == "NONE" or expected.startswith("AMBIGUOUS"):
        return set()
    return set(expected.split("|"))


def observe(matcher: ResolutionMatcher, row: Row) -> tuple[tuple[float, ...], int, float] | None:
    """(features, 1 if the chosen reading is right, fused score share) for one row."""
    assert row.rankings is not None
    explained = matcher.explain_ranked(row.query, row.rankings)
    if explained is None:
        return None
    reading = explained.reading
    right = int(matcher._by_id[reading.chosen].symbol in wanted(row.expected))
    return explained.features, right, reading.top.score / fusion.max_fused()


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method, on raw features."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * L2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def thresholds(
    p: np.ndarray, y: np.ndarray, none_rows: np.ndarray, scores: np.ndarray, answerable: np.ndarray
) -> tuple[float, float, float]:
    order = np.sort(np.unique(p))
    match_at = 1.0
    for t in order:
        above = p >= t
        if above.sum() and y[above].mean() >= MATCH_PRECISION and not (above & none_rows).any():
            match_at = float(t)
            break
    best_gain, guess_at = -1e9, match_at
    for t in order[order < match_at]:
        band = (p >= t) & (p < match_at)
        gain = y[band].sum() - (band.sum() - y[band].sum())
        if gain > best_gain:
            best_gain, guess_at = gain, float(t)
    low = p < guess_at
    best_right, ambiguous = -1, 0.0
    for t in np.linspace(0.0, 1.0, 101):
        right = ((scores[low] < t) & none_rows[low]).sum() + (
            (scores[low] >= t) & answerable[low]
        ).sum()
        if right > best_right:
            best_right, ambiguous = int(right), float(t)
    return match_at, guess_at, ambiguous


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "votes.db")
    parser.add_argument(
        "--apply", action="store_true", help="write the fitted constants into fusion.py"
    )
    args = parser.parse_args()
    store = Store(args.db)
    countries = CountryMatcher.from_store(store, aliases_dir=ROOT / "data")
    matcher = ResolutionMatcher.from_store(
        store, aliases_dir=ROOT / "data", country_names=countries.phrase_names
    )
    rows = load_rows(matcher)
    positives = [r for r in rows if wanted(r.expected)]
    print(f"{len(rows)} development references read by the rankers ({len(positives)} with a vote)")

    best: tuple[int, dict[str, float], float] = (-1, {}, 0.0)
    grid = itertools.product(K_GRID, FUZZY_GRID, SEMANTIC_GRID, RECENCY_GRID, EXACT_GRID)
    for k, fz, sem, rec, ex in grid:
        fusion.RRF_K = k
        weights = {"lexical": 1.0, "fuzzy": fz, "semantic": sem, "recency": rec, "exact": ex}
        fusion.RRF_WEIGHTS = weights
        right = sum(o[1] for r in positives if (o := observe(matcher, r)) is not None)
        if right > best[0]:
            best = (right, weights, k)
    fusion.RRF_K = k = best[2]
    fusion.RRF_WEIGHTS = best[1]
    print(f"fusion: k={k}, weights {fusion.RRF_WEIGHTS}: {best[0]}/{len(positives)} read right")

    observed = [(r, o) for r in rows if (o := observe(matcher, r)) is not None]
    x = np.array([o[0] for _, o in observed])
    y = np.array([o[1] for _, o in observed], dtype=float)
    scores = np.array([o[2] for _, o in observed])
    none_rows = np.array([r.expected == "NONE" for r, _ in observed])
    answerable = ~none_rows
    weights, bias = fit_logistic(x, y)
    p = 1 / (1 + np.exp(-(bias + x @ weights)))
    match_at, guess_at, ambiguous = thresholds(p, y, none_rows, scores, answerable)
    fitted = {
        "RRF_K": k,
        "RRF_WEIGHTS": fusion.RRF_WEIGHTS,
        "WEIGHTS": tuple(round(float(w), 3) for w in weights),
        "BIAS": round(bias, 3),
        "MATCH_AT": round(match_at, 3),
        "GUESS_AT": round(guess_at, 3),
        "AMBIGUOUS_SCORE": round(ambiguous, 3),
    }
    print(json.dumps({**fitted, "FEATURES": fusion.FEATURES}))
    if args.apply:
        apply(fitted)
    return 0


def apply(fitted: dict[str, object]) -> None:
    """Replace the constants' values in fusion.py, keeping their comments."""
    path = Path(fusion.__file__)
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        name, sep, rest = line.partition(" = ")
        if sep and name in fitted:
            comment = rest[rest.index("  #") :] if "  #" in rest else ""
            value = fitted[name]
            text = json.dumps(value) if isinstance(value, dict) else repr(value)
            lines[i] = f"{name} = {text}{comment}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
