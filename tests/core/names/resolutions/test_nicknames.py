"""The curated resolutions file (data/resolutions.toml): nicknames, dropped and replaced
words, interchangeable words, and what happens when the file is broken or names a
resolution the data does not have."""

from __future__ import annotations

from pathlib import Path

from bot.core.data.store import Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
from bot.core.names.resolutions.text import (
    normalize,
    title_acronyms,
)
from tests.paths import DATA


def test_alias_problems_are_reported_not_raised(matcher: ResolutionMatcher) -> None:
    assert any("A/RES/99/999" in p for p in matcher.alias_problems)


def test_a_broken_alias_file_is_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "resolutions.toml").write_text("[[nickname]\nnames = [", encoding="utf-8")
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    assert matcher.alias_problems and "resolutions.toml" in matcher.alias_problems[0]
    assert matcher.resolve("68/262").ok


def test_words_table_and_acronyms(store: Store, tmp_path: Path) -> None:
    (tmp_path / "resolutions.toml").write_text(
        '[words]\n"kicked out" = "suspension"\nus = "united states"\n', encoding="utf-8"
    )
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    match = matcher.resolve("russia kicked out of the human rights council")
    assert match.ok and match.best is not None and match.best.id == "A/RES/ES-11/3"
    match = matcher.resolve("the us embargo on cuba 2017")
    assert match.ok and match.best is not None and match.best.id == "A/RES/72/4"
    assert {"osce", "osceu"} & title_acronyms(
        "Cooperation between the United Nations and the Organization for Security and "
        "Co-operation in Europe"
    )
    assert "unrwa" in title_acronyms(
        "Operations of the United Nations Relief and Works Agency for Palestine Refugees"
    )
    assert not title_acronyms("Question of Cyprus")


def test_a_word_of_an_alike_group_counts_as_the_title_s_word(
    matcher: ResolutionMatcher, alike_matcher: ResolutionMatcher
) -> None:
    query = "ending the blockade against cuba"
    match = alike_matcher.resolve(query)
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/4"
    # without the [alike] group, 'blockade' is in no title: the reading scores lower
    plain = matcher.resolve(query)
    assert plain.best is not None and plain.best.score < match.best.score


def test_a_nickname_is_found_in_any_order_and_with_an_alike_word(
    alike_matcher: ResolutionMatcher,
) -> None:
    for query in (
        "taiwan kicked out",
        "expel taiwan from the un",
        "the china seat repeal",
        "the resolution condemning taiwan's expulsion",  # a dropped verb is no extra word
    ):
        match = alike_matcher.resolve(query)
        assert match.ok and match.best is not None, query
        assert match.best.id == "A/RES/2758(XXVI)", query


def test_a_nickname_within_a_query_takes_at_most_one_more_word(
    alike_matcher: ResolutionMatcher,
) -> None:
    match = alike_matcher.resolve("taiwan expulsion from unesco and the imf")
    assert match.best is None or match.best.id != "A/RES/2758(XXVI)"
    # a one-word nickname is only the whole query
    match = alike_matcher.resolve("militarization of crimea")
    assert match.best is None or match.best.id != "A/RES/68/262"


def test_alike_groups_in_the_shipped_data_are_read() -> None:
    import tomllib

    data = tomllib.loads((DATA / "resolutions.toml").read_text(encoding="utf-8"))
    groups = data["alike"]["groups"]
    assert groups and all(isinstance(g, list) and len(g) >= 2 for g in groups)
    words = [normalize(w) for g in groups for w in g]
    assert len(words) == len(set(words)), "a word may belong to one group only"
