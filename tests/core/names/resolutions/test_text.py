"""Text helpers of resolution matching: recurring titles and the acronyms a title gives."""

from __future__ import annotations

from bot.core.names.resolutions.text import (
    acronym_expansions,
    same_series,
)


def test_same_series() -> None:
    assert same_series("the situation in afghanistan", "situation in afghanistan")
    assert same_series(
        "advancing responsible state behavior in cyberspace",
        "advancing responsible state behaviour in cyberspace",
    )
    assert not same_series("the situation in niger", "the situation in nigeria")
    assert not same_series("question of cyprus", "question of oman")


def test_acronyms_keep_the_initials_of_short_words_inside_a_name() -> None:
    found = acronym_expansions("Financing of the United Nations Interim Force in Lebanon")
    assert found["unifil"] == "united nations interim force in lebanon"
    assert found["unifl"] == "united nations interim force lebanon"
    assert not any(a.startswith("o") for a in found)  # no name starts with 'of'
