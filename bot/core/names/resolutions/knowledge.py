"""What people call the votes: the landmark votes of data/landmarks/ and the words of
data/words.toml, read and checked.

A landmark entry is one recorded vote (`[[vote]]`: symbol, date, tally) or a recurring
item (`[[series]]`: every recorded symbol), each with the names people use, the event,
a description in everyday words, the countries it concerned and its topics. Entries
are facts about votes, written for matching; the matcher turns them into the words of
each resolution's document.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.text import normalise

LANDMARKS_DIR = "landmarks"
WORDS_FILE = "words.toml"


class KnowledgeError(ValueError):
    """A landmark or words file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Landmark:
    """One landmark entry: a vote, or a recurring item (several symbols)."""

    symbols: tuple[str, ...]
    names: tuple[str, ...]
    event: str = ""
    about: str = ""
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    series: str = ""  # the id of a recurring item, "" for one vote
    date: str = ""  # a vote's date and stated tally, checked against the data
    tally: tuple[int, int, int] | None = None
    where: str = ""  # file and entry number, for messages


@dataclass(frozen=True, slots=True)
class Words:
    """Query words said the way texts say them, and groups of words that stand for one
    another (normalised)."""

    rewrite: dict[str, str] = field(default_factory=dict)
    alike: tuple[frozenset[str], ...] = ()
    _groups: dict[str, frozenset[str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _phrases: list[str] = field(init=False, repr=False, compare=False, default_factory=list)

    def __post_init__(self) -> None:
        for group in reversed(self.alike):  # a word in two groups keeps the first
            for word in group:
                self._groups[word] = group
        self._phrases.extend(sorted((p for p in self.rewrite if " " in p), key=len, reverse=True))

    @property
    def phrases(self) -> list[str]:
        """The rewritten phrases of several words, longest first."""
        return self._phrases

    def group_of(self, word: str) -> frozenset[str]:
        return self._groups.get(word) or frozenset((word,))


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: {key} must be a string")
    return value.strip()


def _tally(entry: dict[str, Any], where: str) -> tuple[int, int, int] | None:
    value = entry.get("tally")
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, int) for v in value)):
        raise KnowledgeError(f"{where}: tally must be [yes, no, abstentions]")
    return (value[0], value[1], value[2])


def _landmark(entry: dict[str, Any], kind: str, where: str) -> Landmark:
    if kind == "vote":
        symbols = _strings(entry, "symbol", where)
        if len(symbols) != 1:
            raise KnowledgeError(f"{where}: a vote needs one symbol")
    else:
        symbols = _strings(entry, "symbols", where)
        if not symbols:
            raise KnowledgeError(f"{where}: a series needs its symbols")
    names = _strings(entry, "names", where)
    if not names:
        raise KnowledgeError(f"{where}: no names")
    return Landmark(
        symbols=symbols,
        names=names,
        event=_text(entry, "event", where),
        about=_text(entry, "about", where),
        countries=_strings(entry, "countries", where),
        topics=_strings(entry, "topics", where),
        series=_text(entry, "id", where) if kind == "series" else "",
        date=_text(entry, "date", where),
        tally=_tally(entry, where),
        where=where,
    )


def landmark_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / LANDMARKS_DIR).glob("*.toml"))


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: {exc}") from None


def load_landmarks(data_dir: Path) -> list[Landmark]:
    """Every landmark entry of data/landmarks/*.toml, in file order."""
    found: list[Landmark] = []
    for path in landmark_files(data_dir):
        data = _load_toml(path)
        for kind in ("vote", "series"):
            entries = data.get(kind, [])
            if not isinstance(entries, list):
                raise KnowledgeError(f"{path}: [[{kind}]] must be a list of tables")
            for number, entry in enumerate(entries, start=1):
                where = f"{path.name}: {kind} #{number}"
                if not isinstance(entry, dict):
                    raise KnowledgeError(f"{where}: not a table")
                found.append(_landmark(entry, kind, where))
    return found


def load_words(data_dir: Path) -> Words:
    path = data_dir / WORDS_FILE
    if not path.is_file():
        return Words()
    data = _load_toml(path)
    rewrite = {
        normalise(word): normalise(str(meaning))
        for word, meaning in data.get("words", {}).items()
        if normalise(word)
    }
    groups = data.get("alike", {}).get("groups", [])
    alike = tuple(
        frozenset(normalise(w) for w in group if isinstance(w, str) and normalise(w))
        for group in groups
        if isinstance(group, list)
    )
    return Words(rewrite, tuple(g for g in alike if len(g) > 1))


def knowledge_digest(data_dir: Path, *, extra: Iterable[str] = ()) -> str:
    """A checksum of the landmark and words files (and `extra` strings), which the
    matcher's stored index is tied to: edit a file and the index is built again."""
    digest = hashlib.sha256()
    for path in [*landmark_files(data_dir), data_dir / WORDS_FILE]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for item in extra:
        digest.update(item.encode())
    return digest.hexdigest()
