"""Slash-command parsing that needs no database: tokens, options and usage errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.ask.command import UsageError
from bot.core.ask.commands import SLASH_TABLE
from bot.core.ask.slash import parse_command, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Eritrea ES-11/1", [("Eritrea", None, False), ("ES-11/1", None, False)]),
        ('"north korea" "crimea"', [("north korea", None, True), ("crimea", None, True)]),
        ("“north korea” crimea", [("north korea", None, True), ("crimea", None, False)]),
        (
            "Russia China since:2010",
            [("Russia", None, False), ("China", None, False), ("2010", "since", False)],
        ),
        ('topic:"human rights"', [("human rights", "topic", True)]),
        ("A/RES/17(I)[RULE-73]", [("A/RES/17(I)[RULE-73]", None, False)]),
        ("Ukraine: war", [("Ukraine:", None, False), ("war", None, False)]),
    ],
)
def test_tokenize(text: str, tokens: list[tuple[str, str | None, bool]]) -> None:
    assert tokenize(text) == tokens


def test_options_by_name_and_position() -> None:
    parsed = parse_command("/compare Russia China since:2010 until:2020-06", SLASH_TABLE)
    assert parsed.command.name == "compare"
    assert parsed.args == {"since": "2010", "until": "2020-06"}
    assert [w for w, _ in parsed.words] == ["Russia", "China"]
    named = parse_command("/howvoted resolution:ES-11/1 country:Eritrea", SLASH_TABLE)
    assert named.args == {"resolution": "ES-11/1", "country": "Eritrea"}
    assert named.words == []


def test_command_names_are_case_insensitive() -> None:
    assert parse_command("/HowVoted Eritrea", SLASH_TABLE).command.name == "howvoted"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/frobnicate x", "there is no command /frobnicate"),
        ('/howvoted "eritrea', "quotation mark is not closed"),
        ("/compare Russia China since:last-year", "since must be a year"),
        ("/compare Russia China since:2010 since:2011", "given twice"),
        ("/search gaza page:0", "page must be a whole number"),
        ("/search gaza page:two", "page must be a whole number"),
        ("/allies Cuba page:2", "/allies has no option page"),
        ("/allies Eritrea since:2010-13-45", "since must be a year"),
        ("/compare Russia China until:2010-02-30", "until must be a year"),
    ],
)
def test_malformed_commands_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_command(text, SLASH_TABLE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_parses_or_gets_a_usage_error(text: str) -> None:
    for candidate in (text, "/" + text, "/howvoted " + text, "/compare " + text):
        try:
            parsed = parse_command(candidate, SLASH_TABLE)
        except UsageError as exc:
            assert str(exc)
        else:
            assert parsed.command


@pytest.mark.parametrize(
    ("text", "args", "words"),
    [
        ("/compare a:United States b:China", {"a": "United States", "b": "China"}, []),
        ("/allies country:North Korea since:2010", {"country": "North Korea", "since": "2010"}, []),
        ("/compare India Pakistan topic:nuclear weapons", {"topic": "nuclear weapons"}, 2),
        ("/search topic:gaza ceasefire page:2", {"topic": "gaza ceasefire", "page": "2"}, []),
        ("/howvoted country:India ES-11/1", {"country": "India"}, ["ES-11/1"]),
    ],
)
def test_an_unquoted_option_value_runs_on_where_no_other_slot_could_take_it(
    text: str, args: dict[str, str], words: list[str] | int
) -> None:
    parsed = parse_command(text, SLASH_TABLE)
    assert parsed.args == args
    got = [w for w, _ in parsed.words]
    assert (len(got) if isinstance(words, int) else got) == words
