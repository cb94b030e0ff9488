"""Answers on the full shared data, checked against the CSV rows counted independently.

The database (`real_db`) is imported once per run, in tests/conftest.py.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.answers.facade import Answers
from bot.core.ask.commands import answer_question
from bot.core.models import (
    AlliesAnswer,
    CompareAnswer,
    HowVotedAnswer,
    RecentVotesAnswer,
    ResolutionAnswer,
    Unresolved,
)
from bot.core.render.text import render_text
from tests.answers_fixture import NAMES, count_agreement, open_answers

pytestmark = pytest.mark.slow


@dataclass
class Rows:
    votes: dict[str, dict[str, str]] = field(default_factory=dict)  # symbol -> code -> letter
    dates: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def with_vote(self, symbol: str, letter: str) -> set[str]:
        return {c for c, v in self.votes[symbol].items() if v == letter}

    @cached_property
    def counted(self) -> dict[str, dict[str, str]]:
        """The votes agreement counts: a record under another symbol that repeats an
        adopted resolution's roll call on the same day (A/76/L.14) is the same vote."""
        adopted = {
            (self.dates[s], tuple(sorted(v.items())))
            for s, v in self.votes.items()
            if s.startswith("A/RES/")
        }
        return {
            s: v
            for s, v in self.votes.items()
            if s.startswith("A/RES/") or (self.dates[s], tuple(sorted(v.items()))) not in adopted
        }


