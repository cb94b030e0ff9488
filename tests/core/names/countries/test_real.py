"""The country matcher over every seat of the shared data file (slow)."""

from __future__ import annotations

import pytest

from bot.core.models import Country
from bot.core.names.countries.matcher import CountryMatcher
from tests.country_data import load_eval_table


@pytest.mark.slow
def test_every_seat_reachable_by_code_and_recorded_names(
    real_matcher: CountryMatcher, real_seats: list[Country]
) -> None:
    assert len(real_seats) == 201
    missed = []
    for country in real_seats:
        for text in (country.code, *country.recorded_names):
            result = real_matcher.resolve(text)
            found = {result.best.id} if result.status == "match" and result.best else set()
            if result.status == "ambiguous":
                found = {c.id for c in result.candidates}
            if country.code not in found:
                missed.append((text, country.code, result.status))
    assert missed == []


@pytest.mark.slow
def test_evaluation_table(real_matcher: CountryMatcher) -> None:
    rows = load_eval_table()
    assert len(rows) >= 300
    right, false_matches, negatives = 0, 0, 0
    for row in rows:
        result = real_matcher.resolve(row.query, on_date=row.date)
        if result.status == "match" and result.best is not None:
            codes = frozenset({result.best.id})
        else:
            codes = frozenset(c.id for c in result.candidates)
        if row.negative:
            negatives += 1
            false_matches += result.status == "match"
        else:
            right += row.met_by(result.status, codes)
    assert right / (len(rows) - negatives) >= 0.98
    assert false_matches / negatives <= 0.03


@pytest.mark.slow
def test_china_before_1971_names_the_government_that_voted(real_matcher: CountryMatcher) -> None:
    matcher = real_matcher
    for when in ("1960", "1971-10-25"):
        result = matcher.resolve("China", on_date=when)
        assert result.ok and result.best is not None and result.best.id == "CHN"
        assert "Republic of China (Taiwan)" in result.note
    assert "Taiwan" not in matcher.resolve("China", on_date="1971-10-26").note
    assert "Taiwan" not in matcher.resolve("China").note
