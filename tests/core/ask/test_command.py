"""A command call with the user's values: a picked candidate replaces only the text that
was ambiguous, and a page number is added to the same call."""

from __future__ import annotations

import pytest

from bot.core.ask.command import CommandCall
from bot.core.ask.commands import ASK, COMPARE, HISTORY


def test_a_call_with_a_choice_replaces_only_the_ambiguous_text() -> None:
    call = CommandCall.of(COMPARE, a="Congo", b="France", since="2010")
    picked = call.with_choice("Congo", "COD")
    assert dict(picked.args) == {"a": "COD", "b": "France", "since": "2010"}
    assert dict(call.with_page(3).args) == {
        "a": "Congo",
        "b": "France",
        "since": "2010",
        "page": "3",
    }


def test_a_choice_leaves_another_option_that_reads_the_same() -> None:
    call = CommandCall.of(HISTORY, country="Guinea", topic="Guinea")
    assert dict(call.with_choice("Guinea", "GIN").args) == {"country": "GIN", "topic": "Guinea"}
    topic = CommandCall.of(COMPARE, a="Congo", b="France", topic="Congo")
    assert dict(topic.with_choice("Congo", "COG").args)["topic"] == "Congo"


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("how did congo vote on ES-11/1?", "congo", "how did COG vote on ES-11/1?"),
        ("/compare Korea France", "korea", "/compare COG France"),
        ("/howvoted congolese congo", "congo", "/howvoted congolese COG"),
    ],
)
def test_a_choice_replaces_the_ambiguous_words_of_a_typed_question(
    text: str, query: str, expected: str
) -> None:
    picked = CommandCall.of(ASK, question=text).with_choice(query, "COG")
    assert dict(picked.args) == {"question": expected}


def test_a_choice_the_question_does_not_contain_changes_nothing() -> None:
    call = CommandCall.of(ASK, question="how did congo vote?")
    assert call.with_choice("korea", "KOR") == call
