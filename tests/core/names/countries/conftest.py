"""The country matchers the tests share: over the hand-written seats (sample.py), with and
without the names the seats were recorded under, over those and more of today's seats,
and over every seat of the shared file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.models import Country
from bot.core.names.countries.matcher import CountryMatcher
from tests.core.names.countries.sample import (
    ALIASES,
    MORE_SEATS,
    NAME_PERIODS,
    SEATS,
    write_seats_db,
)
from tests.country_data import countries_from_csv


@pytest.fixture(scope="module")
def matcher() -> CountryMatcher:
    return CountryMatcher(SEATS, aliases_path=ALIASES)


@pytest.fixture(scope="session")
def wide_matcher() -> CountryMatcher:
    """The hand-written seats and more of today's."""
    return CountryMatcher([*SEATS, *MORE_SEATS], aliases_path=ALIASES)


@pytest.fixture(scope="module")
def named_matcher() -> CountryMatcher:
    return CountryMatcher(SEATS, aliases_path=ALIASES, name_periods=NAME_PERIODS)


@pytest.fixture
def seats_db(tmp_path: Path) -> Path:
    """A database with the schema and the countries of SEATS, and no votes."""
    return write_seats_db(tmp_path / "votes.db")


@pytest.fixture(scope="module")
def real_seats(request: pytest.FixtureRequest) -> list[Country]:
    return countries_from_csv(request.getfixturevalue("shared_csv"))


@pytest.fixture(scope="module")
def real_matcher(real_seats: list[Country]) -> CountryMatcher:
    return CountryMatcher(real_seats, aliases_path=ALIASES)
