"""End-to-end answer latency over a generated workload, and allies against pandas.

    python bench/bench_answers.py --db /tmp/votes.db [--commands 12000] [--seed 1]

Generates slash commands from the evaluation tables (tests/eval/countries.tsv and
tests/eval/resolutions.tsv, typos added), runs each through `Answers.ask` plus the text
and JSON renderers, and prints p50/p99 per command kind with the resident memory.
Then it times allies for one country over all years against a straightforward pandas
version (pivot the votes, compare every column with the country's) and prints the
ratio. Results go to bench/results/bench_answers.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.core.answers.facade import Answers  # noqa: E402
from bot.core.ask.commands import answer_question  # noqa: E402
from bot.core.models import Unresolved  # noqa: E402
from bot.core.render.text import render_json, render_text  # noqa: E402

EVAL = ROOT / "tests" / "eval"
RESULTS = ROOT / "bench" / "results"
TARGETS_MS = {
    "howvoted": 5.0,
    "resolution": 5.0,
    "compare": 30.0,
    "allies": 30.0,
    "history": 30.0,
}
TOPICS = [
    "ukraine",
    "gaza",
    "palestine",
    "nuclear weapons",
    "human rights",
    "apartheid",
    "cuba embargo",
    "climate",
    "disarmament",
    "israel",
    "korea",
    "decolonization",
    "iran",
    "syria",
    "women",
]


def rss_mb() -> float:
    """Current resident set size, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_eval(path: Path) -> tuple[list[str], list[str]]:
    """Queries of an evaluation table: (those expected to resolve, the others)."""
    if not path.is_file():
        return [], []
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("query")]
    good, other = [], []
    for row in rows:
        expected = (row.get("expected") or "").strip()
        resolvable = len(expected) == 3 and expected.isupper() or expected.startswith("A/RES/")
        (good if resolvable else other).append(row["query"].strip())
    return good, other


class Timed:
    """Wraps a matcher and adds up the time spent in it."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.spent = 0.0

    def __getattr__(self, name: str) -> object:
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - start

        return timed


def typo(text: str, rng: random.Random) -> str:
    """One random slip: a dropped, doubled, swapped or replaced letter, or odd casing."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(5)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    if kind == 3:
        return text[:i] + rng.choice("aeiourstn") + text[i + 1 :]
    return text.upper() if rng.random() < 0.5 else text.lower()


