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

import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.models import Country, Coverage, Resolution

if TYPE_CHECKING:
    from numpy.typing import NDArray

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


# --- the derived index -----------------------------------------------------------------
# What the resolution matcher needs that depends only on the data and the curated files,
# built once and kept in a file beside the database (`<db>.index`): one document per
# resolution with its full-text index, and arrays (the documents' embeddings). Its
# metadata ties it to one import of the database and one version of the curated files;
# when either changes it is built again.

INDEX_SUFFIX = ".index"
INDEX_SCHEMA_VERSION = "3"
ENTRY_SEPARATOR = "\x1f"  # the unit separator: in no name, title or word
INDEX_FTS = "documents_fts"
INDEX_TOKENIZER = "porter unicode61 remove_diacritics 2"
DOCUMENT_FIELDS = ("title", "agenda", "subjects", "dates", "names", "about")
INDEX_SCHEMA_SQL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,        -- resolutions.id of the vote database
    title TEXT NOT NULL, agenda TEXT NOT NULL, subjects TEXT NOT NULL,
    dates TEXT NOT NULL,           -- year, month, session words
    names TEXT NOT NULL,           -- what people call it (landmark names and events)
    about TEXT NOT NULL            -- descriptions, topics, the countries it concerned
);
CREATE VIRTUAL TABLE {INDEX_FTS} USING fts5(
    {", ".join(DOCUMENT_FIELDS)}, content='documents', content_rowid='id',
    tokenize='{INDEX_TOKENIZER}'
);
CREATE VIRTUAL TABLE documents_vocab USING fts5vocab({INDEX_FTS}, 'row');
CREATE TABLE arrays (name TEXT PRIMARY KEY, dtype TEXT NOT NULL, shape TEXT NOT NULL,
                     data BLOB NOT NULL);
CREATE TABLE entries (             -- lists the matcher reads at start, one row a kind:
    kind TEXT PRIMARY KEY,         -- the texts, joined by ENTRY_SEPARATOR,
    texts TEXT NOT NULL, ids BLOB NOT NULL  -- and their ids (int64)
);
"""


def fts_tokens(texts: Sequence[str]) -> list[list[str]]:
    """The terms the index's full-text tokenizer makes of each text, in order (FTS5's
    own stemming and folding, so that scores computed from them are bm25()'s)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{INDEX_TOKENIZER}')")
        conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts, 1))
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        found: list[list[tuple[int, str]]] = [[] for _ in texts]
        for term, doc, offset in conn.execute("SELECT term, doc, offset FROM v"):
            found[doc - 1].append((offset, term))
    finally:
        conn.close()
    return [[term for _, term in sorted(tokens)] for tokens in found]


def index_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + INDEX_SUFFIX)


@dataclass(frozen=True, slots=True)
class IndexDocument:
    id: int
    title: str
    agenda: str
    subjects: str
    dates: str
    names: str
    about: str


@dataclass(frozen=True, slots=True)
class IndexContent:
    """Everything an index file holds."""

    meta: dict[str, str]
    documents: list[IndexDocument]
    arrays: dict[str, NDArray[Any]]
    entries: list[tuple[str, str, int]]  # (kind, text, id)


def _fill_index(conn: sqlite3.Connection, content: IndexContent) -> None:
    conn.executescript(INDEX_SCHEMA_SQL)
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("index_schema", INDEX_SCHEMA_VERSION), *content.meta.items()],
    )
    conn.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (d.id, d.title, d.agenda, d.subjects, d.dates, d.names, d.about)
            for d in content.documents
        ),
    )
    conn.execute(f"INSERT INTO {INDEX_FTS}({INDEX_FTS}) VALUES ('rebuild')")
    conn.executemany(
        "INSERT INTO arrays VALUES (?, ?, ?, ?)",
        (
            (name, str(a.dtype), ",".join(map(str, a.shape)), a.tobytes())
            for name, a in content.arrays.items()
        ),
    )
    conn.executemany("INSERT INTO entries VALUES (?, ?, ?)", _entry_rows(content.entries))
    conn.commit()


def write_index(path: Path, content: IndexContent) -> None:
    """Write the index file atomically (beside `path`, then renamed over it)."""
    from bot.core.data.atomic import temp_path, unlink_quietly

    tmp = temp_path(path)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            _fill_index(conn, content)
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        unlink_quietly(tmp)
        raise


def _entry_rows(entries: list[tuple[str, str, int]]) -> list[tuple[str, str, bytes]]:
    import numpy as np

    kinds: dict[str, tuple[list[str], list[int]]] = {}
    for kind, text, rid in entries:
        texts, ids = kinds.setdefault(kind, ([], []))
        texts.append(text.replace(ENTRY_SEPARATOR, " "))
        ids.append(rid)
    return [
        (kind, ENTRY_SEPARATOR.join(texts), np.array(ids, dtype=np.int64).tobytes())
        for kind, (texts, ids) in kinds.items()
    ]


