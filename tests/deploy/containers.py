"""Building and running the image with podman and buildah (there is no Docker engine):
the commands, a working container that runs the image as `docker run` would, and the
processes it starts on this machine (chroot isolation shares the pid space).

The figures seen on the way (sizes, build and start times, memory) are collected in
FIGURES; the deploy tests write them to bench/results/container.json and print them at
the end. They are reported, not asserted.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.paths import SHARED_DATA

SHARED_DATA_DIR = SHARED_DATA.parent
SHARED_CSV = SHARED_DATA
PODMAN = ["podman", "--cgroup-manager=cgroupfs"]


BUILDAH_RUN = ["buildah", "run", "--isolation", "chroot", "--network", "host"]


BASE_IMAGE = "localhost/votebot-base"


IMAGE = "localhost/votebot:test"


FIGURES: dict[str, object] = {}


def run(cmd: list[str], *, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"{' '.join(cmd[:6])} ... exited {proc.returncode}:\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return proc


def image_info(name: str) -> dict:
    return json.loads(run([*PODMAN, "image", "inspect", name]).stdout)[0]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and brackets: the ppid follows the last ")"
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        out.extend(kids)
        todo.extend(kids)
    return out


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.1):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def vote_in_csv(code: str, symbol: str) -> dict[str, str]:
    """The shared file's own row for one member on one resolution."""
    with gzip.open(SHARED_CSV, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["resolution"] == symbol and row["ms_code"] == code:
                return row
    pytest.fail(f"no row for {code} on {symbol} in {SHARED_CSV}")


class WorkingContainer:
    """One `buildah from IMAGE` container; each run is like `docker run` of the image."""

    def __init__(self, image: str, *, volumes: dict[Path, str]) -> None:
        self.name = run(["buildah", "from", image]).stdout.strip().splitlines()[-1]
        self.volumes = volumes
        config = image_info(image)["Config"]
        # buildah run lays the image's own VOLUME over a lone bind mount at the same
        # path; dropped from this working container (not the image), `-v HOST:/data`
        # behaves as `docker run -v` does.
        for path in config.get("Volumes") or {}:
            run(["buildah", "config", "--volume", f"{path}-", self.name])
        self.entrypoint: list[str] = config["Entrypoint"]
        self.default_cmd: list[str] = config.get("Cmd") or []

    def command(self, args: list[str], env: dict[str, str] | None = None) -> list[str]:
        cmd = list(BUILDAH_RUN)
        for host, inside in self.volumes.items():
            cmd += ["-v", f"{host}:{inside}"]
        for key, value in (env or {}).items():
            cmd += ["-e", f"{key}={value}"]
        return [*cmd, self.name, "--", *args]

    def run(
        self, args: list[str], *, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess:
        return run(self.command(args, env), timeout=timeout, check=False)

    def start(self, args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
        with log.open("w") as fh:
            return subprocess.Popen(
                self.command(args, env),
                stdin=subprocess.DEVNULL,
                stdout=fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def remove(self) -> None:
        subprocess.run(["buildah", "rm", self.name], capture_output=True)


def entrypoint_pid(proc: subprocess.Popen) -> int:
    """The entrypoint's process on this machine (chroot isolation shares the pid space)."""

    def find() -> int | None:
        for pid in descendants(proc.pid):
            line = cmdline(pid)
            if "votebot-entrypoint" in line and not line.startswith("buildah"):
                if line.split()[0] in {"/bin/sh", "sh"}:
                    return pid
        return None

    return wait_for(find, timeout=30, what="the entrypoint process")


def stop(proc: subprocess.Popen, *, timeout: float = 60) -> int:
    """SIGTERM to the entrypoint, as `docker stop` sends it; returns the exit code."""
    if proc.poll() is None:
        os.kill(entrypoint_pid(proc), signal.SIGTERM)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail(f"the container did not stop within {timeout:.0f} s of SIGTERM")


def image_user_ids(image: dict) -> tuple[int, int]:
    box = WorkingContainer(IMAGE, volumes={})
    try:
        proc = box.run(["sh", "-c", "id -u; id -g"])
    finally:
        box.remove()
    uid, gid = (int(x) for x in proc.stdout.split())
    return uid, gid


def container_processes(proc_pid: int) -> dict[int, str]:
    """The processes running inside the container (buildah's own helpers left out)."""
    return {
        pid: line
        for pid in descendants(proc_pid)
        if (line := cmdline(pid)) and not line.startswith(("buildah", "/usr/bin/buildah"))
    }


def next_weeks_file(directory: Path) -> Path:
    """The shared file with an empty gzip member after it: the same votes under another
    checksum, as a newly published file would be, so that `data update` imports it."""
    out = directory / SHARED_CSV.name
    out.write_bytes(SHARED_CSV.read_bytes() + gzip.compress(b""))
    return out
