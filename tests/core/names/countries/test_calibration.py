"""How sure the country matcher is: a match only on strong evidence, a best guess (said
to be one, with the runners-up) for slips, fragments, spellings by ear, long and
abbreviated forms, ambiguous when several seats fit as well, none with the reason.

`wide_matcher` (conftest.py) holds the hand-written seats of sample.py and more."""

from __future__ import annotations

import pytest

from bot.core.names.countries.matcher import CountryMatcher

# --- match: a name, code or curated alias exactly ------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("France", "FRA"),  # a name
        ("Republic of Korea", "KOR"),  # an official name
        ("Korea, Republic of", "KOR"),  # as ISO lists it
        ("Republic of Kazakhstan", "KAZ"),  # the distinctive words of a name
        ("FR", "FRA"),  # a code
        ("deu", "DEU"),  # a code in lower case
        ("Ivory Coast", "CIV"),  # a curated alias
        ("Trinidad & Tobago", "TTO"),  # "&" is "and"
        ("unitedstates", "USA"),  # the same letters without spaces
        ("Allemagne", "DEU"),  # another UN language
        ("GER", "DEU"),  # a sports code
    ],
)
def test_strong_evidence_is_a_match(wide_matcher: CountryMatcher, query: str, code: str) -> None:
    result = wide_matcher.resolve(query)
    assert result.status == "match"
    assert result.best is not None and result.best.id == code
    assert result.candidates == ()
    assert result.note == ""


# --- best guess: one seat clearly first, but not certain ----------------------------


@pytest.mark.parametrize(
    ("query", "code", "name"),
    [
        ("Frnace", "FRA", "France"),  # two letters swapped
        ("Morroco", "MAR", "Morocco"),  # spelt by ear: a letter doubled, one not
        ("Phillipine", "PHL", "Philippines"),
        ("Buthan", "BTN", "Bhutan"),
        ("Kirghizstan", "KGZ", "Kyrgyzstan"),  # an old transliteration
        ("Kirgizstan", "KGZ", "Kyrgyzstan"),
        ("Kazakstan", "KAZ", "Kazakhstan"),
        ("Vietnman", "VNM", "Vietnam"),  # scrambled letters
        ("Eriteria", "ERI", "Eritrea"),
        ("Marshalls", "MHL", "Marshall Islands"),  # the plural that names islands
        ("Herzegovina", "BIH", "Bosnia and Herzegovina"),  # a fragment
        ("Bosnia & Herz.", "BIH", "Bosnia and Herzegovina"),  # a word cut short
        ("Cent. Afr. Rep.", "CAF", "Central African Republic"),
        ("Trin. & Tob.", "TTO", "Trinidad and Tobago"),
        ("UK of Great Britain and Northern Ireland", "GBR", "United Kingdom"),  # initials
        ("U.K. of Great Britain & N. Ireland", "GBR", "United Kingdom"),
        ("Most Serene Republic of San Marino", "SMR", "San Marino"),  # a long form
    ],
)
def test_a_clear_first_reading_is_a_best_guess(
    wide_matcher: CountryMatcher, query: str, code: str, name: str
) -> None:
    result = wide_matcher.resolve(query)
    assert result.status == "best_guess"
    assert result.ok and result.guessed
    assert result.best is not None and result.best.id == code
    assert result.note == f"Taking “{query}” to mean {name}."
    assert code not in {c.id for c in result.candidates}  # the runners-up
    assert result.best.score < 95  # never read as an exact name by the question parser


def test_runners_up_come_from_the_slips_first(wide_matcher: CountryMatcher) -> None:
    # One letter left out of Australia, or one added to Austria: the first is likelier.
    result = wide_matcher.resolve("Austrlia")
    assert result.status == "best_guess" and result.best is not None
    assert result.best.id == "AUS"
    assert result.candidates[0].id == "AUT"


def test_a_guess_keeps_the_note_of_the_date(wide_matcher: CountryMatcher) -> None:
    result = wide_matcher.resolve("Russa", on_date="1980")
    assert result.status == "best_guess" and result.best is not None
    assert result.best.id == "SUN"
    assert result.note.startswith("Taking “Russa” to mean Russia. ")
    assert "USSR" in result.note


