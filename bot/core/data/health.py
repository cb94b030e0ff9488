"""Is the bot healthy? The database opens read-only and answers, and the heartbeat is fresh.

The bot writes `<database>.heartbeat` about every 30 seconds while it is connected to
Discord and removes it on a clean stop; `check_health` reads that file's age. Where a
bot is meant to run (`require_heartbeat`, the default when DISCORD_TOKEN is set), a
missing heartbeat is unhealthy: the bot never connected. Otherwise (the CLI alone) the
database answering is enough.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.core.data.store import Store, StoreError

HEARTBEAT_SUFFIX = ".heartbeat"
MAX_HEARTBEAT_AGE = 120.0  # seconds; older than this and the bot counts as stuck or gone


@dataclass(frozen=True)
class Health:
    ok: bool
    reason: str  # one line, for the healthcheck log

    def __str__(self) -> str:
        return f"{'healthy' if self.ok else 'unhealthy'}: {self.reason}"


def heartbeat_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + HEARTBEAT_SUFFIX)


def check_health(
    db_path: Path | str,
    *,
    max_heartbeat_age: float = MAX_HEARTBEAT_AGE,
    require_heartbeat: bool = False,
    now: float | None = None,
) -> Health:
    """Open the database read-only, ask it one trivial question, and read the heartbeat."""
    db_path = Path(db_path)
    try:
        with Store(db_path) as store:
            version = store.metadata().get("schema_version")
    except StoreError as exc:
        return Health(False, str(exc))
    except (sqlite3.Error, OSError) as exc:  # a line for the healthcheck, never a traceback
        return Health(False, f"{db_path} does not answer: {exc}")
    if not version:
        return Health(False, f"{db_path} has no schema version: it is not a finished database")

    beat = heartbeat_path(db_path)
    try:
        beat_time = beat.stat().st_mtime
    except FileNotFoundError:
        if require_heartbeat:
            return Health(
                False,
                f"database {db_path} answers, but there is no bot heartbeat ({beat}): "
                "the bot has not connected to Discord",
            )
        return Health(True, f"database {db_path} answers; no bot runs against it")
    except OSError as exc:
        return Health(False, f"cannot read the bot heartbeat {beat}: {exc.strerror}")
    age = (time.time() if now is None else now) - beat_time
    if age > max_heartbeat_age:
        return Health(
            False,
            f"the bot's heartbeat is {age:.0f} s old (limit {max_heartbeat_age:.0f} s): "
            "the bot is stuck or not connected to Discord",
        )
    return Health(True, f"database {db_path} answers; bot heartbeat {max(age, 0):.0f} s old")
