"""The title groups behind resolution matching: recurring items, close titles, renamings."""

from __future__ import annotations

from pathlib import Path

from bot.core.data.store import Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
from bot.core.names.resolutions.titles import TitleIndex
from tests.paths import DATA


def test_the_one_close_title_with_every_word(store: Store, tmp_path: Path) -> None:
    titles = TitleIndex(store, store.resolutions(), countries_path=tmp_path / "none.toml")
    group = {g.norm: i for i, g in enumerate(titles.groups)}
    declaration = group["united nations declaration on the rights of indigenous peoples"]
    recurring = group["rights of indigenous peoples"]
    close = [(80.0, recurring), (78.0, declaration)]  # as if the scores were this close
    # 'declaration' is in one of the two titles only
    assert titles.only_one_says(close, "rights of indigenous peoples declaration") == declaration
    # both titles say these words: no tie-break
    assert titles.only_one_says(close, "indigenous peoples rights") is None
    # a title that starts with the words beats one that says them later on
    assert titles.only_one_says(close, "rights of indigenous peoples") == recurring


def test_other_names_of_a_country_read_as_its_name(store: Store) -> None:
    countries = DATA / "countries.toml"
    titles = TitleIndex(store, store.resolutions(), countries_path=countries)
    # the fixture's seats are Cuba, the United States and Cambodia
    assert titles.say_as_titles("democratic kampuchea vote") == "cambodia vote"
    assert titles.say_as_titles("ivory coast vote") == "ivory coast vote"  # no seat here
    assert titles.say_as_titles("human rights council") == "human rights council"


def test_a_phrase_said_by_successive_titles_gives_the_newest(matcher: ResolutionMatcher) -> None:
    titles = matcher._titles
    scored = titles.score_text("use of mercenaries as a means", None)
    newest = titles.renamed_by_phrase(scored, "use of mercenaries as a means")
    assert newest is not None
    assert matcher.get("A/RES/80/194") is not None
    assert titles.groups[newest].members[-1] == matcher.get("A/RES/80/194").id  # type: ignore[union-attr]
    # the title itself is not read as a phrase of a longer one
    exact = titles.score_text("rights of indigenous peoples", None)
    assert titles.renamed_by_phrase(exact, "rights of indigenous peoples") is None


def test_a_grown_recurring_title_is_not_taken_over_a_one_off(
    matcher: ResolutionMatcher,
) -> None:
    titles = matcher._titles
    # the 2007 declaration (one-off) and the yearly 'rights of indigenous peoples' item
    scored = titles.score_text("rights of indigenous peoples declaration", None)
    assert titles.grown_item(scored, "rights of indigenous peoples declaration") is None
