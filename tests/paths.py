"""Where the suite finds the project, its curated data, the fixtures and the shared data."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
DATA = PROJECT / "data"  # the curated names files (countries.toml, words.toml, landmarks/)
FIXTURES = TESTS / "fixtures"
EVAL = TESTS / "eval"
SHARED_DATA = PROJECT.parent / "shared" / "data" / "unga-votes.csv.gz"
