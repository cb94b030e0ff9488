"""Import benchmark: votebot's importer against a stdlib floor and a naive peer.

In one run, on the same input file:
  ours   bot.core.data.ingest.import_file (validation, data-quality report, FTS, atomic swap)
  floor  a minimal loader: csv + sqlite3 executemany into the same schema, indexes and
         FTS, no validation, no data-quality checks, no temp file and rename
  naive  `sqlite-utils insert --csv` of the decompressed file into one wide table
Each contender runs in its own process, which reports its wall time and peak RSS.
ours and floor run --repeat times, interleaved, and the fastest run of each counts (the
machine is shared, so the minimum is the least disturbed figure); the naive peer runs
once. The load average is recorded beside the figures.
Then 10,000 random lookups through `Store` on our database: one country's vote on
one resolution and one resolution's roll call, as point queries on the built file.

    python bench/bench_import.py [SOURCE]   (default ../shared/data/unga-votes.csv.gz)

Prints a table and writes JSON to bench/results/import-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.core.data import store  # noqa: E402
from bot.core.data.store import Store  # noqa: E402

DEFAULT_SOURCE = PROJECT.parent / "shared" / "data" / "unga-votes.csv.gz"
RESULTS = PROJECT / "bench" / "results"
LOOKUPS = 10_000
TARGETS = {"seconds": 30.0, "rss_mb": 300.0, "floor_ratio": 1.5, "db_mb": 80.0}


# --- contenders (each runs in a child process) -----------------------------------------


def run_ours(source: Path, db: Path) -> None:
    from bot.core.data.ingest import import_file

    import_file(source, db)


def run_floor(source: Path, db: Path) -> None:
    """The least a loader must do to fill the same schema from the same file."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(store.SCHEMA_SQL)
    resolutions: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    countries: dict[str, tuple[str, str, str]] = {}
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
        rows = csv.reader(fh)
        col = {name: i for i, name in enumerate(next(rows))}
        c_res, c_code, c_name, c_vote, c_date = (
            col[k] for k in ("resolution", "ms_code", "ms_name", "ms_vote", "date")
        )

        def votes():  # type: ignore[no-untyped-def]
            for row in rows:
                symbol = row[c_res]
                rid = resolutions.get(symbol)
                if rid is None:
                    rid = resolutions[symbol] = len(resolutions) + 1
                    conn.execute(
                        "INSERT INTO resolutions (id, symbol, date, session, title, agenda, "
                        "subjects, yes, no, abstain, non_voting, total_members) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            rid,
                            symbol,
                            row[c_date],
                            row[col["session"]],
                            row[col["title"]],
                            row[col["agenda_title"]],
                            row[col["subjects"]],
                            int(row[col["total_yes"]]),
                            int(row[col["total_no"]]),
                            int(row[col["total_abstentions"]]),
                            int(row[col["total_non_voting"]]),
                            int(row[col["total_ms"]]),
                        ),
                    )
                code, date = row[c_code], row[c_date]
                key = (code, row[c_name])
                nid = names.get(key)
                if nid is None:
                    nid = names[key] = len(names) + 1
                first, last, name = countries.get(code, (date, date, key[1]))
                countries[code] = (min(first, date), max(last, date), name)
                yield (rid, code, row[c_vote], nid)

        conn.executemany("INSERT OR IGNORE INTO votes VALUES (?, ?, ?, ?)", votes())
    conn.executemany(
        "INSERT INTO member_names (id, code, name, first_date, last_date) VALUES (?, ?, ?, '', '')",
        [(nid, code, name) for (code, name), nid in names.items()],
    )
    conn.executemany(
        "INSERT INTO countries (code, name, first_date, last_date) VALUES (?, ?, ?, ?)",
        [(code, name, first, last) for code, (first, last, name) in countries.items()],
    )
    conn.executescript(store.INDEX_SQL)
    conn.executescript(
        f"CREATE VIRTUAL TABLE {store.FTS_TABLE} USING fts5 (title, subjects, agenda, "
        "content=resolutions, content_rowid=id);"
        f"INSERT INTO {store.FTS_TABLE} (rowid, title, subjects, agenda) "
        "SELECT id, title, subjects, agenda FROM resolutions;"
    )
    conn.execute("INSERT INTO metadata VALUES ('schema_version', ?)", (store.SCHEMA_VERSION,))
    conn.commit()
    conn.close()


def run_naive(source: Path, db: Path) -> None:
    """`sqlite-utils insert --csv` of the raw (decompressed) file into one wide table."""
    cli = shutil.which("sqlite-utils") or ""
    args = [cli] if cli else [sys.executable, "-m", "sqlite_utils"]
    subprocess.run([*args, "insert", str(db), "votes", str(source), "--csv"], check=True)


CONTENDERS = {"ours": run_ours, "floor": run_floor, "naive": run_naive}


def child(name: str, source: Path, db: Path) -> None:
    started = time.perf_counter()
    CONTENDERS[name](source, db)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "rss_mb": max(own, kids) / 1024}))


