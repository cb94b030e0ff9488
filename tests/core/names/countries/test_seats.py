"""Country matching over time: who held a seat at a date, the notes that say so, and the
name a seat was recorded under then."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.data.store import Store
from bot.core.names.countries.matcher import CountryMatcher
from tests.core.names.countries.sample import ALIASES


@pytest.mark.parametrize(
    ("query", "on_date", "code", "note_mentions"),
    [
        ("Russia", "1980", "SUN", "USSR"),
        ("Russian Federation", "1960-10-12", "SUN", "USSR"),
        ("Russia", "1991", "SUN", "USSR"),  # the 1991 votes were the USSR's
        ("Russia", "1992", "RUS", ""),
        ("USSR", "2000", "RUS", "Russia"),
        ("Germany", "1990", "DEU", ""),  # every 1990 vote came after unification
        ("West Germany", "2003", "DEU", "Germany"),
        ("East Germany", "2010-05-01", "DEU", "Germany"),
        ("Czech Republic", "1980", "CSK", "Czechoslovakia"),
        ("Serbia", "1985", "YUG", "Yugoslavia"),
        ("Montenegro", "1990", "YUG", "Yugoslavia"),
        ("Montenegro", "2005", "SCG", "Serbia and Montenegro"),
        ("Yugoslavia", "2004", "SCG", "Serbia and Montenegro"),
        ("South Yemen", "2000", "YEM", "Yemen"),
        ("Zanzibar", "1990", "TZA", "Tanzania"),
        ("Yemen", "1960", "YEM", ""),
        ("North Yemen", "1980", "YEM", ""),  # names one of the two seats, not the merger
        ("Germany", "1972", "DEU", "no recorded vote"),  # neither German state had a seat
    ],
)
def test_time_aware(
    matcher: CountryMatcher, query: str, on_date: str, code: str, note_mentions: str
) -> None:
    result = matcher.resolve(query, on_date=on_date)
    assert result.status == "match" and result.best is not None
    assert result.best.id == code
    if note_mentions:
        assert note_mentions in result.note
    else:
        assert result.note == ""


def test_not_yet_a_member_is_said(matcher: CountryMatcher) -> None:
    result = matcher.resolve("South Sudan", on_date="1990")
    assert result.best is not None and result.best.id == "SSD"
    assert "2011-01-01" in result.note


@pytest.mark.parametrize("bad", ["85", "1985-3-1", "yesterday", "1985/03/01"])
def test_bad_date_is_a_clear_error(matcher: CountryMatcher, bad: str) -> None:
    with pytest.raises(ValueError, match="1985-03-01"):
        matcher.resolve("France", on_date=bad)


# --- the name a seat was recorded under at the time ------------------------------------


@pytest.mark.parametrize(
    ("query", "on_date", "recorded"),
    [
        ("Myanmar", "1970", "Burma"),
        ("Burma", "1970-03-01", "Burma"),
        ("DR Congo", "1965", "Congo (Leopoldville)"),
        ("DRC", "1980", "Zaire"),
        ("Turkey", "2000", "Turkey"),  # renamed Türkiye in 2022
    ],
)
def test_a_date_notes_the_name_the_seat_had_then(
    named_matcher: CountryMatcher, query: str, on_date: str, recorded: str
) -> None:
    result = named_matcher.resolve(query, on_date=on_date)
    assert result.status == "match" and result.best is not None
    assert f"was recorded as {recorded}." in result.note
    assert result.best.note == result.note


@pytest.mark.parametrize(
    ("query", "on_date"),
    [
        ("Myanmar", "2020"),  # today's name
        ("Myanmar", None),  # no date
        ("Turkey", "2024"),  # today's name, recorded beside an older spelling
    ],
)
def test_no_name_note_when_the_name_is_today_s(
    named_matcher: CountryMatcher, query: str, on_date: str | None
) -> None:
    result = named_matcher.resolve(query, on_date=on_date)
    assert result.status == "match"
    assert "recorded as" not in result.note


def test_the_store_gives_the_name_periods(seats_db: Path) -> None:
    with Store(seats_db) as store:
        periods = store.name_periods()
        matcher = CountryMatcher.from_store(store, aliases_dir=ALIASES.parent)
    assert ("MMR", "BURMA") in {(code, name) for code, name, _, _ in periods}
    assert all(first <= last for _, _, first, last in periods)
    assert matcher.resolve("Myanmar", on_date="2020").status == "match"
