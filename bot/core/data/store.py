"""Every SQL statement of the project. Readers open the database read-only.

The database is the source of truth for everything the bot says. Two read-only copies
are made from it when a process opens it, and nothing writes to them afterwards:
- the vote matrix (bot.core.answers.matrix) holds every vote; answers read votes and
  tallies of members from it, never from SQL;
- the matchers (bot.core.names) hold the names of seats and the resolutions' titles
  and metadata; answers take a Resolution from the resolution matcher's memory.
SQL is read directly for what neither copy holds: full-text search (FTS5), coverage
and metadata, and the data-quality notes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.models import Country, Coverage, Resolution

if TYPE_CHECKING:
    pass

SCHEMA_VERSION = "2"

# The normalised schema. `ingest` creates it in a fresh file and fills it.
SCHEMA_SQL = """
CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,            -- display name (the latest recorded name, readably cased)
    first_date TEXT NOT NULL,      -- first recorded vote
    last_date TEXT NOT NULL,       -- last recorded vote
    former INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE member_names (        -- every ms_name recorded for a code, as written in the file
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL REFERENCES countries(code),
    name TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    UNIQUE (code, name)
);
CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    session TEXT NOT NULL,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL DEFAULT '',
    subjects TEXT NOT NULL DEFAULT '',
    draft TEXT NOT NULL DEFAULT '',
    committee_report TEXT NOT NULL DEFAULT '',
    meeting TEXT NOT NULL DEFAULT '',
    vote_note TEXT NOT NULL DEFAULT '',
    undl_id TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    repeat_of TEXT NOT NULL DEFAULT '', -- an adopted resolution whose roll call this record repeats
    yes INTEGER NOT NULL,
    no INTEGER NOT NULL,
    abstain INTEGER NOT NULL,
    non_voting INTEGER NOT NULL,
    total_members INTEGER NOT NULL
);
CREATE TABLE votes (
    resolution_id INTEGER NOT NULL REFERENCES resolutions(id),
    code TEXT NOT NULL REFERENCES countries(code),
    vote TEXT NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'X')),
    name_id INTEGER NOT NULL REFERENCES member_names(id),
    PRIMARY KEY (resolution_id, code)
) WITHOUT ROWID;
CREATE TABLE data_issues (         -- what the import found and reported, never fixed
    kind TEXT NOT NULL,            -- 'conflicting_duplicate', 'tally_mismatch', ...
    symbol TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL
);
CREATE TABLE metadata (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Created after the bulk insert, which is faster than maintaining them row by row.
INDEX_SQL = """
CREATE INDEX votes_by_country ON votes (code, resolution_id, vote);
CREATE INDEX resolutions_by_date ON resolutions (date);
"""

FTS_TABLE = "resolutions_fts"
FTS_COLUMNS = ("title", "subjects", "agenda")

_RESOLUTION_COLUMNS = (
    "id, symbol, date, session, title, yes, no, abstain, non_voting, total_members, "
    "agenda, subjects, draft, committee_report, meeting, vote_note, undl_id, link, repeat_of"
)


class StoreError(RuntimeError):
    """The database is missing, unreadable or not a votebot database."""


def connect_read_only(path: Path | str) -> sqlite3.Connection:
    """Open an existing database read-only; never creates a file."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no vote database at {path}: build it with `votebot data import`")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be opened ({exc})") from None
    try:
        conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a votebot database ({exc})") from None
    return conn


class Store:
    """Read access to a built vote database. Safe to share between threads for reads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # The file's identity is taken before connecting: a file renamed into place in
        # between then reads as replaced (one needless reopen) rather than as the file
        # this store has open (a replacement never noticed).
        self._inode = _file_identity(self.path)
        self._conn = connect_read_only(self.path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def replaced_on_disk(self) -> bool:
        """True when another file has been renamed into place since this store opened."""
        return _file_identity(self.path) != self._inode

    # --- countries -------------------------------------------------------------------

    def countries(self) -> list[Country]:
        names: dict[str, list[str]] = {}
        for code, name in self._conn.execute(
            "SELECT code, name FROM member_names ORDER BY code, first_date"
        ):
            names.setdefault(code, []).append(name)
        return [
            Country(
                code=code,
                name=name,
                first_date=first,
                last_date=last,
                former=bool(former),
                recorded_names=tuple(names.get(code, ())),
            )
            for code, name, first, last, former in self._conn.execute(
                "SELECT code, name, first_date, last_date, former FROM countries ORDER BY code"
            )
        ]

    def name_periods(self) -> list[tuple[str, str, str, str]]:
        """Every name recorded for a seat: (code, name as written, first date, last date)."""
        return [
            (code, name, first, last)
            for code, name, first, last in self._conn.execute(
                "SELECT code, name, first_date, last_date FROM member_names "
                "ORDER BY code, first_date, name"
            )
        ]

    # --- resolutions -----------------------------------------------------------------

    def resolutions(self) -> list[Resolution]:
        """Every resolution, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_RESOLUTION_COLUMNS} FROM resolutions ORDER BY date, id"
        )
        return [_resolution(row) for row in rows]

    def resolution(self, symbol: str) -> Resolution | None:
        row = self._conn.execute(
            f"SELECT {_RESOLUTION_COLUMNS} FROM resolutions WHERE symbol = ?", (symbol,)
        ).fetchone()
        return _resolution(row) if row else None

    def search_text(self, query: str, *, limit: int = 50) -> list[tuple[int, float]]:
        """Full-text search over titles, subjects and agenda: (resolution id, bm25 rank).

        `query` is an FTS5 expression; callers quote user words before passing them.
        Lower ranks are better, as bm25() returns them.
        """
        rows = self._conn.execute(
            f"SELECT rowid, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [(int(rowid), float(rank)) for rowid, rank in rows]

    # --- votes -----------------------------------------------------------------------

    def iter_votes(self) -> Iterator[tuple[int, str, str]]:
        """(resolution id, code, vote letter) for every vote, in resolution order."""
        yield from self._conn.execute("SELECT resolution_id, code, vote FROM votes")

    # --- metadata --------------------------------------------------------------------

    def metadata(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM metadata"))

    def data_issues(self) -> list[tuple[str, str, str, str]]:
        return list(
            self._conn.execute(
                "SELECT kind, symbol, code, detail FROM data_issues ORDER BY kind, symbol, code"
            )
        )

    def coverage(self) -> Coverage:
        meta = self.metadata()
        first, last, resolutions = self._conn.execute(
            "SELECT min(date), max(date), count(*) FROM resolutions"
        ).fetchone()
        (votes,) = self._conn.execute("SELECT count(*) FROM votes").fetchone()
        (members,) = self._conn.execute("SELECT count(*) FROM countries").fetchone()
        return Coverage(
            first_date=first or "",
            last_date=last or "",
            resolutions=resolutions,
            votes=votes,
            members=members,
            source=meta.get("source", ""),
            file_date=meta.get("file_date", ""),
            imported_at=meta.get("imported_at", ""),
            extra=meta,
        )


def _resolution(row: tuple[Any, ...]) -> Resolution:
    return Resolution(*row)


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns)
