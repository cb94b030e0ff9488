"""The small text helpers every stage shares."""

from __future__ import annotations

import pytest

from bot.core.text import clip, normalise


def test_clip_marks_the_cut() -> None:
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d'Ivoire", "cote divoire"),
        ("  Trinidad & Tobago ", "trinidad and tobago"),
        ("GUINEA-BISSAU", "guinea bissau"),
        ("Türkiye", "turkiye"),
        ("São Tomé", "sao tome"),
        ("U.S.A.", "u s a"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
