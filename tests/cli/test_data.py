"""`votebot data ...`: exit codes, messages and the old database after bad input."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.core.data.ingest import import_file
from bot.core.data.store import Store
from tests.paths import FIXTURES, PROJECT

SMALL_2025 = FIXTURES / "ingest" / "small_2025.csv"
SMALL_2024 = FIXTURES / "ingest" / "small_2024.csv"
GOOD = SMALL_2025.read_text(encoding="utf-8").splitlines()
HEADER, ROW = GOOD[0], GOOD[1]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=True)


@pytest.fixture()
def old_db(tmp_path: Path) -> Path:
    db = tmp_path / "votes.db"
    import_file(SMALL_2024, db)
    return db


def _text(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bad_inputs(tmp: Path) -> list[tuple[str, Path, str]]:
    """(case, file, expected message after "<file>: "; a regular expression for gzip)."""
    cases: list[tuple[str, Path, str]] = []

    def add(case: str, path: Path, message: str) -> None:
        cases.append((case, path, message))

    add(
        "short line",
        _text(tmp / "short.csv", [HEADER, ROW, ROW.rsplit(",", 1)[0]]),
        "line 3: malformed CSV line: expected 20 fields, found 19",
    )
    add(
        "unclosed quote",
        _text(tmp / "quote.csv", [HEADER, ROW, ROW.replace(",Question", ',"Question')]),
        "line 3: malformed CSV line (unexpected end of data)",
    )
    latin = tmp / "latin1.csv"
    accented = ROW.replace("UNITED STATES", "ÉTATS-UNIS")
    latin.write_bytes(f"{HEADER}\n{ROW}\n{accented}\n".encode("latin-1"))
    add("latin-1", latin, "line 3: not UTF-8 text (byte 0xc9 at column 9); the UN file is UTF-8")
    utf16 = tmp / "utf16.csv"
    utf16.write_bytes(SMALL_2025.read_text(encoding="utf-8").encode("utf-16"))
    add("utf-16", utf16, "line 1: not UTF-8 text (byte 0xff at column 1)")
    trunc = tmp / "truncated.csv.gz"
    packed = gzip.compress((SMALL_2025.read_text(encoding="utf-8") * 20).encode())
    trunc.write_bytes(packed[: len(packed) // 2])
    add(
        "truncated gzip",
        trunc,
        r"line \d+: the compressed data is truncated or damaged after this line "
        r"\(Compressed file ended before the end-of-stream marker was reached\)",
    )
    empty = tmp / "empty.csv"
    empty.write_bytes(b"")
    add("empty", empty, "the file is empty")
    add("header only", _text(tmp / "header.csv", [HEADER]), "the file has a header but no")
    add(
        "other layout",
        _text(tmp / "other.csv", ["country,year,vote", "FRA,1990,Y"]),
        "line 1: not the UN General Assembly voting layout: missing column(s) ms_code, "
        "ms_name, date, resolution, title, total_yes, total_no, "
        "total_abstentions, total_non_voting (the header has: country, year, vote)",
    )
    add(
        "html",
        _text(tmp / "page.csv", ["<!DOCTYPE html>", "<html><body>Just a moment</body></html>"]),
        "is an HTML page, not the CSV voting file",
    )
    add("missing", tmp / "nowhere.csv", "no such file")
    add("directory", tmp, "is a directory, not a CSV file")
    add(
        "bad vote",
        _text(tmp / "vote.csv", [HEADER, ROW, ROW.replace(",N,", ",maybe,")]),
        "line 3: vote 'maybe' is not one of Y, N, A, X or NV",
    )
    add(
        "bad date",
        _text(tmp / "date.csv", [HEADER, ROW.replace("1980-12-10", "10/12/1980")]),
        "line 2: date '10/12/1980' is not YYYY-MM-DD",
    )
    add(
        "bad total",
        _text(tmp / "total.csv", [HEADER, ROW.replace(",3,1,1,1,6,", ",three,1,1,1,6,")]),
        "line 2: total_yes 'three' is not a whole number",
    )
    no_csv = tmp / "nothing.zip"
    with zipfile.ZipFile(no_csv, "w") as zf:
        zf.writestr("README.md", "no data here")
    add("zip without csv", no_csv, "the zip archive holds no .csv file")
    return cases


@pytest.mark.parametrize(
    "case",
    [
        "short line",
        "unclosed quote",
        "latin-1",
        "utf-16",
        "truncated gzip",
        "empty",
        "header only",
        "other layout",
        "html",
        "missing",
        "directory",
        "bad vote",
        "bad date",
        "bad total",
        "zip without csv",
    ],
)
def test_bad_input_names_file_line_and_reason_and_keeps_the_old_db(
    case: str, old_db: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _, path, message = next(c for c in _bad_inputs(inputs) if c[0] == case)
    before = old_db.read_bytes()
    result = run("data", "import", str(path), "--db", str(old_db))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    if case == "truncated gzip":
        assert re.search(f"Error: {re.escape(str(path))}: {message}", result.output)
    else:
        assert f"Error: {path}: {message}" in result.output
    assert f"The database at {old_db} was not changed." in result.output
    assert "Traceback" not in result.output
    assert old_db.read_bytes() == before
    assert sorted(p.name for p in old_db.parent.iterdir()) == ["inputs", "votes.db"]


def test_unreachable_url_is_an_error_without_traceback(old_db: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/2026_02_06_ga_voting.csv"
    result = run("data", "import", url, "--db", str(old_db))
    assert result.exit_code == 1
    assert f"Error: {url}: cannot connect" in result.output
    with Store(old_db) as st:
        assert st.metadata()["layout"] == "2024"


def test_import_prints_a_summary_with_the_data_issues(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    result = run("data", "import", str(SMALL_2025), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"Imported {SMALL_2025} into {db}" in result.output
    assert (
        "15 rows -> 4 resolutions, 15 votes, 7 members, 1946-11-19 to 2023-06-07" in result.output
    )
    assert "1 data issue(s): 1 tally_mismatch" in result.output
    assert "A/RES/77/293: counted Y/N/A/X 1/2/1/0" in result.output
    assert len(result.output.splitlines()) <= 24  # one screen
    assert "\r" not in result.output  # no progress bar when not on a terminal


def test_db_path_comes_from_votebot_db(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    result = run("data", "import", str(SMALL_2025), env={"VOTEBOT_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert Store(db).coverage().votes == 15


def test_info_prints_coverage(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    import_file(SMALL_2025, db)
    result = run("data", "info", "--db", str(db))
    assert result.exit_code == 0
    for expected in (
        "Votes from:   1946-11-19 to 2023-06-07",
        "Resolutions:  4",
        "Votes:        15",
        "Members:      7",
        f"Source:       {SMALL_2025}",
        "File date:    2023-06-07",
        "Data issues:  1",
    ):
        assert expected in result.output


def test_check_lists_issues_and_exits_zero(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    import_file(SMALL_2025, db)
    result = run("data", "check", "--db", str(db))
    assert result.exit_code == 0
    assert "1 data issue(s)" in result.output
    assert "tally_mismatch" in result.output and "A/RES/77/293" in result.output


@pytest.mark.parametrize("command", ["info", "check"])
def test_info_and_check_without_a_database(tmp_path: Path, command: str) -> None:
    result = run("data", command, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert "no vote database at" in result.output and "Traceback" not in result.output


def test_help_documents_the_exit_codes() -> None:
    result = run("data", "--help")
    assert "Exit codes:" in result.output
    assert "1  bad input or an unreachable source" in result.output
    check = run("data", "check", "--help")
    assert "Exits 0 even when there are issues" in check.output


def test_update_uses_votebot_data_source_and_skips_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DATA_SOURCE": str(SMALL_2025), "VOTEBOT_DB": str(db)}
    first = run("data", "update", env=env)
    assert first.exit_code == 0, first.output
    assert "Imported" in first.output
    second = run("data", "update", env=env)
    assert second.exit_code == 0
    assert "Already up to date" in second.output and "nothing imported" in second.output


def test_a_real_process_reports_bad_input_on_stderr_without_traceback(tmp_path: Path) -> None:
    bad = _text(tmp_path / "bad.csv", [HEADER, ROW.replace(",N,", ",Q,")])
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "data", "import", str(bad), "--db", str(tmp_path / "v.db")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert proc.returncode == 1
    assert f"Error: {bad}: line 2: vote 'Q' is not one of Y, N, A, X or NV" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "v.db").exists()


def test_a_database_path_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run("data", "import", str(SMALL_2025), "--db", str(blocker / "votes.db"))
    assert result.exit_code == 1
    assert f"Error: {blocker / 'votes.db'}: cannot create its folder (a file is in the way)" in (
        result.output
    )
    assert "Traceback" not in result.output
