"""The open Answers of a running bot, swapped for a fresh one when the database is replaced.

`votebot data update` renames a new database file over the old one. The holder notices
(`Store.replaced_on_disk()`), opens the new file, and from then on hands out the new
Answers. Calls already running keep the old one (its file stays readable while open) and
it is closed when the last of them finishes, so no reply fails during the swap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot.core.data.store import Store

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

log = logging.getLogger(__name__)
T = TypeVar("T")


def open_answers(db_path: Path, aliases_dir: Path) -> Answers:
    from bot.core.answers.facade import Answers

    return Answers.open(db_path, aliases_dir=aliases_dir)


class _Generation:
    """One opened database: its Answers, its sentinel Store and how many calls use it."""

    def __init__(self, answers: Answers, sentinel: Store) -> None:
        self.answers = answers
        self.sentinel = sentinel
        self.users = 0
        self.retired = False

    def close(self) -> None:
        self.answers.close()
        self.sentinel.close()


class AnswersHolder:
    def __init__(
        self,
        db_path: Path,
        aliases_dir: Path,
        *,
        opener: Callable[[Path, Path], Answers] = open_answers,
    ) -> None:
        self.db_path = db_path
        self.aliases_dir = aliases_dir
        self._opener = opener
        self._lock = threading.Lock()
        self._current = self._open()
        self.reloads = 0

    def _open(self) -> _Generation:
        # The sentinel is opened first: if the file is replaced while Answers loads, the
        # next check sees a difference and loads again rather than missing the change.
        sentinel = Store(self.db_path)
        try:
            answers = self._opener(self.db_path, self.aliases_dir)
        except BaseException:
            sentinel.close()
            raise
        return _Generation(answers, sentinel)

    @property
    def answers(self) -> Answers:
        """The current Answers, for calls that do not touch the database (autocomplete)."""
        return self._current.answers

    @contextmanager
    def use(self) -> Iterator[Answers]:
        """Borrow the current Answers for one call; it stays open until the call ends."""
        with self._lock:
            generation = self._current
            generation.users += 1
        try:
            yield generation.answers
        finally:
            with self._lock:
                generation.users -= 1
                close_now = generation.retired and generation.users == 0
            if close_now:
                generation.close()

    def call(self, func: Callable[[Answers], T]) -> T:
        with self.use() as answers:
            return func(answers)

    def replaced(self) -> bool:
        return self._current.sentinel.replaced_on_disk()

    def reload_if_replaced(self) -> bool:
        """Open the new database if the file was replaced; True when it swapped.

        Runs in a worker thread. If the new file cannot be opened (half-written, not a
        votebot database), the bot keeps answering from the old one and logs why.
        """
        if not self.replaced() or not self.db_path.is_file():
            return False
        try:
            fresh = self._open()
        except Exception as exc:  # the message names the file and the reason
            log.warning("The database %s changed but cannot be opened yet: %s", self.db_path, exc)
            return False
        with self._lock:
            old, self._current = self._current, fresh
            old.retired = True
            close_now = old.users == 0
        if close_now:
            old.close()
        self.reloads += 1
        log.info("Reopened the database %s after it was replaced", self.db_path)
        return True

    def close(self) -> None:
        with self._lock:
            current = self._current
            current.retired = True
            close_now = current.users == 0
        if close_now:
            current.close()
