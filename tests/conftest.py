"""Shared fixtures. Real-data tests read ../shared/data at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT.parent / "shared" / "data" / "unga-votes.csv.gz"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_csv() -> Path:
    if not SHARED_DATA.is_file():
        pytest.fail(f"the shared data file is missing: {SHARED_DATA}")
    return SHARED_DATA
