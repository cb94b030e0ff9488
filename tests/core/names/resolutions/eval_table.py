"""The resolution evaluation table (eval/resolutions.tsv): its rows, and whether a match
meets a row's expectation. The same rules as bench/bench_match_resolution.py, which
prints the accuracy per kind; the tests do not import from bench/."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import Match
from tests.paths import EVAL

EVAL_TABLE = EVAL / "resolutions.tsv"


def load_table(path: Path = EVAL_TABLE) -> list[tuple[str, str, str]]:
    """(query, expected, kind) rows: expected is a symbol, NONE (no confident match) or
    AMBIGUOUS[:symbol,...] (an ambiguous answer whose candidates include those symbols)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number == 1 or not line.strip():
            continue
        query, expected, kind = line.split("\t")
        rows.append((query, expected, kind))
    return rows


def is_correct(match: Match, expected: str) -> bool:
    if expected == "NONE":
        return match.status == "none"
    if expected.startswith("AMBIGUOUS"):
        if match.status != "ambiguous":
            return False
        wanted = expected.partition(":")[2]
        ids = {c.id for c in match.candidates}
        return all(symbol in ids for symbol in wanted.split(",") if symbol)
    # a vote is read right when it is answered: a match, or a best guess saying so
    return match.ok and match.best is not None and match.best.id in expected.split("|")
