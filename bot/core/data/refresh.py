"""When to refresh the database, and the loop that does it (`votebot refresh-loop`).

The last refresh is the newer of the database file's time and the time of the last
attempt (`<database>.refreshed`, touched after every attempt, good or bad), so a restart
neither postpones the refresh nor repeats one that has just failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

STAMP_SUFFIX = ".refreshed"


def stamp_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + STAMP_SUFFIX)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def seconds_until_refresh(
    db_path: Path | str, *, interval_hours: float, now: float | None = None
) -> float | None:
    """Seconds to wait before the next refresh; None when the refresh is off (0 hours)."""
    if interval_hours <= 0:
        return None
    db_path = Path(db_path)
    times = [t for t in (_mtime(db_path), _mtime(stamp_path(db_path))) if t is not None]
    if not times:
        return 0.0
    now = time.time() if now is None else now
    return max(0.0, max(times) + interval_hours * 3600.0 - now)


def run_refresh_loop(
    db_path: Path | str,
    *,
    interval_hours: float,
    update: Callable[[], int],
    wait: Callable[[float], bool],
    log: Callable[[str], None],
) -> None:
    """Refresh every `interval_hours` until `wait` returns False (asked to stop).

    `update` runs one refresh and returns its exit code; `wait(seconds)` sleeps and
    returns False when the loop should end instead.
    """
    db_path = Path(db_path)
    while True:
        delay = seconds_until_refresh(db_path, interval_hours=interval_hours)
        if delay is None:
            log("the data refresh is off (VOTEBOT_REFRESH_HOURS=0)")
            return
        if delay > 0:
            log(f"next data refresh in {_duration(delay)}")
        if not wait(delay):
            return
        log("refreshing the data (votebot data update)")
        code = update()
        if code == 0:
            log("data refresh finished")
        else:
            log(f"data refresh failed (exit {code}); the current database stays in place")
        try:
            stamp_path(db_path).touch()
        except OSError as exc:
            # Without the stamp the next attempt would count as due at once, again and
            # again; wait a whole interval instead.
            log(f"cannot record the attempt in {stamp_path(db_path)}: {exc.strerror or exc}")
            if not wait(interval_hours * 3600.0):
                return


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"
