"""The health check: the database answers read-only, and the bot's heartbeat is fresh.

`votebot health` itself is tested in tests/cli/test_service.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.core.data.health import MAX_HEARTBEAT_AGE, check_health, heartbeat_path
from tests.core.data.sample_files import make_db, touch_heartbeat


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


def test_a_bot_that_never_connected_is_unhealthy(db: Path) -> None:
    result = check_health(db, require_heartbeat=True)
    assert not result.ok
    assert "has not connected" in result.reason
