"""UN voting CSV -> the normalised SQLite vote database, built beside the old one.

The file is streamed (gzip, zip or plain; never loaded whole) into compact per-
resolution arrays, then written with sqlite-utils into a temporary file next to the
target, indexed, given its FTS5 index, and renamed into place in one `os.replace`.
Anything that goes wrong before the rename leaves the previous database untouched.

Data quality is reported, never silently fixed: identical duplicate rows collapse;
conflicting duplicates, tally mismatches and odd symbols go to `data_issues`.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import sqlite3
import struct
import time
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import sqlite_utils

from bot import __version__
from bot.core import store
from bot.core.layout import (
    FORMER_CODES,
    VOTE_CODES,
    Layout,
    LayoutError,
    clean_title,
    file_date_from_name,
    map_header,
    readable_name,
    session_from_symbol,
)

IMPORTER_VERSION = f"votebot-ingest {__version__}"
PLACEHOLDER_SYMBOLS = frozenset({"MISSING_DATA", ""})
PROGRESS_EVERY = 20_000  # rows between progress callbacks
_VOTE_BYTES = {letter: ord(code) for letter, code in VOTE_CODES.items()}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ADOPTED_SYMBOL_RE = re.compile(r"A/RES/")

Progress = Callable[[int, int], None]  # (bytes read so far, total bytes or 0)


class SourceError(Exception):
    """Bad input: names the file, the line when there is one, and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}: line {line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class DataIssue:
    kind: str  # conflicting_duplicate, tally_mismatch, duplicate_record, ...
    symbol: str
    code: str
    detail: str


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


# --- reading ------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Counting(io.RawIOBase):
    """Passes bytes through and reports how many went by, chunk by chunk."""

    def __init__(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        self.stream = stream
        self.total = total
        self.progress = progress
        self.done = 0
        self._next = 1 << 22

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.stream.readinto(buffer)  # type: ignore[attr-defined]
        self.done += n
        if self.progress is not None and (self.done >= self._next or n == 0):
            self.progress(self.done, self.total)
            self._next = self.done + (1 << 22)
        return n


def _locate_bad_utf8(source: Path, label: str) -> SourceError:
    """Find the first line that is not UTF-8 (the fast reader only knows it failed)."""
    with ExitStack() as stack:
        raw, _, _ = _open_source(source, label, stack)
        for number, line in enumerate(raw, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return SourceError(
                    label,
                    f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                    "the UN file is UTF-8",
                    line=number,
                )
    return SourceError(label, "not UTF-8 text; the UN file is UTF-8")


def _open_source(path: Path, label: str, stack: ExitStack) -> tuple[IO[bytes], int, str]:
    """Open a plain, gzip or zip CSV by its first bytes.

    Returns (binary lines, uncompressed size or 0, name of the CSV inside a zip or "").
    """
    try:
        fh = stack.enter_context(open(path, "rb"))
    except FileNotFoundError:
        raise SourceError(label, "no such file") from None
    except IsADirectoryError:
        raise SourceError(label, "is a directory, not a CSV file") from None
    except OSError as exc:
        raise SourceError(label, f"cannot be read ({exc.strerror})") from None
    head = fh.read(512)
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    if not head:
        raise SourceError(label, "the file is empty")
    if head[:2] == b"\x1f\x8b":
        total = 0
        if size >= 18:  # gzip keeps the uncompressed size (mod 2**32) in its last 4 bytes
            fh.seek(-4, os.SEEK_END)
            total = struct.unpack("<I", fh.read(4))[0]
            fh.seek(0)
        return stack.enter_context(gzip.GzipFile(fileobj=fh, mode="rb")), total, ""  # type: ignore[arg-type]
    if head[:4] == b"PK\x03\x04":
        try:
            archive = stack.enter_context(zipfile.ZipFile(fh))
        except zipfile.BadZipFile as exc:
            raise SourceError(label, f"is not a readable zip archive ({exc})") from None
        members = [
            info
            for info in archive.infolist()
            if info.filename.lower().endswith(".csv") and not info.filename.startswith("__")
        ]
        if not members:
            raise SourceError(label, "the zip archive holds no .csv file")
        member = max(members, key=lambda i: (file_date_from_name(i.filename) or "", i.file_size))
        stream = stack.enter_context(archive.open(member))
        reader = io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
        return stack.enter_context(reader), member.file_size, member.filename
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")):
        raise SourceError(label, "is an HTML page, not the CSV voting file")
    return fh, size, ""


# --- parsing ------------------------------------------------------------------------


# Text columns of `resolutions`, in the order they are written.
_TEXT_FIELDS = (
    "symbol",
    "date",
    "session",
    "title",
    "agenda",
    "subjects",
    "draft",
    "committee_report",
    "meeting",
    "vote_note",
    "undl_id",
    "link",
)
_TALLY_FIELDS = ("yes", "no", "abstain", "non_voting", "total_members")


class _Resolution:
    __slots__ = ("id", *_TEXT_FIELDS, "stated", "votes", "names", "undl_ids", "line")

    date: str
    session: str
    title: str
    agenda: str
    subjects: str
    draft: str
    committee_report: str
    meeting: str
    vote_note: str
    undl_id: str
    link: str
    stated: tuple[int, ...]  # Y, N, A, X, total as stated; -1 where the file has none

    def __init__(self, rid: int, symbol: str, line: int) -> None:
        self.id = rid
        self.symbol = symbol
        self.line = line
        self.votes = bytearray()  # per country index: 0 or the vote letter's byte
        self.names = array("I")  # per country index: member_names id
        self.undl_ids: list[str] = []


class _Parser:
    """Folds rows into resolutions, countries and names; memory stays small."""

    def __init__(self, label: str, layout: Layout) -> None:
        self.label = label
        self.layout = layout
        self.resolutions: dict[str, _Resolution] = {}
        self.codes: dict[str, int] = {}  # code as written (and cleaned) -> index
        self.code_names: list[str] = []  # index -> code
        self.names: dict[tuple[str, str], int] = {}  # (code, name) -> id
        self._names_by_index: list[dict[str, int]] = []  # index -> {name as written: id}
        self.issues: list[DataIssue] = []
        self.rows = 0
        self.duplicates = 0
        self.skipped = 0
        self._conflicts: set[tuple[str, str]] = set()

    def _col(self, name: str) -> int:
        return self.layout.index(name)

    def run(self, reader: Any) -> None:
        """Fold every row of `reader` (a csv.reader, for its line_num) into the arrays."""
        i_code, i_name, i_vote = self._col("ms_code"), self._col("ms_name"), self._col("ms_vote")
        i_res, i_undl = self._col("resolution"), self._col("undl_id")
        width = self.layout.width
        codes = self.codes
        names_by_index = self._names_by_index
        vote_bytes = _VOTE_BYTES
        current = _Resolution(0, "", 0)
        symbol = undl = None
        rows = 0
        for row in reader:
            if len(row) != width:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line
                raise SourceError(
                    self.label,
                    f"malformed CSV line: expected {width} fields, found {len(row)}",
                    line=reader.line_num,
                )
            rows += 1
            if row[i_res] != symbol or (i_undl >= 0 and row[i_undl] != undl):
                symbol = row[i_res]
                undl = row[i_undl] if i_undl >= 0 else ""
                current = self._resolution(row, symbol.strip(), undl.strip(), reader.line_num)
            vote = vote_bytes.get(row[i_vote])
            if vote is None:
                vote = self._odd_vote(row, reader.line_num)
                if vote is None:
                    continue
            idx = codes.get(row[i_code])
            if idx is None:
                idx = self._code_index(row[i_code], reader.line_num)
            name_id = names_by_index[idx].get(row[i_name])
            if name_id is None:
                name_id = self._name_id(idx, row[i_code], row[i_name])
            votes = current.votes
            if idx >= len(votes):
                grow = len(codes) + 16 - len(votes)
                votes.extend(bytes(grow))
                current.names.extend([0] * grow)
            previous = votes[idx]
            if previous == 0:
                votes[idx] = vote
                current.names[idx] = name_id
            elif previous == vote:
                self.duplicates += 1
            else:
                self._conflict(current, row[i_code].strip(), previous, vote, reader.line_num)
        self.rows = rows

    def _odd_vote(self, row: list[str], line: int) -> int | None:
        """A vote letter in another spelling, or None for a row adopted without a vote."""
        raw = row[self._col("ms_vote")].strip()
        vote = _VOTE_BYTES.get(raw.upper())
        if vote is not None:
            return vote
        modality = self._col("modality")
        if not raw and modality >= 0 and "without" in row[modality].lower():
            self.skipped += 1
            return None
        raise SourceError(self.label, f"vote {raw!r} is not one of Y, N, A, X or NV", line=line)

    def _code_index(self, raw: str, line: int) -> int:
        code = raw.strip().upper()
        if not code:
            raise SourceError(self.label, "empty member code (ms_code)", line=line)
        idx = self.codes.get(code)
        if idx is None:
            idx = len(self._names_by_index)
            self._names_by_index.append({})
            self.code_names.append(code)
        self.codes[code] = self.codes[raw] = idx
        return idx

    def _name_id(self, idx: int, raw_code: str, raw_name: str) -> int:
        key = (self.code_names[idx], raw_name.strip())
        name_id = self.names.get(key)
        if name_id is None:
            name_id = self.names[key] = len(self.names) + 1
        self._names_by_index[idx][raw_name] = name_id
        return name_id

    def _resolution(self, row: list[str], symbol: str, undl: str, line: int) -> _Resolution:
        key = symbol
        if symbol in PLACEHOLDER_SYMBOLS:
            key = f"{symbol or 'NO_SYMBOL'}-{undl or line}"
        res = self.resolutions.get(key)
        if res is not None:
            if undl not in res.undl_ids:
                res.undl_ids.append(undl)
                self.issues.append(
                    DataIssue(
                        "duplicate_record",
                        res.symbol,
                        "",
                        f"recorded under more than one record id ({', '.join(res.undl_ids)}); "
                        "identical votes collapse, conflicting ones are listed separately",
                    )
                )
            return res
        res = _Resolution(len(self.resolutions) + 1, key, line)
        res.undl_ids.append(undl)
        lay = self.layout

        def text(column: str) -> str:
            i = lay.index(column)
            return row[i].strip() if i >= 0 else ""

        date = text("date")
        if len(date) > 10 and date[10] in "T ":
            date = date[:10]
        if not _DATE_RE.fullmatch(date):
            raise SourceError(self.label, f"date {date!r} is not YYYY-MM-DD", line=line)
        res.date = date
        res.session = text("session") or session_from_symbol(symbol)
        res.title = clean_title(text("title"))
        res.agenda = text("agenda_title")
        res.subjects = text("subjects")
        res.draft = text("draft")
        res.committee_report = text("committee_report")
        res.meeting = text("meeting")
        res.vote_note = text("vote_note")
        res.undl_id = undl
        res.link = text("undl_link")
        stated = []
        for column in (
            "total_yes",
            "total_no",
            "total_abstentions",
            "total_non_voting",
            "total_ms",
        ):
            value = text(column)
            try:
                stated.append(int(value) if value else -1)
            except ValueError:
                raise SourceError(
                    self.label, f"{column} {value!r} is not a whole number", line=line
                ) from None
        res.stated = tuple(stated)
        self.resolutions[key] = res
        if symbol in PLACEHOLDER_SYMBOLS:
            self.issues.append(
                DataIssue(
                    "placeholder_symbol",
                    key,
                    "",
                    f"the file gives no symbol ({symbol or 'empty'!s}) for record "
                    f"{undl or '?'} of {date}, {res.title!r}; kept under {key} so its votes "
                    "count, but it cannot be cited by symbol",
                )
            )
        elif not _ADOPTED_SYMBOL_RE.match(symbol):
            self.issues.append(
                DataIssue(
                    "draft_symbol",
                    symbol,
                    "",
                    f"recorded under a draft symbol, not an A/RES symbol (record {undl or '?'}, "
                    f"{date}); it may be a draft that failed or a copy of an adopted resolution",
                )
            )
        return res

    def _conflict(self, res: _Resolution, code: str, first: int, then: int, line: int) -> None:
        if (res.symbol, code) in self._conflicts:
            return
        self._conflicts.add((res.symbol, code))
        self.issues.append(
            DataIssue(
                "conflicting_duplicate",
                res.symbol,
                code,
                f"line {line} records {chr(then)} after an earlier row recorded {chr(first)}; "
                f"the first ({chr(first)}) is kept",
            )
        )

    def drop_empty(self) -> None:
        """Forget resolutions whose rows all lacked a vote (adopted without a vote)."""
        empty = [key for key, res in self.resolutions.items() if not any(res.votes)]
        for key in empty:
            del self.resolutions[key]

    def tally_issues(self) -> None:
        letters = (ord("Y"), ord("N"), ord("A"), ord("X"))
        for res in self.resolutions.values():
            counted = [res.votes.count(b) for b in letters]
            counted.append(sum(counted))
            stated = list(res.stated)
            if -1 in stated[:4]:
                self.issues.append(
                    DataIssue(
                        "missing_tally",
                        res.symbol,
                        "",
                        "the stated tally is incomplete "
                        f"(Y/N/A/X {_tally(stated[:4])}); the counted votes are "
                        f"{_tally(counted[:4])}",
                    )
                )
                continue
            compared = counted if stated[4] >= 0 else counted[:4]
            if compared != stated[: len(compared)]:
                self.issues.append(
                    DataIssue(
                        "tally_mismatch",
                        res.symbol,
                        "",
                        f"counted Y/N/A/X {_tally(counted[:4])} (total {counted[4]}), "
                        f"stated {_tally(stated[:4])} (total {stated[4]})",
                    )
                )


def _tally(values: list[int]) -> str:
    return "/".join("?" if v < 0 else str(v) for v in values)


# --- writing ------------------------------------------------------------------------


def _stated(value: int, counted: int) -> int:
    return value if value >= 0 else counted


def _write(db: sqlite_utils.Database, parser: _Parser, meta: dict[str, str]) -> dict[str, int]:
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
        yield ("id", *_TEXT_FIELDS, *_TALLY_FIELDS)
        for r in parser.resolutions.values():
            counted = [r.votes.count(ord(c)) for c in "YNAX"]
            stated = [_stated(v, c) for v, c in zip(r.stated[:4], counted, strict=True)]
            total = _stated(r.stated[4], sum(counted))
            yield (
                r.id,
                *(getattr(r, name) for name in _TEXT_FIELDS),
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
    db.conn.executescript(store.INDEX_SQL)
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
    db.conn.execute("ANALYZE")
    db.conn.commit()
    return {"votes": counts["votes"], "members": len(country_first)}


# --- the import ---------------------------------------------------------------------


def _temp_path(target: Path) -> Path:
    stamp = f"{os.getpid()}-{time.monotonic_ns() % 10**9}"
    return target.with_name(f"{target.name}.tmp-{stamp}")


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Delete temp files of earlier imports whose process is gone (killed imports)."""
    removed = []
    for path in target.parent.glob(f"{target.name}.tmp-*"):
        pid_text = path.name.rsplit(".tmp-", 1)[1].split("-", 1)[0]
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
    with ExitStack() as stack:
        raw, total, member = _open_source(source, label, stack)
        counted = io.BufferedReader(_Counting(raw, total, progress), 1 << 16)
        text = io.TextIOWrapper(counted, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            try:
                header = next(reader)
            except StopIteration:
                raise SourceError(label, "the file is empty") from None
            try:
                layout = map_header(header)
            except LayoutError as exc:
                raise SourceError(label, str(exc), line=1) from None
            parser = _Parser(label, layout)
            parser.run(reader)
        except csv.Error as exc:
            raise SourceError(
                label, f"malformed CSV line ({exc})", line=reader.line_num or 1
            ) from None
        except UnicodeDecodeError:
            raise _locate_bad_utf8(source, label) from None
        except (EOFError, gzip.BadGzipFile, zlib.error, zipfile.BadZipFile) as exc:
            raise SourceError(
                label,
                f"the compressed data is truncated or damaged after this line ({exc})",
                line=reader.line_num,
            ) from None
    parser.drop_empty()
    if not parser.resolutions:
        raise SourceError(label, "the file has a header but no recorded votes")
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
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(db_path)
    tmp = _temp_path(db_path)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            db.conn.execute("PRAGMA journal_mode = OFF")
            db.conn.execute("PRAGMA synchronous = OFF")
            db.conn.executescript(store.SCHEMA_SQL)
            counts = _write(db, parser, meta)
        finally:
            db.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
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
        conn = store.connect_read_only(db_path)
    except store.StoreError:
        return None
    try:
        row = conn.execute("SELECT value FROM metadata WHERE key = 'sha256'").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row else None
