"""The image, built and run here with podman and buildah (there is no Docker engine).

1. a local base image (debootstrap + podman import), cached between runs;
2. the project's Dockerfile built on it;
3. the image's own entrypoint and commands run with `buildah run`: the first-start
   database build from the shared data file, a failed source retried, `votebot ask`,
   `votebot health`, and the bot answering a slash command from the fake Discord;
4. the image checked: non-root, no tests, no database, no build tools.

The figures seen on the way (sizes, build and start times, memory) are written to
bench/results/container.json and printed at the end; they are reported, not asserted.
"""

from __future__ import annotations

import asyncio
import csv
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.container

PROJECT = Path(__file__).resolve().parent.parent
SHARED_DATA_DIR = PROJECT.parent / "shared" / "data"
SHARED_CSV = SHARED_DATA_DIR / "unga-votes.csv.gz"
PODMAN = ["podman", "--cgroup-manager=cgroupfs"]
BUILDAH_RUN = ["buildah", "run", "--isolation", "chroot", "--network", "host"]
BASE_IMAGE = "localhost/votebot-base"
IMAGE = "localhost/votebot:test"
FIGURES: dict[str, object] = {}


# --- helpers ---------------------------------------------------------------------------


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


# --- fixtures: tools, base image, image ------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def report_figures(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not FIGURES:
        return
    out = PROJECT / "bench" / "results" / "container.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2) + "\n")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():  # shown whether the tests pass or not
        reporter.write_line("")
        reporter.write_line(f"container figures (also in {out.relative_to(PROJECT)}):")
        for key, value in FIGURES.items():
            reporter.write_line(f"  {key:<46} {value}")


@pytest.fixture(scope="module")
def tools() -> None:
    if all(shutil.which(t) for t in ("podman", "buildah", "debootstrap")):
        return
    script = PROJECT / "scripts" / "install-container-tools.sh"
    run(["bash", str(script)], timeout=900)


@pytest.fixture(scope="module")
def base_image(tools: None) -> dict:
    started = time.monotonic()
    run(["bash", str(PROJECT / "scripts" / "make-base-image.sh")], timeout=900)
    FIGURES["base image ready (s, 0 when cached)"] = round(time.monotonic() - started, 1)
    info = image_info(BASE_IMAGE)
    FIGURES["base image size (MB)"] = round(info["Size"] / 1e6, 1)
    return info


