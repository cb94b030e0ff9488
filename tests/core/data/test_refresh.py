"""The weekly data refresh: when it is due, and the loop that runs it.

`votebot refresh-loop` as a process is tested in tests/cli/test_service.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.data.refresh import run_refresh_loop, seconds_until_refresh, stamp_path
from tests.core.data.sample_files import file_at

HOUR = 3600.0
NOW = 1_800_000_000.0


def test_off_when_zero_hours(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", NOW)
    assert seconds_until_refresh(db, interval_hours=0, now=NOW) is None


def test_due_at_once_without_a_database(tmp_path: Path) -> None:
    assert seconds_until_refresh(tmp_path / "votes.db", interval_hours=168, now=NOW) == 0


def test_counts_from_the_database_time(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", NOW - 10 * HOUR)
    assert seconds_until_refresh(db, interval_hours=24, now=NOW) == pytest.approx(14 * HOUR)


def test_overdue_is_zero_not_negative(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", NOW - 200 * HOUR)
    assert seconds_until_refresh(db, interval_hours=168, now=NOW) == 0


def test_a_recent_attempt_postpones_the_next(tmp_path: Path) -> None:
    """A refresh that failed or found nothing new is not repeated at every restart."""
    db = file_at(tmp_path / "votes.db", NOW - 200 * HOUR)
    file_at(stamp_path(db), NOW - HOUR)
    assert seconds_until_refresh(db, interval_hours=168, now=NOW) == pytest.approx(167 * HOUR)


def test_fractional_hours(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", NOW)
    assert seconds_until_refresh(db, interval_hours=0.5, now=NOW) == pytest.approx(1800)


class FakeClock:
    """wait() records each pause and ends the loop after `rounds` pauses."""

    def __init__(self, rounds: int) -> None:
        self.rounds = rounds
        self.waits: list[float] = []

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return len(self.waits) <= self.rounds


def test_loop_runs_update_when_due_and_stamps_each_attempt(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    clock = FakeClock(rounds=2)
    results = iter([1, 0])
    calls: list[int] = []
    lines: list[str] = []

    def update() -> int:
        calls.append(1)
        return next(results)

    run_refresh_loop(db, interval_hours=168, update=update, wait=clock.wait, log=lines.append)
    assert len(calls) == 2
    assert clock.waits[0] == 0  # no database: due at once
    assert clock.waits[1] == pytest.approx(168 * HOUR, abs=5)  # stamped after the failure
    assert stamp_path(db).exists()
    assert any("failed (exit 1)" in line for line in lines)
    assert any("data refresh finished" in line for line in lines)


def test_an_attempt_that_cannot_be_stamped_waits_an_interval(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "votes.db"  # no folder: the stamp cannot be written
    clock = FakeClock(rounds=2)
    lines: list[str] = []
    run_refresh_loop(db, interval_hours=2, update=lambda: 1, wait=clock.wait, log=lines.append)
    assert clock.waits[:2] == [0, 2 * HOUR]
    assert any("cannot record the attempt" in line for line in lines)


def test_loop_stops_when_asked_before_updating(tmp_path: Path) -> None:
    db = file_at(tmp_path / "votes.db", NOW)
    calls: list[int] = []
    run_refresh_loop(
        db,
        interval_hours=1,
        update=lambda: calls.append(1) or 0,
        wait=lambda seconds: False,
        log=lambda line: None,
    )
    assert calls == []


def test_loop_off_returns_at_once(tmp_path: Path) -> None:
    lines: list[str] = []
    run_refresh_loop(
        tmp_path / "votes.db",
        interval_hours=0,
        update=lambda: pytest.fail("no update when the refresh is off"),
        wait=lambda seconds: pytest.fail("no wait when the refresh is off"),
        log=lines.append,
    )
    assert lines == ["the data refresh is off (VOTEBOT_REFRESH_HOURS=0)"]
