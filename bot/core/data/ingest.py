"""UN voting CSV -> the normalised SQLite vote database, built beside the old one.

The file is streamed (`source.read_rows`) and folded into compact per-resolution
arrays (`records.Parser`), then written with sqlite-utils into a temporary file next
to the target, indexed, given its FTS5 index, and renamed into place in one
`os.replace`. Anything that goes wrong before the rename leaves the previous database
untouched, and a reader holding the old file open keeps reading it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot import __version__
from bot.core.data import store
from bot.core.data.atomic import (
    fsync_dir,
    remove_stale_temp_files,
    temp_path,
    unlink_quietly,
)
from bot.core.data.layout import Layout, LayoutError, file_date_from_name, map_header
from bot.core.data.records import DataIssue, Parser
from bot.core.data.source import Progress, SourceError, file_sha256, read_rows
from bot.core.data.write import write_database

__all__ = [
    "DataIssue",
    "ImportSummary",
    "SourceError",
    "WriteError",
    "current_sha256",
    "import_file",
]

IMPORTER_VERSION = f"votebot-ingest {__version__}"


class WriteError(Exception):
    """The new database could not be written or put in place; the old one is unchanged."""


@dataclass
class ImportSummary:
    db_path: Path
    source: str
    layout: str
    rows: int
    resolutions: int
    votes: int
    members: int
    duplicates_collapsed: int
    skipped_without_vote: int
    issues: list[DataIssue]
    first_date: str
    last_date: str
    file_date: str
    sha256: str
    seconds: float
    metadata: dict[str, str] = field(default_factory=dict)


def _parse(source: Path, label: str, progress: Progress | None) -> tuple[Parser, Layout, str]:
    """The whole file read and checked: (the parser holding it, its layout, the name of
    the archive member it came from)."""
    with read_rows(source, label, progress=progress) as rows:
        try:
            header = next(rows.reader)
        except StopIteration:
            raise SourceError(label, "the file is empty") from None
        try:
            layout = map_header(header)
        except LayoutError as exc:
            raise SourceError(label, str(exc), line=1) from None
        parser = Parser(label, layout)
        parser.run(rows.reader)
    parser.drop_empty()
    if not parser.resolutions:
        raise SourceError(label, "the file has a header but no recorded votes")
    parser.symbol_issues()
    parser.tally_issues()
    return parser, layout, rows.member


def _write_atomically(db_path: Path, parser: Parser, meta: dict[str, str]) -> dict[str, int]:
    """Write the database beside `db_path` and rename it into place; on any failure the
    old file is left as it was."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a file is in the way" if isinstance(exc, FileExistsError) else exc.strerror
        raise WriteError(f"{db_path}: cannot create its folder ({reason})") from None
    remove_stale_temp_files(db_path)
    tmp = temp_path(db_path)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(store.SCHEMA_SQL)
            counts = write_database(db, parser, meta)
        finally:
            db.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
    except (OSError, sqlite3.Error) as exc:
        unlink_quietly(tmp)
        raise WriteError(f"{db_path}: cannot write the new database ({exc})") from None
    except BaseException:
        unlink_quietly(tmp)
        raise
    fsync_dir(db_path.parent)
    return counts


def import_file(
    source: Path,
    db_path: Path,
    *,
    label: str | None = None,
    source_name: str | None = None,
    sha256: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one local CSV (plain, gzip or zip) into `db_path`, atomically.

    `label` names the input in messages and metadata (a URL for downloads);
    `source_name` is the published file name, whose date becomes `file_date`.
    Raises SourceError for bad input; the database at `db_path` is then unchanged.
    """
    started = time.perf_counter()
    source = Path(source)
    label = label or str(source)
    db_path = Path(db_path)
    parser, layout, member = _parse(source, label, progress)
    digest = sha256 or file_sha256(source)
    meta = {
        "schema_version": store.SCHEMA_VERSION,
        "source": label,
        "source_name": source_name or source.name,
        "file_date": file_date_from_name(source_name or source.name)
        or file_date_from_name(member)
        or "",
        "sha256": digest,
        "layout": layout.name,
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "importer_version": IMPORTER_VERSION,
    }
    counts = _write_atomically(db_path, parser, meta)
    return ImportSummary(
        db_path=db_path,
        source=label,
        layout=layout.name,
        rows=parser.rows,
        resolutions=len(parser.resolutions),
        votes=counts["votes"],
        members=counts["members"],
        duplicates_collapsed=parser.duplicates,
        skipped_without_vote=parser.skipped,
        issues=list(parser.issues),
        first_date=meta["first_date"],
        last_date=meta["last_date"],
        file_date=meta["file_date"],
        sha256=digest,
        seconds=time.perf_counter() - started,
        metadata=meta,
    )


def current_sha256(db_path: Path) -> str | None:
    """The checksum of the file the database at `db_path` was built from, if any."""
    try:
        with store.Store(db_path) as db:
            return db.metadata().get("sha256")
    except (store.StoreError, sqlite3.DatabaseError):
        return None
