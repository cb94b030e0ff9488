"""The curated files behind resolution matching: data/landmarks/*.toml (what people call
the votes) and data/words.toml (words said another way, words that stand for one
another), and what happens when a file is broken or names a vote the data lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.data.store import Store
from bot.core.names.resolutions.knowledge import KnowledgeError, load_landmarks, load_words
from bot.core.names.resolutions.matcher import ResolutionMatcher
from bot.core.names.resolutions.text import title_acronyms
from bot.core.text import normalise
from tests.core.names.resolutions.sample import write_data
from tests.paths import DATA


def test_a_landmark_of_a_vote_not_in_the_data_is_reported_not_raised(
    matcher: ResolutionMatcher,
) -> None:
    assert any("A/RES/99/999" in p for p in matcher.problems)
    assert matcher.resolve("crimea").ok


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[vote]\nsymbol = ", "test.toml"),
        ('[[vote]]\nsymbol = "A/RES/68/262"\n', "no names"),
        ('[[vote]]\nsymbols = ["A/RES/68/262"]\nnames = ["x"]\n', "one symbol"),
        ('[[series]]\nid = "x"\nnames = ["x"]\n', "its symbols"),
        ('[[vote]]\nsymbol = "A/RES/68/262"\nnames = ["x"]\ntally = [1, 2]\n', "tally"),
    ],
)
def test_a_broken_landmarks_file_names_the_file_and_the_entry(
    tmp_path: Path, text: str, says: str
) -> None:
    data = write_data(tmp_path, landmarks=text)
    with pytest.raises(KnowledgeError, match=says):
        load_landmarks(data)


def test_words_said_another_way(store: Store, tmp_path: Path) -> None:
    words = '[words]\n"kicked out" = "suspension"\nus = "united states"\n'
    matcher = ResolutionMatcher.from_store(store, aliases_dir=write_data(tmp_path, words=words))
    match = matcher.resolve("russia kicked out of the human rights council")
    assert match.ok and match.best is not None and match.best.id == "A/RES/ES-11/3"
    match = matcher.resolve("the us embargo on cuba 2017")
    assert match.ok and match.best is not None and match.best.id == "A/RES/72/4"


def test_acronyms_of_titles() -> None:
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
    # without the [alike] group, 'blockade' is in no title: the reading is weaker
    plain = matcher.resolve(query)
    assert plain.best is None or plain.best.score < match.best.score


def test_a_landmark_name_is_found_with_words_of_its_groups(
    alike_matcher: ResolutionMatcher,
) -> None:
    for query in ("taiwan kicked out", "expel taiwan from the un", "revoke the china seat"):
        match = alike_matcher.resolve(query)
        assert match.ok and match.best is not None, query
        assert match.best.id == "A/RES/2758(XXVI)", query


def test_the_shipped_words_and_landmarks_are_read() -> None:
    words = load_words(DATA)
    assert words.alike and all(len(g) >= 2 for g in words.alike)
    members = [w for g in words.alike for w in g]
    assert len(members) == len(set(members)), "a word may belong to one group only"
    landmarks = load_landmarks(DATA)
    votes = {e.symbols[0] for e in landmarks if not e.series and e.tally is not None}
    assert len(votes) >= 400
    assert all(e.names and all(n == n.strip() for n in e.names) for e in landmarks)
    assert all(normalise(n) for e in landmarks for n in e.names)
