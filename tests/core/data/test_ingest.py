"""The importer on small hand-written files: both layouts, data quality, metadata."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from bot.core.data import store as store_module
from bot.core.data.ingest import SourceError, import_file
from bot.core.data.store import Store
from tests.paths import FIXTURES

INGEST = FIXTURES / "ingest"


def stored_votes(db: Path, resolution_id: int) -> dict[str, tuple[str, str]]:
    """code -> (vote letter, the name the file gave), read from the tables themselves."""
    conn = store_module.connect_read_only(db)
    try:
        rows = conn.execute(
            "SELECT v.code, v.vote, n.name FROM votes v JOIN member_names n ON n.id = v.name_id "
            "WHERE v.resolution_id = ? ORDER BY v.code",
            (resolution_id,),
        ).fetchall()
    finally:
        conn.close()
    return {code: (vote, name) for code, vote, name in rows}


SMALL_2025 = INGEST / "small_2025.csv"
SMALL_2024 = INGEST / "small_2024.csv"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "votes.db"


def test_2025_layout_builds_a_queryable_store(db: Path) -> None:
    summary = import_file(SMALL_2025, db)
    assert summary.layout == "2025"
    assert (summary.rows, summary.resolutions, summary.votes) == (15, 4, 15)
    with Store(db) as st:
        res = st.resolution("A/RES/35/1")
        assert res is not None
        assert res.title == "Question of Palestine"
        assert (res.yes, res.no, res.abstain, res.non_voting, res.total_members) == (3, 1, 1, 1, 6)
        assert res.session == "35"
        assert res.link == "https://digitallibrary.un.org/record/100"
        votes = stored_votes(db, res.id)
        assert votes["SUN"] == ("Y", "USSR")
        assert list(votes) == ["CIV", "ERI", "FRA", "SUN", "TUR", "USA"]
        assert votes["ERI"][0] == "X"


def test_titles_lose_the_catalogue_suffix_even_when_truncated(db: Path) -> None:
    import_file(SMALL_2025, db)
    with Store(db) as st:
        es = st.resolution("A/RES/ES-10/4")
        assert es is not None
        assert es.title == 'Illegal Israeli actions in occupied East Jerusalem, "and" the rest'
        assert es.session == "ES-10"


def test_empty_session_is_taken_from_the_symbol(db: Path) -> None:
    import_file(SMALL_2025, db)
    with Store(db) as st:
        res = st.resolution("A/RES/104(S-1)")
        assert res is not None and res.session == "S-1"


def test_member_names_keep_every_recorded_name_and_votes_point_at_theirs(db: Path) -> None:
    import_file(SMALL_2025, db)
    with Store(db) as st:
        countries = {c.code: c for c in st.countries()}
        civ = countries["CIV"]
        assert civ.name == "Cote d'Ivoire"  # the latest recorded name, readably cased
        assert civ.recorded_names == ("IVORY COAST", "COTE D'IVOIRE")
        assert (civ.first_date, civ.last_date) == ("1980-12-10", "2023-06-07")
        assert countries["TUR"].name == "Turkiye"
        assert countries["SUN"].former and countries["SUN"].name == "USSR"
        assert not countries["RUS"].former
        old = st.resolution("A/RES/35/1")
        new = st.resolution("A/RES/77/293")
        assert old is not None and new is not None
        assert stored_votes(db, old.id)["CIV"][1] == "IVORY COAST"
        assert stored_votes(db, new.id)["TUR"][1] == "TURKIYE"
    conn = store_module.connect_read_only(db)
    rows = conn.execute(
        "SELECT name, first_date, last_date FROM member_names WHERE code = 'TUR' ORDER BY 2"
    ).fetchall()
    assert rows == [("TURKEY", "1980-12-10", "1997-11-03"), ("TURKIYE", "2023-06-07", "2023-06-07")]


def test_2024_layout_maps_plural_columns_and_nv(db: Path) -> None:
    summary = import_file(SMALL_2024, db)
    assert summary.layout == "2024"
    assert summary.skipped_without_vote == 1  # the consensus row has no vote to record
    with Store(db) as st:
        res = st.resolution("A/RES/78/10")
        assert res is not None
        assert res.title == "Ocean affairs"
        assert res.session == "78"  # no session column: taken from the symbol
        assert res.agenda == "Oceans" and res.subjects == "OCEANS"
        assert stored_votes(db, res.id)["USA"][0] == "X"
        special = st.resolution("A/RES/S-32/1")
        assert special is not None and special.session == "S-32"
        assert st.resolution("A/RES/78/11") is None
        assert st.data_issues() == []


def test_tally_mismatch_is_reported_not_fixed(db: Path) -> None:
    summary = import_file(SMALL_2025, db)
    kinds = [(i.kind, i.symbol) for i in summary.issues]
    assert kinds == [("tally_mismatch", "A/RES/77/293")]
    with Store(db) as st:
        res = st.resolution("A/RES/77/293")
        assert res is not None
        assert (res.yes, res.no, res.abstain) == (1, 1, 2)  # the stated tally stays as stated
        assert st.data_issues()[0][0] == "tally_mismatch"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEADER = SMALL_2025.read_text(encoding="utf-8").splitlines()[0]


def _row(
    undl: str, code: str, vote: str, symbol: str = "A/RES/1/1", totals: str = "1,0,0,0,1"
) -> str:
    return f"{undl},{code},{code}LAND,{vote},2000-01-01,55,{symbol},,,,Some title,,,,{totals},"


def test_identical_duplicates_collapse_and_conflicts_are_reported(tmp_path: Path, db: Path) -> None:
    src = _write(
        tmp_path / "dups.csv",
        [
            HEADER,
            _row("1", "AAA", "Y", "A/1/L.5", "1,1,0,0,2"),
            _row("1", "BBB", "N", "A/1/L.5", "1,1,0,0,2"),
            _row("2", "AAA", "Y", "A/1/L.5", "1,1,0,0,2"),  # same votes under a second record id
            _row("2", "BBB", "Y", "A/1/L.5", "1,1,0,0,2"),  # ... but this one conflicts
        ],
    )
    summary = import_file(src, db)
    assert summary.duplicates_collapsed == 1
    assert summary.votes == 2
    kinds = sorted((i.kind, i.symbol, i.code) for i in summary.issues)
    assert kinds == [
        ("conflicting_duplicate", "A/1/L.5", "BBB"),
        ("draft_symbol", "A/1/L.5", ""),
        ("duplicate_record", "A/1/L.5", ""),
    ]
    conflict = next(i for i in summary.issues if i.kind == "conflicting_duplicate")
    assert "line 5" in conflict.detail
    with Store(db) as st:
        res = st.resolution("A/1/L.5")
        assert res is not None
        assert stored_votes(db, res.id)["BBB"][0] == "N"


def test_missing_symbol_is_kept_under_its_record_and_reported(tmp_path: Path, db: Path) -> None:
    src = _write(tmp_path / "missing.csv", [HEADER, _row("3836031", "AAA", "Y", "MISSING_DATA")])
    summary = import_file(src, db)
    assert [(i.kind, i.symbol) for i in summary.issues] == [
        ("placeholder_symbol", "MISSING_DATA-3836031")
    ]
    with Store(db) as st:
        assert st.resolution("MISSING_DATA-3836031") is not None
        assert st.resolution("MISSING_DATA") is None


def test_metadata_records_source_checksum_and_counts(db: Path, tmp_path: Path) -> None:
    named = tmp_path / "2025_7_23_ga_voting.csv"
    shutil.copy(SMALL_2025, named)
    import_file(named, db)
    with Store(db) as st:
        meta = st.metadata()
        cov = st.coverage()
    assert meta["schema_version"] == store_module.SCHEMA_VERSION
    assert meta["file_date"] == "2025-07-23"
    assert meta["sha256"] == hashlib.sha256(SMALL_2025.read_bytes()).hexdigest()
    assert (meta["rows"], meta["resolutions"], meta["votes"], meta["members"]) == (
        "15",
        "4",
        "15",
        "7",
    )
    assert meta["source"] == str(named)
    assert meta["imported_at"].endswith("+00:00")
    assert meta["importer_version"]
    assert (cov.first_date, cov.last_date) == ("1946-11-19", "2023-06-07")


def test_file_date_falls_back_to_the_newest_vote(db: Path) -> None:
    import_file(SMALL_2025, db)
    with Store(db) as st:
        assert st.metadata()["file_date"] == "2023-06-07"


def test_full_text_search_covers_title_subjects_and_agenda(db: Path) -> None:
    import_file(SMALL_2025, db)
    with Store(db) as st:
        hits = st.search_text("displaced")
        georgia = st.search_text("georgia")  # subjects only
        protracted = st.search_text("protracted")  # agenda only
        target = st.resolution("A/RES/77/293")
    assert target is not None
    assert [rid for rid, _ in hits] == [target.id]
    assert [rid for rid, _ in georgia] == [target.id]
    assert [rid for rid, _ in protracted] == [target.id]


@pytest.mark.parametrize("kind", ["gzip", "zip"])
def test_compressed_sources_give_the_same_database(tmp_path: Path, kind: str) -> None:
    if kind == "gzip":
        src = tmp_path / "votes.csv.gz"
        src.write_bytes(gzip.compress(SMALL_2025.read_bytes()))
    else:
        src = tmp_path / "votes.zip"
        with zipfile.ZipFile(src, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README_md.md", "notes")
            zf.write(SMALL_2025, "2025_9_19_ga_voting.csv")
    plain = import_file(SMALL_2025, tmp_path / "plain.db")
    packed = import_file(src, tmp_path / "packed.db")
    assert (packed.rows, packed.votes, packed.resolutions) == (
        plain.rows,
        plain.votes,
        plain.resolutions,
    )
    with Store(tmp_path / "plain.db") as a, Store(tmp_path / "packed.db") as b:
        assert list(a.iter_votes()) == list(b.iter_votes())
    if kind == "zip":
        assert packed.file_date == "2025-09-19"  # the date in the name of the CSV inside


def test_bom_and_crlf_are_accepted(tmp_path: Path, db: Path) -> None:
    text = SMALL_2025.read_text(encoding="utf-8").replace("\n", "\r\n")
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert import_file(src, db).votes == 15


def test_source_error_message_names_file_line_and_reason(tmp_path: Path, db: Path) -> None:
    src = _write(tmp_path / "bad.csv", [HEADER, _row("1", "AAA", "Y"), _row("1", "BBB", "Q")])
    with pytest.raises(SourceError) as info:
        import_file(src, db)
    assert str(info.value) == f"{src}: line 3: vote 'Q' is not one of Y, N, A, X or NV"
    assert not db.exists()


def test_a_draft_symbol_copying_an_adopted_resolution_is_named(tmp_path: Path, db: Path) -> None:
    src = _write(
        tmp_path / "copy.csv",
        [
            HEADER,
            _row("1", "AAA", "Y", "A/RES/1/1", "1,1,0,0,2"),
            _row("1", "BBB", "N", "A/RES/1/1", "1,1,0,0,2"),
            _row("2", "AAA", "Y", "A/1/L.9", "1,1,0,0,2"),
            _row("2", "BBB", "N", "A/1/L.9", "1,1,0,0,2"),
            _row("3", "AAA", "Y", "A/1/L.10", "1,1,0,0,2"),
            _row("3", "BBB", "Y", "A/1/L.10", "1,1,0,0,2"),
            _row("4", "AAA", "Y", "", "1,0,0,0,1"),
        ],
    )
    summary = import_file(src, db)
    details = {(i.kind, i.symbol): i.detail for i in summary.issues}
    assert "identical to A/RES/1/1 of the same day" in details[("draft_symbol", "A/1/L.9")]
    assert "no other record of that day" in details[("draft_symbol", "A/1/L.10")]
    assert ("placeholder_symbol", "NO_SYMBOL-4") in details
    assert ("draft_symbol", "NO_SYMBOL-4") not in details
    with Store(db) as store:
        assert store.resolution("A/1/L.9").repeat_of == "A/RES/1/1"
        assert store.resolution("A/1/L.10").repeat_of == ""
        assert store.resolution("A/RES/1/1").repeat_of == ""


def test_progress_counts_uncompressed_bytes_up_to_the_total(tmp_path: Path, db: Path) -> None:
    text = SMALL_2025.read_bytes()
    src = tmp_path / "votes.csv.gz"
    src.write_bytes(gzip.compress(text))
    calls: list[tuple[int, int]] = []
    import_file(src, db, progress=lambda done, total: calls.append((done, total)))
    assert calls, "no progress reported"
    assert calls[-1] == (len(text), len(text))  # gzip's trailer gives the total
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
