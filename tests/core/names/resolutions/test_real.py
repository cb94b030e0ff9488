"""The resolution matcher over the whole shared file (slow): every landmark entry against
the data, the development table, and readings that need the full set of titles."""

from __future__ import annotations

import pytest

from bot.core.names.resolutions.knowledge import load_landmarks
from bot.core.names.resolutions.matcher import ResolutionMatcher
from tests.core.names.resolutions.eval_table import EVAL_TABLE, is_correct, load_table
from tests.paths import DATA

LANDMARKS = load_landmarks(DATA)


@pytest.mark.slow
def test_every_landmark_is_a_recorded_vote_with_its_date_and_tally(
    real_matcher: ResolutionMatcher,
) -> None:
    """Each entry of data/landmarks/ against the database: every symbol exists, and a
    vote's date and stated tally (yes, no, abstentions) are the data's."""
    wrong = []
    for entry in LANDMARKS:
        for symbol in entry.symbols:
            found = real_matcher.get(symbol)
            if found is None or found.symbol != symbol:
                wrong.append(f"{entry.where}: {symbol} is not in the data")
        if entry.series or not entry.date:
            continue
        r = real_matcher.get(entry.symbols[0])
        if r is not None and (r.date != entry.date or (r.yes, r.no, r.abstain) != entry.tally):
            wrong.append(f"{entry.where}: {r.date} {r.yes}-{r.no}-{r.abstain} in the data")
    assert not wrong, wrong
    assert real_matcher.problems == []


@pytest.mark.slow
def test_the_names_of_landmarks_find_their_votes(real_matcher: ResolutionMatcher) -> None:
    """What the landmark files call a vote reads as that vote (or, for a recurring item,
    as one of its resolutions), all but a few names that two entries share."""
    names = [(n, set(e.symbols)) for e in LANDMARKS for n in e.names]
    missed = []
    for name, symbols in names:
        match = real_matcher.resolve(name)
        if not (match.status != "none" and match.best is not None and match.best.id in symbols):
            missed.append(name)
    assert len(missed) <= 0.03 * len(names), missed[:50]


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
def test_development_table_accuracy(real_matcher: ResolutionMatcher) -> None:
    """A guard against regressions on the development table the matcher was fitted on
    (bench/bench_match_resolution.py reports every table in detail)."""
    table = load_table(EVAL_TABLE)
    wrong = [q for q, e, _ in table if not is_correct(real_matcher.resolve(q), e)]
    assert len(wrong) <= 0.12 * len(table), wrong
    matched = [(q, e) for q, e, _ in table if real_matcher.resolve(q).status == "match"]
    false = [q for q, e in matched if not is_correct(real_matcher.resolve(q), e)]
    assert len(false) <= 0.01 * len(matched), false


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
def test_two_votes_of_one_month_are_never_one_silently(real_matcher: ResolutionMatcher) -> None:
    match = real_matcher.resolve("ukraine march 2022")
    assert match.status in ("ambiguous", "best_guess")
    offered = {c.id for c in match.candidates} | ({match.best.id} if match.best else set())
    assert {"A/RES/ES-11/1", "A/RES/ES-11/2"} <= offered
