"""`votebot health`: the database answers read-only, and the bot's heartbeat is fresh."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.data.health import MAX_HEARTBEAT_AGE, check_health, heartbeat_path
from bot.core.data.store import SCHEMA_SQL, SCHEMA_VERSION


def make_db(path: Path, *, schema_version: str | None = SCHEMA_VERSION) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_SQL)
    if schema_version is not None:
        conn.execute("INSERT INTO metadata VALUES ('schema_version', ?)", (schema_version,))
    conn.commit()
    conn.close()
    return path


def touch_heartbeat(db: Path, *, now: float) -> None:
    """As the bot does, at a chosen time."""
    beat = heartbeat_path(db)
    beat.write_text(f"{now:.0f} 1234\n")
    os.utime(beat, (now, now))


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "votes.db")


def test_heartbeat_sits_next_to_the_database(tmp_path: Path) -> None:
    assert heartbeat_path(tmp_path / "votes.db") == tmp_path / "votes.db.heartbeat"


def test_healthy_without_a_heartbeat(db: Path) -> None:
    result = check_health(db)
    assert result.ok
    assert "no bot runs against it" in result.reason


def test_healthy_with_a_fresh_heartbeat(db: Path) -> None:
    touch_heartbeat(db, now=time.time() - 10)
    result = check_health(db)
    assert result.ok, result.reason
    assert "heartbeat 10 s old" in result.reason


def test_unhealthy_with_a_stale_heartbeat(db: Path) -> None:
    now = 1_800_000_000.0
    touch_heartbeat(db, now=now - MAX_HEARTBEAT_AGE - 30)
    result = check_health(db, now=now)
    assert not result.ok
    assert "heartbeat is 150 s old (limit 120 s)" in result.reason


def test_threshold_is_a_parameter(db: Path) -> None:
    now = 1_800_000_000.0
    touch_heartbeat(db, now=now - 50)
    assert check_health(db, now=now, max_heartbeat_age=60).ok
    assert not check_health(db, now=now, max_heartbeat_age=40).ok


def test_removed_heartbeat_is_healthy_again(db: Path) -> None:
    """The bot removes its heartbeat on a clean stop: a stopped bot is not a stuck one."""
    touch_heartbeat(db, now=1.0)
    assert not check_health(db).ok
    heartbeat_path(db).unlink()
    assert check_health(db).ok


def test_missing_database(tmp_path: Path) -> None:
    result = check_health(tmp_path / "nothing.db")
    assert not result.ok
    assert "no vote database" in result.reason


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "votes.db"
    path.write_bytes(b"this is not sqlite\n" * 100)
    result = check_health(path)
    assert not result.ok
    assert "is not a votebot database" in result.reason


def test_database_without_schema_version(tmp_path: Path) -> None:
    result = check_health(make_db(tmp_path / "votes.db", schema_version=None))
    assert not result.ok
    assert "no schema version" in result.reason


def test_health_never_writes(db: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in db.parent.iterdir()}
    os.chmod(db, 0o444)
    assert check_health(db).ok
    assert {p.name: p.stat().st_mtime_ns for p in db.parent.iterdir()} == before


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


def test_a_bot_that_never_connected_is_unhealthy(db: Path) -> None:
    result = check_health(db, require_heartbeat=True)
    assert not result.ok
    assert "has not connected" in result.reason


def test_cli_requires_the_heartbeat_when_a_token_is_set(db: Path) -> None:
    runner = CliRunner()
    with_token = runner.invoke(cli, ["health", "--db", str(db)], env={"DISCORD_TOKEN": "t"})
    assert with_token.exit_code == 1
    assert "has not connected" in with_token.output
    no_bot = runner.invoke(cli, ["health", "--db", str(db), "--no-bot"], env={"DISCORD_TOKEN": "t"})
    assert no_bot.exit_code == 0
    without_token = runner.invoke(cli, ["health", "--db", str(db)], env={"DISCORD_TOKEN": ""})
    assert without_token.exit_code == 0
