"""CountryMatcher: names, codes, typos, ambiguity, junk, and lookups by code.

The matchers (`matcher`, over the hand-written seats of sample.py) are in conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.data.store import Store
from bot.core.names.countries.matcher import CountryMatcher
from tests.core.names.countries.sample import ALIASES, resolved

# --- matches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # official UN names and ISO names
        ("Democratic People's Republic of Korea", "PRK"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Republic of Tanzania", "TZA"),
        ("Korea, Republic of", "KOR"),
        ("Russian Federation", "RUS"),
        # short and common names
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Tanzania", "TZA"),
        ("Dominica", "DMA"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        # colloquial names
        ("Britain", "GBR"),
        ("Ivory Coast", "CIV"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("America", "USA"),
        ("the States", "USA"),
        # abbreviations, in any case and with dots
        ("UK", "GBR"),
        ("USA", "USA"),
        ("u.s.", "USA"),
        ("UAE", "ARE"),
        ("DRC", "COD"),
        ("DPRK", "PRK"),
        ("rok", "KOR"),
        # ISO codes in any case, and the file's codes for former states
        ("GB", "GBR"),
        ("fr", "FRA"),
        ("deu", "DEU"),
        ("SUN", "SUN"),
        ("DDR", "DDR"),
        ("🇫🇷", "FRA"),  # a flag is its ISO code
        # native names, with and without diacritics
        ("Deutschland", "DEU"),
        ("España", "ESP"),
        ("Espana", "ESP"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Sverige", "SWE"),
        # odd case, spacing and punctuation
        ("  fRaNcE ", "FRA"),
        ("unitedstates", "USA"),
        ("united-states", "USA"),
        ("Cote dIvoire", "CIV"),
        ("Germany!", "DEU"),
        # former names and former states
        ("Irak", "IRQ"),
        ("Burma", "MMR"),
        ("Zaire", "COD"),
        ("Swaziland", "SWZ"),
        ("Ceylon", "LKA"),
        ("Dahomey", "BEN"),
        ("Upper Volta", "BFA"),
        ("Soviet Union", "SUN"),
        ("East Germany", "DDR"),
        ("West Germany", "GER"),
        ("Czechoslovakia", "CSK"),
        ("Yugoslavia", "YUG"),
        ("South Yemen", "YMD"),
        # two names of one seat side by side
        ("Myanmar (Burma)", "MMR"),
        ("Swaziland/Eswatini", "SWZ"),
    ],
)
def test_resolves(matcher: CountryMatcher, query: str, code: str) -> None:
    assert resolved(matcher, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("north kora", "PRK"),  # a letter missing
        ("Russsia", "RUS"),  # a letter doubled ("Rusia" is Spanish: a name, not a slip)
        ("Germnay", "DEU"),  # two letters swapped
        ("Frnace", "FRA"),
        ("Phillipines", "PHL"),  # two slips in a long name
        ("Untied States", "USA"),
        ("Lybia", "LBY"),  # two letters swapped across one
        ("Swedan", "SWE"),
        ("Nigerai", "NGA"),
        ("Eswtni", "SWZ"),  # two letters dropped
        ("Chda", "TCD"),  # short names take swapped letters, not replaced ones
        ("Latvai", "LVA"),
        ("Chil", "CHL"),
    ],
)
def test_tolerates_typos(matcher: CountryMatcher, query: str, code: str) -> None:
    result = matcher.resolve(query)
    assert result.status == "best_guess"  # answered, but not certain
    assert result.best is not None and result.best.id == code
    assert result.note.startswith(f"Taking “{query}” to mean ")


@pytest.mark.parametrize(
    "word", ["chat", "child", "while", "woman", "nigel", "pure", "Latveria", "Elbonia"]
)
def test_words_near_a_name_are_not_typos(matcher: CountryMatcher, word: str) -> None:
    assert matcher.resolve(word).status == "none"


def test_exact_match_scores_highest(matcher: CountryMatcher) -> None:
    exact = matcher.resolve("France").best
    typo = matcher.resolve("Frnace").best
    assert exact is not None and typo is not None
    assert exact.score == 100.0 > typo.score


# --- ambiguity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "on_date", "codes", "default"),
    [
        ("Congo", None, {"COG", "COD"}, "COG"),
        ("Korea", None, {"KOR", "PRK"}, None),
        ("Guinea", None, {"GIN", "GNB", "GNQ", "PNG"}, "GIN"),
        ("Sudan", None, {"SDN", "SSD"}, "SDN"),
        ("Dominican", None, {"DOM", "DMA"}, "DOM"),
        ("Yemen", "1985", {"YEM", "YMD"}, "YEM"),
        ("Germany", "1985", {"GER", "DDR"}, "GER"),
        ("Germany", "1975-11-10", {"GER", "DDR"}, "GER"),
        ("Tanzania", "1963", {"TZA", "ZZB"}, "TZA"),
        ("Czechoslovakia", "2000", {"CZE", "SVK"}, "CZE"),
        ("Guinea", "1970", {"GIN", "GNQ"}, "GIN"),  # not yet Guinea-Bissau or Papua
    ],
)
def test_ambiguous(
    matcher: CountryMatcher, query: str, on_date: str | None, codes: set[str], default: str | None
) -> None:
    result = matcher.resolve(query, on_date=on_date)
    assert result.status == "ambiguous"
    assert {c.id for c in result.candidates} == codes
    assert (result.best.id if result.best else None) == default
    assert result.note


@pytest.mark.parametrize(
    ("query", "on_date"),
    [("Yemen", None), ("Germany", None), ("Guinea-Bissau", None), ("Sudan", "2005")],
)
def test_unambiguous(matcher: CountryMatcher, query: str, on_date: str | None) -> None:
    assert matcher.resolve(query, on_date=on_date).status == "match"


# --- no match -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Kosovo",
        "Palestine",
        "State of Palestine",
        "Holy See",
        "Vatican",
        "Taiwan",
        "Puerto Rico",
        "Northern Ireland",
        "North Cyprus",
        "Narnia",
        "Wakanda",
        "the",
        "south",
        "republic",
        "asdf",
        "",
        "   ",
        "how did france vote on the resolution about the middle east " * 4,
    ],
)
def test_no_confident_match(matcher: CountryMatcher, query: str) -> None:
    result = matcher.resolve(query)
    assert result.status == "none"
    assert result.best is None
    assert len(result.candidates) <= 3


def test_observer_is_named_as_such(matcher: CountryMatcher) -> None:
    assert "observer" in matcher.resolve("Palestine").note


def test_suggestions_for_a_near_miss(matcher: CountryMatcher) -> None:
    result = matcher.resolve("Swedenland")
    assert result.status == "none"
    assert result.candidates[0].id == "SWE"
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_common_word_versus_code(matcher: CountryMatcher) -> None:
    assert matcher.resolve("it").status == "none"
    assert resolved(matcher, "IT") is None  # Italy is not among these seats
    assert matcher.resolve("can").status == "none"
    assert resolved(matcher, "FR") == "FRA"


# --- get, display_name and the store -------------------------------------------------


def test_get_and_display_name(matcher: CountryMatcher) -> None:
    country = matcher.get("sun")
    assert country is not None and country.code == "SUN"
    assert matcher.get("XXX") is None
    assert matcher.display_name("SUN") == "USSR"
    assert matcher.display_name("RUS") == "Russia"
    assert matcher.display_name("GER") == "West Germany"
    assert matcher.resolve("Russian Federation").best.name == "Russia"  # type: ignore[union-attr]


def test_from_store(seats_db: Path) -> None:
    with Store(seats_db) as store:
        matcher = CountryMatcher.from_store(store, aliases_dir=ALIASES.parent)
    assert resolved(matcher, "Ivory Coast") == "CIV"
