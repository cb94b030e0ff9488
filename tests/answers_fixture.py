"""The hand-written answers fixture (fixtures/answers-votes.csv), counted in plain Python,
and databases built from a CSV the way an operator builds them.

Expected values in the answers, asking and chart tests come from these counts, not from
the code under test.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli
from bot.core.answers.facade import Answers
from tests.paths import DATA, FIXTURES

FIXTURE = FIXTURES / "answers-votes.csv"
NAMES = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}


def fixture_rows() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(symbol -> {code: vote letter}, symbol -> date)"""
    votes: dict[str, dict[str, str]] = {}
    dates: dict[str, str] = {}
    with FIXTURE.open(newline="") as fh:
        for row in csv.DictReader(fh):
            votes.setdefault(row["resolution"], {})[row["ms_code"]] = row["ms_vote"]
            dates[row["resolution"]] = row["date"]
    return votes, dates


ROWS, DATES = fixture_rows()


def codes_with(symbol: str, letter: str) -> set[str]:
    return {c for c, v in ROWS[symbol].items() if v == letter}


def count_agreement(
    votes: dict[str, dict[str, str]],
    dates: dict[str, str],
    a: str,
    b: str,
    since: str = "",
    until: str = "",
) -> tuple[float, float, int, int]:
    """(agreement, coincidence, both voted Y/N/A, both voted Y/N), counted row by row."""
    both = same = yn = same_yn = 0
    for symbol, row in votes.items():
        date = dates[symbol]
        if date < since or (until and date[: len(until)] > until):
            continue
        va, vb = row.get(a, "-"), row.get(b, "-")
        if va in "YNA" and vb in "YNA":
            both += 1
            same += va == vb
            if va in "YN" and vb in "YN":
                yn += 1
                same_yn += va == vb
    return (same / both if both else 0.0, same_yn / yn if yn else 0.0, both, yn)


def import_csv(source: Path, db: Path) -> Path:
    """Build a database with `votebot data import`, as an operator would."""
    result = CliRunner().invoke(cli, ["data", "import", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def open_answers(db: Path) -> Iterator[Answers]:
    opened = Answers.open(db, aliases_dir=DATA)
    yield opened
    opened.close()
