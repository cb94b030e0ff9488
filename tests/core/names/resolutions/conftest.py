"""The resolution matchers the tests share: over the small fixture database with the test
landmarks (with and without words people use alike), and over the whole shared file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.data.ingest import import_file
from bot.core.data.store import Store
from bot.core.names.resolutions.matcher import ResolutionMatcher
from tests.core.names.resolutions.sample import FIXTURE_CSV, MORE_LANDMARKS, WORDS, write_data
from tests.paths import DATA


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("db") / "votes.db"
    import_file(FIXTURE_CSV, path)
    with Store(path) as s:
        yield s


@pytest.fixture(scope="module")
def matcher(store: Store, tmp_path_factory: pytest.TempPathFactory) -> ResolutionMatcher:
    data = write_data(tmp_path_factory.mktemp("data"))
    return ResolutionMatcher.from_store(store, aliases_dir=data)


@pytest.fixture(scope="module")
def alike_matcher(store: Store, tmp_path_factory: pytest.TempPathFactory) -> ResolutionMatcher:
    data = write_data(tmp_path_factory.mktemp("alike"), landmarks=MORE_LANDMARKS, words=WORDS)
    return ResolutionMatcher.from_store(store, aliases_dir=data)


@pytest.fixture(scope="module")
def real_store(real_db: Path) -> Iterator[Store]:
    """The whole shared file (imported once per run, in tests/conftest.py)."""
    with Store(real_db) as s:
        yield s


@pytest.fixture(scope="module")
def real_matcher(real_store: Store) -> ResolutionMatcher:
    return ResolutionMatcher.from_store(real_store, aliases_dir=DATA)
