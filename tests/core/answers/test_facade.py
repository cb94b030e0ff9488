"""The answers facade over a database imported from a small hand-written CSV.

Expected values come straight from the CSV rows, counted in plain Python
(tests/answers_fixture.py). The `answers` fixture is in tests/conftest.py.
"""

from __future__ import annotations

import csv

import pytest

from bot.core.answers.facade import Answers
from bot.core.ask.commands import HOWVOTED, answer_question
from bot.core.models import (
    AlliesAnswer,
    CompareAnswer,
    HistoryAnswer,
    HowVotedAnswer,
    RecentVotesAnswer,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
)
from bot.core.render.text import render_json, render_text
from tests.answers_fixture import DATES, FIXTURE, NAMES, ROWS, codes_with, count_agreement


@pytest.mark.parametrize(
    ("country", "code", "symbol"),
    [
        ("Eritrea", "ERI", "A/RES/ES-11/1"),  # no
        ("United States", "USA", "A/RES/ES-11/1"),  # yes
        ("China", "CHN", "A/RES/ES-11/1"),  # abstain
        ("India", "IND", "A/RES/68/262"),  # abstain
        ("Eritrea", "ERI", "A/RES/77/293"),  # did not vote
        ("Ukraine", "UKR", "A/RES/46/7"),  # did not vote
        ("Cuba", "CUB", "A/RES/3379(XXX)"),  # yes, before many members existed
    ],
)
def test_how_voted_matches_the_rows(answers: Answers, country: str, code: str, symbol: str) -> None:
    answer = answers.how_voted(country, symbol)
    assert isinstance(answer, HowVotedAnswer), answer
    letter = ROWS[symbol][code]
    assert answer.country.code == code
    assert answer.resolution.symbol == symbol
    assert answer.vote == NAMES[letter]
    sided = {r.code for r in answer.sided_with}
    opposed = {r.code for r in answer.opposed_by}
    if letter in "YNA":
        assert sided == codes_with(symbol, letter) - {code}
    else:
        assert sided == set()
    other = {"Y": "N", "N": "Y"}.get(letter)
    assert opposed == (codes_with(symbol, other) if other else set())


def test_not_a_member_then(answers: Answers) -> None:
    answer = answers.how_voted("Eritrea", "A/RES/1001(X)")
    assert isinstance(answer, HowVotedAnswer)
    assert "ERI" not in ROWS["A/RES/1001(X)"]
    assert answer.vote == "not_member"
    assert answer.sided_with == () and answer.opposed_by == ()
    assert any("first recorded vote was on" in n for n in answer.notes)
    assert render_text(answer).count("was not a UN member then") == 1
    assert render_json(answer)["vote"] == "not_member"


def test_former_state_after_it_ended(answers: Answers) -> None:
    resolution = answers.store.resolution("A/RES/ES-11/1")
    assert resolution is not None
    answer = answers.how_voted_on("SUN", resolution)
    assert answer.country.code == "SUN" and answer.country.former
    assert answer.vote == "not_member"
    assert any("former member state" in n for n in answer.notes)
    assert "(former)" in render_text(answer)
    # By name, the seat's holder on that date answers, and the answer says so.
    by_name = answers.how_voted("USSR", "A/RES/ES-11/1")
    assert isinstance(by_name, HowVotedAnswer)
    if by_name.country.code != "SUN":
        assert by_name.notes and by_name.vote == NAMES[ROWS["A/RES/ES-11/1"][by_name.country.code]]


def test_former_state_when_it_voted(answers: Answers) -> None:
    answer = answers.how_voted("German Democratic Republic", "A/RES/3379(XXX)")
    assert isinstance(answer, HowVotedAnswer)
    assert (answer.country.code, answer.vote) == ("DDR", NAMES[ROWS["A/RES/3379(XXX)"]["DDR"]])


def test_russia_before_1992_is_the_soviet_seat(answers: Answers) -> None:
    answer = answers.how_voted("Russia", "A/RES/3379(XXX)")
    assert isinstance(answer, HowVotedAnswer)
    assert answer.country.code == "SUN"
    assert answer.vote == NAMES[ROWS["A/RES/3379(XXX)"]["SUN"]]
    assert answer.notes, "the remap to the USSR is said"


def test_resolution_summary_lists(answers: Answers) -> None:
    for symbol in ROWS:
        answer = answers.resolution(symbol)
        assert isinstance(answer, ResolutionAnswer), (symbol, answer)
        assert {r.code for r in answer.no_votes} == codes_with(symbol, "N")
        assert {r.code for r in answer.abstentions} == codes_with(symbol, "A")
        assert {r.code for r in answer.non_voting} == codes_with(symbol, "X")
        assert {r.code for r in answer.yes_votes} == codes_with(symbol, "Y")
        data = render_json(answer)
        assert sorted(data["no_votes"]) == sorted(codes_with(symbol, "N"))
        assert data["resolution"]["symbol"] == symbol


