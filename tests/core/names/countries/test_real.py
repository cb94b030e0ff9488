"""The country matcher over every seat of the shared data file (slow)."""

from __future__ import annotations

import pycountry
import pytest

from bot.core.models import Country
from bot.core.names.countries.matcher import CountryMatcher
from bot.core.names.countries.translations import UN_LANGUAGES, translations_of
from tests.country_data import load_eval_table


@pytest.mark.slow
def test_every_seat_reachable_by_code_and_recorded_names_at_its_time(
    real_matcher: CountryMatcher, real_seats: list[Country]
) -> None:
    assert len(real_seats) == 201
    missed = []
    for country in real_seats:
        for text, on_date in [
            *((t, None) for t in (country.code, *country.recorded_names) if t != "GER"),
            # on the seat's own last vote: GER, a sports code, names Germany today
            *((t, country.last_date) for t in (country.code, *country.recorded_names)),
        ]:
            result = real_matcher.resolve(text, on_date=on_date)
            found = {result.best.id} if result.status == "match" and result.best else set()
            if result.status == "ambiguous":
                found = {c.id for c in result.candidates}
            if country.code not in found:
                missed.append((text, on_date, country.code, result.status))
    assert missed == []


@pytest.mark.slow
def test_evaluation_table(real_matcher: CountryMatcher) -> None:
    rows = load_eval_table()
    assert len(rows) >= 300
    right, false_matches, negatives = 0, 0, 0
    for row in rows:
        result = real_matcher.resolve(row.query, on_date=row.date)
        if result.ok and result.best is not None:
            codes = frozenset({result.best.id})
        else:
            codes = frozenset(c.id for c in result.candidates)
        if row.negative:
            negatives += 1
            false_matches += result.ok
        else:
            right += row.met_by(result.status, codes)
    assert right / (len(rows) - negatives) >= 0.99
    assert false_matches / negatives <= 0.01


@pytest.mark.slow
def test_china_before_1971_names_the_government_that_voted(real_matcher: CountryMatcher) -> None:
    matcher = real_matcher
    for when in ("1960", "1971-10-25"):
        result = matcher.resolve("China", on_date=when)
        assert result.ok and result.best is not None and result.best.id == "CHN"
        assert "Republic of China (Taiwan)" in result.note
    assert "Taiwan" not in matcher.resolve("China", on_date="1971-10-26").note
    assert "Taiwan" not in matcher.resolve("China").note


@pytest.mark.slow
def test_every_member_by_its_names_in_the_five_languages(
    real_matcher: CountryMatcher, real_seats: list[Country]
) -> None:
    """pycountry's name of each of today's members, in French, Spanish, Russian, Chinese
    and Arabic, finds it: as the one seat, or among the seats of an ambiguous name."""
    missed = []
    for country in real_seats:
        entry = pycountry.countries.get(alpha_3=country.code)
        if country.former or entry is None:
            continue
        for language in UN_LANGUAGES:
            for name in translations_of(entry.name, [language]):
                result = real_matcher.resolve(name)
                found = {c.id for c in result.candidates} if result.status == "ambiguous" else set()
                if result.ok and result.best is not None:
                    found = {result.best.id}
                if country.code not in found:
                    missed.append((country.code, language, name, result.status))
    assert missed == []


@pytest.mark.slow
def test_no_name_in_another_language_is_a_wrong_seat(real_matcher: CountryMatcher) -> None:
    """The name of one seat, in any of the five languages, never answers for another."""
    wrong = []
    for entry in pycountry.countries:
        for language in UN_LANGUAGES:
            for name in translations_of(entry.name, [language]):
                result = real_matcher.resolve(name)
                if result.ok and result.best is not None and result.best.id != entry.alpha_3:
                    wrong.append((entry.alpha_3, language, name, result.best.id))
    assert wrong == []
