"""Render time and PNG size of each chart kind.

    python bench/bench_charts.py [--runs 40] [--out bench/results/charts.json]

Inputs are made by hand at realistic sizes (193 members, 10 + 10 allies, 80 years,
30 and 400 history cells), so the benchmark needs no database. Wall times depend on
what else runs on the machine, so the table also gives the median CPU time of the
rendering thread and the load average before the run. The baseline row renders a
card with only a heading and a footer: the fixed cost of a figure, the Agg draw and
the PNG encoding that every chart pays.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

from bot.core.models import (  # noqa: E402
    AlliesAnswer,
    AllyScore,
    Answer,
    CompareAnswer,
    CountryRef,
    Coverage,
    HistoryAnswer,
    HistoryEntry,
    HowVotedAnswer,
    MemberVote,
    Resolution,
    ResolutionAnswer,
    YearAgreement,
)
from bot.core.render.charts import chart_for  # noqa: E402
from bot.core.render.charts.style import add_footer, add_text, new_figure, to_png  # noqa: E402

TARGET_MS = 150.0
TARGET_BYTES = 200_000
COVERAGE = Coverage(
    "1946-01-24", "2026-06-30", 6000, 948_836, 193,
    "UN General Assembly Voting Data (UN Digital Library)", "2026-02-06", "2026-11-22",
)  # fmt: skip
VOTES: tuple[MemberVote, ...] = ("yes", "no", "abstain", "non_voting")


def resolution(i: int = 1, *, date: str = "2022-03-02") -> Resolution:
    return Resolution(
        id=i, symbol=f"A/RES/ES-11/{i}", date=date, session="ES-11",
        title="Aggression against Ukraine", yes=141, no=5, abstain=35, non_voting=12,
        total_members=193,
    )  # fmt: skip


def members(prefix: str, n: int) -> tuple[CountryRef, ...]:
    return tuple(CountryRef(f"{prefix}{i:03d}", f"Member {prefix}{i}") for i in range(n))


def cases() -> dict[str, Answer]:
    res = resolution()
    history = tuple(
        HistoryEntry(resolution(i, date=f"{1946 + i // 6}-12-{1 + i % 28:02d}"), VOTES[i % 4], True)
        for i in range(400)
    )
    return {
        "resolution (hemicycle, 193)": ResolutionAnswer(
            res, members("N", 5), members("A", 35), members("X", 12), members("Y", 141)
        ),
        "howvoted (hemicycle + mark)": HowVotedAnswer(
            CountryRef("ERI", "Eritrea"), res, "no", members("N", 4), members("Y", 141)
        ),
        "allies (10 + 10 bars)": AlliesAnswer(
            CountryRef("FRA", "France"),
            most=tuple(AllyScore(c, 0.95 - i / 100, 1500) for i, c in enumerate(members("M", 10))),
            least=tuple(AllyScore(c, 0.2 + i / 50, 1500) for i, c in enumerate(members("L", 10))),
        ),
        "compare (80 years)": CompareAnswer(
            CountryRef("USA", "United States"),
            CountryRef("ISR", "Israel"),
            0.8,
            0.85,
            5000,
            4000,
            (),
            by_year=tuple(YearAgreement(1946 + i, 0.5 + (i % 9) / 20, 60) for i in range(80)),
        ),  # fmt: skip
        "history (30 labelled cells)": HistoryAnswer(
            CountryRef("IND", "India"), "nuclear", history[:30]
        ),
        "history (400 cells)": HistoryAnswer(CountryRef("IND", "India"), "disarmament", history),
    }


def baseline_card() -> bytes:
    fig = new_figure(1000, 680)
    add_text(fig, 0.02, 0.975, "Heading only", size=17, bold=True, va="top")
    add_footer(fig, COVERAGE)
    return to_png(fig)


def measure(render: Callable[[], bytes], runs: int) -> dict[str, float]:
    render()  # warm the font and text caches
    times, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        size = len(render())
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "min_ms": times[0],
        "cpu_median_ms": statistics.median(cpu),
        "bytes": size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "charts.json")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    rows: dict[str, dict[str, float]] = {
        "baseline: heading + footer card": measure(baseline_card, args.runs)
    }
    for name, answer in cases().items():

        def render(answer: Answer = answer) -> bytes:
            chart = chart_for(answer, coverage=COVERAGE)
            assert chart is not None
            return chart.png

        rows[name] = measure(render, args.runs)

    print(f"load average before the run: {load:.2f} on {os.cpu_count()} cores")
    print(
        f"{'chart':34} {'median ms':>10} {'p95 ms':>8} {'min ms':>7} {'CPU ms':>7} {'KB':>7}"
        "  within targets"
    )
    for name, row in rows.items():
        ok = row["median_ms"] < TARGET_MS and row["bytes"] < TARGET_BYTES
        print(
            f"{name:34} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['min_ms']:7.1f} "
            f"{row['cpu_median_ms']:7.1f} {row['bytes'] / 1000:7.1f}  {'yes' if ok else 'NO'}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "targets": {"median_ms": TARGET_MS, "bytes": TARGET_BYTES},
                "python": platform.python_version(),
                "matplotlib": matplotlib.__version__,
                "machine": platform.machine(),
                "load_average": load,
                "results": rows,
            },
            indent=2,
        )
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