def measure(name: str, source: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, str(source), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["db_mb"] = db.stat().st_size / 1e6
    return result


# --- lookups ------------------------------------------------------------------------------


def lookups(db: Path, *, seed: int = 4060887) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    pairs = conn.execute("SELECT resolution_id, code FROM votes").fetchall()
    ids = [rid for (rid,) in conn.execute("SELECT id FROM resolutions")]
    conn.close()
    ballots = rng.sample(pairs, LOOKUPS)
    rolls = [rng.choice(ids) for _ in range(LOOKUPS)]
    out = {}
    reader = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)

    def ballot(rid: int, code: str) -> object:
        return reader.execute(
            "SELECT vote FROM votes WHERE resolution_id = ? AND code = ?", (rid, code)
        ).fetchone()

    def roll_call(rid: int) -> object:
        return reader.execute(
            "SELECT code, vote FROM votes WHERE resolution_id = ? ORDER BY code", (rid,)
        ).fetchall()

    with reader:
        for label, calls in (
            ("ballot", [(ballot, (rid, code)) for rid, code in ballots]),
            ("roll_call", [(roll_call, (rid,)) for rid in rolls]),
        ):
            wall, cpu = [], []
            for func, args in calls:
                c0, t0 = time.thread_time_ns(), time.perf_counter_ns()
                result = func(*args)  # type: ignore[operator]
                wall.append(time.perf_counter_ns() - t0)
                cpu.append(time.thread_time_ns() - c0)
                assert result, (label, args)
            wall.sort()
            cpu.sort()
            # Wall time includes waiting for a CPU on a busy machine; thread CPU time
            # is the work of the lookup itself.
            out[label] = {
                "p50_ms": wall[len(wall) // 2] / 1e6,
                "p99_ms": wall[int(len(wall) * 0.99)] / 1e6,
                "max_ms": wall[-1] / 1e6,
                "cpu_p50_ms": cpu[len(cpu) // 2] / 1e6,
                "cpu_p99_ms": cpu[int(len(cpu) * 0.99)] / 1e6,
            }
    return out


# --- main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--child", nargs=3, metavar=("NAME", "SOURCE", "DB"))
    parser.add_argument("--skip-naive", action="store_true", help="leave out the slow peer")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and floor")
    parser.add_argument(
        "--lookups-only", type=Path, metavar="DB", help="only time lookups on a built database"
    )
    args = parser.parse_args()
    if args.child:
        name, source, db = args.child
        child(name, Path(source), Path(db))
        return
    if args.lookups_only:
        for label, r in lookups(args.lookups_only).items():
            print(label, {k: round(v, 3) for k, v in r.items()})
        return
    source: Path = args.source
    if not source.is_file():
        sys.exit(f"no such file: {source}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp_dir:
        tmp = Path(tmp_dir)
        load_before = os.getloadavg()
        runs: dict[str, list[dict[str, float]]] = {"ours": [], "floor": []}
        for _ in range(max(1, args.repeat)):
            for name in runs:
                db = tmp / f"{name}.db"
                db.unlink(missing_ok=True)
                runs[name].append(measure(name, source, db))
        results = {name: min(r, key=lambda x: x["seconds"]) for name, r in runs.items()}
        for name, r in runs.items():
            results[name]["all_seconds"] = [round(x["seconds"], 2) for x in r]  # type: ignore[assignment]
        if not args.skip_naive:
            plain = tmp / "votes.csv"
            opener = gzip.open if source.suffix == ".gz" else open
            with opener(source, "rb") as src, plain.open("wb") as dst:  # type: ignore[operator]
                shutil.copyfileobj(src, dst, 1 << 20)
            results["naive"] = measure("naive", plain, tmp / "naive.db")
            plain.unlink()
        found = lookups(tmp / "ours.db")
        with Store(tmp / "ours.db") as st:
            meta = st.metadata()
    ours, floor = results["ours"], results["floor"]
    ratios = {name: r["seconds"] / ours["seconds"] for name, r in results.items()}
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": str(source),
        "rows": int(meta["rows"]),
        "votes": int(meta["votes"]),
        "cpus": os.cpu_count(),
        "load_average_before_after": [load_before, os.getloadavg()],
        "import": results,
        "ours_vs_floor": ours["seconds"] / floor["seconds"],
        "time_relative_to_ours": ratios,
        "lookups": found,
        "targets": TARGETS,
        "meets": {
            "seconds": ours["seconds"] <= TARGETS["seconds"],
            "rss_mb": ours["rss_mb"] < TARGETS["rss_mb"],
            "floor_ratio": ours["seconds"] / floor["seconds"] <= TARGETS["floor_ratio"],
            "db_mb": ours["db_mb"] < TARGETS["db_mb"],
        },
    }
    print(f"Import of {source.name}: {report['rows']:,} rows -> {report['votes']:,} votes")
    print(f"{'contender':<8} {'seconds':>8} {'x ours':>7} {'peak RSS MB':>12} {'DB MB':>7}")
    for name, r in results.items():
        print(
            f"{name:<8} {r['seconds']:8.2f} {ratios[name]:7.2f} {r['rss_mb']:12.0f} "
            f"{r['db_mb']:7.1f}"
        )
    for name, r in runs.items():
        print(f"  {name} runs (s): {[round(x['seconds'], 2) for x in r]}")
    print(
        f"load average before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        f"ours / floor = {report['ours_vs_floor']:.2f} (target <= {TARGETS['floor_ratio']}); "
        f"targets met: {report['meets']}"
    )
    print(
        f"{'lookup (10,000 random)':<24} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'CPU p50':>8} {'CPU p99':>8}"
    )
    for label, r in found.items():
        print(
            f"{label:<24} {r['p50_ms']:8.3f} {r['p99_ms']:8.3f} {r['max_ms']:8.3f} "
            f"{r['cpu_p50_ms']:8.3f} {r['cpu_p99_ms']:8.3f}"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"import-{stamp}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
