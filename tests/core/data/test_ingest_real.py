"""The whole shared file: counted votes reproduce the stated tallies but for known quirks."""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.core.data.ingest import ImportSummary, import_file
from bot.core.data.store import Store, connect_read_only

pytestmark = pytest.mark.slow

# The quirks the data's README documents (../shared/data/README.md).
DOCUMENTED_TALLY_MISMATCHES = {"A/RES/77/293"}  # lists one abstainer fewer than stated
DOCUMENTED_DUPLICATE = "A/76/L.14"  # recorded under two undl_ids, 193 rows twice
DOCUMENTED_MISSING = {"A/RES/ES-10/23", "A/RES/ES-11/7"}


@pytest.fixture(scope="module")
def built(shared_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportSummary]:
    db = tmp_path_factory.mktemp("real") / "votes.db"
    return db, import_file(shared_csv, db)


def test_every_row_is_accounted_for(built: tuple[Path, ImportSummary]) -> None:
    _, summary = built
    assert summary.rows == 948_836
    assert summary.votes + summary.duplicates_collapsed == summary.rows
    assert summary.duplicates_collapsed == 193


def test_counted_votes_match_stated_tallies_except_the_documented_quirks(
    built: tuple[Path, ImportSummary],
) -> None:
    db, summary = built
    conn = connect_read_only(db)
    counted: dict[int, Counter[str]] = {}
    for rid, vote, n in conn.execute(
        "SELECT resolution_id, vote, count(*) FROM votes GROUP BY resolution_id, vote"
    ):
        counted.setdefault(rid, Counter())[vote] = n
    mismatched = set()
    for rid, symbol, yes, no, abstain, non_voting, total in conn.execute(
        "SELECT id, symbol, yes, no, abstain, non_voting, total_members FROM resolutions"
    ):
        c = counted[rid]
        if (c["Y"], c["N"], c["A"], c["X"], c.total()) != (yes, no, abstain, non_voting, total):
            mismatched.add(symbol)
    reported = {i.symbol for i in summary.issues if i.kind == "tally_mismatch"}
    assert mismatched == reported == DOCUMENTED_TALLY_MISMATCHES


def test_the_database_agrees_with_an_independent_count_of_the_raw_file(
    shared_csv: Path, built: tuple[Path, ImportSummary]
) -> None:
    raw: dict[str, Counter[str]] = {}
    seen: set[tuple[str, str, str]] = set()  # identical rows count once
    with gzip.open(shared_csv, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            symbol = row["resolution"]
            if symbol == "MISSING_DATA":
                symbol = f"MISSING_DATA-{row['undl_id']}"
            if (symbol, row["ms_code"], row["ms_vote"]) in seen:
                continue
            seen.add((symbol, row["ms_code"], row["ms_vote"]))
            raw.setdefault(symbol, Counter())[row["ms_vote"]] += 1
    db, _ = built
    with Store(db) as st:
        stored: dict[str, Counter[str]] = {}
        symbols = {r.id: r.symbol for r in st.resolutions()}
        for rid, _code, vote in st.iter_votes():
            stored.setdefault(symbols[rid], Counter())[vote] += 1
    assert stored == raw


def test_documented_quirks_are_reported(built: tuple[Path, ImportSummary]) -> None:
    db, summary = built
    kinds = {(i.kind, i.symbol) for i in summary.issues}
    assert ("duplicate_record", DOCUMENTED_DUPLICATE) in kinds
    assert ("placeholder_symbol", "MISSING_DATA-3836031") in kinds
    assert not any(i.kind == "conflicting_duplicate" for i in summary.issues)
    with Store(db) as st:
        assert len(st.data_issues()) == len(summary.issues)
        for symbol in DOCUMENTED_MISSING:
            assert st.resolution(symbol) is None
        assert st.resolution("MISSING_DATA-3836031") is not None


def test_names_titles_and_sessions_are_cleaned(built: tuple[Path, ImportSummary]) -> None:
    db, _ = built
    with Store(db) as st:
        countries = {c.code: c for c in st.countries()}
        resolutions = st.resolutions()
    assert countries["RUS"].name == "Russian Federation"
    assert countries["CIV"].name == "Cote d'Ivoire"
    assert countries["LAO"].name == "Lao People's Democratic Republic"
    assert countries["TUR"].recorded_names[0] == "TURKEY"
    formers = {code for code, c in countries.items() if c.former}
    assert formers == {"SUN", "GER", "DDR", "CSK", "YUG", "SCG", "YMD", "ZZB"}
    tail = re.compile(r"resolu\w*\s*/\s*(?:ad\w*\s+)?by the General", re.IGNORECASE)
    leftovers = [(r.symbol, r.title) for r in resolutions if tail.search(r.title)]
    assert leftovers == []
    sessions = Counter(r.session for r in resolutions)
    assert sessions["ES-10"] > 0 and sessions["ES-11"] > 0
    assert {r.session for r in resolutions if r.symbol == "A/RES/104(S-1)"} == {"S-1"}