@pytest.mark.parametrize(
    ("query", "on_date", "codes"),
    [
        ("Yemne", "1985", {"YEM", "YMD"}),  # a slip of a name that was two seats then
        ("Tanzanai", "1963", {"TZA", "ZZB"}),
        ("Germnay", "1985", {"GER", "DDR"}),
    ],
)
def test_a_slip_of_a_name_of_two_seats_is_ambiguous(
    wide_matcher: CountryMatcher, query: str, on_date: str, codes: set[str]
) -> None:
    result = wide_matcher.resolve(query, on_date=on_date)
    assert result.status == "ambiguous"
    assert {c.id for c in result.candidates} == codes


# --- ambiguous: several seats as close ----------------------------------------------


@pytest.mark.parametrize(
    ("query", "on_date", "codes"),
    [
        # English and the UN's other languages alike
        ("Congo", None, {"COG", "COD"}),
        ("Kongo", None, {"COG", "COD"}),  # a slip that fits both as well
        ("Конго", None, {"COG", "COD"}),
        ("刚果", None, {"COG", "COD"}),
        ("الكونغو", None, {"COG", "COD"}),
        ("Korea", None, {"KOR", "PRK"}),
        ("Corée", None, {"KOR", "PRK"}),  # the head of "Corée, République de"
        ("Corea", None, {"KOR", "PRK"}),
        ("Корея", None, {"KOR", "PRK"}),
        ("كوريا", None, {"KOR", "PRK"}),
        ("Guinea", None, {"GIN", "GNB", "GNQ", "PNG"}),
        ("Guinée", None, {"GIN", "GNB", "GNQ", "PNG"}),
        ("Гвинея", None, {"GIN", "GNB", "GNQ", "PNG"}),
        ("几内亚", None, {"GIN", "GNB", "GNQ", "PNG"}),
        ("غينيا", None, {"GIN", "GNB", "GNQ", "PNG"}),
        ("Sudan", None, {"SDN", "SSD"}),
        ("Soudan", None, {"SDN", "SSD"}),
        ("Sudán", None, {"SDN", "SSD"}),
        ("Судан", None, {"SDN", "SSD"}),
        ("苏丹", None, {"SDN", "SSD"}),
        ("السودان", None, {"SDN", "SSD"}),
        ("Germany", "1985", {"GER", "DDR"}),
        ("Allemagne", "1985", {"GER", "DDR"}),
        ("Alemania", "1985", {"GER", "DDR"}),
        ("Германия", "1985", {"GER", "DDR"}),
        ("德国", "1985", {"GER", "DDR"}),
        ("ألمانيا", "1985", {"GER", "DDR"}),
    ],
)
def test_ambiguous_names_are_never_answered_as_one_seat(
    wide_matcher: CountryMatcher, query: str, on_date: str | None, codes: set[str]
) -> None:
    result = wide_matcher.resolve(query, on_date=on_date)
    assert result.status == "ambiguous"
    assert not result.ok
    assert {c.id for c in result.candidates} == codes
    assert result.note


# --- none: nothing fits, said why ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Narnia", "No General Assembly seat has that name"),
        ("Latveria", "No General Assembly seat has that name"),  # a piece added to Latvia
        ("Kazakhstania", "No General Assembly seat has that name"),
        ("Neverland", "No General Assembly seat has that name"),
        ("Republic of Wakanda", "No General Assembly seat has that name"),
        ("north korea zzqqy xxkkv", "No General Assembly seat has that name"),
        ("chat", "No General Assembly seat has that name"),
        ("can", "reads as a word"),
        ("", "no name"),
        ("how did france vote on the resolution about the middle east " * 2, "too long"),
        ("Palestine", "observer"),
        ("Taiwan", "holds no seat"),
    ],
)
def test_no_answer_says_why(wide_matcher: CountryMatcher, query: str, reason: str) -> None:
    result = wide_matcher.resolve(query)
    assert result.status == "none"
    assert result.best is None
    assert reason in result.note


def test_no_answer_suggests_the_nearest(wide_matcher: CountryMatcher) -> None:
    result = wide_matcher.resolve("Swedenland")
    assert result.status == "none"
    assert result.candidates[0].id == "SWE"
    assert "Sweden" in result.note
