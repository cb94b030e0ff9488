"""The resolution matcher over the whole shared file (slow): every curated nickname, the
evaluation table, and readings that need the full set of titles."""

from __future__ import annotations

import pytest

from bot.core.names.resolutions.matcher import ResolutionMatcher
from tests.core.names.resolutions.eval_table import EVAL_TABLE, is_correct, load_table
from tests.paths import DATA


def _nickname_entries() -> list[dict[str, object]]:
    import tomllib

    with (DATA / "resolutions.toml").open("rb") as fh:
        return list(tomllib.load(fh)["nickname"])


@pytest.mark.slow
def test_every_nickname_entry_is_in_the_data(real_matcher: ResolutionMatcher) -> None:
    assert real_matcher.alias_problems == []


@pytest.mark.slow
@pytest.mark.parametrize("entry", _nickname_entries(), ids=lambda e: str(e["names"][0]))  # type: ignore[index]
def test_every_nickname_resolves_to_its_entry(
    real_matcher: ResolutionMatcher, entry: dict[str, object]
) -> None:
    targets: set[str] = set()
    for key in ("symbol", "series"):
        if key in entry:
            targets.add(real_matcher.get(str(entry[key])).symbol)  # type: ignore[union-attr]
    for symbol in entry.get("symbols", []):  # type: ignore[attr-defined]
        targets.add(real_matcher.get(symbol).symbol)  # type: ignore[union-attr]
    for name in entry["names"]:  # type: ignore[attr-defined]
        match = real_matcher.resolve(name)
        assert match.ok, (name, match)
        assert match.best is not None
        if "series" in entry:
            # a recurring item: the newest resolution with the anchor's title
            anchor = real_matcher.get(str(entry["series"]))
            chosen = real_matcher.get(match.best.id)
            assert anchor is not None and chosen is not None and chosen.date >= anchor.date
        else:
            assert match.best.id in targets, (name, match.best.id, targets)


@pytest.mark.slow
def test_evaluation_table_is_about_recorded_votes(real_matcher: ResolutionMatcher) -> None:
    rows = [line.split("\t") for line in EVAL_TABLE.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(rows) >= 150
    for query, expected, kind in rows:
        symbols = expected.partition(":")[2].split(",") if ":" in expected else [expected]
        for symbol in symbols:
            if symbol and symbol not in ("NONE", "AMBIGUOUS"):
                assert real_matcher.get(symbol) is not None, (query, symbol, kind)


@pytest.mark.slow
def test_evaluation_table_accuracy(real_matcher: ResolutionMatcher) -> None:
    table = load_table(EVAL_TABLE)
    wrong = [q for q, e, _ in table if not is_correct(real_matcher.resolve(q), e)]
    assert len(wrong) <= 0.05 * len(table), wrong


@pytest.mark.slow
def test_search_ukraine_on_the_real_data(real_matcher: ResolutionMatcher) -> None:
    found = real_matcher.search("ukraine")
    symbols = {r.symbol for r in found}
    assert {"A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/3", "A/RES/ES-11/6"} <= symbols
    dates = [r.date for r in found]
    assert dates == sorted(dates, reverse=True)
    for r in found:
        text = f"{r.title} {r.subjects}".lower()
        assert "ukrain" in text or "crimea" in text, r.symbol
    assert len(found) < 40


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        # "Implementation of the Declaration on the Granting of Independence ..."
        ("declaration on the granting of independence to colonial countries", "A/RES/1514(XV)"),
        # "Optional Protocol to the Convention against Torture and Other Cruel ..."
        ("torture and cruel treatment", "A/RES/80/198"),
    ],
)
def test_a_title_with_words_added_is_about_the_shorter_one(
    real_matcher: ResolutionMatcher, query: str, symbol: str
) -> None:
    match = real_matcher.resolve(query)
    assert match.ok and match.best is not None and match.best.id == symbol


@pytest.mark.slow
def test_one_keyword_stays_ambiguous(real_matcher: ResolutionMatcher) -> None:
    match = real_matcher.resolve("ukraine march 2022")
    assert match.status == "ambiguous"
    assert {"A/RES/ES-11/1", "A/RES/ES-11/2"} <= {c.id for c in match.candidates}
