"""Resolution matching: accuracy per kind, false matches on negatives, time per query.

    python bench/bench_match_resolution.py --db data/votes.db [--table tests/eval/resolutions.tsv]

Reads the evaluation table (query, expected, kind), where expected is a symbol, NONE
(no confident match) or AMBIGUOUS[:symbol,...] (an ambiguous answer whose candidates
include those symbols). Prints a table per kind and the failures, and writes JSON to
bench/results/. The baseline beside it is a plain rapidfuzz title lookup
(process.extractOne over every title, WRatio), to show what the mechanisms add.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bot.core.data.store import Store  # noqa: E402
from bot.core.models import Match  # noqa: E402
from bot.core.names.resolutions.matcher import ResolutionMatcher  # noqa: E402

NEGATIVE_KINDS = {"sc", "unvoted", "invented", "junk"}
BASELINE_CUTOFF = 85.0


def load_table(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number == 1 or not line.strip():
            continue
        query, expected, kind = line.split("\t")
        rows.append((query, expected, kind))
    return rows


def is_correct(match: Match, expected: str) -> bool:
    if expected == "NONE":
        return match.status == "none"
    if expected.startswith("AMBIGUOUS"):
        if match.status != "ambiguous":
            return False
        wanted = expected.partition(":")[2]
        ids = {c.id for c in match.candidates}
        return all(symbol in ids for symbol in wanted.split(",") if symbol)
    return match.status == "match" and match.best is not None and match.best.id == expected


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=PROJECT / "data" / "votes.db")
    parser.add_argument("--table", type=Path, default=PROJECT / "tests/eval/resolutions.tsv")
    parser.add_argument("--aliases", type=Path, default=PROJECT / "data")
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over the table")
    args = parser.parse_args()

    store = Store(args.db)
    started = time.perf_counter()
    matcher = ResolutionMatcher.from_store(store, aliases_dir=args.aliases)
    build_ms = (time.perf_counter() - started) * 1000
    table = load_table(args.table)

    per_kind: dict[str, list[bool]] = defaultdict(list)
    failures = []
    false_matches = 0
    negatives = 0
    for query, expected, kind in table:
        match = matcher.resolve(query)
        ok = is_correct(match, expected)
        per_kind[kind].append(ok)
        if kind in NEGATIVE_KINDS:
            negatives += 1
            false_matches += match.status == "match"
        if not ok:
            got = match.best.id if match.best else ""
            failures.append((kind, query, expected, match.status, got))

    # Timing on a fresh matcher: the first pass meets every query (and word) for the
    # first time; later passes benefit from remembered spelling fixes, as a bot would.
    fresh = ResolutionMatcher.from_store(store, aliases_dir=args.aliases)
    first_pass: list[float] = []
    times: list[float] = []
    times_by_kind: dict[str, list[float]] = defaultdict(list)
    for round_number in range(args.repeat):
        for query, _, kind in table:
            t0 = time.perf_counter()
            fresh.resolve(query)
            elapsed = (time.perf_counter() - t0) * 1000
            times.append(elapsed)
            if round_number == 0:
                first_pass.append(elapsed)
                times_by_kind[kind].append(elapsed)

    fragments = ["ukr", "aggression", "es-11", "68/2", "cuba emb", "nuclear", "hum", "", "agress"]
    suggest_times: list[float] = []
    for _ in range(args.repeat * 20):
        for fragment in fragments:
            t0 = time.perf_counter()
            matcher.suggest(fragment)
            suggest_times.append((time.perf_counter() - t0) * 1000)

    # Baseline: one rapidfuzz lookup over every title.
    titles = {r.id: r.title for r in store.resolutions()}
    symbols = {r.id: r.symbol for r in store.resolutions()}
    base_ok = 0
    base_times = []
    for query, expected, _ in table:
        t0 = time.perf_counter()
        hit = process.extractOne(
            query,
            titles,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=BASELINE_CUTOFF,
        )
        base_times.append((time.perf_counter() - t0) * 1000)
        got = symbols[hit[2]] if hit else "NONE"
        base_ok += got == expected

    total = sum(len(v) for v in per_kind.values())
    correct = sum(sum(v) for v in per_kind.values())
    print(f"{'kind':<12} {'n':>4} {'correct':>8} {'median ms':>10}")
    for kind in sorted(per_kind):
        results = per_kind[kind]
        print(
            f"{kind:<12} {len(results):>4} {100 * sum(results) / len(results):>7.1f}%"
            f" {statistics.median(times_by_kind[kind]):>10.3f}"
        )
    print(f"{'all':<12} {total:>4} {100 * correct / total:>7.1f}%")
    print(f"false matches on negatives: {false_matches}/{negatives}")
    print(
        f"resolve, first pass: median {statistics.median(first_pass):.3f} ms,"
        f" p99 {percentile(first_pass, 0.99):.3f} ms (per-kind medians above are first pass)"
    )
    print(
        f"resolve, all passes: median {statistics.median(times):.3f} ms,"
        f" p99 {percentile(times, 0.99):.3f} ms ({len(times)} calls)"
    )
    print(
        f"suggest: median {statistics.median(suggest_times):.3f} ms,"
        f" p99 {percentile(suggest_times, 0.99):.3f} ms; construction {build_ms:.0f} ms"
    )
    print(
        f"baseline (rapidfuzz WRatio over titles, cutoff {BASELINE_CUTOFF:.0f}): "
        f"{100 * base_ok / total:.1f}% correct, median {statistics.median(base_times):.3f} ms"
    )
    if failures:
        print("\nfailures:")
        for kind, query, expected, status, got in failures:
            print(f"  [{kind}] {query[:70]!r}: expected {expected}, got {status} {got}")

    result = {
        "table": str(args.table),
        "queries": total,
        "accuracy": correct / total,
        "accuracy_by_kind": {k: sum(v) / len(v) for k, v in sorted(per_kind.items())},
        "false_match_rate": false_matches / negatives if negatives else 0.0,
        "resolve_ms": {"median": statistics.median(times), "p99": percentile(times, 0.99)},
        "resolve_first_pass_ms": {
            "median": statistics.median(first_pass),
            "p99": percentile(first_pass, 0.99),
        },
        "resolve_median_ms_by_kind": {
            k: statistics.median(v) for k, v in sorted(times_by_kind.items())
        },
        "suggest_ms": {
            "median": statistics.median(suggest_times),
            "p99": percentile(suggest_times, 0.99),
        },
        "construction_ms": build_ms,
        "baseline": {
            "name": "rapidfuzz extractOne WRatio over titles",
            "accuracy": base_ok / total,
            "median_ms": statistics.median(base_times),
        },
        "failures": [
            {"kind": k, "query": q, "expected": e, "status": s, "got": g}
            for k, q, e, s, g in failures
        ],
    }
    out_dir = PROJECT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"match_resolution-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {out.relative_to(PROJECT)}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
