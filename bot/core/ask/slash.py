"""Slash-command text (`/howvoted north korea crimea since:2010`) to a command call.

Options come in order or as `name:value`, quoted or not. An unquoted multi-word pair
(`/howvoted north korea crimea`) is split where the matchers read both parts best.
The commands themselves, their slots and usage, come from the command table, which the
caller passes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.ask.command import Command, CommandCall, UsageError
from bot.core.dates import is_date
from bot.core.models import Match

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

EXACT_SCORE = 95.0  # a whole-text country match this good is not split further
MAX_SCORE = 100.0  # the matchers' best score
SPLITS_TRIED = 2  # the best country readings whose remainder is tried as the other name

_TOKEN = re.compile(r'(\w+):["“”]([^"“”]*)["“”]|["“”]([^"“”]*)["“”]|(\S+)')

Words = list[tuple[str, bool]]  # (text, quoted)


@dataclass
class Parsed:
    command: Command
    args: dict[str, str] = field(default_factory=dict)
    words: Words = field(default_factory=list)


def tokenize(text: str) -> list[tuple[str, str | None, bool]]:
    """(text, option name or None, quoted) for every token."""
    if text.count('"') % 2:
        raise UsageError("a quotation mark is not closed")
    tokens: list[tuple[str, str | None, bool]] = []
    for m in _TOKEN.finditer(text):
        opt_name, opt_quoted, quoted, bare = m.groups()
        if opt_name is not None:
            tokens.append((opt_quoted, opt_name.lower(), True))
        elif quoted is not None:
            tokens.append((quoted, None, True))
        else:
            name, sep, value = bare.partition(":")
            if sep and value and name.isalpha():
                tokens.append((value, name.lower(), False))
            else:
                tokens.append((bare, None, False))
    return tokens


def find_command(text: str, table: Mapping[str, Command]) -> tuple[Command, str]:
    """The command a slash text names, and the text after its name."""
    head, _, rest = text.strip().lstrip("/").partition(" ")
    command = table.get(head.lower())
    if command is None:
        known = ", ".join("/" + c for c in table)
        raise UsageError(f"there is no command /{head}; the commands are {known}")
    return command, rest


def parse_command(text: str, table: Mapping[str, Command]) -> Parsed:
    """Split a slash command into its command, named options and positional words."""
    command, rest = find_command(text, table)
    parsed = Parsed(command)
    known = set(command.slot_names) | set(command.option_names)
    every_name = {n for c in table.values() for n in (*c.slot_names, *c.option_names)}
    tokens = tokenize(rest)
    named = {n for _, n, _ in tokens if n is not None and n in known}
    # Where no positional slot is left (or after topic:, always free text), the words
    # after an unquoted `name:value` carry on its value: `/compare a:United States b:China`.
    slots_left = any(s not in named for s in command.slot_names)
    running: str | None = None
    for value, name, quoted in tokens:
        if name is None and not quoted and running is not None:
            parsed.args[running] += " " + value
            continue
        running = None
        if name is not None and name in known:
            if name in parsed.args:
                raise UsageError(f"option {name} is given twice. Usage: {command.usage}")
            parsed.args[name] = value.strip()
            if not quoted and (name == "topic" or not slots_left):
                running = name
        else:
            # `name:value` with a name this command does not know: an unknown option
            # when it looks like one, else part of a name ("Ukraine:").
            if name is not None and name in every_name:
                raise UsageError(f"/{command.name} has no option {name}. Usage: {command.usage}")
            parsed.words.append((value if name is None else f"{name}:{value}", quoted))
    _check_values(parsed)
    return parsed


def _check_values(parsed: Parsed) -> None:
    for slot in parsed.command.options:
        value = parsed.args.get(slot.name)
        if value is None:
            continue
        if slot.kind == "date" and not is_date(value):
            raise UsageError(f"{slot.name} must be a year or a date like 2010 or 2010-03-01")
        if slot.kind == "page" and not (value.isdigit() and int(value)):
            raise UsageError(f"{slot.name} must be a whole number from 1")


def _join(words: Words) -> str:
    return " ".join(w for w, _ in words)


def _score(match: Match) -> float:
    return match.best.score if match.ok and match.best is not None else -1.0


def _split_pair(
    words: Words, left_score: Callable[[str], float], right_score: Callable[[str], float]
) -> tuple[str, str] | None:
    """The split of `words` into two non-empty parts that both sides read best.

    Country names are cheap to score and resolution names are not, so only the splits
    with the best country readings are tried, best first, stopping once no remaining
    one can win.
    """
    lefts = []
    for i in range(1, len(words)):
        ls = left_score(_join(words[:i]))
        if ls >= 0:
            lefts.append((ls, i))
    lefts.sort(key=lambda x: (-x[0], x[1]))
    best: tuple[float, int] | None = None
    for ls, i in lefts[:SPLITS_TRIED]:
        if best is not None and best[0] >= ls + MAX_SCORE:
            break
        rs = right_score(_join(words[i:]))
        if rs >= 0 and (best is None or ls + rs > best[0]):
            best = (ls + rs, i)
    if best is None:
        return None
    return _join(words[: best[1]]), _join(words[best[1] :])


def fill_slots(answers: Answers, parsed: Parsed) -> dict[str, str]:
    """Assign positional words to the command's free slots, splitting where needed."""
    command = parsed.command
    args = dict(parsed.args)
    free = [s for s in command.slots if s.name not in args]
    words = parsed.words
    if not free:
        if words:
            raise UsageError(f"too many values. Usage: {command.usage}")
        return args
    # One free slot, or two with one value or quoted values: the words in order.
    if len(free) == 1 or len(words) <= 1 or all(q for _, q in words):
        if len(free) > 1 and len(words) > 1:
            args[free[0].name] = words[0][0]
            args[free[1].name] = _join(words[1:])
        elif words:
            args[free[0].name] = _join(words)
        return _check_required(args, command)
    # Two free slots: a country and something (a resolution, a second country, a topic).
    return args | _split_unquoted(answers, command, words)