class IndexStore:
    """Read access to a derived index: a file beside the database, or one in memory."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path) -> IndexStore | None:
        """The index file at `path` read-only, or None when there is none usable."""
        if not path.is_file():
            return None
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            conn.execute("SELECT count(*) FROM meta").fetchone()
        except sqlite3.DatabaseError:
            return None
        return cls(conn)

    @classmethod
    def in_memory(cls, content: IndexContent) -> IndexStore:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _fill_index(conn, content)
        return cls(conn)

    def close(self) -> None:
        self._conn.close()

    def meta(self) -> dict[str, str]:
        try:
            return dict(self._conn.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError:
            return {}

    def array(self, name: str) -> NDArray[Any] | None:
        import numpy as np

        row = self._conn.execute(
            "SELECT dtype, shape, data FROM arrays WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return None
        dtype, shape, data = row
        dims = tuple(int(x) for x in shape.split(",") if x)
        return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(dims)

    def entries(self, kind: str) -> list[tuple[str, int]]:
        """The (text, id) entries of one kind, in the order they were written."""
        texts, ids = self.entry_lists(kind)
        return list(zip(texts, ids, strict=True))

    def entry_lists(self, kind: str) -> tuple[list[str], list[int]]:
        """The texts and the ids of the entries of one kind, in the order written."""
        import numpy as np

        row = self._conn.execute(
            "SELECT texts, ids FROM entries WHERE kind = ?", (kind,)
        ).fetchone()
        if row is None:
            return [], []
        texts, ids = row
        numbers: list[int] = np.frombuffer(ids, dtype=np.int64).tolist()
        return (texts.split(ENTRY_SEPARATOR) if numbers else []), numbers

    def document(self, rowid: int) -> IndexDocument | None:
        row = self._conn.execute(
            f"SELECT id, {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE id = ?", (rowid,)
        ).fetchone()
        return IndexDocument(*row) if row else None

    def documents(self) -> list[IndexDocument]:
        rows = self._conn.execute(
            f"SELECT id, {', '.join(DOCUMENT_FIELDS)} FROM documents ORDER BY id"
        )
        return [IndexDocument(*row) for row in rows]

    def rank(
        self,
        expression: str,
        *,
        weights: tuple[float, ...],
        limit: int,
        between: tuple[int, int] | None = None,
    ) -> list[tuple[int, float]]:
        """(document id, bm25 score, higher is better) for an FTS5 MATCH expression,
        with ids in a range when `between` is given; `weights` are the columns'
        (DOCUMENT_FIELDS), and an expression FTS5 cannot read matches nothing."""
        listed = ", ".join(str(w) for w in weights)
        within = ""
        params: tuple[object, ...] = (expression, limit)
        if between is not None:
            within = "AND rowid BETWEEN ? AND ? "
            params = (expression, *between, limit)
        try:
            rows = self._conn.execute(
                f"SELECT rowid, bm25({INDEX_FTS}, {listed}) AS rank FROM {INDEX_FTS} "
                f"WHERE {INDEX_FTS} MATCH ? {within}ORDER BY rank LIMIT ?",
                params,
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(int(rowid), -float(rank)) for rowid, rank in rows]

    def score(self, expression: str, rowid: int, *, weights: tuple[float, ...]) -> float | None:
        """The bm25 score (higher is better) one document gets for an expression, or None
        when it does not match."""
        listed = ", ".join(str(w) for w in weights)
        try:
            row = self._conn.execute(
                f"SELECT bm25({INDEX_FTS}, {listed}) FROM {INDEX_FTS} "
                f"WHERE {INDEX_FTS} MATCH ? AND rowid = ?",
                (expression, rowid),
            ).fetchone()
        except sqlite3.OperationalError:
            return None
        return -float(row[0]) if row else None

    def matching(self, expression: str) -> int:
        """How many documents match an FTS5 expression (0 when it cannot be read)."""
        try:
            (n,) = self._conn.execute(
                f"SELECT count(*) FROM {INDEX_FTS} WHERE {INDEX_FTS} MATCH ?", (expression,)
            ).fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(n)

    def has(self, expression: str) -> bool:
        """Whether any document matches an FTS5 expression (False when it cannot be read)."""
        try:
            row = self._conn.execute(
                f"SELECT 1 FROM {INDEX_FTS} WHERE {INDEX_FTS} MATCH ? LIMIT 1", (expression,)
            ).fetchone()
        except sqlite3.OperationalError:
            return False
        return row is not None

    def count(self) -> int:
        (n,) = self._conn.execute("SELECT count(*) FROM documents").fetchone()
        return int(n)

    def vocabulary(self) -> list[tuple[str, int]]:
        """Every indexed term (as stemmed) with the number of documents that have it."""
        return list(self._conn.execute("SELECT term, doc FROM documents_vocab"))
