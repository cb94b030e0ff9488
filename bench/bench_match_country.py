"""Country matching: accuracy per kind and per status, wrong answers, time per query.

Scores votebot's CountryMatcher beside the matcher as it was at commit d4c7fbd (its code
and data extracted with `git archive` and run in a subprocess on the same queries), and
two peers, country_converter (coco.convert to ISO3) and pycountry (lookup, then
search_fuzzy), on the development tables tests/eval/countries.tsv and
countries_heldout.tsv (or the tables given with --table); prints a table and writes
JSON to bench/results/.

    python bench/bench_match_country.py --db data/votes.db
    python bench/bench_match_country.py --table tests/eval/other.tsv
    python bench/bench_match_country.py --db data/votes.db --sweep

A row's expected value is a code (that seat: a match or a best guess for it is right),
AMBIGUOUS:A,B (ambiguous between exactly those seats) or NONE (no answer). A wrong
answer is a match or best guess that names another seat, or any seat for NONE. Match
precision and best-guess precision are the share of those answers that are right.
Peers never answer "ambiguous" or "best_guess"; they are scored as given.

--sweep fits the decision thresholds of bot/core/names/countries/confidence.py: it
replays the development tables, the typing slips of tests/country_data.py
(`synthetic_typos`, made from every seat's name) and words of resolution titles that
name no country (`title_words`), under each setting, and prints what each gives.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.models import Country  # noqa: E402
from bot.core.names.countries import confidence, guesses  # noqa: E402
from bot.core.names.countries.matcher import CountryMatcher  # noqa: E402
from tests.country_data import (  # noqa: E402
    DEVELOPMENT_TABLES,
    EvalRow,
    countries_from_csv,
    load_eval_table,
    synthetic_typos,
    title_words,
)

SHARED_CSV = ROOT.parent / "shared" / "data" / "unga-votes.csv.gz"
RESULTS = ROOT / "bench" / "results" / "bench_match_country.json"
BASELINE_COMMIT = "d4c7fbd"
NOT_FOUND = "not found"
STATUSES = ("match", "best_guess", "ambiguous", "none")


@dataclass(frozen=True)
class Answer:
    status: str  # match | best_guess | ambiguous | none
    codes: frozenset[str]  # the seat answered, or the candidates of an ambiguity
    us: float = 0.0  # time taken, microseconds


def correct(row: EvalRow, answer: Answer) -> bool:
    return row.met_by(answer.status, answer.codes)


def answered(answer: Answer) -> bool:
    return answer.status in ("match", "best_guess")


def wrong(row: EvalRow, answer: Answer) -> bool:
    """A seat named that is not the one meant (or any seat, where none is)."""
    return answered(answer) and not correct(row, answer)


# --- the systems ----------------------------------------------------------------------

System = Callable[[list[EvalRow], int], list[Answer]]


def timed(run: Callable[[EvalRow], Answer]) -> System:
    def over(rows: list[EvalRow], repeat: int) -> list[Answer]:
        out = []
        for row in rows:
            best, answer = float("inf"), None
            for _ in range(repeat):
                start = time.perf_counter_ns()
                answer = run(row)
                best = min(best, time.perf_counter_ns() - start)
            assert answer is not None
            out.append(Answer(answer.status, answer.codes, best / 1000))
        return out

    return over


def votebot_system(matcher: CountryMatcher) -> System:
    def run(row: EvalRow) -> Answer:
        match = matcher.resolve(row.query, on_date=row.date)
        if match.ok and match.best is not None:
            return Answer(match.status, frozenset({match.best.id}))
        return Answer(match.status, frozenset(c.id for c in match.candidates))

    return timed(run)


OLD_RUNNER = """
import json, sys, time
from pathlib import Path
from bot.core.models import Country
from bot.core.names.countries.matcher import CountryMatcher
root, countries, queries, repeat = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
seats = [Country(**{**c, "recorded_names": tuple(c["recorded_names"])})
         for c in json.loads(Path(countries).read_text())]
matcher = CountryMatcher(seats, aliases_path=root / "data" / "countries.toml")
for line in Path(queries).read_text().splitlines():
    q = json.loads(line)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter_ns()
        m = matcher.resolve(q["query"], on_date=q["date"])
        best = min(best, time.perf_counter_ns() - start)
    codes = [m.best.id] if m.status == "match" and m.best else [c.id for c in m.candidates]
    print(json.dumps({"status": m.status, "codes": codes, "us": best / 1000}))
