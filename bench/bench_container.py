"""Image build times and sizes: cold, after a source change (dependency layer cached), unchanged.

    python bench/bench_container.py

Builds the Dockerfile on localhost/votebot-base with podman (installing the tools and
making the base image first when needed) three times:
  cold         --no-cache: every layer built, the dependencies downloaded again
  unchanged    the same context again: every layer from the cache
  source edit  one source file changed in that copy of the build context: the
               dependency layer comes from the cache, only the project is copied in
and reports the image size, over the base and against the 250 MB target. Then it starts
the image's entrypoint --starts times (default 5) on a volume with a database built from
../shared/data, against the fake Discord, and reports the time from start to the answer
of a first /howvoted (target under 5 s) and the resident memory of the bot process and
of all the container's processes. Prints tables and writes
bench/results/container_build.json.

    python bench/bench_container.py [--starts N] [--no-builds]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
PODMAN = ["podman", "--cgroup-manager=cgroupfs"]
BASE_IMAGE = "localhost/votebot-base"
IMAGE = "localhost/votebot:bench"
TARGET_OVER_BASE_MB = 250
TARGET_START_SECONDS = 5.0
SHARED_CSV = PROJECT.parent / "shared" / "data" / "unga-votes.csv.gz"


def sh(cmd: list[str], *, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc.stdout


def build(context: Path, *, no_cache: bool = False) -> tuple[float, int]:
    """Seconds to build, and how many steps came from the cache."""
    cmd = ["bash", str(PROJECT / "scripts" / "build-image.sh"), IMAGE]
    if no_cache:
        cmd.append("--no-cache")
    started = time.monotonic()
    out = sh(cmd, env={**os.environ, "VOTEBOT_BUILD_CONTEXT": str(context)})
    return time.monotonic() - started, out.count("Using cache")


def size(image: str) -> int:
    return int(json.loads(sh([*PODMAN, "image", "inspect", image]))[0]["Size"])


def copy_context(dest: Path) -> None:
    """The tracked files (and new ones not ignored), as a clean clone would have them."""
    files = sh(
        ["git", "-C", str(PROJECT), "ls-files", "--cached", "--others", "--exclude-standard"]
    )
    for name in files.splitlines():
        src = PROJECT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def measure_starts(runs: int) -> list[dict[str, float]]:
    """Start the image on a volume with a database, answer one /howvoted, stop it."""
    from tests.deploy.containers import WorkingContainer, container_processes, rss_kib, stop
    from tests.discord_app.helpers import ask
    from tests.fake_discord import FakeDiscord

    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="votebot-volume-") as tmp:
        volume = Path(tmp) / "data"
        volume.mkdir()
        box = WorkingContainer(IMAGE, volumes={volume: "/data", SHARED_CSV.parent: "/seed:ro"})
        try:
            ids = box.run(["sh", "-c", "id -u; id -g"]).stdout.split()
            os.chown(volume, int(ids[0]), int(ids[1]))
            built = box.run(["votebot", "data", "import", f"/seed/{SHARED_CSV.name}"], timeout=600)
            if built.returncode != 0:
                sys.exit(f"could not build the database in the image:\n{built.stderr[-2000:]}")

            async def one(log: Path) -> dict[str, float]:
                async with FakeDiscord() as fake:
                    env = {
                        "DISCORD_TOKEN": fake.token,
                        "VOTEBOT_DISCORD_API": fake.api_base,
                        "VOTEBOT_DISCORD_GATEWAY": fake.gateway_url,
                    }  # the weekly refresh as deployed: its loop runs, waiting
                    started = time.monotonic()
                    proc = box.start([*box.entrypoint, *box.default_cmd], env=env, log=log)
                    try:
                        await fake.wait_connected(timeout=60)
                        options = {"country": "Eritrea", "resolution": "ES-11/1"}
                        _, reply = await ask(fake, "howvoted", options)
                        answered = reply.at - started
                        running = container_processes(proc.pid)
                        bot = [p for p, line in running.items() if line.endswith("votebot run")]
                        return {
                            "start_to_answer_s": answered,
                            "bot_rss_mb": rss_kib(bot[0]) / 1024 if bot else 0.0,
                            "container_rss_mb": sum(rss_kib(p) for p in running) / 1024,
                        }
                    finally:
                        await asyncio.to_thread(stop, proc)

            for i in range(runs):
                samples.append(asyncio.run(one(Path(tmp) / f"start-{i}.log")))
        finally:
            box.remove()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5, help="start-up runs (default 5)")
    parser.add_argument("--no-builds", action="store_true", help="build once, cached")
    args = parser.parse_args()
    if not SHARED_CSV.is_file():
        sys.exit(f"the shared data file is missing: {SHARED_CSV}")
    sh(["bash", str(PROJECT / "scripts" / "install-container-tools.sh")])
    started = time.monotonic()
    sh(["bash", str(PROJECT / "scripts" / "make-base-image.sh")])
    base_seconds = time.monotonic() - started

    rows: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="votebot-context-") as tmp:
        context = Path(tmp)
        copy_context(context)
        if args.no_builds:
            rows.append(("as it is (cache allowed)", *build(context)))
        else:
            rows.append(("cold (--no-cache)", *build(context, no_cache=True)))
            rows.append(("unchanged", *build(context)))
            init = context / "bot" / "__init__.py"
            init.write_text(init.read_text() + f"# rebuilt {time.time()}\n")
            rows.append(("source edit (deps cached)", *build(context)))

    image_mb = size(IMAGE) / 1e6
    base_mb = size(BASE_IMAGE) / 1e6
    print(f"{'build':<28} {'seconds':>8} {'cached steps':>13}")
    for name, seconds, cached in rows:
        print(f"{name:<28} {seconds:>8.1f} {cached:>13}")
    print(f"{'base image ready':<28} {base_seconds:>8.1f}   (0 s when cached)")
    print(
        f"image {image_mb:.0f} MB, base {base_mb:.0f} MB, over the base {image_mb - base_mb:.0f} MB"
        f" (target < {TARGET_OVER_BASE_MB} MB)"
    )
    samples = measure_starts(args.starts) if args.starts > 0 else []
    summary: dict[str, dict[str, float]] = {}
    if samples:
        print(f"\n{'with an existing database':<28} {'median':>8} {'min':>8} {'max':>8}")
        for key in ("start_to_answer_s", "bot_rss_mb", "container_rss_mb"):
            values = [sample[key] for sample in samples]
            summary[key] = {
                "median": round(statistics.median(values), 2),
                "min": round(min(values), 2),
                "max": round(max(values), 2),
            }
            print(
                f"{key:<28} {summary[key]['median']:>8.2f} {summary[key]['min']:>8.2f}"
                f" {summary[key]['max']:>8.2f}"
            )
        print(f"({len(samples)} starts; target start to answer < {TARGET_START_SECONDS:.0f} s)")
    result = {
        "builds": [{"build": n, "seconds": round(s, 2), "cached_steps": c} for n, s, c in rows],
        "starts": len(samples),
        "start_up": summary,
        "target_start_seconds": TARGET_START_SECONDS,
        "base_image_seconds": round(base_seconds, 2),
        "image_mb": round(image_mb, 1),
        "base_mb": round(base_mb, 1),
        "over_base_mb": round(image_mb - base_mb, 1),
        "target_over_base_mb": TARGET_OVER_BASE_MB,
    }
    out = PROJECT / "bench" / "results" / "container_build.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
