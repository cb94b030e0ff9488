"""What a command is: its slots, its words for people, and the facade call it makes.

The table of commands is `bot.core.ask.commands`; this module only says what an entry
holds and how one call of it (a `CommandCall`) runs, is shown in logs and is changed by
a button (a chosen candidate, another page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from bot.core.models import Answer, Unresolved

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

SlotKind = Literal["country", "resolution", "topic", "question", "date", "page"]
Args = Mapping[str, str]


class UsageError(ValueError):
    """A malformed command: the message says what is wrong and how to write it."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One value a command takes: in order (a slot) or only as `name:value` (an option)."""

    name: str
    help: str  # the option's description in Discord
    kind: SlotKind
    max_length: int  # the longest text Discord lets through
    required: bool = True
    in_discord: bool = True  # a Discord option too (paging there is by buttons)


@dataclass(frozen=True, slots=True)
class Command:
    """One command of the bot, for every front end: slash text, Discord, /help, the CLI."""

    name: str
    description: str  # one line, as Discord and /help show it
    slots: tuple[Slot, ...]  # filled in order, or by name
    usage: str  # the syntax, for usage errors: "/howvoted country [resolution]"
    hint: str  # how to ask, ending an answer that could not resolve a name
    example: str  # one typical call, for "how to ask" lists
    call: Callable[[Answers, Args], Answer]  # the facade method it asks
    options: tuple[Slot, ...] = ()  # only as name:value
    charted: bool = False  # its answers come with a chart

    @property
    def required(self) -> int:
        return sum(1 for s in self.slots if s.required)

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.slots)

    @property
    def option_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.options)

    def option_help(self) -> dict[str, str]:
        """Each Discord option's description, by name (for app_commands.describe)."""
        return {s.name: s.help for s in (*self.slots, *self.options) if s.in_discord}

    def run(self, answers: Answers, args: Args) -> Answer:
        return self.finish(self.call(answers, args))

    def finish(self, answer: Answer) -> Answer:
        """An answer that could not resolve a name ends with how to ask this command."""
        if isinstance(answer, Unresolved) and answer.needs_hint:
            return replace(answer, message=f"{answer.message} {self.hint}", needs_hint=False)
        return answer


@dataclass(frozen=True, slots=True)
class CommandCall:
    """One call of a command with the values the user gave (as text, by slot name)."""

    command: Command
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, command: Command, **values: str | int | None) -> CommandCall:
        return cls(command, tuple((k, str(v)) for k, v in values.items() if v is not None))

    def run(self, answers: Answers) -> Answer:
        return self.command.run(answers, dict(self.args))

    def _slot_values(self) -> list[tuple[str, str]]:
        given = dict(self.args)
        return [(s.name, given[s.name]) for s in self.command.slots if s.name in given]

    def _with(self, name: str, value: str) -> CommandCall:
        args = dict(self.args)
        args[name] = value
        return replace(self, args=tuple(args.items()))

    def with_choice(self, query: str, choice: str) -> CommandCall:
        """The same call with the ambiguous text replaced by the chosen id.

        The text is the first slot that is exactly the query (one option of a slash
        command), or else the query's first appearance as words inside a slot (a
        question typed whole, as /ask and mentions pass it). Only that one place changes:
        another slot that happens to read the same (`/history Guinea topic:Guinea`)
        keeps what the user typed.
        """
        wanted = query.strip().casefold()
        slots = self._slot_values()
        for name, value in slots:
            if value.strip().casefold() == wanted:
                return self._with(name, choice)
        if not wanted:
            return self
        words = re.compile(rf"(?<!\w){re.escape(query.strip())}(?!\w)", re.IGNORECASE)
        for name, value in slots:
            if words.search(value):
                return self._with(name, words.sub(lambda _: choice, value, count=1))
        return self

    def with_page(self, page: int) -> CommandCall:
        return self._with("page", str(page))

    @property
    def echoes(self) -> tuple[str, ...]:
        """The user's own words, which replies escape wherever they repeat them."""
        kinds = {s.name: s.kind for s in (*self.command.slots, *self.command.options)}
        return tuple(v for k, v in self.args if kinds.get(k) != "page")

    def describe(self) -> str:
        """For log lines: what was asked (user text repr'd, so a log line stays one line)."""
        parts = [f"{k}={v!r}" for k, v in self.args]
        return f"/{self.command.name}({', '.join(parts)})"


def how_to_ask(commands: tuple[Command, ...], question: str) -> str:
    """One sentence with an example of each command and of a plain question."""
    examples = [f"`{c.example}`" for c in commands]
    listed = ", ".join(examples[:-1]) + f" or {examples[-1]}" if len(examples) > 1 else examples[0]
    return f"Try a command such as {listed}, or a question like “{question}”"
