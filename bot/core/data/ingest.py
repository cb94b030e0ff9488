"""UN voting CSV -> the normalised SQLite vote database, built beside the old one.

The file is streamed (`source.read_rows`) and folded into compact per-resolution
arrays (`records.Parser`), then written with sqlite-utils into a temporary file next
to the target, indexed, given its FTS5 index, and renamed into place in one
`os.replace`. Anything that goes wrong before the rename leaves the previous database
untouched, and a reader holding the old file open keeps reading it.
"""

from __future__ import annotations

import glob
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot import __version__
from bot.core.data import store
from bot.core.data.layout import (
    FORMER_CODES,
    LayoutError,
    file_date_from_name,
    map_header,
    readable_name,
)
from bot.core.data.records import TALLY_FIELDS, TEXT_FIELDS, DataIssue, Parser
from bot.core.data.source import Progress, SourceError, file_sha256, read_rows

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


# --- writing ------------------------------------------------------------------------


def _stated(value: int, counted: int) -> int:
    return value if value >= 0 else counted


def _write(db: sqlite_utils.Database, parser: Parser, meta: dict[str, str]) -> dict[str, int]:
    # (code, index), alphabetical, so votes arrive in primary-key order
    codes = sorted((code, idx) for idx, code in enumerate(parser.code_names))
    letters = {ord("Y"): "Y", ord("N"): "N", ord("A"): "A", ord("X"): "X"}
    name_first = ["9999-99-99"] * (len(parser.names) + 1)  # by member_names id
    name_last = [""] * (len(parser.names) + 1)
    counts = {"votes": 0}

    def vote_rows() -> Iterator[tuple[object, ...]]:
        for res in parser.resolutions.values():
            votes, names, date, rid = res.votes, res.names, res.date, res.id
            size = len(votes)
            for code, idx in codes:
                if idx >= size:
                    continue
                vote = votes[idx]
                if not vote:
                    continue
                name_id = names[idx]
                if date < name_first[name_id]:
                    name_first[name_id] = date
                if date > name_last[name_id]:
                    name_last[name_id] = date
                yield (rid, code, letters[vote], name_id)

    def resolution_rows() -> Iterator[tuple[object, ...]]:
        yield ("id", *TEXT_FIELDS, *TALLY_FIELDS)
        for r in parser.resolutions.values():
            counted = [r.votes.count(ord(c)) for c in "YNAX"]
            stated = [_stated(v, c) for v, c in zip(r.stated[:4], counted, strict=True)]
            total = _stated(r.stated[4], sum(stated))
            yield (
                r.id,
                *(getattr(r, name) for name in TEXT_FIELDS),
                *stated,
                total,
            )

    db.table("resolutions").insert_all(resolution_rows(), batch_size=2000)
    # The bulk of the data goes through the connection sqlite-utils holds: insert_all
    # would pass each of the ~950,000 x 4 values through its JSON conversion, which
    # doubles the whole import time (measured in bench/bench_import.py).
    cursor = db.conn.executemany("INSERT INTO votes VALUES (?, ?, ?, ?)", vote_rows())
    counts["votes"] = cursor.rowcount

    # Every recorded name with its date range; a country's display name is its latest.
    by_id = {name_id: key for key, name_id in parser.names.items()}
    used = [nid for nid in range(1, len(name_first)) if name_last[nid]]
    db.table("member_names").insert_all(
        [("id", "code", "name", "first_date", "last_date")]
        + [(nid, *by_id[nid], name_first[nid], name_last[nid]) for nid in used]
    )
    country_first: dict[str, str] = {}
    country_last: dict[str, tuple[str, str, int]] = {}  # (last date, first date, id)
    for nid in used:
        code = by_id[nid][0]
        country_first[code] = min(country_first.get(code, "9999"), name_first[nid])
        country_last[code] = max(
            country_last.get(code, ("", "", 0)), (name_last[nid], name_first[nid], nid)
        )
    db.table("countries").insert_all(
        [("code", "name", "first_date", "last_date", "former")]
        + [
            (
                code,
                readable_name(by_id[country_last[code][2]][1]),
                country_first[code],
                country_last[code][0],
                int(code in FORMER_CODES),
            )
            for code in sorted(country_first)
        ]
    )
    db.table("data_issues").insert_all(
        [("kind", "symbol", "code", "detail")]
        + [(i.kind, i.symbol, i.code, i.detail) for i in parser.issues]
    )
    db.executescript(store.INDEX_SQL)
    db.table("resolutions").enable_fts(list(store.FTS_COLUMNS), tokenize="porter")
    first = min(country_first.values(), default="")
    last = max((d for d, _, _ in country_last.values()), default="")
    meta.update(
        rows=str(parser.rows),
        resolutions=str(len(parser.resolutions)),
        votes=str(counts["votes"]),
        members=str(len(country_first)),
        first_date=first,
        last_date=last,
        duplicates_collapsed=str(parser.duplicates),
        data_issues=str(len(parser.issues)),
    )
    if not meta.get("file_date"):
        meta["file_date"] = last
    db.table("metadata").insert_all([("key", "value"), *sorted(meta.items())])
    db.analyze()
    db.conn.commit()
    return {"votes": counts["votes"], "members": len(country_first)}


# --- the import ---------------------------------------------------------------------


def _temp_path(target: Path) -> Path:
    stamp = f"{os.getpid()}-{time.monotonic_ns() % 10**9}"
    return target.with_name(f"{target.name}.tmp-{stamp}")


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Delete temp databases of earlier imports whose process is gone (killed imports)."""
    return remove_stale_files(target.parent, f"{target.name}.tmp-")


def remove_stale_files(directory: Path, prefix: str) -> list[Path]:
    """Delete files named `<prefix><pid>-...` whose process no longer runs."""
    removed = []
    for path in directory.glob(f"{glob.escape(prefix)}*"):
        pid_text = path.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and _process_alive(int(pid_text)):
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink_quietly(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            candidate.unlink()
        except OSError:
            pass


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
    member = rows.member
    parser.drop_empty()
    if not parser.resolutions:
        raise SourceError(label, "the file has a header but no recorded votes")
    parser.symbol_issues()
    parser.tally_issues()
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
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a file is in the way" if isinstance(exc, FileExistsError) else exc.strerror
        raise WriteError(f"{db_path}: cannot create its folder ({reason})") from None
    remove_stale_temp_files(db_path)
    tmp = _temp_path(db_path)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(store.SCHEMA_SQL)
            counts = _write(db, parser, meta)
        finally:
            db.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
    except (OSError, sqlite3.Error) as exc:
        _unlink_quietly(tmp)
        raise WriteError(f"{db_path}: cannot write the new database ({exc})") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(db_path.parent)
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


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def current_sha256(db_path: Path) -> str | None:
    """The checksum of the file the database at `db_path` was built from, if any."""
    try:
        with store.Store(db_path) as db:
            return db.metadata().get("sha256")
    except (store.StoreError, sqlite3.DatabaseError):
        return None