def test_resolution_link_and_data_notes(answers: Answers) -> None:
    linked = answers.resolution("A/RES/68/262")
    assert isinstance(linked, ResolutionAnswer)
    assert "https://digitallibrary.un.org/record/1004" in render_text(linked)
    unlinked = answers.resolution("A/RES/ES-11/1")
    assert isinstance(unlinked, ResolutionAnswer)
    assert "digitallibrary.un.org/search" in render_text(unlinked)
    assert unlinked.notes == ()
    mismatch = answers.resolution("A/RES/77/293")
    assert isinstance(mismatch, ResolutionAnswer)
    assert any("tally" in n.lower() for n in mismatch.notes), mismatch.notes


@pytest.mark.parametrize(
    ("a", "b", "ca", "cb", "since"),
    [
        ("United States", "Cuba", "USA", "CUB", ""),
        ("China", "India", "CHN", "IND", ""),
        ("France", "United Kingdom", "FRA", "GBR", "1980"),
        ("Belarus", "Cuba", "BLR", "CUB", "2000"),
    ],
)
def test_compare_matches_counting(
    answers: Answers, a: str, b: str, ca: str, cb: str, since: str
) -> None:
    answer = answers.compare(a, b, since=since or None)
    assert isinstance(answer, CompareAnswer), answer
    agreement, coincidence, both, yn = count_agreement(ROWS, DATES, ca, cb, since)
    assert (answer.a.code, answer.b.code) == (ca, cb)
    assert answer.agreement == pytest.approx(agreement)
    assert answer.coincidence == pytest.approx(coincidence)
    assert (answer.votes, answer.yes_no_votes) == (both, yn)
    for d in answer.latest_disagreements:
        assert d.vote_a != d.vote_b
        assert d.vote_a == NAMES[ROWS[d.resolution.symbol][ca]]


def test_allies_need_enough_shared_votes(answers: Answers) -> None:
    answer = answers.allies("Cuba")
    assert isinstance(answer, AlliesAnswer)
    # Seven resolutions are fewer than the minimum: nobody is ranked, and the text says why.
    assert answer.most == () and answer.min_votes > len(ROWS)
    assert "shared at least" in render_text(answer)


def test_history_flags_changes(answers: Answers) -> None:
    answer = answers.history("India", "Ukraine")
    assert isinstance(answer, HistoryAnswer)
    symbols = [e.resolution.symbol for e in answer.entries]
    assert {"A/RES/68/262", "A/RES/ES-11/1"} <= set(symbols)
    dates = [e.resolution.date for e in answer.entries]
    assert dates == sorted(dates)
    previous = None
    for e in answer.entries:
        letter = ROWS[e.resolution.symbol].get("IND")
        assert e.vote == (NAMES[letter] if letter else "not_member")
        assert e.changed == (previous is not None and e.vote != previous)
        previous = e.vote


def test_recent_votes_are_the_latest_member_rows(answers: Answers) -> None:
    answer = answers.how_voted("Eritrea")
    assert isinstance(answer, RecentVotesAnswer)
    eri = [s for s in ROWS if "ERI" in ROWS[s]]
    assert {r.symbol for r, _ in answer.recent} == set(eri)  # fewer than five exist
    for r, vote in answer.recent:
        assert vote == NAMES[ROWS[r.symbol]["ERI"]]
    for r, vote, size in answer.minority:
        assert vote == NAMES[ROWS[r.symbol]["ERI"]]
        assert size == len(codes_with(r.symbol, ROWS[r.symbol]["ERI"]))


def test_search_pages(answers: Answers) -> None:
    answer = answers.search("Ukraine")
    assert isinstance(answer, SearchAnswer)
    assert answer.total >= 2 and answer.page == 1
    beyond = answers.search("Ukraine", page=99)
    assert isinstance(beyond, SearchAnswer) and beyond.page == beyond.pages


def test_unknown_names_are_unresolved_with_a_hint(answers: Answers) -> None:
    answer = HOWVOTED.run(answers, {"country": "Qwxzland", "resolution": "ES-11/1"})
    assert isinstance(answer, Unresolved) and answer.kind == "country"
    assert answer.message.endswith(HOWVOTED.hint) and not answer.needs_hint
    bare = answers.how_voted("Qwxzland", "ES-11/1")  # the facade leaves the hint to the table
    assert isinstance(bare, Unresolved) and bare.needs_hint and HOWVOTED.hint not in bare.message
    data = render_json(answer)
    assert data["kind"] == "unresolved" and data["status"] in ("none", "ambiguous")
    bad_res = answers.resolution("zzzz qqqq")
    assert isinstance(bad_res, Unresolved) and bad_res.kind == "resolution"


