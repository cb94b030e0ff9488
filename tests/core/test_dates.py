"""Dates in what people type: a day, a month, a year, a month without a year."""

from __future__ import annotations

from bot.core.dates import find_date
from bot.core.names.resolutions.text import (
    normalize,
)


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
