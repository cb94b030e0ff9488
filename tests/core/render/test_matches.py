"""The JSON shape of a match, as `votebot match --json` prints it."""

from __future__ import annotations

import pytest

from bot.core.names.countries.matcher import CountryMatcher
from bot.core.render.matches import match_json
from tests.core.names.countries.sample import ALIASES, SEATS


@pytest.fixture(scope="module")
def matcher() -> CountryMatcher:
    return CountryMatcher(SEATS, aliases_path=ALIASES)


def test_match_json_shape(matcher: CountryMatcher) -> None:
    one = match_json(matcher.resolve("france"))
    assert one == {
        "query": "france",
        "status": "match",
        "code": "FRA",
        "name": "France",
        "score": 100.0,
        "candidates": [],
    }
    two = match_json(matcher.resolve("Congo"))
    assert two["status"] == "ambiguous"
    assert {c["code"] for c in two["candidates"]} == {"COG", "COD"}
    assert set(two["candidates"][0]) >= {"code", "name", "score"}
    none = match_json(matcher.resolve("Narnia"))
    assert none["status"] == "none" and none["code"] is None
