"""AnswersHolder: a database replaced on disk is reopened, and calls in flight keep theirs.

`fixture_db` (the hand-written answers CSV imported) is in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.config import PROJECT_DIR
from bot.discord_app.answers_holder import AnswersHolder

ALIASES = PROJECT_DIR / "data"


def replace_with(target: Path, source: Path) -> None:
    """What `votebot data update` does: write a new file beside it, rename it over."""
    fresh = target.with_name(target.name + ".new")
    shutil.copyfile(source, fresh)
    os.replace(fresh, target)


@pytest.fixture
def db(fixture_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "votes.db"
    shutil.copyfile(fixture_db, path)
    return path


def test_nothing_to_reload_while_the_file_stays(db: Path) -> None:
    holder = AnswersHolder(db, ALIASES)
    try:
        assert not holder.reload_if_replaced()
        assert holder.reloads == 0
    finally:
        holder.close()


def test_a_call_in_flight_keeps_the_old_database_until_it_ends(
    db: Path,
    fixture_db: Path,
) -> None:
    holder = AnswersHolder(db, ALIASES)
    try:
        with holder.use() as old:
            replace_with(db, fixture_db)
            assert holder.reload_if_replaced()
            assert old.coverage().resolutions > 0  # still open for the call that holds it
            with holder.use() as new:
                assert new is not old
        with pytest.raises(sqlite3.ProgrammingError):
            old.coverage()  # closed once its last call ended
        assert holder.reloads == 1
        assert not holder.reload_if_replaced()  # the new file is the one now open
    finally:
        holder.close()


def test_a_replacement_that_is_not_a_database_leaves_the_old_one_answering(
    db: Path, tmp_path: Path
) -> None:
    holder = AnswersHolder(db, ALIASES)
    try:
        junk = tmp_path / "junk"
        junk.write_text("not a database\n", encoding="utf-8")
        before = holder.answers
        replace_with(db, junk)
        assert not holder.reload_if_replaced()
        assert holder.answers is before
        assert holder.call(lambda answers: answers.coverage().resolutions)
    finally:
        holder.close()
