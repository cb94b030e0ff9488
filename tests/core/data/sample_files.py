"""Files the data stage's checks look at, made by hand: an empty database with the schema,
a bot heartbeat of a chosen age, a file with a chosen modification time."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bot.core.data.health import heartbeat_path
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


def file_at(path: Path, when: float) -> Path:
    path.touch()
    os.utime(path, (when, when))
    return path
