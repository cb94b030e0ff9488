"""Autocomplete of country names: prefixes, fragments, the limit, and an empty fragment."""

from __future__ import annotations

from bot.core.names.countries.matcher import CountryMatcher


def test_suggest_prefix(matcher: CountryMatcher) -> None:
    ids = [c.id for c in matcher.suggest("ger")]
    assert ids[0] == "DEU"
    assert {"GER", "DDR"} <= set(ids)


def test_suggest_fragment_and_limit(matcher: CountryMatcher) -> None:
    ids = [c.id for c in matcher.suggest("guinea", limit=3)]
    assert len(ids) == 3
    assert ids[0] == "GIN"
    assert [c.id for c in matcher.suggest("sudan")][:2] == ["SDN", "SSD"]


def test_suggest_empty_lists_current_members(matcher: CountryMatcher) -> None:
    found = matcher.suggest("")
    assert 0 < len(found) <= 25
    assert not {"SUN", "DDR", "GER"} & {c.id for c in found}
    assert matcher.suggest("", limit=0) == []
