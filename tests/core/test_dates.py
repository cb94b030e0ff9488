"""Dates in what people type: a day, a month, a year, a month without a year, a session,
and periods said relatively ("last year", "in the 2010s", "before 1990")."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dates import find_date, read_when, session_of, session_span
from bot.core.names.resolutions.text import normalize


def test_extract_date_forms() -> None:
    when, rest = find_date(normalize("gaza ceasefire 27 October 2023"))
    assert when is not None and when.first == "2023-10-27" and rest == "gaza ceasefire"
    when, rest = find_date(normalize("cuba embargo 2016"))
    assert (
        when is not None
        and when.first == "2016-01-01"
        and when.last == "2016-12-31"
        and rest == "cuba embargo"
    )
    when, _ = find_date(normalize("ukraine 2022-03-02"))
    assert when is not None and when.first == "2022-03-02"
    assert find_date("no date here") == (None, "no date here")


def test_a_month_without_a_year() -> None:
    when, rest = find_date(normalize("the ukraine vote in October"))
    assert when is not None and when.month == 10 and rest == "the ukraine vote in"
    assert when.contains("2022-10-12") and not when.contains("2022-03-02")
    assert find_date("may day") == (None, "may day")  # 'may' is a word first
    assert find_date("dec vote")[0] is None


TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "first", "last", "rest"),
    [
        ("cuba embargo last year", "2025-01-01", "2025-12-31", "cuba embargo"),
        ("last years cuba embargo vote", "2025-01-01", "2025-12-31", "cuba embargo vote"),
        ("this year jerusalem", "2026-01-01", "2026-12-31", "jerusalem"),
        ("gaza last session", "2025-09-01", "2026-09-31", "gaza"),
        ("gaza this session", "2026-09-01", "2027-09-31", "gaza"),
        ("myanmar in the 2010s", "2010-01-01", "2019-12-31", "myanmar"),
        ("apartheid in the 80s", "1980-01-01", "1989-12-31", "apartheid"),
        ("afghanistan before 1990", "0000-00-00", "1989-12-31", "afghanistan"),
        ("cuba since 2016", "2016-01-01", "9999-99-99", "cuba"),
        ("cuba after 2016", "2017-01-01", "9999-99-99", "cuba"),
        ("bosnia between 1995 and 1992", "1992-01-01", "1995-12-31", "bosnia"),
        ("cuba embargo 2016", "2016-01-01", "2016-12-31", "cuba embargo"),
        ("cuba embargo 71st session", "2016-09-01", "2017-09-31", "cuba embargo"),
    ],
)
def test_periods_in_a_reference(text: str, first: str, last: str, rest: str) -> None:
    span, words = read_when(text, TODAY)
    assert span is not None and (span.first, span.last) == (first, last)
    assert words == rest


def test_the_session_of_a_day() -> None:
    assert session_of(date(2026, 12, 2)) == 81  # opened in September 2026
    assert session_of(date(2026, 6, 1)) == 80
    assert session_span(71).contains("2017-03-01") and not session_span(71).contains("2017-10-01")


def test_a_reference_without_a_period() -> None:
    assert read_when("the suez ceasefire", TODAY) == (None, "the suez ceasefire")
