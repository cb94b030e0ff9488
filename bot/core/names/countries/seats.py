"""The seats of the General Assembly over time: who held a seat at a date.

States join, merge, split and succeed each other (the USSR and Russia, the two
Germanys, Yemen, Tanzania, Czechoslovakia, Yugoslavia). This module reads those
successions and answers, for a date, whether a seat was live, who held the seat of
a state that did not yet or no longer exist, and the note that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from bot.core.dates import DateSpan
from bot.core.models import Country
from bot.core.names.countries.names import Succession, join_names


class SeatHistory:
    """DateSpan each seat lived, and who held a seat at a date."""

    def __init__(
        self,
        countries: Mapping[str, Country],
        successions: Sequence[Succession],
        *,
        display_name: Callable[[str], str],
    ) -> None:
        self._countries = countries
        self._successions = list(successions)
        self._display_name = display_name
        self._start: dict[str, str] = {}
        self._end: dict[str, str] = {}
        for event in self._successions:
            for code in set(event.after) - set(event.before):
                self._start[code] = event.date
            for code in set(event.before) - set(event.after):
                self._end[code] = event.date

    def former(self, code: str) -> bool:
        country = self._countries.get(code)
        return bool(country and country.former) or code in self._end

    def live(self, code: str, when: DateSpan | None) -> bool:
        if when is None:
            return not self.former(code)
        start, end = self._start.get(code, ""), self._end.get(code, "9999")
        if not start and code in self._countries:
            start = self._countries[code].first_date  # a seat lives from its first vote
        if not (start <= when.last and when.first < end):
            return False
        if when.year is not None:  # a year: the seat must have voted in it
            country = self._countries.get(code)
            if country and not (country.first_date[:4] <= str(when.year) <= country.last_date[:4]):
                return self._holds_year_alone(code, when)
        return True

    def _holds_year_alone(self, code: str, when: DateSpan) -> bool:
        """In a year without a recorded vote, a seat that existed all year still counts."""
        start, end = self._start.get(code, ""), self._end.get(code, "9999")
        return start <= when.first and when.last < end

    def merged_before(self, codes: list[str], when: DateSpan | None) -> list[str]:
        """Before a merger, a merged state's name also means the states it merged:
        Yemen in 1985 is Yemen or South Yemen, Tanzania in 1963 Tanganyika or Zanzibar."""
        if when is None or len(codes) != 1:
            return codes
        out = list(codes)
        for event in self._successions:
            if codes[0] == event.continues and when.first < event.date and len(event.before) > 1:
                out += [c for c in event.before if c not in out and self.live(c, when)]
        return out

    def merger_note(self, codes: list[str], chosen: list[str], when: DateSpan) -> str:
        names = join_names((self._display_name(c) for c in chosen), "and")
        return f"{when.label.capitalize()} {self._display_name(codes[0])} was two seats: {names}."

    def holders(self, codes: list[str], when: DateSpan) -> tuple[list[str], str]:
        """Who held the seats of `codes` at `when`, and a note that says so."""
        holders: list[str] = []
        for code in codes:
            for holder in self._holders_of(code, when, depth=0):
                if holder not in holders:
                    holders.append(holder)
        live = [h for h in holders if self.live(h, when)]
        if not live or live == codes:  # no other seat held it: the membership note says why
            return codes, ""
        names = [self._display_name(c) for c in codes]
        held = join_names((self._display_name(h) for h in live), "and")
        subject = join_names(names, "and")
        if all(when.first < self._start.get(c, "") for c in codes):
            if len(live) == 1:
                note = f"{when.label.capitalize()} the seat of {subject} was held by {held}."
            else:
                note = f"{when.label.capitalize()} {subject} was represented by {held}."
        elif len(live) == 1:
            note = f"{subject} no longer existed {when.label}: its seat was held by {held}."
        else:
            note = f"{subject} no longer existed {when.label}: its successors were {held}."
        return live, note

    def _holders_of(self, code: str, when: DateSpan, *, depth: int) -> list[str]:
        if depth > len(self._successions) or self.live(code, when):
            return [code]
        start, end = self._start.get(code, ""), self._end.get(code, "9999")
        nxt: list[str] = []
        for event in self._successions:
            if when.first < start and event.date == start and code in event.after:
                nxt = list(event.before)
            elif when.last >= end and event.date == end and code in event.before:
                nxt = [event.continues] if event.continues else list(event.after)
        if not nxt:
            return [code]
        out: list[str] = []
        for other in nxt:
            if other in self._countries:
                out.extend(self._holders_of(other, when, depth=depth + 1))
        return out or [code]

    def membership_note(self, code: str, when: DateSpan | None) -> str:
        country = self._countries.get(code)
        if when is None or country is None:
            return ""
        if when.last < country.first_date:
            return f"{self._display_name(code)} had no recorded vote before {country.first_date}."
        if when.first > country.last_date:
            return f"{self._display_name(code)} has no recorded vote after {country.last_date}."
        return ""


SPELLING_ALIKE = 85.0  # recorded names this alike are one name spelt two ways
_LOWER_WORDS = frozenset({"of", "the", "and", "de", "du"})


class NameHistory:
    """The names each seat was recorded under, and when: Burma until 1989, then Myanmar."""

    def __init__(self, periods: Iterable[tuple[str, str, str, str]]) -> None:
        self._periods: dict[str, list[tuple[str, str, str]]] = {}
        for code, name, first, last in periods:
            self._periods.setdefault(code, []).append((name, first, last))
        # a seat's current name is the one recorded last (the first recorded, on a tie)
        self._current = {
            code: max(names, key=lambda n: (n[2], n[1]))[0] for code, names in self._periods.items()
        }

    def name_then(self, code: str, when: DateSpan) -> str | None:
        """The seat's name at the time, readably cased, when it differs from today's.

        None when today's name (or a spelling of it) was recorded then too, or when no
        name was recorded then.
        """
        current = self._current.get(code)
        if current is None:
            return None
        then = [
            name
            for name, first, last in self._periods[code]
            if first <= when.last and when.first <= last
        ]
        if not then or any(_same_name(name, current) for name in then):
            return None
        return readable_name(then[0])

    def note(self, code: str, when: DateSpan | None, display: str) -> str:
        if when is None:
            return ""
        name = self.name_then(code, when)
        if name is None or _same_name(name, display):
            return ""
        return f"{when.label.capitalize()} {display} was recorded as {name}."


def _same_name(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(a.casefold(), b.casefold()) >= SPELLING_ALIKE


def readable_name(recorded: str) -> str:
    """'CONGO (LEOPOLDVILLE)' -> 'Congo (Leopoldville)'; the file records names in capitals."""
    words = []
    for word in recorded.lower().split():
        if word not in _LOWER_WORDS:
            at = 1 if word.startswith("(") else 0
            word = word[:at] + word[at : at + 1].upper() + word[at + 1 :]
        words.append(word)
    return " ".join(words)