@pytest.mark.parametrize("topic", ["ES-11", "the ES-11 series", "session 46", "77"])
def test_history_of_a_session(answers: Answers, topic: str) -> None:
    session = topic.split()[-2] if topic.endswith("series") else topic.split()[-1]
    with FIXTURE.open(newline="") as fh:
        want = {r["resolution"] for r in csv.DictReader(fh) if r["session"] == session}
    answer = answers.history("Cuba", topic)
    assert isinstance(answer, HistoryAnswer)
    assert {e.resolution.symbol for e in answer.entries} == want
    assert want


def test_the_matchers_reason_travels_with_a_miss(answers: Answers) -> None:
    answer = answers.how_voted("Palestine", "68/262")
    assert isinstance(answer, Unresolved)
    assert "observer" in answer.message


def test_a_best_guess_is_answered_and_says_so(answers: Answers) -> None:
    from bot.core.models import ResolutionAnswer

    text = "russia suspended from the rights council"
    assert answers.resolutions.resolve(text).status == "best_guess"
    answer = answers.resolution(text)
    assert isinstance(answer, ResolutionAnswer)
    assert answer.guess is not None and answer.guess.status == "best_guess"
    assert answer.notes[0].startswith(f"Taking “{text}” to mean {answer.resolution.symbol}")
    data = render_json(answer)
    assert data["reading"]["status"] == "best_guess" and data["reading"]["query"] == text
    assert all(c["symbol"] != answer.resolution.symbol for c in data["reading"]["candidates"])
    sure = answers.resolution("ES-11/1")
    assert isinstance(sure, ResolutionAnswer) and sure.guess is None
    assert "reading" not in render_json(sure)


def test_a_misspelt_country_is_read_aloud_in_every_kind_of_answer(answers: Answers) -> None:
    compared = answers.compare("Ukriane", "Eritrea")
    allies = answers.allies("Ukriane")
    history = answers.history("Ukriane", "ukraine")
    for answer in (compared, allies, history):
        assert isinstance(answer, CompareAnswer | AlliesAnswer | HistoryAnswer), answer
        assert answer.notes == ("Taking “Ukriane” to mean Ukraine.",)
        assert "Taking “Ukriane” to mean Ukraine." in render_text(answer)
        assert render_json(answer)["notes"] == list(answer.notes)
    sure = answers.allies("Ukraine")
    assert isinstance(sure, AlliesAnswer) and sure.notes == ()


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("did eritrea vote no on ES-11/1?", "Yes. Eritrea voted No"),
        ("Did Eritrea vote against ES-11/1", "Yes. Eritrea voted No"),
        ("did eritrea support ES-11/1?", "No. Eritrea voted No"),
        ("did eritrea vote in favour of ES-11/1", "No. Eritrea voted No"),
        ("did eritrea abstain on ES-11/1?", "No. Eritrea voted No"),
    ],
)
def test_a_yes_no_question_is_answered_yes_or_no_first(
    answers: Answers, question: str, first: str
) -> None:
    answer = answer_question(answers, question)
    assert render_text(answer).startswith(first)
    fields = render_json(answer)
    assert fields["answer_yes"] is first.startswith("Yes")
    assert fields["text"].startswith(first)


def test_a_plain_how_question_is_not_answered_yes_or_no(answers: Answers) -> None:
    text = render_text(answer_question(answers, "how did eritrea vote on ES-11/1"))
    assert not text.startswith(("Yes.", "No."))
    assert "asked" not in render_json(answer_question(answers, "how did eritrea vote on ES-11/1"))


@pytest.mark.parametrize(
    "question",
    [
        "who sided with russia on ES-11/1",
        "which countries voted with Russia on ES-11/1?",
        "who voted the same as russia on ES-11/1",
        "who stood with russia on ES-11/1",
    ],
)
def test_who_sided_with_a_country_is_its_vote_and_who_voted_alike(
    answers: Answers, question: str
) -> None:
    fields = render_json(answer_question(answers, question))
    assert fields["kind"] == "howvoted"
    assert fields["country"]["code"] == "RUS" and fields["vote"] == "no"
    assert set(fields["sided_with"]) == {"BLR", "PRK", "ERI"}
    assert {"USA", "GBR", "FRA", "DEU", "UKR"} <= set(fields["opposed_by"])
