"""The fixtures of the end-to-end Discord tests: the database the bot answers from, and the
core's own answers over it to compare the bot's replies with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from tests.discord_app.helpers import VOTES_CSV, build_db


@pytest.fixture(scope="package")
def votes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fake_discord/votes.csv imported; tests that change it work on a copy."""
    return build_db(VOTES_CSV, tmp_path_factory.mktemp("db") / "votes.db")


@pytest.fixture(scope="package")
def core(votes_db: Path) -> Iterator[Any]:
    """The core's own answers, to compare the bot's replies with."""
    from bot.core.answers.facade import Answers

    answers = Answers.open(votes_db, aliases_dir=Settings().aliases_dir)
    yield answers
    answers.close()
