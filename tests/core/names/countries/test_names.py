"""The names data behind country matching: name variants and the curated names file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.names.countries.matcher import CountryDataError, CountryMatcher, name_variants
from tests.core.names.countries.sample import SEATS, resolved


def test_name_variants_uninvert_and_unbracket() -> None:
    assert "Republic of Korea" in name_variants("Korea, Republic of")
    assert {"Iran", "Islamic Republic of Iran"} <= name_variants("Iran (Islamic Republic of)")


# --- the names file ------------------------------------------------------------------------


def test_broken_names_file_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "countries.toml"
    broken.write_text("[aliases]\nFRA = [Hexagon]\n", encoding="utf-8")
    with pytest.raises(CountryDataError, match=r"countries\.toml.*line"):
        CountryMatcher(SEATS, aliases_path=broken)


def test_missing_names_file(tmp_path: Path) -> None:
    with pytest.raises(CountryDataError, match="missing"):
        CountryMatcher(SEATS, aliases_path=tmp_path / "countries.toml")


def test_aliases_come_from_the_file(tmp_path: Path) -> None:
    names = tmp_path / "countries.toml"
    names.write_text('[aliases]\nFRA = ["Hexagon"]\n', encoding="utf-8")
    matcher = CountryMatcher(SEATS, aliases_path=names)
    assert resolved(matcher, "Hexagon") == "FRA"
    assert resolved(matcher, "Britain") is None  # the default file's alias is not there


def test_phrase_names_are_read_in_english_and_native_names_only(
    wide_matcher: CountryMatcher,
) -> None:
    """For the words of English titles: "Deutschland" names Germany, a French word that is
    an English one ("Grenade") does not name Grenada."""
    assert wide_matcher.named("Deutschland") == "DEU"
    assert wide_matcher.named("north korea") == "PRK"
    assert wide_matcher.named("Allemagne") is None
    assert "north korea" in wide_matcher.phrase_names("north korea")
    assert wide_matcher.phrase_names("Allemagne") == frozenset()
