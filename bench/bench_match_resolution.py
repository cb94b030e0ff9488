"""Resolution matching, the matcher of today beside the one it replaced, on every table.

    python bench/bench_match_resolution.py --db data/votes.db [--table T.tsv ...] [--heldout]

Tables (tests/eval/*.tsv) have the columns query, expected, kind and optionally today:
expected is a symbol (or several acceptable ones separated by "|"), NONE, or
AMBIGUOUS[:symbol,...]. A reference expecting a vote is read right when it is answered
(a match, or a best guess that says so) with an acceptable symbol; NONE wants "none";
AMBIGUOUS wants a question offering those symbols.

The development tables are the default; `--heldout` adds the held-out table of 2026,
which is to be run once, at the end. The old matcher is the code of BASELINE, taken
from git into a temporary folder and run on the same references in a subprocess, so
both are measured in one run (the new matcher's times are the best of PASSES cold
readings of each reference; the old one's, of one). Prints per table, kind and status,
and writes
bench/results/bench_match_resolution.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.data.store import Store  # noqa: E402
from bot.core.models import Match  # noqa: E402
from bot.core.names.countries.matcher import CountryMatcher  # noqa: E402
from bot.core.names.resolutions.matcher import ResolutionMatcher  # noqa: E402

EVAL = ROOT / "tests" / "eval"
DEVELOPMENT = (
    "resolutions.tsv",
    "resolutions_heldout.tsv",
    "resolutions_fresh.tsv",
    "resolutions_dev_2026.tsv",
)
HELDOUT = ("resolutions_heldout_2026.tsv",)
BASELINE = "d4c7fbd"  # the last commit with the matcher of titles and nicknames
TODAY = date(2026, 12, 2)
RESULTS = ROOT / "bench" / "results"

# Run inside the old code's folder: read references on stdin, print one JSON per line.
OLD_RUNNER = """
import json, sys
from pathlib import Path
from bot.core.data.store import Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
import time
t0 = time.perf_counter()
m = ResolutionMatcher.from_store(Store(Path(sys.argv[1])), aliases_dir=Path(sys.argv[2]))
print(json.dumps({"build_s": time.perf_counter() - t0}), flush=True)
for line in sys.stdin:
    q = json.loads(line)
    t = time.perf_counter()
    r = m.resolve(q)
    ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"status": r.status, "best": r.best.id if r.best else None,
                      "candidates": [c.id for c in r.candidates], "ms": ms}), flush=True)
"""


def load(path: Path) -> list[dict[str, str]]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line.strip():
            rows.append(dict(zip(header, line.split("\t"), strict=False)))
    return rows


def judge(expected: str, status: str, best: str | None, candidates: list[str]) -> bool:
    expected = expected.strip()
    if expected == "NONE":
        return status == "none"
    if expected.startswith("AMBIGUOUS"):
        wanted = [s for s in expected.partition(":")[2].split(",") if s]
        return status == "ambiguous" and set(wanted) <= set(candidates)
    return status in ("match", "best_guess") and best in expected.split("|")


def negative(expected: str) -> bool:
    return expected.strip() == "NONE"


def run_old(db: Path, queries: list[str]) -> tuple[float, list[dict[str, object]]]:
    with tempfile.TemporaryDirectory(prefix="votebot-baseline-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BASELINE, "bot", "data"],
            check=True,
            capture_output=True,
        ).stdout
        path = Path(tmp) / "old.tar"
        path.write_bytes(archive)
        with tarfile.open(path) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": tmp}
        proc = subprocess.run(
            [sys.executable, "-c", OLD_RUNNER, str(db.resolve()), str(Path(tmp) / "data")],
            input="".join(json.dumps(q) + "\n" for q in queries),
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
            check=True,
        )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    return float(lines[0]["build_s"]), lines[1:]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summary(rows: list[dict[str, str]], results: list[dict[str, object]]) -> dict[str, object]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    match_right = match_all = guess_right = guess_all = negatives_matched = 0
    for row, got in zip(rows, results, strict=True):
        status = str(got["status"])
        right = judge(row["expected"], status, got["best"], list(got["candidates"]))  # type: ignore[arg-type]
        by_kind[row["kind"]].append(right)
        statuses[status] += 1
        if status == "match":
            match_all += 1
            match_right += right
            negatives_matched += negative(row["expected"])
        if status == "best_guess":
            guess_all += 1
            guess_right += right
    times = [float(g["ms"]) for g in results]  # type: ignore[arg-type]
    flat = [ok for oks in by_kind.values() for ok in oks]
    return {
        "right": sum(flat),
        "rows": len(flat),
        "share": sum(flat) / max(1, len(flat)),
        "kinds": {k: [sum(v), len(v)] for k, v in sorted(by_kind.items())},
        "statuses": dict(statuses),
        "match_precision": match_right / match_all if match_all else None,
        "matches": match_all,
        "best_guess_precision": guess_right / guess_all if guess_all else None,
        "negatives_matched": negatives_matched,
        "p50_ms": percentile(times, 0.5),
        "p99_ms": percentile(times, 0.99),
        "times": times,
    }


PASSES = 3  # the new matcher's time of a reference is the best of this many cold readings


def run_new(matcher: ResolutionMatcher, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Each reference read PASSES times, every cache emptied before each pass: the answer
    of the first pass, and the least time (a shared machine's noise only ever adds)."""
    out: list[dict[str, object]] = []
    for n in range(PASSES):
        matcher.forget()
        for i, row in enumerate(rows):
            today = date.fromisoformat(row["today"]) if row.get("today") else TODAY
            t = time.perf_counter()
            found: Match = matcher.resolve(row["query"], today=today)
            ms = (time.perf_counter() - t) * 1000
            if n:
                out[i]["ms"] = min(float(out[i]["ms"]), ms)  # type: ignore[arg-type]
                continue
            out.append(
                {
                    "status": found.status,
                    "best": found.best.id if found.best else None,
                    "candidates": [c.id for c in found.candidates],
                    "ms": ms,
                }
            )
    return out