def workload(
    countries: tuple[list[str], list[str]],
    resolutions: tuple[list[str], list[str]],
    n: int,
    rng: random.Random,
) -> list[tuple[str, str]]:
    """(kind, command text) pairs. Names: 85% from the rows expected to resolve, the rest
    from the table's hard cases (ambiguous, junk, non-members); one in five gets a typo;
    multi-word names are quoted four times in five, as Discord options would be."""

    def pick(table: tuple[list[str], list[str]]) -> str:
        good, other = table
        name = rng.choice(good if rng.random() < 0.85 or not other else other)
        name = typo(name, rng) if rng.random() < 0.2 else name
        quote = " " in name and '"' not in name and rng.random() < 0.8
        return f'"{name}"' if quote else name

    def country() -> str:
        return pick(countries)

    def resolution() -> str:
        return pick(resolutions)

    def period() -> str:
        parts = []
        if rng.random() < 0.5:
            parts.append(f"since:{rng.randrange(1946, 2024)}")
        if rng.random() < 0.2:
            parts.append(f"until:{rng.randrange(1990, 2027)}")
        if rng.random() < 0.2:
            parts.append(f'topic:"{rng.choice(TOPICS)}"')
        return " ".join(parts)

    makers = {
        "howvoted": lambda: f"/howvoted {country()} {resolution()}",
        "recent": lambda: f"/howvoted {country()}",
        "resolution": lambda: f"/resolution {resolution()}",
        "compare": lambda: f"/compare {country()} {country()} {period()}",
        "allies": lambda: f"/allies {country()} {period()}",
        "history": lambda: f"/history {country()} {rng.choice(TOPICS)}",
        "search": lambda: f"/search {rng.choice(TOPICS)} page:{rng.randrange(1, 4)}",
    }
    weights = {
        "howvoted": 4,
        "recent": 1,
        "resolution": 2,
        "compare": 2,
        "allies": 2,
        "history": 1,
        "search": 1,
    }
    kinds = rng.choices(list(weights), weights=list(weights.values()), k=n)
    return [(kind, makers[kind]().strip()) for kind in kinds]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def pandas_allies(db: Path, code: str) -> tuple[dict[str, tuple[float, int]], float, float]:
    """Allies the straightforward way: read votes, pivot, compare every column with the
    country's. Returns (code -> (agreement, votes)), seconds with the pivot, without."""
    import pandas as pd

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    # The same rule as the answers: a record repeating an adopted resolution's roll call
    # (resolutions.repeat_of) is the same vote and is counted once.
    votes = pd.read_sql_query(
        "SELECT v.resolution_id, v.code, v.vote FROM votes v "
        "JOIN resolutions r ON r.id = v.resolution_id WHERE r.repeat_of = ''",
        conn,
    )
    conn.close()
    start = time.perf_counter()
    table = votes.pivot(index="resolution_id", columns="code", values="vote")
    pivoted = time.perf_counter()
    cast = table.isin(["Y", "N", "A"])
    mine = table[code]
    both = cast & cast[code].to_numpy()[:, None]
    same = both & table.eq(mine, axis=0)
    shared = both.sum()
    agreement = same.sum() / shared
    done = time.perf_counter()
    result = {
        c: (float(agreement[c]), int(shared[c]))
        for c in table.columns
        if c != code and shared[c] > 0
    }
    return result, done - start, done - pivoted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Settings.from_env().db_path)
    parser.add_argument("--commands", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ally-country", default="CUB")
    parser.add_argument(
        "--dump",
        type=Path,
        help="write every command with its text and JSON answers to this file (JSON lines), "
        "to compare two versions of the code",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)

    rss_before = rss_mb()
    start = time.perf_counter()
    answers = Answers.open(args.db, aliases_dir=Settings.from_env().aliases_dir)
    open_s = time.perf_counter() - start
    rss_open = rss_mb()

    countries = read_eval(EVAL / "countries.tsv")
    resolutions = read_eval(EVAL / "resolutions.tsv")
    source = "tests/eval tables"
    if not countries[0] or not resolutions[0]:
        source = "database names (evaluation tables missing)"
        if not countries[0]:
            countries = ([c.name for c in answers.store.countries()], [])
        if not resolutions[0]:
            resolutions = ([r.symbol for r in answers.matrix.resolutions], [])
    commands = workload(countries, resolutions, args.commands, rng)

    # Time the matchers separately, to tell their share from the answers' own.
    timed_countries, timed_resolutions = Timed(answers.countries), Timed(answers.resolutions)
    answers.countries = timed_countries  # type: ignore[assignment]
    answers.resolutions = timed_resolutions  # type: ignore[assignment]
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    own: dict[str, list[float]] = {}
    load_before = os.getloadavg()[0]
    unresolved: dict[str, int] = {}
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for kind, text in commands:
        timed_countries.spent = timed_resolutions.spent = 0.0
        c0, t0 = time.process_time(), time.perf_counter()
        answer = answer_question(answers, text)
        reply = render_text(answer)
        fields = render_json(answer)
        if dump is not None:
            dump.write(json.dumps({"command": text, "text": reply, "json": fields}) + "\n")
        elapsed = (time.perf_counter() - t0) * 1000
        cpu.setdefault(kind, []).append((time.process_time() - c0) * 1000)
        matching = (timed_countries.spent + timed_resolutions.spent) * 1000
        times.setdefault(kind, []).append(elapsed)
        own.setdefault(kind, []).append(elapsed - matching)
        if isinstance(answer, Unresolved):
            unresolved[kind] = unresolved.get(kind, 0) + 1
    if dump is not None:
        dump.close()
    answers.countries, answers.resolutions = timed_countries.inner, timed_resolutions.inner  # type: ignore[assignment]
    rss_after = rss_mb()
    load = (load_before + os.getloadavg()[0]) / 2

    rows = []
    print(f"{len(commands)} commands, names from {source}; open {open_s:.2f} s")
    print(
        "end to end (parse, match, query, render), wall clock; cpu = process time; "
        f"own = wall minus time inside the matchers; load average {load:.1f} on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'kind':<11}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'target':>8}"
        f"{'cpu p99':>9}{'own p50':>9}{'own p99':>9}{'unres.':>8}"
    )
    for kind in sorted(times):
        values = times[kind]
        row = {
            "kind": kind,
            "n": len(values),
            "p50_ms": statistics.median(values),
            "p99_ms": percentile(values, 0.99),
            "max_ms": max(values),
            "target_p99_ms": TARGETS_MS.get(kind),
            "cpu_p99_ms": percentile(cpu[kind], 0.99),
            "own_p50_ms": statistics.median(own[kind]),
            "own_p99_ms": percentile(own[kind], 0.99),
            "unresolved": unresolved.get(kind, 0),
        }
        rows.append(row)
        target = f"{row['target_p99_ms']:.0f}" if row["target_p99_ms"] else "-"
        print(
            f"{kind:<11}{row['n']:>6}{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}"
            f"{row['max_ms']:>9.2f}{target:>8}{row['cpu_p99_ms']:>9.2f}"
            f"{row['own_p50_ms']:>9.2f}{row['own_p99_ms']:>9.2f}"
            f"{row['unresolved']:>8}"
        )
    print(
        f"RSS: {rss_before:.0f} MB at start, {rss_open:.0f} MB after open, "
        f"{rss_after:.0f} MB after the workload (peak {peak_rss_mb():.0f} MB)"
    )

    # Allies for one country over all years: the matrix against pandas.
    code = args.ally_country
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        ours = answers.allies_of(code)
    ours_s = (time.perf_counter() - start) / runs
    scores, _ = answers.matrix.allies(code, answers.matrix.rows())
    ours_all = {s.code: (s.agreement, s.votes) for s in scores}
    theirs, pandas_s, pandas_compare_s = pandas_allies(args.db, code)
    same_answers = all(
        abs(theirs[c][0] - a) < 1e-9 and theirs[c][1] == n for c, (a, n) in ours_all.items()
    )
    print(
        f"allies {code}, all years: matrix {ours_s * 1000:.2f} ms; pandas {pandas_s * 1000:.1f} ms "
        f"with the pivot ({pandas_s / ours_s:.0f}x), {pandas_compare_s * 1000:.1f} ms "
        f"comparing only ({pandas_compare_s / ours_s:.1f}x); same scores: {same_answers}"
    )
    print(f"top ally: {ours.most[0].country.name if ours.most else '-'}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_answers.json"
    out.write_text(
        json.dumps(
            {
                "commands": len(commands),
                "names_from": source,
                "seed": args.seed,
                "load_average": load,
                "open_s": open_s,
                "kinds": rows,
                "rss_mb": {"start": rss_before, "open": rss_open, "after": rss_after},
                "peak_rss_mb_with_pandas": peak_rss_mb(),
                "allies_vs_pandas": {
                    "country": code,
                    "matrix_ms": ours_s * 1000,
                    "pandas_ms_with_pivot": pandas_s * 1000,
                    "pandas_ms_compare_only": pandas_compare_s * 1000,
                    "ratio_with_pivot": pandas_s / ours_s,
                    "ratio_compare_only": pandas_compare_s / ours_s,
                    "same_scores": same_answers,
                },
            },
            indent=2,
        )
    )
    print(f"wrote {out.relative_to(ROOT)}")
    answers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
