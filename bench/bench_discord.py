"""Interactions per second through the fake Discord to one `votebot run` process.

    python bench/bench_discord.py [--db /tmp/votebot-bench.db] [--count 2000] [--rate 250]

Builds the database from ../shared/data/unga-votes.csv.gz when --db does not exist yet.
Starts the fake Discord (tests/fake_discord) on 127.0.0.1 and the bot as a subprocess,
then sends interactions at a fixed rate, each from a different user:

- baseline: /help, which never reaches the core (the adapter and transport alone);
- mix: /howvoted, /resolution, /compare, /allies, /history, /search, /ask and
  autocomplete, with real country names and resolution symbols from the database,
  each with `chart: False`;
- charts: the same mix (--chart-count of them) with charts, as users get by default.

Every interaction must get exactly one successful callback within Discord's 3-second
window (the fake refuses a second acknowledgement and late ones). Reports throughput,
p50/p99 from dispatch to callback and to the answer itself (the callback, or the
follow-up that completes a deferred one), and the bot's resident memory (peak, from
/proc). Targets, for the mix: >= 200 interactions/s, p99 < 500 ms, RSS < 250 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.core.data.store import Store  # noqa: E402
from tests.fake_discord import FakeDiscord  # noqa: E402
from tests.fake_discord.harness import bot_env, start_cli  # noqa: E402

SHARED_CSV = PROJECT.parent / "shared" / "data" / "unga-votes.csv.gz"
RESULTS = PROJECT / "bench" / "results"
TARGET_RATE = 200.0
TARGET_P99_MS = 500.0
TARGET_RSS_MB = 250.0
TOPICS = [
    "nuclear",
    "Palestine",
    "Cuba embargo",
    "human rights",
    "apartheid",
    "Ukraine",
    "climate",
    "Korea",
    "disarmament",
    "colonial",
]


def ensure_db(db: Path) -> None:
    if db.exists():
        return
    print(f"building {db} from {SHARED_CSV} ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bot", "data", "import", str(SHARED_CSV), "--db", str(db)],
        cwd=PROJECT,
        check=True,
    )


CHARTED = {"howvoted", "resolution", "compare", "allies", "history", "ask"}


def workload(
    db: Path, count: int, seed: int, *, charts: bool
) -> list[tuple[str, dict[str, Any], str | None]]:
    """(command, options, focused option or None), a fixed pseudo-random mix."""
    with Store(db) as store:
        countries = [c.name for c in store.countries()]
        symbols = [r.symbol for r in store.resolutions()]
    rng = random.Random(seed)
    jobs: list[tuple[str, dict[str, Any], str | None]] = []
    for _ in range(count):
        kind = rng.choice(
            [
                "howvoted",
                "howvoted",
                "resolution",
                "compare",
                "allies",
                "history",
                "search",
                "ask",
                "autocomplete",
                "autocomplete",
            ]
        )
        country, other = rng.choice(countries), rng.choice(countries)
        symbol, topic = rng.choice(symbols), rng.choice(TOPICS)
        if kind == "howvoted":
            jobs.append(("howvoted", {"country": country, "resolution": symbol}, None))
        elif kind == "resolution":
            jobs.append(("resolution", {"query": symbol}, None))
        elif kind == "compare":
            jobs.append(("compare", {"a": country, "b": other, "since": "2000"}, None))
        elif kind == "allies":
            jobs.append(("allies", {"country": country}, None))
        elif kind == "history":
            jobs.append(("history", {"country": country, "topic": topic}, None))
        elif kind == "search":
            jobs.append(("search", {"topic": topic}, None))
        elif kind == "ask":
            jobs.append(("ask", {"question": f"how did {country} vote on {symbol}?"}, None))
        else:
            fragment = country[: rng.randint(2, 5)].lower()
            jobs.append(("howvoted", {"country": fragment}, "country"))
    if not charts:
        jobs = [
            (
                command,
                {**options, "chart": False} if command in CHARTED and not focused else options,
                focused,
            )
            for command, options, focused in jobs
        ]
    return jobs


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def answer_times(fake: FakeDiscord, tokens: set[str]) -> dict[str, float]:
    """When each interaction's answer arrived: its callback, unless that was a deferral,
    then the first follow-up through its webhook."""
    deferred = set()
    times: dict[str, float] = {}
    prefix = f"/webhooks/{fake.application_id}/"
    for request in fake.requests:
        parts = request.path.split("/")
        if request.status >= 300:
            continue
        if len(parts) == 5 and parts[1] == "interactions" and parts[3] in tokens:
            if (request.json or {}).get("type") == 5:
                deferred.add(parts[3])
            else:
                times.setdefault(parts[3], request.at)
        elif request.path.startswith(prefix) and parts[3] in deferred:
            times.setdefault(parts[3], request.at)
    return times


def percentiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    quantiles = statistics.quantiles(sorted(values), n=100, method="inclusive")
    return quantiles[49], quantiles[98]


async def phase(
    fake: FakeDiscord,
    name: str,
    jobs: list[tuple[str, dict[str, Any], str | None]],
    rate: float,
    *,
    answer_wait: float = 300,
) -> dict[str, Any]:
    """Send `jobs` at `rate` per second; wait for every callback; measure."""
    sent: list[dict[str, Any]] = []
    start = time.monotonic()
    for i, (command, options, focused) in enumerate(jobs):
        due = start + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        interaction = fake.command_interaction(
            command, options, focused=focused, user=fake.make_user(f"user{i}")
        )
        sent.append(interaction)
        await fake.send_interaction(interaction)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not all(i["token"] in fake.acknowledged for i in sent):
        await asyncio.sleep(0.05)
    end = max((fake.acknowledged.get(i["token"], 0.0) for i in sent), default=start)
    tokens = {i["token"] for i in sent}
    ok_callbacks: dict[str, int] = {}
    refused = 0
    for request in fake.requests:
        parts = request.path.split("/")
        if len(parts) == 5 and parts[1] == "interactions" and parts[3] in tokens:
            if request.status < 300:
                ok_callbacks[parts[3]] = ok_callbacks.get(parts[3], 0) + 1
            else:
                refused += 1
    answered = [t for t in tokens if ok_callbacks.get(t) == 1]
    latencies = sorted(
        (fake.acknowledged[t] - fake.sent_at[t]) * 1000 for t in tokens if t in fake.acknowledged
    )
    quantiles = [0.0] * 99
    if len(latencies) >= 2:
        quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    deadline = time.monotonic() + answer_wait
    while time.monotonic() < deadline and len(answer_times(fake, tokens)) < len(tokens):
        await asyncio.sleep(0.2)
    finals = answer_times(fake, tokens)
    final_ms = [(finals[t] - fake.sent_at[t]) * 1000 for t in finals]
    final_p50, final_p99 = percentiles(final_ms)
    last_answer = max(finals.values(), default=start)
    return {
        "phase": name,
        "sent": len(sent),
        "answered": len(answered),
        "lost": len(tokens) - len(ok_callbacks),
        "duplicated": sum(1 for n in ok_callbacks.values() if n > 1),
        "refused_callbacks": refused,
        "seconds": round(end - start, 3),
        "per_second": round(len(answered) / (end - start), 1) if end > start else 0.0,
        "p50_ms": round(quantiles[49], 1),
        "p99_ms": round(quantiles[98], 1),
        "max_ms": round(latencies[-1], 1) if latencies else 0.0,
        "with_answer": len(finals),
        "answers_per_second": round(len(finals) / (last_answer - start), 1)
        if last_answer > start
        else 0.0,
        "answer_p50_ms": round(final_p50, 1),
        "answer_p99_ms": round(final_p99, 1),
        "deferred": sum(
            1
            for r in fake.requests
            if r.path.split("/")[1:2] == ["interactions"]
            and r.path.split("/")[3] in tokens
            and (r.json or {}).get("type") == 5
        ),
    }


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    jobs = workload(args.db, args.count, args.seed, charts=False)
    chart_jobs = workload(args.db, args.chart_count, args.seed + 1, charts=True)
    baseline_jobs = [("help", {}, None)] * args.baseline
    async with FakeDiscord(heartbeat_interval_ms=41250) as fake:
        env = bot_env(fake, args.db, VOTEBOT_LOG_LEVEL="WARNING")
        started = time.monotonic()
        process = await start_cli("run", env=env)
        try:
            await fake.wait_connected(timeout=300)
            await asyncio.sleep(0.5)  # READY -> on_ready (guild timeout)
            startup = time.monotonic() - started
            rss_idle, _ = rss_mb(process.pid)
            results = [await phase(fake, "baseline /help", baseline_jobs, args.rate)]
            results.append(await phase(fake, "mix of commands", jobs, args.rate))
            if chart_jobs:
                results.append(await phase(fake, "mix with charts", chart_jobs, args.rate))
            rss_now, rss_peak = rss_mb(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 60)
        return {
            "db": str(args.db),
            "rate_offered": args.rate,
            "startup_s": round(startup, 2),
            "rss_idle_mb": round(rss_idle, 1),
            "rss_after_mb": round(rss_now, 1),
            "rss_peak_mb": round(rss_peak, 1),
            "exit_code": process.returncode,
            "phases": results,
            "bot_errors": [line for line in (out + err).decode().splitlines() if "ERROR" in line][
                :20
            ],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/votebot-bench.db"))
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument(
        "--chart-count", type=int, default=300, help="interactions of the phase with charts"
    )
    parser.add_argument("--rate", type=float, default=250.0, help="interactions sent per second")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ensure_db(args.db)
    report = asyncio.run(bench(args))
    header = f"{'phase':<18}{'sent':>6}{'answered':>9}{'lost':>5}{'dup':>4}{'/s':>8}"
    header += f"{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}{'deferred':>9}"
    header += f"{'answers/s':>10}{'ans p50':>9}{'ans p99':>9}"
    print(header)
    for p in report["phases"]:
        print(
            f"{p['phase']:<18}{p['sent']:>6}{p['answered']:>9}{p['lost']:>5}{p['duplicated']:>4}"
            f"{p['per_second']:>8}{p['p50_ms']:>8}{p['p99_ms']:>8}{p['max_ms']:>8}"
            f"{p['deferred']:>9}{p['answers_per_second']:>10}{p['answer_p50_ms']:>9}"
            f"{p['answer_p99_ms']:>9}"
        )
    print(
        f"bot start-up {report['startup_s']} s; RSS idle {report['rss_idle_mb']} MB, "
        f"peak {report['rss_peak_mb']} MB; exit code {report['exit_code']}"
    )
    mix = report["phases"][1]
    checks = {
        "all answered once": mix["answered"] == mix["sent"] and mix["duplicated"] == 0,
        f">= {TARGET_RATE:.0f}/s": mix["per_second"] >= TARGET_RATE,
        f"p99 < {TARGET_P99_MS:.0f} ms": mix["p99_ms"] < TARGET_P99_MS,
        f"RSS < {TARGET_RSS_MB:.0f} MB": report["rss_peak_mb"] < TARGET_RSS_MB,
    }
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    report["checks"] = checks
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_discord.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"written {out.relative_to(PROJECT)}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    os.chdir(PROJECT)
    sys.exit(main())
