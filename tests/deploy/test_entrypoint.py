"""The image's own entrypoint and commands, run with `buildah run`: the first-start database
build from the shared data file, `votebot ask` and `votebot health` in the image, a
volume the user cannot write, and a failed source retried rather than a crash loop."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.deploy.containers import (
    IMAGE,
    WorkingContainer,
    image_info,
    image_user_ids,
    stop,
    vote_in_csv,
    wait_for,
)

pytestmark = pytest.mark.container


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
