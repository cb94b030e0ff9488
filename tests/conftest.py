"""Fixtures shared across the tree: the shared data file, the database and the chart answers
built from it, and the database built from the hand-written answers fixture. Real-data
tests read ../shared/data at run time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.answers.facade import Answers
from bot.core.models import ResolutionAnswer
from tests.answers_fixture import FIXTURE, import_csv, open_answers
from tests.paths import SHARED_DATA


@pytest.fixture(scope="session")
def shared_csv() -> Path:
    if not SHARED_DATA.is_file():
        pytest.fail(f"the shared data file is missing: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def real_db(shared_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shared file imported once with `votebot data import`; tests only read it."""
    return import_csv(shared_csv, tmp_path_factory.mktemp("real") / "votes.db")


@pytest.fixture(scope="session")
def real_answers(shared_csv: Path) -> dict[str, ResolutionAnswer]:
    """The ResolutionAnswers of a few real resolutions (pictures.REAL_SYMBOLS), built straight
    from the rows of the shared file, for the chart tests and `votebot ask --chart`."""
    from tests.core.render.charts.pictures import real_resolution_answers

    return real_resolution_answers(shared_csv)


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The answers fixture (fixtures/answers-votes.csv) imported as an operator would."""
    return import_csv(FIXTURE, tmp_path_factory.mktemp("answers") / "votes.db")


@pytest.fixture(scope="module")
def answers(fixture_db: Path) -> Iterator[Answers]:
    yield from open_answers(fixture_db)
