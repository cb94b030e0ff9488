"""Country matching: accuracy per kind, false matches on negatives, time per query.

Scores votebot's CountryMatcher and two peers, country_converter (coco.convert to
ISO3) and pycountry (lookup, then search_fuzzy), on the evaluation table
tests/eval/countries.tsv, prints a table and writes JSON to bench/results/.

    python bench/bench_match_country.py                 # countries from the shared CSV
    python bench/bench_match_country.py --db data/votes.db

A row's expected value is a code (a confident match to that seat), AMBIGUOUS:A,B
(ambiguous between exactly those seats) or NONE (no confident match). Peers never
answer "ambiguous", so they cannot score on those rows; they are scored as given.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.models import Country  # noqa: E402
from bot.core.names.countries.matcher import CountryMatcher  # noqa: E402
from tests.country_data import (  # noqa: E402
    EVAL_TABLE,
    EvalRow,
    countries_from_csv,
    load_eval_table,
)

SHARED_CSV = ROOT.parent / "shared" / "data" / "unga-votes.csv.gz"
RESULTS = ROOT / "bench" / "results" / "bench_match_country.json"
NOT_FOUND = "not found"


@dataclass(frozen=True)
class Answer:
    status: str  # match | ambiguous | none
    codes: frozenset[str]  # the match, or the candidates of an ambiguity


def correct(row: EvalRow, answer: Answer) -> bool:
    return row.met_by(answer.status, answer.codes)


def votebot_system(countries: list[Country]) -> Callable[[EvalRow], Answer]:
    matcher = CountryMatcher(countries, aliases_path=ROOT / "data" / "countries.toml")

    def run(row: EvalRow) -> Answer:
        match = matcher.resolve(row.query, on_date=row.date)
        if match.status == "match" and match.best is not None:
            return Answer("match", frozenset({match.best.id}))
        return Answer(match.status, frozenset(c.id for c in match.candidates))

    return run


def coco_system() -> Callable[[EvalRow], Answer]:
    import country_converter as coco
    import pandas as pd

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    # Its own loader reads Namibia's "NA" as missing under pandas 3 and then fails to
    # compile its regexes; the same file read as plain strings works as intended.
    data = pd.read_csv(
        coco.country_converter.COUNTRY_DATA_FILE,
        sep="\t",
        encoding="utf-8",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )
    converter = coco.CountryConverter(country_data=data)

    def run(row: EvalRow) -> Answer:
        result = converter.convert(row.query, to="ISO3", not_found=NOT_FOUND)
        if isinstance(result, list):
            codes = frozenset(r for r in result if r and r != NOT_FOUND)
            return Answer("ambiguous" if len(codes) > 1 else "none", codes)
        if not result or result == NOT_FOUND:
            return Answer("none", frozenset())
        return Answer("match", frozenset({str(result)}))

    return run


def pycountry_system() -> Callable[[EvalRow], Answer]:
    import pycountry

    def run(row: EvalRow) -> Answer:
        try:
            return Answer("match", frozenset({pycountry.countries.lookup(row.query).alpha_3}))
        except LookupError:
            pass
        try:
            found = pycountry.countries.search_fuzzy(row.query)
        except LookupError:
            return Answer("none", frozenset())
        return (
            Answer("match", frozenset({found[0].alpha_3})) if found else Answer("none", frozenset())
        )

    return run


def measure(system: Callable[[EvalRow], Answer], rows: list[EvalRow], repeat: int) -> dict:
    answers: list[Answer] = []
    times: list[float] = []
    for row in rows:
        best = float("inf")
        answer = None
        for _ in range(repeat):
            start = time.perf_counter_ns()
            answer = system(row)
            best = min(best, time.perf_counter_ns() - start)
        assert answer is not None
        answers.append(answer)
        times.append(best / 1000)  # microseconds
    kinds: dict[str, list[bool]] = {}
    for row, answer in zip(rows, answers, strict=True):
        kinds.setdefault(row.kind, []).append(correct(row, answer))
    positives = [correct(r, a) for r, a in zip(rows, answers, strict=True) if not r.negative]
    negatives = [(r, a) for r, a in zip(rows, answers, strict=True) if r.negative]
    false_matches = [r.query for r, a in negatives if a.status == "match"]
    failures = [
        {
            "query": r.query,
            "date": r.date,
            "expected": r.expected,
            "status": a.status,
            "codes": sorted(a.codes),
        }
        for r, a in zip(rows, answers, strict=True)
        if not correct(r, a)
    ]
    ordered = sorted(times)
    return {
        "accuracy_by_kind": {k: sum(v) / len(v) for k, v in sorted(kinds.items())},
        "rows_by_kind": {k: len(v) for k, v in sorted(kinds.items())},
        "accuracy_countries": sum(positives) / len(positives),
        "accuracy_all": sum(correct(r, a) for r, a in zip(rows, answers, strict=True)) / len(rows),
        "false_match_rate_negatives": len(false_matches) / len(negatives),
        "false_matches": false_matches,
        "median_us": statistics.median(times),
        "p99_us": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "failures": failures,
    }


def measure_suggest(countries: list[Country], rows: list[EvalRow]) -> dict:
    matcher = CountryMatcher(countries, aliases_path=ROOT / "data" / "countries.toml")
    fragments = sorted({r.query.strip()[:n] for r in rows for n in (1, 2, 3, 4, 6)} | {""})
    times = []
    for fragment in fragments:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter_ns()
            matcher.suggest(fragment)
            best = min(best, time.perf_counter_ns() - start)
        times.append(best / 1e6)
    ordered = sorted(times)
    return {
        "fragments": len(fragments),
        "median_ms": statistics.median(times),
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "max_ms": ordered[-1],
    }


def load_countries(db: Path | None, csv_path: Path) -> list[Country]:
    if db is not None:
        from bot.core.data.store import Store

        with Store(db) as store:
            return store.countries()
    if not csv_path.is_file():
        raise SystemExit(f"no vote file at {csv_path}: pass --csv or --db")
    return countries_from_csv(csv_path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a built vote database to read the seats from")
    parser.add_argument("--csv", type=Path, default=SHARED_CSV, help="the UN vote file")
    parser.add_argument("--table", type=Path, default=EVAL_TABLE)
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per query (best kept)")
    parser.add_argument("--failures", action="store_true", help="list votebot's misses")
    args = parser.parse_args()

    rows = load_eval_table(args.table)
    countries = load_countries(args.db, args.csv)
    systems = {
        "votebot": (votebot_system(countries), args.repeat),
        "country_converter": (coco_system(), 1),
        "pycountry": (pycountry_system(), 1),
    }
    results = {name: measure(system, rows, repeat) for name, (system, repeat) in systems.items()}
    suggest = measure_suggest(countries, rows)

    names = list(results)
    print(f"{len(rows)} queries, {len(countries)} seats, table {args.table}\n")
    print(f"{'kind':16}{'n':>5}" + "".join(f"{n:>19}" for n in names))
    kinds = results["votebot"]["rows_by_kind"]
    for kind, count in kinds.items():
        cells = "".join(f"{results[n]['accuracy_by_kind'][kind]:>18.1%} " for n in names)
        print(f"{kind:16}{count:>5}{cells}")
    print("-" * (21 + 19 * len(names)))
    for label, key, fmt in (
        ("countries (acc)", "accuracy_countries", "{:>18.1%} "),
        ("all rows (acc)", "accuracy_all", "{:>18.1%} "),
        ("negatives: false", "false_match_rate_negatives", "{:>18.1%} "),
        ("median us/query", "median_us", "{:>18.1f} "),
        ("p99 us/query", "p99_us", "{:>18.1f} "),
    ):
        print(f"{label:21}" + "".join(fmt.format(results[n][key]) for n in names))
    print(
        f"\nsuggest: {suggest['fragments']} fragments, median {suggest['median_ms']:.2f} ms, "
        f"p99 {suggest['p99_ms']:.2f} ms, max {suggest['max_ms']:.2f} ms"
    )
    if args.failures:
        print("\nvotebot misses:")
        for failure in results["votebot"]["failures"]:
            print(f"  {failure}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"rows": len(rows), "seats": len(countries), "systems": results, "suggest": suggest},
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
