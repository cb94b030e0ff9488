"""The service commands: `votebot start` (the one command behind `make run`), `votebot
health` (the image's healthcheck) and `votebot refresh-loop` (the weekly data refresh)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.data.refresh import stamp_path
from tests.answers_fixture import FIXTURE
from tests.core.data.sample_files import file_at, make_db, touch_heartbeat
from tests.paths import PROJECT


def test_start_builds_the_database_then_answers_offline(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(FIXTURE), "DISCORD_TOKEN": ""}
    result = CliRunner().invoke(cli, ["start"], env=env, input="/howvoted Eritrea 68/262\n")
    assert result.exit_code == 0, result.output
    assert db.is_file()
    assert "building it from" in result.output
    assert "DISCORD_TOKEN is not set" in result.output
    assert "Eritrea abstained on A/RES/68/262" in result.output


def test_start_keeps_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(FIXTURE), "DISCORD_TOKEN": ""}
    runner = CliRunner()
    assert runner.invoke(cli, ["start"], env=env, input="").exit_code == 0
    before = db.stat().st_mtime_ns
    env["VOTEBOT_DATA_SOURCE"] = str(tmp_path / "gone.csv")  # would fail if read
    result = runner.invoke(cli, ["start"], env=env, input="/resolution 68/262\n")
    assert result.exit_code == 0, result.output
    assert "building it" not in result.output
    assert db.stat().st_mtime_ns == before
    assert "A/RES/68/262" in result.output


def test_start_with_an_unreadable_source_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(tmp_path / "nope.csv")}
    result = CliRunner().invoke(cli, ["start"], env=env, input="")
    assert result.exit_code == 1
    assert "nope.csv" in result.output
    assert "Traceback" not in result.output
    assert not db.exists()


# --- votebot health -------------------------------------------------------------------


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "votes.db")


def test_cli_healthy(db: Path) -> None:
    result = CliRunner().invoke(cli, ["health", "--db", str(db)])
    assert result.exit_code == 0
    assert result.output.startswith("healthy: database")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_stale_heartbeat_is_one_line_and_exit_1(db: Path) -> None:
    touch_heartbeat(db, now=time.time() - 600)
    result = CliRunner().invoke(cli, ["health", "--db", str(db)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("unhealthy: the bot's heartbeat is")


def test_cli_threshold_option(db: Path) -> None:
    touch_heartbeat(db, now=time.time() - 200)
    args = ["health", "--db", str(db)]
    assert CliRunner().invoke(cli, args).exit_code == 1
    assert CliRunner().invoke(cli, [*args, "--max-heartbeat-age", "300"]).exit_code == 0


def test_cli_reads_the_database_setting(db: Path) -> None:
    result = CliRunner().invoke(cli, ["health"], env={"VOTEBOT_DB": str(db)})
    assert result.exit_code == 0, result.output


def test_cli_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["health", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "unhealthy: no vote database" in result.output
    assert "Traceback" not in result.output


def test_cli_bad_threshold(db: Path) -> None:
    result = CliRunner().invoke(cli, ["health", "--db", str(db), "--max-heartbeat-age", "x"])
    assert result.exit_code == 2


def test_cli_requires_the_heartbeat_when_a_token_is_set(db: Path) -> None:
    runner = CliRunner()
    with_token = runner.invoke(cli, ["health", "--db", str(db)], env={"DISCORD_TOKEN": "t"})
    assert with_token.exit_code == 1
    assert "has not connected" in with_token.output
    no_bot = runner.invoke(cli, ["health", "--db", str(db), "--no-bot"], env={"DISCORD_TOKEN": "t"})
    assert no_bot.exit_code == 0
    without_token = runner.invoke(cli, ["health", "--db", str(db)], env={"DISCORD_TOKEN": ""})
    assert without_token.exit_code == 0


# --- votebot refresh-loop -------------------------------------------------------------


def run_cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_cli_refresh_off(tmp_path: Path) -> None:
    proc = run_cli(
        "refresh-loop",
        "--db",
        str(tmp_path / "votes.db"),
        env={"VOTEBOT_REFRESH_HOURS": "0"},
    )
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "the data refresh is off" in err


def test_cli_bad_interval_is_one_clear_line(tmp_path: Path) -> None:
    proc = run_cli("refresh-loop", env={"VOTEBOT_REFRESH_HOURS": "weekly"})
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert "VOTEBOT_REFRESH_HOURS must be a number, not 'weekly'" in err
    assert "Traceback" not in err


def test_cli_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", time.time())
    proc = run_cli("refresh-loop", "--db", str(db), env={"VOTEBOT_REFRESH_HOURS": "168"})
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the loop is waiting once it has said when
    assert "next data refresh in 168.0 h" in line
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert not stamp_path(db).exists()