@pytest.fixture(scope="module")
def image(base_image: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    log = tmp_path_factory.mktemp("build") / "build.log"
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.run(
            ["bash", str(PROJECT / "scripts" / "build-image.sh"), IMAGE],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=1200,
        )
    seconds = time.monotonic() - started
    text = log.read_text()
    if proc.returncode != 0:
        pytest.fail(f"the image did not build (exit {proc.returncode}):\n{text[-4000:]}")
    FIGURES["image build here (s)"] = round(seconds, 1)
    FIGURES["image build steps reused from cache"] = text.count("Using cache")
    info = image_info(IMAGE)
    FIGURES["image size (MB)"] = round(info["Size"] / 1e6, 1)
    FIGURES["image size over the base (MB)"] = round((info["Size"] - base_image["Size"]) / 1e6, 1)
    return info


@pytest.fixture(scope="module")
def data_dir(image: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh /data volume, owned by the image's user as a named volume would be."""
    path = tmp_path_factory.mktemp("volume")
    uid, gid = image_user_ids(image)
    os.chown(path, uid, gid)
    path.chmod(0o755)
    return path


def image_user_ids(image: dict) -> tuple[int, int]:
    box = WorkingContainer(IMAGE, volumes={})
    try:
        proc = box.run(["sh", "-c", "id -u; id -g"])
    finally:
        box.remove()
    uid, gid = (int(x) for x in proc.stdout.split())
    return uid, gid


@pytest.fixture(scope="module")
def box(data_dir: Path) -> Iterator[WorkingContainer]:
    if not SHARED_CSV.is_file():
        pytest.fail(f"the shared data file is missing: {SHARED_CSV}")
    container = WorkingContainer(IMAGE, volumes={data_dir: "/data", SHARED_DATA_DIR: "/seed:ro"})
    yield container
    container.remove()


@pytest.fixture(scope="module")
def first_start(box: WorkingContainer, data_dir: Path) -> tuple[subprocess.CompletedProcess, float]:
    """The image's entrypoint with its default command on an empty volume, no token."""
    assert not (data_dir / "votes.db").exists()
    env = {"VOTEBOT_DATA_SOURCE": "/seed/unga-votes.csv.gz", "VOTEBOT_REFRESH_HOURS": "0"}
    started = time.monotonic()
    proc = box.run([*box.entrypoint, *box.default_cmd], env=env, timeout=600)
    seconds = time.monotonic() - started
    FIGURES["first start: database build (s)"] = round(seconds, 1)
    return proc, seconds


# --- 1 and 2: base image and build -----------------------------------------------------


def test_base_image_is_local_and_cached(base_image: dict) -> None:
    assert base_image["Labels"].get("votebot.base.recipe")
    again = run(["bash", str(PROJECT / "scripts" / "make-base-image.sh")], timeout=900)
    assert "localhost/votebot-base is up to date" in again.stderr
    assert image_info(BASE_IMAGE)["Id"] == base_image["Id"]


def test_image_configuration(image: dict) -> None:
    config = image["Config"]
    assert config.get("User") not in (None, "", "root", "0", "0:0")
    assert config["Entrypoint"] == ["votebot-entrypoint"]
    assert config["Cmd"] == ["run"]
    assert "/data" in config["Volumes"]
    assert config["StopSignal"] == "SIGTERM"
    assert "VOTEBOT_DB=/data/votes.db" in config["Env"]
    assert image["Healthcheck"]["Test"] == ["CMD", "votebot", "health"]


def test_dockerfile_defaults_to_the_official_slim_python() -> None:
    text = (PROJECT / "Dockerfile").read_text()
    assert "ARG BASE_IMAGE=docker.io/library/python:3.11-slim" in text
    # the dependency layer comes before the source is copied in
    assert text.index("pip install --only-binary") < text.index("COPY . /src")


# --- 4: what the image holds -----------------------------------------------------------


def test_image_runs_as_non_root(image: dict) -> None:
    uid, gid = image_user_ids(image)
    assert uid != 0 and gid != 0


def test_image_holds_no_tests_database_caches_or_compilers(image: dict) -> None:
    project_tests = sorted(
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "tests").rglob("*.py")
        if p.name != "__init__.py"  # too common a name: Debian's own pip has such files
    )
    names = " -o ".join(f"-path '*/{name}'" for name in project_tests)
    script = rf"""
    set -u
    for tool in gcc cc c++ g++ make; do command -v "$tool" >/dev/null && echo "COMPILER $tool"; done
    [ -e /src ] && echo "SOURCE /src"
    find / -xdev \( -path /proc -o -path /sys \) -prune -o \
        \( {names} -o -name '*.db' -o -name '*.sqlite' -o -name 'unga-votes*' \) -print \
        | sed 's/^/FOUND /'
    find /opt/votebot -type d \( -name tests -o -name pip \) | sed 's/^/FOUND /'
    for dir in /root/.cache /data/.cache /var/cache/apt/archives/*.deb; do
        [ -e "$dir" ] && echo "CACHE $dir"
    done
    ls -A /data | sed 's/^/DATA /'
    echo END
    """
    container = WorkingContainer(IMAGE, volumes={})
    try:
        proc = container.run(["sh", "-c", script])
    finally:
        container.remove()
    lines = proc.stdout.splitlines()
    assert lines and lines[-1] == "END", proc.stderr
    assert lines[:-1] == []


def test_build_context_leaves_out_tests_and_databases() -> None:
    lines = (PROJECT / ".dockerignore").read_text().split()
    assert lines[lines.index("*")] == "*"  # everything out, then only what the image needs
    allowed = [line for line in lines if line.startswith("!")]
    assert allowed == ["!pyproject.toml", "!README.md", "!bot/", "!data/*.toml", "!docker/"]


# --- 3: the image's own entrypoint and commands ----------------------------------------


def test_first_start_builds_the_database(
    first_start: tuple[subprocess.CompletedProcess, float], data_dir: Path
) -> None:
    proc, _ = first_start
    log = proc.stdout + proc.stderr
    assert "building it from /seed/unga-votes.csv.gz" in log, log[-3000:]
    assert "database ready at /data/votes.db" in log, log[-3000:]
    assert (data_dir / "votes.db").is_file()
    # No token was given: the bot stops with one clear line, and so does the container.
    assert "starting the bot" in log
    assert "DISCORD_TOKEN" in log
    assert proc.returncode != 0
    assert "Traceback" not in log


def test_ask_in_the_image(first_start: object, box: WorkingContainer) -> None:
    expected = vote_in_csv("ERI", "A/RES/ES-11/1")
    words = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
    proc = box.run([*box.entrypoint, "ask", "/howvoted Eritrea ES-11/1", "--json"])
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["country"]["code"] == "ERI"
    assert answer["resolution"]["symbol"] == "A/RES/ES-11/1"
    assert answer["vote"] == words[expected["ms_vote"]]
    assert answer["resolution"]["yes"] == int(expected["total_yes"])
    plain = box.run(["votebot", "ask", "/howvoted Eritrea ES-11/1"])
    assert plain.returncode == 0, plain.stderr
    assert "Eritrea" in plain.stdout and "ES-11/1" in plain.stdout


def test_health_in_the_image(first_start: object, box: WorkingContainer, data_dir: Path) -> None:
    healthcheck = image_info(IMAGE)["Healthcheck"]["Test"][1:]
    ok = box.run(healthcheck)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("healthy: database /data/votes.db answers")

    beat = data_dir / "votes.db.heartbeat"
    beat.touch()
    old = time.time() - 3600
    os.utime(beat, (old, old))
    try:
        stale = box.run(healthcheck)
    finally:
        beat.unlink()
    assert stale.returncode == 1
    assert re.search(r"^unhealthy: the bot's heartbeat is 36\d\d s old", stale.stderr), stale.stderr


def test_entrypoint_passes_commands_to_votebot(first_start: object, box: WorkingContainer) -> None:
    # "sync" is also a program on PATH; the entrypoint must mean votebot's.
    proc = box.run([*box.entrypoint, "sync", "--help"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: votebot sync")
    health = box.run([*box.entrypoint, "health"])
    assert health.returncode == 0, health.stderr
    assert health.stdout.startswith("healthy:")
    shell = box.run([*box.entrypoint, "sh", "-c", "echo $((6 * 7))"])
    assert shell.stdout.strip() == "42"


def test_health_without_a_database(image: dict, tmp_path: Path) -> None:
    container = WorkingContainer(IMAGE, volumes={})
    try:
        proc = container.run(["votebot", "health"])
    finally:
        container.remove()
    assert proc.returncode == 1
    assert "unhealthy: no vote database at /data/votes.db" in proc.stderr


def test_a_volume_the_user_cannot_write_is_one_clear_line(image: dict, tmp_path: Path) -> None:
    volume = tmp_path / "root-owned"
    volume.mkdir(mode=0o755)  # owned by root, as a host directory mounted by mistake
    container = WorkingContainer(IMAGE, volumes={volume: "/data"})
    try:
        proc = container.run(container.entrypoint, env={"VOTEBOT_DATA_SOURCE": "/x.csv"})
    finally:
        container.remove()
    assert proc.returncode == 1
    assert "cannot write to /data as user votebot (uid " in proc.stderr
    assert "give the volume to that user" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_failed_source_is_logged_and_retried_not_a_crash_loop(image: dict, tmp_path: Path) -> None:
    volume = tmp_path / "volume"
    volume.mkdir()
    os.chown(volume, *image_user_ids(image))
    container = WorkingContainer(IMAGE, volumes={volume: "/data"})
    log = tmp_path / "entrypoint.log"
    env = {"VOTEBOT_DATA_SOURCE": "/nowhere/unga-votes.csv.gz", "VOTEBOT_RETRY_SECONDS": "1"}
    try:
        proc = container.start(container.entrypoint, env=env, log=log)
        wait_for(
            lambda: log.read_text().count("trying again in") >= 2,
            timeout=60,
            what="two retries of the first build",
        )
        assert proc.poll() is None, "the entrypoint gave up instead of trying again"
        code = stop(proc)
    finally:
        container.remove()
    text = log.read_text()
    assert "/nowhere/unga-votes.csv.gz" in text  # the reason names the source
    assert "could not build the database" in text
    assert "trying again in 1 s" in text and "trying again in 2 s" in text
    assert "stopped before the bot started" in text
    assert code == 0
    assert not (volume / "votes.db").exists()


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


REFRESH_AFTER = 15.0  # seconds after the start, in the bot test


def test_bot_in_the_image_answers_and_keeps_answering_through_a_refresh(
    first_start: object, data_dir: Path, image: dict, tmp_path: Path
) -> None:
    """The image's entrypoint with an existing database: the bot connects to the fake
    Discord and answers /howvoted as the core does; the healthcheck passes on its
    heartbeat; the scheduled refresh imports a new file and swaps it in while the bot
    goes on answering; SIGTERM ends it all with exit code 0."""
    from bot.config import Settings
    from bot.core.answers.facade import Answers
    from bot.core.data.refresh import stamp_path
    from tests.fake_discord import FakeDiscord
    from tests.fake_discord.harness import run as run_async
    from tests.test_discord_commands import ask, assert_embed_is

    db = data_dir / "votes.db"
    core = Answers.open(db, aliases_dir=Settings().aliases_dir)
    expected = core.how_voted("Eritrea", "ES-11/1")
    core.close()

    update_dir = tmp_path / "update"
    update_dir.mkdir()
    next_weeks_file(update_dir)
    container = WorkingContainer(IMAGE, volumes={data_dir: "/data", update_dir: "/update:ro"})
    checker = WorkingContainer(IMAGE, volumes={data_dir: "/data"})
    heartbeat = data_dir / "votes.db.heartbeat"
    heartbeat.unlink(missing_ok=True)
    # The last refresh "was" now: the next one falls due REFRESH_AFTER seconds from now.
    stamp = stamp_path(db)
    stamp.touch()
    os.chown(stamp, data_dir.stat().st_uid, data_dir.stat().st_gid)
    inode_before = db.stat().st_ino
    log = tmp_path / "bot.log"
    options = {"country": "Eritrea", "resolution": "ES-11/1"}

    async def answered(fake: FakeDiscord) -> object:
        _, callback = await ask(fake, "howvoted", options)
        assert callback.json["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE
        assert_embed_is(callback.json["data"]["embeds"][0], expected)
        return callback

    def log_says(text: str, *, timeout: float) -> object:
        return asyncio.to_thread(
            wait_for, lambda: text in log.read_text(), timeout=timeout, what=repr(text)
        )

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            env = {
                "DISCORD_TOKEN": fake.token,
                "VOTEBOT_DISCORD_API": fake.api_base,
                "VOTEBOT_DISCORD_GATEWAY": fake.gateway_url,
                "VOTEBOT_DATA_SOURCE": "/update/unga-votes.csv.gz",
                "VOTEBOT_REFRESH_HOURS": str(REFRESH_AFTER / 3600),
            }
            started = time.monotonic()
            proc = container.start(
                [*container.entrypoint, *container.default_cmd], env=env, log=log
            )
            try:
                await fake.wait_connected(timeout=60)
                connected = time.monotonic()
                callback = await answered(fake)
                FIGURES["existing database: start to connected (s)"] = round(connected - started, 2)
                FIGURES["existing database: start to first answer (s)"] = round(
                    callback.at - started,
                    2,  # type: ignore[attr-defined]
                )

                # the heartbeat appears, and the image's healthcheck passes on it
                await asyncio.to_thread(
                    wait_for, heartbeat.exists, timeout=40, what="the bot's heartbeat file"
                )
                health = await asyncio.to_thread(checker.run, ["votebot", "health"])
                assert health.returncode == 0, health.stdout + health.stderr
                assert "bot heartbeat" in health.stdout

                running = container_processes(proc.pid)
                bot = [pid for pid, line in running.items() if line.endswith("votebot run")]
                assert len(bot) == 1, running
                assert any("refresh-loop" in line for line in running.values()), running
                FIGURES["bot process RSS (MB)"] = round(rss_kib(bot[0]) / 1024, 1)
                FIGURES["container RSS, all processes (MB)"] = round(
                    sum(rss_kib(pid) for pid in running) / 1024, 1
                )

                # the scheduled refresh: answers go on during the import and after the swap
                await log_says("refreshing the data", timeout=60)
                await answered(fake)
                await log_says("data refresh finished", timeout=180)
                assert db.stat().st_ino != inode_before, "the database was not swapped"
                await answered(fake)
            finally:
                code = await asyncio.to_thread(stop, proc)
            text = log.read_text()
            assert code == 0, text[-3000:]
            assert "Stopped cleanly" in text
            assert "stopped (bot exit 0)" in text
            assert "building it from" not in text  # the database was already there
            assert "data refresh failed" not in text
            assert "Traceback" not in text
            assert fake.token not in text

    try:
        run_async(scenario, timeout=400)
    finally:
        container.remove()
        checker.remove()
