"""ResolutionMatcher.resolve: symbols, titles, dates, recurring items, parts and junk.

The matchers (`matcher` over fixtures/resolutions_mini.csv with the test nicknames of
sample.py) are in conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.data.store import Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
from tests.core.names.resolutions.sample import write_data

# --- resolve: symbols -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("A/RES/ES-11/1", "A/RES/ES-11/1"),
        ("es11/1", "A/RES/ES-11/1"),
        ("resolution 68/262", "A/RES/68/262"),
        ("A/RES/2758 (XXVI)", "A/RES/2758(XXVI)"),
        ("2758", "A/RES/2758(XXVI)"),
        ("39/148 B", "A/RES/39/148[B]"),
        ("A/ES-11/L.4", "A/RES/ES-11/3"),
        ("A/80/L.6", "A/RES/80/4"),
    ],
)
def test_symbols_in_any_spelling(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "match", match
    assert match.best is not None and match.best.id == symbol


def test_a_symbol_voted_in_parts_is_ambiguous(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("39/148")
    assert match.status == "ambiguous"
    assert {c.id for c in match.candidates} == {"A/RES/39/148[A]", "A/RES/39/148[B]"}


@pytest.mark.parametrize("query", ["A/RES/70/1", "ES-11/7", "A/RES/99/999", "1234"])
def test_symbols_without_a_recorded_vote(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert "not" in match.note and "recorded vote" in match.note


@pytest.mark.parametrize(
    "query", ["S/RES/2334", "Security Council resolution 1860", "UNSCR 242 (1967)"]
)
def test_security_council_resolutions(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert "Security Council" in match.note


# --- resolve: text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("aggression against ukraine", "A/RES/ES-11/1"),
        ("Territorial integrity of Ukraine", "A/RES/68/262"),
    ],
)
def test_a_title_or_a_name_word_for_word_is_a_match(
    matcher: ResolutionMatcher, query: str, symbol: str
) -> None:
    match = matcher.resolve(query)
    assert match.status == "match", match
    assert match.best is not None and match.best.id == symbol


def test_a_one_word_name_is_read_first_but_others_are_offered(
    matcher: ResolutionMatcher,
) -> None:
    # 'crimea' is a landmark's name, and also a word of the human rights titles
    match = matcher.resolve("crimea")
    assert match.status == "best_guess", match
    assert match.best is not None and match.best.id == "A/RES/68/262"
    assert any("Crimea" in c.name for c in match.candidates)


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("the one suspending russia from the human rights council", "A/RES/ES-11/3"),
        ("restoration of the lawful rights of china", "A/RES/2758(XXVI)"),
        ("programme budget for the biennium 1986-1987", "A/RES/41/211B"),
    ],
)
def test_paraphrases_are_answered(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.ok, match
    assert match.best is not None and match.best.id == symbol


def test_a_best_guess_says_so_and_offers_the_others(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("the one suspending russia from the human rights council")
    assert match.status == "best_guess"
    assert match.candidates and all(c.id != match.best.id for c in match.candidates)  # type: ignore[union-attr]


def test_a_reference_full_of_typos_is_read_first_as_the_vote_meant(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("agression agianst ukriane")
    assert match.status != "none"
    assert match.best is not None and match.best.id == "A/RES/ES-11/1"


def test_nickname_outranks_titles(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("the crimea vote")
    assert match.ok and match.best is not None and match.best.id == "A/RES/68/262"
    assert matcher.resolve("crimae").best.id == "A/RES/68/262"  # type: ignore[union-attr]


def test_recurring_item_resolves_to_the_newest_and_says_how_many(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("cuba embargo")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/4"
    assert "4 resolutions" in match.note and "3 others" in match.note
    by_title = matcher.resolve("necessity of ending the embargo against cuba")
    assert by_title.ok and by_title.best is not None and by_title.best.id == "A/RES/80/4"
    assert "4 resolutions" in by_title.note  # the "Unites States" variant counts too


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("cuba embargo 2016", "A/RES/71/5"),
        ("cuba embargo in 2004", "A/RES/59/11"),
        ("gaza ceasefire october 2023", "A/RES/ES-10/21"),
        ("gaza ceasefire", "A/RES/ES-10/22"),
        ("protection of civilians 2023-10-27", "A/RES/ES-10/21"),
        ("embargo against cuba nov 2017", "A/RES/72/4"),
        ("cuba embargo 71st session", "A/RES/71/5"),
        ("cuba embargo, session 72", "A/RES/72/4"),
    ],
)
def test_a_date_narrows_the_choice(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.ok, match
    assert match.best is not None and match.best.id == symbol


def test_a_date_with_nothing_on_it(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("cuba embargo 1950")
    assert match.status != "match"


def test_a_month_without_a_year_narrows(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("territorial integrity of ukraine in october")
    assert match.ok and match.best is not None and match.best.id == "A/RES/ES-11/4"
    match = matcher.resolve("territorial integrity of ukraine in march")
    assert match.ok and match.best is not None and match.best.id == "A/RES/68/262"


def test_a_year_in_the_title_still_narrows_when_the_item_was_voted_then(
    store: Store, tmp_path: Path
) -> None:
    matcher = ResolutionMatcher.from_store(store, aliases_dir=write_data(tmp_path))
    match = matcher.resolve("programme budget for the biennium 1986-1987 revised income 1986")
    assert match.ok and match.best is not None and match.best.id == "A/RES/41/211B"
    # a title that has the year but was not voted on in it is still found, undated
    match = matcher.resolve("programme budget for the biennium 1986-1987 revised income")
    assert match.ok and match.best is not None and match.best.id == "A/RES/41/211B"


@pytest.mark.parametrize(
    "query",
    [
        "resolution on martian colonization",
        "narnia",
        "the",
        "",
        "   ",
        '"); DROP TABLE resolutions; --',
        'NEAR(foo bar) OR * ^ "unbalanced',
        "AND OR NOT",
        "x" * 5000,
        "october 2023",
    ],
)
def test_junk_and_invented_names_get_no_match(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert len(match.candidates) <= 3


def test_none_offers_suggestions_when_something_is_close(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("A/RES/68/263")
    assert match.status == "none"
    assert "A/RES/68/262" in {c.id for c in match.candidates}


def test_a_heading_of_several_parts_is_never_one_silently(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("general and complete disarmament")
    assert match.status in ("ambiguous", "best_guess")
    offered = {c.id for c in match.candidates} | ({match.best.id} if match.best else set())
    assert {"A/RES/39/148[A]", "A/RES/39/148[B]"} <= offered


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80))
def test_any_text_gets_an_answer_not_an_exception(matcher: ResolutionMatcher, text: str) -> None:
    match = matcher.resolve(text)
    assert match.status in ("match", "best_guess", "ambiguous", "none")
    assert not match.ok or match.best is not None
    assert len(matcher.suggest(text)) <= 25
    matcher.search(text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.from_regex(r"[AaSs/RrEe ]{0,6}(ES|S|es)?[- ]?\d{1,4}[/ (]\d{0,4}[A-Z)\]]{0,3}"))
def test_symbol_like_text_never_raises(matcher: ResolutionMatcher, text: str) -> None:
    match = matcher.resolve(text)
    assert match.status in ("match", "best_guess", "ambiguous", "none")


# --- close readings: parts, longer titles, renamed items --------------------------


def test_parts_voted_the_same_day_are_ambiguous(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("question of antarctica")
    assert match.status == "ambiguous"
    assert [c.id for c in match.candidates] == ["A/RES/45/78A", "A/RES/45/78B"]
    assert "1990-12-12" in match.note


def test_words_of_the_longer_title_pick_it(matcher: ResolutionMatcher) -> None:
    # "Territorial integrity of Ukraine: defending the principles of the Charter ..."
    # elaborates "Territorial integrity of Ukraine"
    shorter = matcher.resolve("ukraine territorial integrity")
    assert shorter.ok and shorter.best is not None and shorter.best.id == "A/RES/68/262"
    longer = matcher.resolve("ukraine territorial integrity charter principles")
    assert longer.ok and longer.best is not None and longer.best.id == "A/RES/ES-11/4"


def test_an_acronym_stands_for_its_name(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("unifil")
    assert match.ok and match.best is not None and match.best.id == "A/RES/79/308"
    match = matcher.resolve("unifil financing 2010")
    assert match.ok and match.best is not None and match.best.id == "A/RES/64/282"


def test_a_renamed_recurring_item_resolves_to_its_newest_title(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("use of mercenaries")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/194"


def test_a_country_named_as_it_was_called_then(store: Store, tmp_path: Path) -> None:
    from bot.core.names.countries.matcher import CountryMatcher

    data = write_data(tmp_path)
    countries = CountryMatcher.from_store(store, aliases_dir=data)
    matcher = ResolutionMatcher.from_store(
        store, aliases_dir=data, country_names=countries.phrase_names
    )
    match = matcher.resolve("the situation in cambodia 1982")
    assert match.ok and match.best is not None and match.best.id == "A/RES/37/6"
    # without the country names, 'cambodia' is in no title of the fixture: the
    # reading rests on the other words alone and is no better than a guess
    plain = ResolutionMatcher.from_store(store, aliases_dir=data).resolve(
        "the situation in cambodia 1982"
    )
    assert plain.status != "match"
    assert plain.best is None or plain.best.score < match.best.score


def test_successive_titles_of_one_item_give_the_newest(matcher: ResolutionMatcher) -> None:
    # two wordings, each used in its own years: one item renamed, not two items
    match = matcher.resolve("mercenaries violating human rights and self-determination")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/194"


def test_the_one_title_that_starts_with_the_words(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("israeli settlements in the occupied palestinian territory")
    assert match.status != "none" and match.best is not None and match.best.id == "A/RES/80/81"
    match = matcher.resolve("israeli settlement activities")
    assert match.ok and match.best is not None and match.best.id == "A/RES/51/223"


def test_a_reading_whose_title_has_every_word_and_leads_is_taken(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("israeli settlements 2025")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/81"


def test_answers_do_not_depend_on_what_was_asked_before(store: Store, tmp_path: Path) -> None:
    """The matcher keeps recent lookups and scores; a query reads the same either way,
    including the same words with other filler words, other dates and a year that
    belongs to a title."""
    data = write_data(tmp_path)
    queries = [
        "cuba embargo",
        "the cuba embargo",
        "of the cuba embargo",
        "cuba embargo 2016",
        "cuba embargo 1950",
        "the cuba embargo in 2017",
        "territorial integrity of ukraine in march",
        "territorial integrity of ukraine in october",
        "territorial integrity of ukraine",
        "programme budget for the biennium 1986-1987 revised income 1986",
        "programme budget 1986",
        "general and complete disarmament",
        "the general and complete disarmament",
        "unifil financing 2010",
        "unifil",
        "question of antarctica",
        "agression agianst ukriane",
    ]
    shared = ResolutionMatcher.from_store(store, aliases_dir=data)
    for _ in range(2):
        for query in queries:
            fresh = ResolutionMatcher.from_store(store, aliases_dir=data)
            assert shared.resolve(query) == fresh.resolve(query), query
