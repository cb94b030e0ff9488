"""The pieces behind the weaker readings: spelling keys, words cut short, initials, and
how likely a slip is."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.core.names.countries.confidence import leader, slip_cost
from bot.core.names.countries.guesses import cut_short, join_initials
from bot.core.names.countries.names import CountryDataError, plausible_slip
from bot.core.names.countries.spelling import spelling_folds, spelling_key
from tests.core.names.countries.sample import ALIASES


@pytest.fixture(scope="module")
def folds() -> tuple[tuple[str, str], ...]:
    with ALIASES.open("rb") as f:
        return spelling_folds(tomllib.load(f), ALIASES)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("morroco", "morocco"),
        ("buthan", "bhutan"),
        ("kirghizstan", "kyrgyzstan"),
        ("kazakstan", "kazakhstan"),
        ("azerbaidjan", "azerbaijan"),
        ("mozambik", "mozambique"),
        ("grece", "greece"),
        ("roumania", "rumania"),
    ],
)
def test_spellings_by_ear_share_a_key(folds: tuple[tuple[str, str], ...], typed: str, name: str):
    assert spelling_key(typed, folds) == spelling_key(name, folds)


@pytest.mark.parametrize(("a", "b"), [("chad", "chat"), ("iran", "iron"), ("mali", "malta")])
def test_other_words_keep_their_own_key(folds: tuple[tuple[str, str], ...], a: str, b: str):
    assert spelling_key(a, folds) != spelling_key(b, folds)


def test_other_scripts_are_not_folded(folds: tuple[tuple[str, str], ...]) -> None:
    assert spelling_key("германия", folds) == "германия"


@pytest.mark.parametrize("bad", ['folds = "ph"', 'folds = [["PH", "f"]]', 'folds = [["ph"]]'])
def test_bad_folds_name_the_file(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "countries.toml"
    path.write_text(f"[spelling]\n{bad}\n", encoding="utf-8")
    with path.open("rb") as f:
        data = tomllib.load(f)
    with pytest.raises(CountryDataError, match=r"countries\.toml"):
        spelling_folds(data, path)


@pytest.mark.parametrize(
    ("words", "name", "fits"),
    [
        (["bosnia", "herz"], ["bosnia", "herzegovina"], True),
        (["cent", "afr", "republic"], ["central", "african", "republic"], True),
        (["uk", "great", "britain"], ["united", "kingdom", "great", "britain"], True),
        (["n", "ireland"], ["northern", "ireland"], True),
        (["bosnia"], ["bosnia", "herzegovina"], False),  # every word of the name is needed
        (["he", "bosnia"], ["herzegovina", "bosnia"], False),  # two letters are no cut
        (["herz", "bosnia"], ["bosnia", "herzegovina"], False),  # in order
    ],
)
def test_cut_short(words: list[str], name: list[str], fits: bool) -> None:
    assert cut_short(words, name) is fits


def test_join_initials() -> None:
    assert join_initials(["u", "k", "of", "great", "britain"]) == ["uk", "of", "great", "britain"]
    assert join_initials(["n", "ireland"]) == ["n", "ireland"]


def test_letters_left_out_are_the_likelier_slip() -> None:
    assert slip_cost("austrlia", "australia") < slip_cost("austrlia", "austria")


def test_leader_needs_a_margin() -> None:
    assert leader({"AUS": 2.0, "AUT": 3.0}, ["AUS", "AUT"]) == "AUS"
    assert leader({"AUS": 3.0, "AUT": 3.0}, ["AUS", "AUT"]) is None
    assert leader({}, ["COG", "COD"]) is None  # found another way: nothing to rank by
    assert leader({}, ["COG"]) == "COG"


@pytest.mark.parametrize(
    ("query", "name", "slips", "plausible"),
    [
        ("kazakhstania", "kazakhstan", 2, False),  # a name with a piece added is a word
        ("swedenland", "sweden", 4, False),
        ("germnay", "germany", 1, True),
        ("chat", "chad", 1, False),
    ],
)
def test_plausible_slips(query: str, name: str, slips: int, plausible: bool) -> None:
    assert plausible_slip(query, name, slips, 2) is plausible
