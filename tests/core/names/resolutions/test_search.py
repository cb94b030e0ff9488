"""Resolutions by any spelling (get), autocomplete (suggest) and topic search (search)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.core.data.ingest import import_file
from bot.core.data.store import FTS_TABLE, Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
from tests.core.names.resolutions.sample import FIXTURE_CSV


def test_get_accepts_any_spelling(matcher: ResolutionMatcher) -> None:
    assert matcher.get("A/RES/68/262").symbol == "A/RES/68/262"  # type: ignore[union-attr]
    assert matcher.get("es-11/1").symbol == "A/RES/ES-11/1"  # type: ignore[union-attr]
    assert matcher.get("39/148") is None  # two parts: no single resolution
    assert matcher.get("nonsense") is None


def test_suggest(matcher: ResolutionMatcher) -> None:
    assert matcher.suggest("es-11")[0].id.startswith("A/RES/ES-11/")
    ids = [c.id for c in matcher.suggest("ukr")]
    assert "A/RES/68/262" in ids and "A/RES/ES-11/1" in ids
    assert len(matcher.suggest("", limit=5)) == 5
    cuba = [c.id for c in matcher.suggest("cuba emb")]
    assert cuba[0] == "A/RES/80/4"
    assert len(matcher.suggest('"*( OR', limit=25)) <= 25
    assert len(matcher.suggest("the", limit=4)) == 4  # filler only: the newest
    assert "A/RES/ES-11/1" in {c.id for c in matcher.suggest("ag")}  # a short prefix
    embargo = [c.id for c in matcher.suggest("necessity of ending")]
    assert embargo == ["A/RES/80/4"]  # one item, though two spellings of its title


def test_search_is_about_the_topic(matcher: ResolutionMatcher) -> None:
    found = [r.symbol for r in matcher.search("ukraine")]
    assert found[:3] == ["A/RES/ES-11/4", "A/RES/ES-11/3", "A/RES/ES-11/1"]  # newest first
    assert "A/RES/68/262" in found and "A/RES/76/70" in found
    assert "A/RES/80/20" not in found  # about Europe, not Ukraine
    assert [r.symbol for r in matcher.search("ukraine", since="2022-05", until="2022")] == [
        "A/RES/ES-11/4"
    ]
    assert len(matcher.search("ukraine", limit=2)) == 2
    assert matcher.search("crimea")[0].symbol == "A/RES/76/70"
    assert "A/RES/68/262" in {r.symbol for r in matcher.search("crimea")}  # via the nickname
    assert matcher.search("ukriane")  # a typo still finds the topic
    assert matcher.search('") OR NEAR(') == []
    assert matcher.search("the") == []


def test_search_finds_a_topic_by_a_word_of_its_alike_group(
    matcher: ResolutionMatcher, alike_matcher: ResolutionMatcher
) -> None:
    found = {r.symbol for r in alike_matcher.search("cuba blockade")}
    assert {"A/RES/80/4", "A/RES/71/5"} <= found
    assert not matcher.search("cuba blockade")  # no title says 'blockade'


def test_fts_errors_do_not_escape(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "no_fts.db"
    import_file(FIXTURE_CSV, path)
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE {FTS_TABLE}")
    conn.commit()
    conn.close()
    with Store(path) as bare:
        matcher = ResolutionMatcher.from_store(bare, aliases_dir=tmp_path)
        assert matcher.resolve("aggression against ukraine").best.id == "A/RES/ES-11/1"  # type: ignore[union-attr]
        assert matcher.search("ukraine") == []
