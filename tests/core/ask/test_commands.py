"""Questions to answers through the command table (`answer_question`): plain questions
as people phrase them in a discussion, and slash-command text.

The `answers` fixture (over the hand-written answers CSV) is in tests/conftest.py.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answers.facade import Answers
from bot.core.ask.commands import answer_question
from bot.core.render.text import render_json, render_text
from tests.answers_fixture import DATES, ROWS, count_agreement


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda cmd, rest: f"/{cmd} {rest}",
            st.sampled_from(["howvoted", "resolution", "compare", "allies", "history", "search"]),
            st.text(max_size=50),
        ),
    )
)
def test_any_input_gets_an_answer_that_fits(answers: Answers, text: str) -> None:
    answer = answer_question(answers, text)
    assert 0 < len(render_text(answer)) <= 2000
    json.dumps(render_json(answer))


# --- plain questions as people phrase them in a discussion ------------------------------


def test_who_a_country_votes_against_is_its_allies_answer(answers: Answers) -> None:
    data = render_json(answer_question(answers, "who does the US vote against?"))
    assert (data["kind"], data["country"]["code"]) == ("allies", "USA"), data


@pytest.mark.parametrize(
    ("text", "since", "until", "topic"),
    [
        ("how often do china and india agree since 1990?", "1990", None, None),
        ("how often do China and India agree before 2000", None, "1999", None),
        ("how often do china and india vote together between 1990 and 2015?", "1990", "2015", None),
        ("how often do cuba and india agree on ukraine?", None, None, "ukraine"),
        ("compare Cuba and India since 2000", "2000", None, None),
    ],
)
def test_compare_questions_keep_their_period_and_topic(
    answers: Answers,
    text: str,
    since: str | None,
    until: str | None,
    topic: str | None,
) -> None:
    data = render_json(answer_question(answers, text))
    assert data["kind"] == "compare", data
    assert (data["since"], data["until"], data["topic"]) == (since, until, topic)
    if topic is None:
        a, b = data["a"]["code"], data["b"]["code"]
        _, _, both, _ = count_agreement(ROWS, DATES, a, b, since or "", until or "")
        assert data["votes"] == both


def test_allies_question_with_a_period(answers: Answers) -> None:
    data = render_json(answer_question(answers, "who does cuba vote with since 1990?"))
    assert (data["kind"], data["country"]["code"], data["since"]) == ("allies", "CUB", "1990")


@pytest.mark.parametrize(
    "text",
    [
        "Eritrea's votes on ukraine over the years",
        "how has eritrea voted on ukraine over the years?",
        "eritrea's voting record on ukraine",
        "how does eritrea vote on ukraine over time?",
    ],
)
def test_votes_over_the_years_is_a_history(answers: Answers, text: str) -> None:
    data = render_json(answer_question(answers, text))
    assert (data["kind"], data["country"]["code"]) == ("history", "ERI"), data
    assert data["topic"].lower() == "ukraine"


def test_unquoted_name_the_matcher_knows_is_not_a_seat_is_kept_whole(
    answers: Answers,
) -> None:
    data = render_json(answer_question(answers, "/howvoted Holy See ES-11/1"))
    assert (data["kind"], data["what"], data["query"]) == ("unresolved", "country", "Holy See")
    assert "observer" in data["message"]


@pytest.mark.parametrize("name", ["Taiwan", "Palestine", "Kosovo"])
def test_a_name_that_holds_no_seat_is_explained_without_a_far_guess(
    answers: Answers,
    name: str,
) -> None:
    message = render_json(answer_question(answers, f"/howvoted {name} ES-11/1"))["message"]
    assert name in message and ("observer" in message or "no seat" in message)
    assert "Did you mean" not in message


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("who votes with india?", "allies", "IND"),
        ("has china ever opposed ES-11/1?", "howvoted", "CHN"),
        ("how closely do france and germany vote?", "compare", "FRA"),
        ("how often does india agree with cuba?", "compare", "IND"),
        ("eritrea es-11/1", "howvoted", "ERI"),
        ("how did france vote on?", "recent", "FRA"),
        ("@votebot how did cuba vote on ES-11/1", "howvoted", "CUB"),
    ],
)
def test_more_question_shapes(answers: Answers, text: str, kind: str, code: str) -> None:
    data = render_json(answer_question(answers, text))
    assert data["kind"] == kind, data
    assert (data.get("country") or data.get("a"))["code"] == code


def test_comparing_a_country_with_itself_says_so(answers: Answers) -> None:
    data = render_json(answer_question(answers, "/compare China China"))
    assert (data["kind"], data["status"]) == ("unresolved", "usage"), data
    assert "two different countries" in data["message"]


def test_unquoted_split_keeps_a_country_whole_when_the_resolution_is_unclear(
    answers: Answers,
) -> None:
    data = render_json(answer_question(answers, "/howvoted north korea zzqqy xxkkv"))
    assert (data["kind"], data["what"], data["query"]) == (
        "unresolved",
        "resolution",
        "zzqqy xxkkv",
    )


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("how did everyone vote on ES-11/1?", "resolution", None),
        ("how did the world vote on ES-11/1", "resolution", None),
        ("what did russia do on ES-11/1?", "howvoted", "RUS"),
        ("where does india stand on ES-11/1", "howvoted", "IND"),
        ("tell me about cuba", "recent", "CUB"),
        ("russia vs china", "compare", "RUS"),
        ("cuba and india?", "compare", "CUB"),
    ],
)
def test_discussion_shorthand(answers: Answers, text: str, kind: str, code: str | None) -> None:
    data = render_json(answer_question(answers, text))
    assert data["kind"] == kind, data
    if code is not None:
        assert (data.get("country") or data.get("a"))["code"] == code
    else:
        assert data["resolution"]["symbol"] == "A/RES/ES-11/1"