def show(name: str, label: str, s: dict[str, object]) -> None:
    mp = s["match_precision"]
    bp = s["best_guess_precision"]
    print(
        f"{name:32} {label:4} right {s['right']}/{s['rows']} = {float(s['share']):.1%}  "  # type: ignore[arg-type]
        f"match {s['matches']} precision {mp if mp is None else f'{mp:.1%}'}  "
        f"best guess precision {bp if bp is None else f'{bp:.1%}'}  "
        f"negatives matched {s['negatives_matched']}  "
        f"p50 {float(s['p50_ms']):.2f} ms p99 {float(s['p99_ms']):.2f} ms"  # type: ignore[arg-type]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "votes.db")
    parser.add_argument("--table", type=Path, action="append", default=[])
    parser.add_argument("--heldout", action="store_true", help="add the held-out table")
    parser.add_argument("--no-old", action="store_true", help="leave out the old matcher")
    args = parser.parse_args()
    names = args.table or [EVAL / t for t in (*DEVELOPMENT, *(HELDOUT if args.heldout else ()))]
    store = Store(args.db)
    rss0 = rss_mb()
    t0 = time.perf_counter()
    resolutions = store.resolutions()
    countries = CountryMatcher.from_store(store, aliases_dir=ROOT / "data")
    t1 = time.perf_counter()
    matcher = ResolutionMatcher.from_store(
        store,
        aliases_dir=ROOT / "data",
        country_names=countries.phrase_names,
        resolutions=resolutions,
    )
    build_s = time.perf_counter() - t1
    rss1 = rss_mb()
    matcher.resolve("the one saying russia must pay reparations")  # loads the embedding model
    rss2 = rss_mb()
    print(
        f"new matcher: built in {build_s:.3f} s (after {t1 - t0:.2f} s reading the data); "
        f"memory {rss1 - rss0:.0f} MB, the embedding model {rss2 - rss1:.0f} MB more; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    report: dict[str, object] = {"build_s": build_s, "model_mb": rss2 - rss1, "tables": {}}
    for path in names:
        rows = load(Path(path))
        new = summary(rows, run_new(matcher, rows))
        entry: dict[str, object] = {"new": new}
        show(Path(path).name, "new", new)
        if not args.no_old:
            old_build, old_results = run_old(args.db, [r["query"] for r in rows])
            old = summary(rows, old_results)
            entry["old"] = old
            entry["old_build_s"] = old_build
            show(Path(path).name, "old", old)
            print(f"{'':32} gain: {float(new['share']) / max(1e-9, float(old['share'])):.2f}x")  # type: ignore[arg-type]
        for kind, (right, total) in new["kinds"].items():  # type: ignore[union-attr]
            old_kind = entry.get("old", {}).get("kinds", {}).get(kind) if "old" in entry else None  # type: ignore[union-attr]
            was = f" (old {old_kind[0]}/{old_kind[1]})" if old_kind else ""
            print(f"{'':36}{kind:18} {right}/{total}{was}")
        report["tables"][Path(path).name] = entry  # type: ignore[index]
    every = [t for e in report["tables"].values() for t in e["new"]["times"]]  # type: ignore[attr-defined]
    print(
        f"new matcher, every reference of these tables ({len(every)}): resolve p50 "
        f"{percentile(every, 0.5):.2f} ms, p99 {percentile(every, 0.99):.2f} ms"
    )
    report["load_average"] = os.getloadavg()[0]
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_match_resolution.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