class _Readings:
    """How well a text reads as a country or a resolution, each text scored once."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self._countries: dict[str, float] = {}

    def country(self, text: str) -> float:
        if text not in self._countries:
            self._countries[text] = _score(self.answers.countries.resolve(text))
        return self._countries[text]

    def resolution(self, text: str) -> float:
        return _score(self.answers.match_resolution(text))


def _split_unquoted(answers: Answers, command: Command, words: Words) -> dict[str, str]:
    """A country and a second value typed without quotes: where the split goes."""
    first, second = command.slots[0].name, command.slots[1].name
    kind = command.slots[1].kind
    read = _Readings(answers)
    whole = _join(words)
    right = read.resolution if kind == "resolution" else read.country
    if kind == "topic":
        # The topic can be anything: take the best country, then the shortest one.
        score, neg_i = max((read.country(_join(words[:i])), -i) for i in range(1, len(words)))
        split = (_join(words[:-neg_i]), _join(words[-neg_i:])) if score >= 0 else None
    else:
        if kind == "resolution" and read.country(whole) >= EXACT_SCORE:
            return {first: whole}
        split = _split_pair(words, read.country, right)
    if split is not None:
        return {first: split[0], second: split[1]}
    if kind == "resolution" and read.country(whole) >= 0:
        return {first: whole}
    # No reading of the first name: split where the second reads best, so the answer
    # names the whole first name it could not find ("Holy See").
    i = 1
    if kind != "topic":
        scores = [
            (right(_join(words[j:])), read.country(_join(words[:j])), j)
            for j in range(1, len(words))
        ]
        best = max(scores)
        i = best[2] if best[0] >= 0 or best[1] >= 0 else 1
    return {first: _join(words[:i]), second: _join(words[i:])}


def _check_required(args: dict[str, str], command: Command) -> dict[str, str]:
    missing = [s.name for s in command.slots if s.required and not args.get(s.name)]
    if missing:
        raise UsageError(f"missing {' and '.join(missing)}. Usage: {command.usage}")
    return args


def read_command(answers: Answers, text: str, table: Mapping[str, Command]) -> CommandCall:
    """Slash-command text as the call it asks for; UsageError when it is malformed."""
    parsed = parse_command(text, table)
    args = fill_slots(answers, parsed)
    return CommandCall(parsed.command, tuple(args.items()))
