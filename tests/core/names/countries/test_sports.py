"""Sports codes (the Olympic movement's and FIFA's) as people type them in chat: read in
capitals, in lower case only where that is no word, and GER by the date."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.names.countries.matcher import CountryDataError, CountryMatcher
from tests.core.names.countries.sample import SEATS


@pytest.mark.parametrize(
    ("code", "seat"),
    [
        ("GER", "DEU"),
        ("NED", "NLD"),
        ("SUI", "CHE"),
        ("DEN", "DNK"),
        ("POR", "PRT"),
        ("CRO", "HRV"),
        ("RSA", "ZAF"),
        ("GRE", "GRC"),
        ("BUL", "BGR"),
        ("MAS", "MYS"),
        ("INA", "IDN"),
        ("PHI", "PHL"),
        ("KSA", "SAU"),
        ("UAE", "ARE"),
        ("CHI", "CHL"),
        ("ALG", "DZA"),
        ("ANG", "AGO"),
        ("ZIM", "ZWE"),
        ("ZAM", "ZMB"),
        ("BRU", "BRN"),
        ("URU", "URY"),
        ("MON", "MCO"),
        ("LAT", "LVA"),
        ("ENG", "GBR"),
    ],
)
def test_sports_codes_in_capitals(wide_matcher: CountryMatcher, code: str, seat: str) -> None:
    result = wide_matcher.resolve(code)
    assert result.status == "match"
    assert result.best is not None and result.best.id == seat


@pytest.mark.parametrize("word", ["den", "por", "mas", "chi", "gre", "ina", "phi", "mon", "Den"])
def test_a_code_that_is_a_word_is_not_read_in_lower_case(
    wide_matcher: CountryMatcher, word: str
) -> None:
    assert wide_matcher.resolve(word).status == "none"


@pytest.mark.parametrize(
    ("text", "seat"), [("ger", "DEU"), ("Ger", "DEU"), ("ned", "NLD"), ("sui", "CHE")]
)
def test_codes_that_are_no_word_are_read_in_any_case(
    wide_matcher: CountryMatcher, text: str, seat: str
) -> None:
    result = wide_matcher.resolve(text)
    assert result.status == "match" and result.best is not None
    assert result.best.id == seat


@pytest.mark.parametrize(
    ("code", "on_date", "seat"),
    [
        ("GER", None, "DEU"),
        ("GER", "1985", "GER"),  # the vote file's code for West Germany
        ("GER", "1990-10-02", "GER"),
        ("GER", "1990-10-03", "DEU"),  # unification
        ("GER", "2000", "DEU"),
        ("FRG", "1980", "GER"),
        ("GDR", "1980", "DDR"),
        ("URS", "1980", "SUN"),
        ("URS", "2000", "RUS"),  # the USSR's seat, held by Russia then
    ],
)
def test_sports_codes_with_dates(
    wide_matcher: CountryMatcher, code: str, on_date: str | None, seat: str
) -> None:
    result = wide_matcher.resolve(code, on_date=on_date)
    assert result.status == "match" and result.best is not None
    assert result.best.id == seat


@pytest.mark.parametrize(("code", "seat"), [("SUD", "SDN"), ("GUI", "GIN"), ("CGO", "COG")])
def test_a_code_names_one_seat_where_the_name_is_ambiguous(
    wide_matcher: CountryMatcher, code: str, seat: str
) -> None:
    """A team's code is its own: SUD is Sudan, though "Sudan" is also South Sudan's word."""
    result = wide_matcher.resolve(code)
    assert result.status == "match" and result.best is not None
    assert result.best.id == seat


def test_a_code_of_two_seats_is_ambiguous(wide_matcher: CountryMatcher) -> None:
    # Brunei's ISO code, and Bahrain's Olympic one; in lower case only the ISO code.
    result = wide_matcher.resolve("BRN")
    assert result.status == "ambiguous"
    assert {c.id for c in result.candidates} == {"BRN", "BHR"}
    lower = wide_matcher.resolve("brn")
    assert lower.status == "match" and lower.best is not None and lower.best.id == "BRN"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("TPE", "Chinese Taipei holds no seat"),
        ("PUR", "Puerto Rico holds no seat"),
        ("KOS", "Kosovo never held a seat"),
        ("PLE", "Palestine is an observer"),
        ("RHO", "Rhodesia never held a seat"),
    ],
)
def test_codes_of_teams_without_a_seat(wide_matcher: CountryMatcher, code: str, says: str) -> None:
    result = wide_matcher.resolve(code)
    assert result.status == "none"
    assert result.candidates == ()
    assert says in result.note


def test_sports_codes_are_data(tmp_path: Path) -> None:
    names = tmp_path / "countries.toml"
    names.write_text('[sports.codes]\nXYZ = "FRA"\n', encoding="utf-8")
    matcher = CountryMatcher(SEATS, aliases_path=names)
    result = matcher.resolve("XYZ")
    assert result.status == "match" and result.best is not None and result.best.id == "FRA"
    assert matcher.resolve("GER").best is not None  # the file's own code for West Germany
    assert matcher.resolve("NED").status == "none"  # not in this file


@pytest.mark.parametrize(
    "table",
    [
        '[sports.codes]\nxyz = "FRA"\n',
        "[sports.codes]\nXYZ = 3\n",
        '[sports]\nany_case = ["QQQ"]\n',
    ],
)
def test_a_bad_sports_code_names_the_file(tmp_path: Path, table: str) -> None:
    names = tmp_path / "countries.toml"
    names.write_text(table, encoding="utf-8")
    with pytest.raises(CountryDataError, match=r"countries\.toml"):
        CountryMatcher(SEATS, aliases_path=names)
