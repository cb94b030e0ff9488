"""The derived index of the resolution matcher, in a file beside the database.

What the resolution matcher needs that depends only on the data and the curated files,
built once and kept in a file beside the database (`<db>.index`): one document per
resolution with its full-text index, and arrays (the documents' embeddings). Its
metadata ties it to one import of the database and one version of the curated files;
when either changes it is built again.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

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
