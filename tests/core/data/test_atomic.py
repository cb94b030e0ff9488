"""An import that is killed at any point leaves the previous database untouched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.data.ingest import SourceError, WriteError, import_file, remove_stale_temp_files
from bot.core.data.store import Store
from tests.paths import FIXTURES, PROJECT

SMALL_2025 = FIXTURES / "ingest" / "small_2025.csv"
SMALL_2024 = FIXTURES / "ingest" / "small_2024.csv"

# Runs the real CLI in a child process, pausing it at one phase of the import so the
# test can SIGKILL it there.
PAUSING_CLI = """
import os, sys, time
phase = sys.argv.pop(1)

def pause(*args, **kwargs):
    print("PAUSED", phase, flush=True)
    time.sleep(120)

if phase == "reading":  # the whole file has been read, no temp database yet
    import bot.core.data.records as target
    target.Parser.tally_issues = pause
elif phase == "writing":  # tables and indexes written into the temp database
    import sqlite_utils.db as target
    target.Table.enable_fts = pause
elif phase == "renaming":  # the temp database is complete and synced, not yet renamed
    os.replace = pause
from bot.cli import main
sys.argv[0] = "votebot"
main()
"""


def _synthetic_csv(path: Path, *, resolutions: int, members: int) -> Path:
    header = SMALL_2025.read_text(encoding="utf-8").splitlines()[0]
    codes = [f"C{i:02d}" for i in range(members)]
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for r in range(resolutions):
            symbol = f"A/RES/60/{r + 1}"
            tally = f"{members},0,0,0,{members}"
            for code in codes:
                out.write(
                    f"{r},{code},COUNTRY {code},Y,2005-11-{1 + r % 28:02d},60,{symbol},,,,"
                    f"Topic number {r},,,,{tally},\n"
                )
    return path


def _start(phase: str | None, source: Path, db: Path) -> subprocess.Popen[str]:
    args = ["data", "import", str(source), "--db", str(db)]
    prefix = [sys.executable, "-c", PAUSING_CLI, phase] if phase else [sys.executable, "-m", "bot"]
    return subprocess.Popen(
        [*prefix, *args],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


def _temp_files(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.tmp-*"))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("phase", ["reading", "writing", "renaming"])
def test_sigkill_mid_import_leaves_the_old_database_and_its_reader(
    tmp_path: Path, phase: str
) -> None:
    db = tmp_path / "votes.db"
    import_file(SMALL_2024, db)
    before = db.read_bytes()
    reader = Store(db)
    old = reader.resolution("A/RES/78/10")
    assert old is not None

    proc = _start(phase, SMALL_2025, db)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"PAUSED {phase}", proc.stderr.read() if proc.stderr else ""
        temps = _temp_files(db)
        if phase == "reading":
            assert temps == []
        else:
            assert len(temps) == 1 and temps[0].stat().st_size > 0  # really mid-build
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]

    assert db.read_bytes() == before
    assert not reader.replaced_on_disk()
    assert any(r.id == old.id for r in reader.resolutions())
    assert reader.resolution("A/RES/35/1") is None
    with Store(db) as fresh:
        assert fresh.metadata()["layout"] == "2024"
    reader.close()

    # The next import cleans up what the killed one left and swaps in the new data.
    import_file(SMALL_2025, db)
    assert _temp_files(db) == []
    with Store(db) as st:
        assert st.resolution("A/RES/35/1") is not None


@pytest.mark.timeout(300)
def test_sigkill_at_random_moments_never_leaves_a_broken_database(tmp_path: Path) -> None:
    source = _synthetic_csv(tmp_path / "big.csv", resolutions=300, members=150)
    db = tmp_path / "votes.db"
    import_file(SMALL_2024, db)
    old_bytes = db.read_bytes()
    started = time.perf_counter()
    proc = _start(None, source, db)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    full = time.perf_counter() - started
    db.write_bytes(old_bytes)

    outcomes = []
    for fraction in (0.15, 0.35, 0.55, 0.75, 0.9):
        proc = _start(None, source, db)
        time.sleep(full * fraction)
        proc.kill()
        proc.communicate(timeout=30)
        with Store(db) as st:  # always a complete database: the old one or the new one
            votes = st.coverage().votes
        if db.read_bytes() == old_bytes:
            outcomes.append("old")
        else:
            assert votes == 300 * 150
            outcomes.append("new")
            db.write_bytes(old_bytes)
    remove_stale_temp_files(db)
    assert _temp_files(db) == []
    assert "old" in outcomes  # at least one kill landed before the rename


def test_a_reader_keeps_the_old_file_while_a_new_one_is_swapped_in(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    import_file(SMALL_2024, db)
    reader = Store(db)
    try:
        import_file(SMALL_2025, db)
        assert reader.replaced_on_disk()
        assert reader.resolution("A/RES/78/10") is not None  # still the old file
        assert reader.resolution("A/RES/35/1") is None
        with Store(db) as fresh:
            assert fresh.resolution("A/RES/35/1") is not None
            assert fresh.resolution("A/RES/78/10") is None
    finally:
        reader.close()


def test_a_failed_import_removes_its_temp_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "votes.db"
    import_file(SMALL_2024, db)
    before = db.read_bytes()
    import sqlite_utils.db

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sqlite_utils.db.Table, "enable_fts", broken)
    with pytest.raises(WriteError, match=r"votes.db: cannot write the new database \(disk full\)"):
        import_file(SMALL_2025, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["votes.db"]


def test_temp_files_of_a_live_import_are_not_removed(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    mine = tmp_path / f"votes.db.tmp-{os.getpid()}-1"
    dead = tmp_path / "votes.db.tmp-999999999-1"  # no such process
    mine.write_bytes(b"x")
    dead.write_bytes(b"x")
    assert remove_stale_temp_files(db) == [dead]
    assert mine.exists()


def test_bad_input_creates_no_temp_file(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    bad = tmp_path / "bad.csv"
    bad.write_text("nonsense\n", encoding="utf-8")
    with pytest.raises(SourceError):
        import_file(bad, db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]
