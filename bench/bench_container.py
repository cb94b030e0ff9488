"""Image build times and sizes: cold, after a source change (dependency layer cached), unchanged.

    python bench/bench_container.py

Builds the Dockerfile on localhost/votebot-base with podman (installing the tools and
making the base image first when needed) three times:
  cold         --no-cache: every layer built, the dependencies downloaded again
  unchanged    the same context again: every layer from the cache
  source edit  one source file changed in that copy of the build context: the
               dependency layer comes from the cache, only the project is copied in
and reports the image size, over the base and against the 250 MB target. Prints a table
and writes bench/results/container_build.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PODMAN = ["podman", "--cgroup-manager=cgroupfs"]
BASE_IMAGE = "localhost/votebot-base"
IMAGE = "localhost/votebot:bench"
TARGET_OVER_BASE_MB = 250


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


def main() -> None:
    sh(["bash", str(PROJECT / "scripts" / "install-container-tools.sh")])
    started = time.monotonic()
    sh(["bash", str(PROJECT / "scripts" / "make-base-image.sh")])
    base_seconds = time.monotonic() - started

    rows: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="votebot-context-") as tmp:
        context = Path(tmp)
        copy_context(context)
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
    result = {
        "builds": [{"build": n, "seconds": round(s, 2), "cached_steps": c} for n, s, c in rows],
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