@pytest.fixture(scope="module")
def rows(shared_csv: Path) -> Rows:
    out = Rows()
    with gzip.open(shared_csv, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            symbol = row["resolution"]
            out.votes.setdefault(symbol, {}).setdefault(row["ms_code"], row["ms_vote"])
            out.dates[symbol] = row["date"]
            out.titles[symbol] = row["title"]
    return out


@pytest.fixture(scope="module")
def answers(real_db: Path) -> Iterator[Answers]:
    yield from open_answers(real_db)


def expected_vote(rows: Rows, symbol: str, code: str) -> str:
    letter = rows.votes[symbol].get(code)
    return NAMES[letter] if letter else "not_member"


def test_how_voted_for_many_countries_and_resolutions(answers: Answers, rows: Rows) -> None:
    rng = random.Random(7)
    # Records the file gives no symbol for are stored under another key; skip those.
    symbols = sorted(s for s in rows.votes if s != "MISSING_DATA")
    codes = sorted({c for v in rows.votes.values() for c in v})
    seen = set()
    for _ in range(600):
        symbol, code = rng.choice(symbols), rng.choice(codes)
        resolution = answers.store.resolution(symbol)
        assert resolution is not None, symbol
        answer = answers.how_voted_on(code, resolution)
        want = expected_vote(rows, symbol, code)
        assert answer.vote == want, (code, symbol)
        seen.add(want)
        letter = rows.votes[symbol].get(code, "-")
        sided = {r.code for r in answer.sided_with}
        if letter in "YNA":
            assert sided == rows.with_vote(symbol, letter) - {code}, (code, symbol)
        else:
            assert sided == set()
        other = {"Y": "N", "N": "Y"}.get(letter)
        opposed = {r.code for r in answer.opposed_by}
        assert opposed == (rows.with_vote(symbol, other) if other else set()), (code, symbol)
        assert len(render_text(answer)) <= 2000
    assert seen == {"yes", "no", "abstain", "non_voting", "not_member"}


def test_how_voted_through_names(answers: Answers, rows: Rows) -> None:
    """Free-text names: whichever seat the matcher picks, its vote is the CSV's."""
    rng = random.Random(3)
    symbols = sorted(s for s in rows.votes if s != "MISSING_DATA")
    countries = [c for c in answers.store.countries()]
    answered = 0
    for _ in range(150):
        country, symbol = rng.choice(countries), rng.choice(symbols)
        answer = answers.how_voted(country.name, symbol)
        if isinstance(answer, Unresolved):
            # A name two seats shared ("Yemen" in 1970) is asked about, with both offered.
            assert answer.kind == "country", f"an exact symbol did not resolve: {answer}"
            assert answer.match is not None and answer.match.status == "ambiguous", answer
            assert country.code in {c.id for c in answer.match.candidates}, answer
            continue
        answered += 1
        assert isinstance(answer, HowVotedAnswer), (country.name, symbol, answer)
        assert answer.resolution.symbol == symbol
        assert answer.vote == expected_vote(rows, symbol, answer.country.code)
    assert answered >= 120


def test_former_states(answers: Answers, rows: Rows) -> None:
    late = answers.how_voted_on("SUN", answers.store.resolution("A/RES/ES-11/1"))  # type: ignore[arg-type]
    assert late.vote == "not_member" and late.country.former
    assert any("former member state" in n for n in late.notes)
    for code in ("SUN", "DDR", "GER", "CSK", "YUG", "SCG", "YMD", "ZZB"):
        voted = sorted(s for s, v in rows.votes.items() if v.get(code) in ("Y", "N", "A"))
        assert voted, code
        symbol = voted[len(voted) // 2]
        answer = answers.how_voted_on(code, answers.store.resolution(symbol))  # type: ignore[arg-type]
        assert answer.vote == expected_vote(rows, symbol, code)
        assert answer.country.former
        assert "(former)" in render_text(answers.resolution_summary(answer.resolution)) or (
            answer.vote == "yes"
        )


def test_resolution_summaries(answers: Answers, rows: Rows) -> None:
    rng = random.Random(11)
    for symbol in rng.sample(sorted(s for s in rows.votes if s != "MISSING_DATA"), 300):
        answer = answers.resolution(symbol)
        assert isinstance(answer, ResolutionAnswer), (symbol, answer)
        assert answer.resolution.symbol == symbol
        assert {r.code for r in answer.no_votes} == rows.with_vote(symbol, "N")
        assert {r.code for r in answer.abstentions} == rows.with_vote(symbol, "A")
        assert {r.code for r in answer.non_voting} == rows.with_vote(symbol, "X")
        assert len(render_text(answer)) <= 2000


def test_known_tally_mismatch_is_noted(answers: Answers) -> None:
    answer = answers.resolution("A/RES/77/293")
    assert isinstance(answer, ResolutionAnswer)
    assert answer.notes, "A/RES/77/293 lists one abstainer fewer than its tally"


def counted_agreement(rows: Rows, a: str, b: str, since: str = "", until: str = "") -> tuple:  # type: ignore[type-arg]
    return count_agreement(rows.counted, rows.dates, a, b, since, until)


def test_compare_many_pairs(answers: Answers, rows: Rows) -> None:
    rng = random.Random(5)
    codes = sorted({c for v in rows.votes.values() for c in v})
    for _ in range(40):
        a, b = rng.sample(codes, 2)
        since = str(rng.randrange(1946, 2020)) if rng.random() < 0.6 else ""
        until = str(rng.randrange(int(since or 1946), 2027)) if rng.random() < 0.3 else ""
        answer = answers.compare_codes(a, b, since=since or None, until=until or None)
        assert isinstance(answer, CompareAnswer)
        agreement, coincidence, both, yn = counted_agreement(rows, a, b, since, until)
        assert (answer.votes, answer.yes_no_votes) == (both, yn), (a, b, since, until)
        assert answer.agreement == pytest.approx(agreement)
        assert answer.coincidence == pytest.approx(coincidence)


@pytest.mark.parametrize(
    ("code", "since"), [("CUB", ""), ("ERI", ""), ("USA", "2000"), ("IND", "1990")]
)
def test_allies_are_ranked_by_counted_agreement(
    answers: Answers, rows: Rows, code: str, since: str
) -> None:
    answer = answers.allies_of(code, since=since or None)
    assert isinstance(answer, AlliesAnswer)
    assert len(answer.most) == 10 and len(answer.least) == 10
    counted = {
        other: counted_agreement(rows, code, other, since)
        for other in {c for v in rows.votes.values() for c in v} - {code}
    }
    for score in (*answer.most, *answer.least):
        agreement, _, both, _ = counted[score.country.code]
        assert score.votes == both >= answer.min_votes
        assert score.agreement == pytest.approx(agreement)
    eligible = sorted((v[0] for v in counted.values() if v[2] >= answer.min_votes), reverse=True)
    assert answer.most[0].agreement == pytest.approx(eligible[0])
    assert answer.most[-1].agreement == pytest.approx(eligible[9])
    assert answer.least[0].agreement == pytest.approx(eligible[-1])


def test_recent_votes(answers: Answers, rows: Rows) -> None:
    for code in ("ERI", "USA", "RUS", "PRK", "CHE"):
        answer = answers.recent_votes(code)
        assert isinstance(answer, RecentVotesAnswer)
        dates = sorted((d for s, d in rows.dates.items() if code in rows.votes[s]), reverse=True)
        assert [r.date for r, _ in answer.recent] == dates[:5]
        for r, vote in answer.recent:
            assert vote == expected_vote(rows, r.symbol, code)
        newest_year = int(max(rows.dates.values())[:4])
        for r, vote, size in answer.minority:
            assert r.year > newest_year - 10
            letter = rows.votes[r.symbol][code]
            assert vote == NAMES[letter] and size == len(rows.with_vote(r.symbol, letter)) <= 10


def cli_json(db: Path, text: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["ask", text, "--json", "--db", str(db)])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def test_issue_examples_through_the_cli(real_db: Path, rows: Rows) -> None:
    code, data = cli_json(real_db, "/howvoted Eritrea ES-11/1")
    assert code == 0 and data["vote"] == "no"
    assert set(data["sided_with"]) == rows.with_vote("A/RES/ES-11/1", "N") - {"ERI"}
    for text in ('/howvoted "north korea" "crimea"', "/howvoted north korea crimea"):
        code, data = cli_json(real_db, text)
        assert code == 0, data
        assert data["country"]["code"] == "PRK"
        assert data["vote"] == expected_vote(rows, data["resolution"]["symbol"], "PRK")
        assert "Ukraine" in data["resolution"]["title"]
    code, data = cli_json(real_db, "did india abstain on the ukraine vote in march 2022?")
    assert code == 0 and data["kind"] == "howvoted", data
    assert data["resolution"]["date"].startswith("2022-03")
    assert data["vote"] == expected_vote(rows, data["resolution"]["symbol"], "IND")
    code, data = cli_json(real_db, "who voted against ES-11/1?")
    assert code == 0 and set(data["no_votes"]) == rows.with_vote("A/RES/ES-11/1", "N")
    code, data = cli_json(real_db, "/compare Russia China since:2010")
    assert code == 0
    agreement, coincidence, both, _ = counted_agreement(rows, "RUS", "CHN", "2010")
    assert data["votes"] == both and data["agreement"] == pytest.approx(agreement)
    for text, kind in [
        ("/resolution crimea", "resolution"),
        ("/allies Eritrea", "allies"),
        ("/history Eritrea ukraine", "history"),
        ("/search gaza ceasefire", "search"),
        ("how did eritrea vote on the crimea resolution?", "howvoted"),
        ("who does cuba vote with?", "allies"),
    ]:
        code, data = cli_json(real_db, text)
        assert (code, data["kind"]) == (0, kind), (text, data)


def test_every_stored_symbol_answers_as_itself(answers: Answers) -> None:
    wrong = []
    for resolution in answers.matrix.resolutions:
        answer = answers.resolution(resolution.symbol)
        if not isinstance(answer, ResolutionAnswer) or answer.resolution.id != resolution.id:
            wrong.append(resolution.symbol)
    assert wrong == []


@pytest.mark.parametrize("topic", ["human rights", "palestine", "nuclear", "apartheid", "korea"])
def test_long_histories_fit_one_message(answers: Answers, rows: Rows, topic: str) -> None:
    answer = answers.history("Cuba", topic)
    assert not isinstance(answer, Unresolved)
    assert len(answer.entries) > 25
    text = render_text(answer)
    assert len(text) <= 2000
    for e in answer.entries:
        assert e.vote == expected_vote(rows, e.resolution.symbol, "CUB")
    # the first and the latest entries are always shown
    assert answer.entries[0].resolution.symbol in text
    assert answer.entries[-1].resolution.symbol in text


def test_a_period_before_reunification_asks_which_germany(answers: Answers) -> None:
    for ask in (
        lambda: answers.compare("Germany", "United States", until="1985"),
        lambda: answers.allies("Germany", since="1980", until="1985"),
    ):
        answer = ask()
        assert isinstance(answer, Unresolved)
        assert answer.match is not None and answer.match.status == "ambiguous"
        assert {c.id for c in answer.match.candidates} == {"GER", "DDR"}


def test_a_dated_question_names_the_other_resolutions_that_fit(
    answers: Answers, rows: Rows
) -> None:
    fits = sorted(
        s
        for s, d in rows.dates.items()
        if d.startswith("2022-03") and "ukraine" in rows.titles[s].lower()
    )
    assert len(fits) >= 2, fits
    answer = answer_question(answers, "did india abstain on the ukraine vote in march 2022?")
    assert isinstance(answer, HowVotedAnswer)
    assert answer.resolution.symbol in fits
    text = render_text(answer)
    for symbol in fits:
        assert symbol in text, (symbol, text)


def test_a_dated_question_keeps_the_country_note(answers: Answers, rows: Rows) -> None:
    answer = answer_question(answers, "how did Russia vote on afghanistan in 1980?")
    assert isinstance(answer, HowVotedAnswer)
    assert answer.country.code == "SUN"
    assert answer.vote == expected_vote(rows, answer.resolution.symbol, "SUN")
    assert any("Russia" in n and "USSR" in n for n in answer.notes), answer.notes


def test_a_dated_question_prefers_a_resolution_named_after_the_topic(
    answers: Answers, rows: Rows
) -> None:
    titled = {
        s for s, d in rows.dates.items() if d[:4] == "2023" and "ukraine" in rows.titles[s].lower()
    }
    assert titled
    answer = answer_question(answers, "who voted against the ukraine resolution in 2023")
    assert isinstance(answer, ResolutionAnswer)
    assert answer.resolution.symbol in titled