"""


def old_system(countries: list[Country], commit: str = BASELINE_COMMIT) -> System:
    """The matcher at `commit`, its own code and names file, run in a subprocess."""

    def over(rows: list[EvalRow], repeat: int) -> list[Answer]:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", commit, "bot", "data"],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            seats = tree / "countries.json"
            seats.write_text(json.dumps([asdict(c) for c in countries]), encoding="utf-8")
            queries = tree / "queries.jsonl"
            lines = (json.dumps({"query": r.query, "date": r.date}) for r in rows)
            queries.write_text("\n".join(lines), encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-c", OLD_RUNNER, tmp, str(seats), str(queries), str(repeat)],
                check=True,
                capture_output=True,
                text=True,
                env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
                cwd=tmp,
            )
        return [
            Answer(a["status"], frozenset(a["codes"]), a["us"])
            for a in map(json.loads, done.stdout.splitlines())
        ]

    return over


def coco_system() -> System:
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

    return timed(run)


def pycountry_system() -> System:
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

    return timed(run)


# --- measuring --------------------------------------------------------------------------


def share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def measure(rows: list[EvalRow], answers: list[Answer]) -> dict[str, Any]:
    pairs = list(zip(rows, answers, strict=True))
    kinds: dict[str, list[bool]] = {}
    for row, answer in pairs:
        kinds.setdefault(row.kind, []).append(correct(row, answer))
    positives = [correct(r, a) for r, a in pairs if not r.negative]
    negatives = [(r, a) for r, a in pairs if r.negative]
    statuses = Counter(a.status for a in answers)
    by_status = {s: [correct(r, a) for r, a in pairs if a.status == s] for s in STATUSES}
    ambiguous_rows = [(r, a) for r, a in pairs if r.expected.startswith("AMBIGUOUS:")]
    times = sorted(a.us for a in answers)
    return {
        "accuracy_by_kind": {k: sum(v) / len(v) for k, v in sorted(kinds.items())},
        "rows_by_kind": {k: len(v) for k, v in sorted(kinds.items())},
        "accuracy_countries": share(sum(positives), len(positives)),
        "accuracy_all": share(sum(correct(r, a) for r, a in pairs), len(rows)),
        "statuses": {s: statuses.get(s, 0) for s in STATUSES},
        "match_precision": share(sum(by_status["match"]), len(by_status["match"])),
        "best_guess_precision": share(sum(by_status["best_guess"]), len(by_status["best_guess"])),
        "wrong_answers": sum(wrong(r, a) for r, a in pairs),
        "wrong_on_ambiguous": sum(answered(a) for _, a in ambiguous_rows),
        "false_match_rate_negatives": share(sum(answered(a) for _, a in negatives), len(negatives)),
        "false_matches": [r.query for r, a in negatives if answered(a)],
        "median_us": statistics.median(times),
        "p99_us": times[min(len(times) - 1, int(len(times) * 0.99))],
        "failures": [
            {"query": r.query, "date": r.date, "expected": r.expected, "status": a.status}
            | {"codes": sorted(a.codes)}
            for r, a in pairs
            if not correct(r, a)
        ],
    }


def measure_suggest(matcher: CountryMatcher, rows: list[EvalRow]) -> dict[str, Any]:
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


# --- printing -------------------------------------------------------------------------


def cell(value: float | int | None, fmt: str) -> str:
    return f"{'-':>18} " if value is None else fmt.format(value)


def print_table(results: dict[str, dict[str, Any]]) -> None:
    names = list(results)
    print(f"{'kind':16}{'n':>5}" + "".join(f"{n:>19}" for n in names))
    kinds = results["votebot"]["rows_by_kind"]
    for kind, count in kinds.items():
        cells = "".join(cell(results[n]["accuracy_by_kind"].get(kind), "{:>18.1%} ") for n in names)
        print(f"{kind:16}{count:>5}{cells}")
    print("-" * (21 + 19 * len(names)))
    rows: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
        ("countries (acc)", lambda r: r["accuracy_countries"], "{:>18.1%} "),
        ("all rows (acc)", lambda r: r["accuracy_all"], "{:>18.1%} "),
        *((f"status {s}", lambda r, s=s: r["statuses"][s], "{:>18d} ") for s in STATUSES),
        ("match precision", lambda r: r["match_precision"], "{:>18.1%} "),
        ("best-guess prec.", lambda r: r["best_guess_precision"], "{:>18.1%} "),
        ("wrong answers", lambda r: r["wrong_answers"], "{:>18d} "),
        ("wrong, ambiguous", lambda r: r["wrong_on_ambiguous"], "{:>18d} "),
        ("negatives: false", lambda r: r["false_match_rate_negatives"], "{:>18.1%} "),
        ("median us/query", lambda r: r["median_us"], "{:>18.1f} "),
        ("p99 us/query", lambda r: r["p99_us"], "{:>18.1f} "),
    ]
    for label, get, fmt in rows:
        print(f"{label:21}" + "".join(cell(get(results[n]), fmt) for n in names))


# --- the sweep ---------------------------------------------------------------------------

SWEEP = {
    "GUESS_MARGIN": (0.5, 1.0, 2.0, 3.0, 99.0),
    "SCRAMBLED_AT": (70.0, 75.0, 78.0, 80.0, 82.0, 85.0, 101.0),
    "OMITTED_COST": (1, 2, 3),
}


@contextmanager
def setting(name: str, value: float) -> Iterator[None]:
    """A constant of confidence.py set for a while, wherever it was imported."""
    modules = [m for m in (confidence, guesses) if hasattr(m, name)]
    before = [getattr(m, name) for m in modules]
    for module in modules:
        setattr(module, name, value)
    try:
        yield
    finally:
        for module, old in zip(modules, before, strict=True):
            setattr(module, name, old)


def sweep(matcher: CountryMatcher, sets: dict[str, list[EvalRow]]) -> dict[str, Any]:
    """Each constant in turn over its grid, the others as they are."""
    run = votebot_system(matcher)
    out: dict[str, Any] = {}
    print("\nsweep (each constant alone; * marks the value in confidence.py):")
    header = "".join(f"{f'{name} ({len(rows)})'[:21]:>22}" for name, rows in sets.items())
    print(f"{'setting':26}{header}")
    print(f"{'':26}" + "".join(f"{'right  wrong  amb!':>22}" for _ in sets))
    for name, grid in SWEEP.items():
        current = getattr(confidence, name)
        for value in grid:
            with setting(name, value):
                scores = {}
                for label, rows in sets.items():
                    got = measure(rows, run(rows, 1))
                    right = round(got["accuracy_all"] * len(rows))
                    scores[label] = (right, got["wrong_answers"], got["wrong_on_ambiguous"])
            mark = "*" if value == current else " "
            cells = "".join(f"{r:>10d}{w:>6d}{a:>6d}" for r, w, a in scores.values())
            print(f"{mark}{name} = {value:<10}{cells}")
            out[f"{name}={value}"] = scores
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a built vote database to read the seats from")
    parser.add_argument("--csv", type=Path, default=SHARED_CSV, help="the UN vote file")
    parser.add_argument(
        "--table", type=Path, action="append", help="an evaluation table (repeatable)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per query (best kept)")
    parser.add_argument("--failures", action="store_true", help="list votebot's misses")
    parser.add_argument("--sweep", action="store_true", help="sweep the decision thresholds")
    parser.add_argument("--no-peers", action="store_true", help="skip country_converter, pycountry")
    args = parser.parse_args()

    tables = args.table or list(DEVELOPMENT_TABLES)
    rows = [row for table in tables for row in load_eval_table(table)]
    countries = load_countries(args.db, args.csv)
    matcher = CountryMatcher(countries, aliases_path=ROOT / "data" / "countries.toml")
    systems: dict[str, tuple[System, int]] = {
        "votebot": (votebot_system(matcher), args.repeat),
        f"votebot@{BASELINE_COMMIT}": (old_system(countries), args.repeat),
    }
    if not args.no_peers:
        systems |= {"country_converter": (coco_system(), 1), "pycountry": (pycountry_system(), 1)}
    results = {name: measure(rows, system(rows, n)) for name, (system, n) in systems.items()}
    suggest = measure_suggest(matcher, rows)

    names = ", ".join(str(t) for t in tables)
    print(f"{len(rows)} queries, {len(countries)} seats, tables {names}\n")
    print_table(results)
    print(
        f"\nsuggest: {suggest['fragments']} fragments, median {suggest['median_ms']:.2f} ms, "
        f"p99 {suggest['p99_ms']:.2f} ms, max {suggest['max_ms']:.2f} ms"
    )
    if args.failures:
        print("\nvotebot misses:")
        for failure in results["votebot"]["failures"]:
            print(f"  {failure}")
    swept = None
    if args.sweep:
        sets = {"development": rows, "typos": synthetic_typos(matcher, countries)}
        sets["title words"] = title_words(matcher, countries, args.db) if args.db else []
        swept = sweep(matcher, {k: v for k, v in sets.items() if v})
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {"rows": len(rows), "seats": len(countries), "tables": [str(t) for t in tables]}
    payload |= {"systems": results, "suggest": suggest, "sweep": swept}
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
