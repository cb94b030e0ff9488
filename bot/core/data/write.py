"""Writing a parsed file into a new vote database: the resolutions, the votes, the names
recorded for each member, the countries, the data issues, the indexes and the metadata.
All SQL text comes from `store` (its schema); this module only fills the tables."""

from __future__ import annotations

from collections.abc import Iterator

import sqlite_utils

from bot.core.data import store
from bot.core.data.layout import FORMER_CODES, readable_name
from bot.core.data.records import TALLY_FIELDS, TEXT_FIELDS, Parser

_VOTE_LETTERS = {ord("Y"): "Y", ord("N"): "N", ord("A"): "A", ord("X"): "X"}


def _stated(value: int, counted: int) -> int:
    return value if value >= 0 else counted


def _resolution_rows(parser: Parser) -> Iterator[tuple[object, ...]]:
    yield ("id", *TEXT_FIELDS, *TALLY_FIELDS)
    for r in parser.resolutions.values():
        counted = [r.votes.count(ord(c)) for c in "YNAX"]
        stated = [_stated(v, c) for v, c in zip(r.stated[:4], counted, strict=True)]
        total = _stated(r.stated[4], sum(stated))
        yield (r.id, *(getattr(r, name) for name in TEXT_FIELDS), *stated, total)


class _NameSpans:
    """The first and last date each recorded name (member_names id) was used."""

    def __init__(self, size: int) -> None:
        self.first = ["9999-99-99"] * (size + 1)
        self.last = [""] * (size + 1)

    def saw(self, name_id: int, date: str) -> None:
        if date < self.first[name_id]:
            self.first[name_id] = date
        if date > self.last[name_id]:
            self.last[name_id] = date

    def used(self) -> list[int]:
        return [nid for nid in range(1, len(self.first)) if self.last[nid]]


def _vote_rows(parser: Parser, spans: _NameSpans) -> Iterator[tuple[object, ...]]:
    # (code, index), alphabetical, so votes arrive in primary-key order
    codes = sorted((code, idx) for idx, code in enumerate(parser.code_names))
    for res in parser.resolutions.values():
        votes, names, date, rid = res.votes, res.names, res.date, res.id
        size = len(votes)
        for code, idx in codes:
            if idx >= size or not (vote := votes[idx]):
                continue
            spans.saw(names[idx], date)
            yield (rid, code, _VOTE_LETTERS[vote], names[idx])


def _write_members(
    db: sqlite_utils.Database, parser: Parser, spans: _NameSpans
) -> dict[str, tuple[str, str]]:
    """member_names and countries; returns each country's first and last date. A
    country's display name is the latest name recorded for it."""
    by_id = {name_id: key for key, name_id in parser.names.items()}
    used = spans.used()
    db.table("member_names").insert_all(
        [("id", "code", "name", "first_date", "last_date")]
        + [(nid, *by_id[nid], spans.first[nid], spans.last[nid]) for nid in used]
    )
    first: dict[str, str] = {}
    last: dict[str, tuple[str, str, int]] = {}  # (last date, first date, id)
    for nid in used:
        code = by_id[nid][0]
        first[code] = min(first.get(code, "9999"), spans.first[nid])
        last[code] = max(last.get(code, ("", "", 0)), (spans.last[nid], spans.first[nid], nid))
    db.table("countries").insert_all(
        [("code", "name", "first_date", "last_date", "former")]
        + [
            (
                code,
                readable_name(by_id[last[code][2]][1]),
                first[code],
                last[code][0],
                int(code in FORMER_CODES),
            )
            for code in sorted(first)
        ]
    )
    return {code: (first[code], last[code][0]) for code in first}


def write_database(
    db: sqlite_utils.Database, parser: Parser, meta: dict[str, str]
) -> dict[str, int]:
    """Fill a new database (schema already created) from `parser`; completes `meta` with
    the counts and dates and returns the vote and member counts."""
    db.table("resolutions").insert_all(_resolution_rows(parser), batch_size=2000)
    # The bulk of the data goes through the connection sqlite-utils holds: insert_all
    # would pass each of the ~950,000 x 4 values through its JSON conversion, which
    # doubles the whole import time (measured in bench/bench_import.py).
    spans = _NameSpans(len(parser.names))
    votes = db.conn.executemany("INSERT INTO votes VALUES (?, ?, ?, ?)", _vote_rows(parser, spans))
    vote_count = votes.rowcount
    seats = _write_members(db, parser, spans)
    db.table("data_issues").insert_all(
        [("kind", "symbol", "code", "detail")]
        + [(i.kind, i.symbol, i.code, i.detail) for i in parser.issues]
    )
    db.executescript(store.INDEX_SQL)
    db.table("resolutions").enable_fts(list(store.FTS_COLUMNS), tokenize="porter")
    meta.update(
        rows=str(parser.rows),
        resolutions=str(len(parser.resolutions)),
        votes=str(vote_count),
        members=str(len(seats)),
        first_date=min((first for first, _ in seats.values()), default=""),
        last_date=max((last for _, last in seats.values()), default=""),
        duplicates_collapsed=str(parser.duplicates),
        data_issues=str(len(parser.issues)),
    )
    if not meta.get("file_date"):
        meta["file_date"] = meta["last_date"]
    db.table("metadata").insert_all([("key", "value"), *sorted(meta.items())])
    db.analyze()
    db.conn.commit()
    return {"votes": vote_count, "members": len(seats)}
