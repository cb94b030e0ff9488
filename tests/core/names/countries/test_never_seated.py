"""Places that never held a seat in the General Assembly: no answer, the reason, and
never a modern member instead, however the name is spelt."""

from __future__ import annotations

import pytest

from bot.core.names.countries.matcher import CountryMatcher

NEVER_HELD = "never held a seat in the General Assembly"


@pytest.mark.parametrize(
    "place",
    [
        "Rhodesia",
        "Southern Rhodesia",
        "Biafra",
        "Republic of Biafra",
        "Tibet",
        "Somaliland",
        "Transnistria",
        "Kurdistan",
        "Katanga",
        "Abkhazia",
        "South Vietnam",
        "Republic of Vietnam",  # South Vietnam's own name: not Viet Nam's seat
        "Democratic Republic of Vietnam",
        "Manchukuo",
        "Sikkim",  # ISO's list of withdrawn codes has it too
        "Republika Srpska",
        "Northern Cyprus",
        "Kosovo",
    ],
)
def test_never_seated_places_say_so(wide_matcher: CountryMatcher, place: str) -> None:
    result = wide_matcher.resolve(place)
    assert result.status == "none"
    assert result.best is None
    assert result.candidates == ()  # no modern member offered in its place
    assert NEVER_HELD in result.note


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("Rhodesa", "Rhodesia"),
        ("Rodesia", "Rhodesia"),
        ("Tibbet", "Tibet"),
        ("Biafara", "Biafra"),
        ("Somalilnad", "Somaliland"),
        ("Transnistra", "Transnistria"),
        ("Kurdistan Region of Iraq", "Kurdistan"),
    ],
)
def test_near_spellings_of_them_are_not_seats(
    wide_matcher: CountryMatcher, typed: str, place: str
) -> None:
    result = wide_matcher.resolve(typed)
    assert result.status == "none"
    assert result.best is None
    assert place in result.note and NEVER_HELD in result.note


@pytest.mark.parametrize(
    ("place", "says"),
    [
        ("Puerto Rico", "holds no seat"),
        ("Greenland", "holds no seat"),
        ("Hong Kong", "holds no seat"),
        ("Holy See", "observer"),
        ("Panama Canal Zone", NEVER_HELD),  # a withdrawn ISO entry
        ("Taïwan", "holds no seat"),  # in another language
    ],
)
def test_other_places_without_a_seat(wide_matcher: CountryMatcher, place: str, says: str) -> None:
    result = wide_matcher.resolve(place)
    assert result.status == "none"
    assert says in result.note


def test_the_land_of_a_never_seated_place_is_not_its_seat(wide_matcher: CountryMatcher) -> None:
    """Rhodesia is not Zimbabwe, and Zimbabwe is itself."""
    assert wide_matcher.resolve("Rhodesia").status == "none"
    zimbabwe = wide_matcher.resolve("Zimbabwe")
    assert zimbabwe.status == "match" and zimbabwe.best is not None
    assert zimbabwe.best.id == "ZWE"
