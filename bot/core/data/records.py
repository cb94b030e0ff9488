"""Fold the rows of the UN file into resolutions, per-member votes and data issues.

Memory stays small: each resolution keeps one byte per member (its vote letter, or 0)
and one name id per member, whatever the size of the file. Data quality is reported,
never silently fixed: identical duplicate rows collapse; conflicting duplicates,
tally mismatches and odd symbols become `DataIssue`s.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Any

from bot.core.data.layout import VOTE_CODES, Layout, clean_title, session_from_symbol
from bot.core.data.source import SourceError

PLACEHOLDER_SYMBOLS = frozenset({"MISSING_DATA", ""})
_VOTE_BYTES = {letter: ord(code) for letter, code in VOTE_CODES.items()}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ADOPTED_SYMBOL_RE = re.compile(r"A/RES/")


@dataclass(frozen=True, slots=True)
class DataIssue:
    kind: str  # conflicting_duplicate, tally_mismatch, duplicate_record, ...
    symbol: str
    code: str
    detail: str


# Text columns of `resolutions`, in the order they are written.
TEXT_FIELDS = (
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
    "repeat_of",
)
TALLY_FIELDS = ("yes", "no", "abstain", "non_voting", "total_members")


class ResolutionRecord:
    __slots__ = ("id", *TEXT_FIELDS, "stated", "votes", "names", "undl_ids", "line")

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
        self.repeat_of = ""


class Parser:
    """Folds rows into resolutions, countries and names; memory stays small."""

    def __init__(self, label: str, layout: Layout) -> None:
        self.label = label
        self.layout = layout
        self.resolutions: dict[str, ResolutionRecord] = {}
        self.codes: dict[str, int] = {}  # code as written (and cleaned) -> index
        self.code_names: list[str] = []  # index -> code
        self.names: dict[tuple[str, str], int] = {}  # (code, name) -> id
        self._names_by_index: list[dict[str, int]] = []  # index -> {name as written: id}
        self.issues: list[DataIssue] = []
        self.rows = 0
        self.duplicates = 0
        self.skipped = 0
        self._conflicts: set[tuple[str, str]] = set()
        self.placeholders: set[str] = set()  # keys made up for records without a symbol

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
        current = ResolutionRecord(0, "", 0)
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
                grow = len(self.code_names) + 16 - len(votes)
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

    def _resolution(self, row: list[str], symbol: str, undl: str, line: int) -> ResolutionRecord:
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
        res = ResolutionRecord(len(self.resolutions) + 1, key, line)
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
            self.placeholders.add(key)
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
        return res

    def _conflict(self, res: ResolutionRecord, code: str, first: int, then: int, line: int) -> None:
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

    def symbol_issues(self) -> None:
        """Report votes filed under a draft symbol, and whether they copy another record."""
        by_date: dict[str, list[ResolutionRecord]] = {}
        for res in self.resolutions.values():
            by_date.setdefault(res.date, []).append(res)
        for res in self.resolutions.values():
            if res.symbol in self.placeholders or _ADOPTED_SYMBOL_RE.match(res.symbol):
                continue
            ballots = bytes(res.votes).rstrip(b"\0")
            twins = [
                other.symbol
                for other in by_date[res.date]
                if other is not res and bytes(other.votes).rstrip(b"\0") == ballots
            ]
            adopted = [t for t in twins if _ADOPTED_SYMBOL_RE.match(t)]
            if adopted:
                res.repeat_of = adopted[0]
            if twins:
                what = f"its votes are identical to {', '.join(twins)} of the same day"
            else:
                what = "no other record of that day has the same votes"
            self.issues.append(
                DataIssue(
                    "draft_symbol",
                    res.symbol,
                    "",
                    f"recorded under a draft symbol, not an A/RES symbol (record "
                    f"{', '.join(res.undl_ids) or '?'}, {res.date}); {what}",
                )
            )

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
                        f"(Y/N/A/X {tally_text(stated[:4])}); the counted votes are "
                        f"{tally_text(counted[:4])}",
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
                        f"counted Y/N/A/X {tally_text(counted[:4])} (total {counted[4]}), "
                        f"stated {tally_text(stated[:4])} (total {stated[4]})",
                    )
                )


def tally_text(values: list[int]) -> str:
    return "/".join("?" if v < 0 else str(v) for v in values)
