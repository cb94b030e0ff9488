"""The tables behind country matching: every name a seat is known by (the vote file's
recorded names, pycountry's ISO names and codes, the curated names of
data/countries.toml), normalised once and indexed by how it can be looked up, with the
display names and the seats' history over time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Self

import pycountry

from bot.core.data.store import Store
from bot.core.dates import DateSpan
from bot.core.models import Country
from bot.core.names.countries.names import (
    is_abbreviation,
    iso_names,
    load_names_file,
    name_variants,
    readable,
    representations,
    strings,
    successions,
    table,
    translate,
    words_of,
)
from bot.core.names.countries.seats import NameHistory, SeatHistory
from bot.core.text import normalise

ALIASES_FILE = "countries.toml"

# A query longer than this is a paste, not a name: it is never matched as a whole.
MAX_QUERY_CHARS = 80
# Scores (0-100) given to each way of finding a name, most confident first.
SCORE_EXACT = 100.0
SCORE_RESPELT = 97.0  # same letters without spaces, or the same words in another order
SCORE_CORE = 93.0  # the distinctive words of a name ("Republic of Kazakhstan")
SCORE_FRAGMENT = 88.0  # a part of a name that fits one seat ("Saudi")
# Fragments of a name need at least this many letters per word.
FRAGMENT_MIN_CHARS = 3
# Typing slips allowed, by query length without spaces: (up to length, slips).
TYPO_LIMITS = ((3, 0), (8, 1), (12, 2))
TYPO_LIMIT_LONG = 3
# One more slip is allowed when two letters of a name are swapped ("Lybia").
SCRAMBLE_EXTRA_SLIPS = 1
# A fragment match and a one-slip match on different seats make a name ambiguous.
NEAR_COLLISION_SLIPS = 1
# More seats than this for one name is not an ambiguity but no answer.
MAX_AMBIGUOUS = 4
# Suggestions offered when nothing matches, and how alike they must be.
SUGGESTIONS = 3
SUGGEST_CUTOFF = 60.0
# Autocomplete: mistyped starts are looked for when the fragment fits fewer seats.
AUTOCOMPLETE_FUZZY_MIN_CHARS = 4
AUTOCOMPLETE_SCORES = {
    "exact": 100.0,  # the whole of a name or code
    "display": 97.0,  # the start of the seat's own name
    "prefix": 95.0,  # the start of another of its names
    "word": 90.0,  # the start of a later word
    "inside": 80.0,  # anywhere inside a name
    "mistyped": 75.0,  # the start of a name with a slip (less a point per slip)
}
AUTOCOMPLETE_FORMER_PENALTY = 5.0

NO_SEAT = ""  # the code under which places that hold no seat are indexed

_PART_SEPARATORS = re.compile(r"[()/|;,]|\s+(?:or|aka|formerly|now)\s+")
MIN_NAME_WORD = 4  # shorter one-word names are codes or abbreviations
_DOTTED = re.compile(r"^(?:[^\W\d_]\.\s?)+[^\W\d_]?\.?$")  # letters with dots: "U.S.", "D.R.C"


class CountryIndex:
    """Every name of every seat, normalised into lookup tables."""

    def __init__(
        self,
        countries: Sequence[Country],
        *,
        aliases_path: Path,
        name_periods: Iterable[tuple[str, str, str, str]] = (),
    ) -> None:
        """`name_periods`: (code, recorded name, first date, last date) of every name a
        seat was recorded under, for notes like "In 1970 Myanmar was recorded as Burma"."""
        data = load_names_file(aliases_path)
        self._names_then = NameHistory(name_periods)
        self._countries = {c.code: c for c in countries}
        words = table(data, "words", aliases_path)
        self._stopwords = frozenset(normalise(w) for w in strings(words, "stopwords"))
        self._generic = frozenset(normalise(w) for w in strings(words, "generic_words"))
        self._compass = frozenset(normalise(w) for w in strings(words, "compass_words"))
        self._common = frozenset(words_of(w) for w in strings(words, "common_words"))
        self._abbreviations = {
            normalise(k): normalise(str(v))
            for k, v in table(data, "abbreviations", aliases_path).items()
        }
        self._display = {
            code: str(name)
            for code, name in table(data, "display", aliases_path).items()
            if code in self._countries
        }
        self._seats = SeatHistory(
            self._countries, successions(data, aliases_path), display_name=self.display_name
        )
        self._representations = representations(data, aliases_path)

        self._exact: dict[str, set[str]] = {}  # normalised name -> codes
        self._respelt: dict[str, set[str]] = {}  # no spaces, or sorted words -> codes
        self._core: dict[str, set[str]] = {}  # sorted distinctive words -> codes
        self._word_names: dict[str, set[int]] = {}  # distinctive word -> name ids
        self._name_codes: list[str] = []  # name id -> code
        self._short_word_codes: dict[str, set[str]] = {}  # word of a short name -> codes
        self._typo_choices: dict[int, str] = {}  # name id -> name without spaces
        self._suggest_names: list[tuple[str, str, str]] = []  # (normalised, code, kind)
        self._no_seat_notes: dict[str, str] = {}
        self._name_words: dict[str, set[str]] = {}  # code -> its one-word names
        self._shared_words: frozenset[str] | None = None
        self._build(data, aliases_path)
        self._suggest_choices = {
            i: text for i, (text, code, _) in enumerate(self._suggest_names) if code
        }
        self._names = {code: self._display_name(code) for code in self._countries}
        self._own_names = {
            code: {normalise(self._names[code]), normalise(c.name)}
            for code, c in self._countries.items()
        }
        self._typo_windows: dict[tuple[int, int], dict[int, str]] = {}
        self._starts: dict[int, dict[int, str]] = {}  # length -> the names cut to it

    @classmethod
    def from_store(cls, store: Store, *, aliases_dir: Path) -> Self:
        return cls(
            store.countries(),
            aliases_path=aliases_dir / ALIASES_FILE,
            name_periods=store.name_periods(),
        )

    # --- building the tables ---------------------------------------------------------

    def _build(self, data: dict[str, Any], path: Path) -> None:
        self._add_seat_names(table(data, "aliases", path))
        self._add_other_language_names(data, path)
        self._add_places_without_seats(table(data, "no_seat", path))

    def _add_seat_names(self, aliases: dict[str, Any]) -> None:
        """Each seat's code, recorded and display names, curated aliases and ISO names."""
        for code, country in self._countries.items():
            self._add(code, code, kind="code")  # the file's own code: SUN, GER, ZZB...
            self._add(code, country.name, kind="primary")
            for recorded in country.recorded_names:
                self._add(code, recorded, kind="primary")
            if code in self._display:
                self._add(code, self._display[code], kind="primary")
            for alias in strings(aliases, code):
                self._add(code, alias, kind="code" if is_abbreviation(alias) else "alias")
            self._add_iso(code)

    def _add_other_language_names(self, data: dict[str, Any], path: Path) -> None:
        """Native names (from pycountry's translations) and withdrawn ISO entries."""
        for code, languages in table(data, "native_languages", path).items():
            if code in self._countries:
                for language in strings({code: languages}, code):
                    self._add(code, translate(code, language), kind="native")
        for old, code in table(data, "historic_iso", path).items():
            historic = pycountry.historic_countries.get(alpha_3=old)
            if historic is not None and code in self._countries:
                self._add(code, historic.name, kind="official")

    def _add_places_without_seats(self, no_seat: dict[str, Any]) -> None:
        """Observers, the curated places that hold no seat, and every other ISO entry."""
        for kind, note in (
            ("observers", "is an observer, not a member state: it does not vote"),
            ("others", "holds no seat in the General Assembly"),
        ):
            for name in strings(no_seat, kind):
                self._add_no_seat(name, note)
        seated = set(self._countries)
        for entry in pycountry.countries:
            if entry.alpha_3 not in seated:
                for name in iso_names(entry):
                    self._add_no_seat(name, "holds no seat in the General Assembly")

    def _add_iso(self, code: str) -> None:
        entry = pycountry.countries.get(alpha_3=code)
        if entry is None:
            entry = pycountry.historic_countries.get(alpha_3=code)
            if entry is None:
                return
        else:
            self._add(code, entry.alpha_2, kind="code")
        self._add(code, entry.alpha_3, kind="code")
        for attribute in ("name", "common_name"):
            if value := getattr(entry, attribute, None):
                self._add(code, value, kind="primary")
        if official := getattr(entry, "official_name", None):
            self._add(code, official, kind="official")

    def _add(self, code: str, name: str, *, kind: str) -> None:
        """kind: "primary" names (the seat's own short names) mark words that other seats'
        one-word names share; "primary", "alias" and "official" names take typos; "native"
        names and "code"s do not."""
        for variant in name_variants(name):
            text = normalise(variant)
            if not text:
                continue
            self._exact.setdefault(text, set()).add(code)
            self._suggest_names.append((text, code, kind))
            if kind == "code":
                continue
            words = text.split()
            self._respelt.setdefault(text.replace(" ", ""), set()).add(code)
            self._respelt.setdefault(" ".join(sorted(self._content(words))), set()).add(code)
            core = self._distinctive(words)
            name_id = len(self._name_codes)
            self._name_codes.append(code)
            if core:
                if kind != "native" and len(core) == 1 and len(min(core)) >= MIN_NAME_WORD:
                    self._name_words.setdefault(code, set()).update(core)
                self._core.setdefault(" ".join(sorted(core)), set()).add(code)
                if kind == "primary":  # fragments of a seat's own names, not of nicknames
                    for word in core:
                        self._word_names.setdefault(word, set()).add(name_id)
                        self._short_word_codes.setdefault(word, set()).add(code)
            if kind != "native":
                self._typo_choices[name_id] = text.replace(" ", "")

    def _add_no_seat(self, name: str, note: str) -> None:
        for variant in name_variants(name):
            text = normalise(variant)
            if text and text not in self._exact:
                self._no_seat_notes[text] = f"{name} {note}"
                self._exact[text] = {NO_SEAT}
                name_id = len(self._name_codes)
                self._name_codes.append(NO_SEAT)
                self._typo_choices[name_id] = text.replace(" ", "")
                for word in self._distinctive(text.split()):
                    self._word_names.setdefault(word, set()).add(name_id)

    def _content(self, words: Iterable[str]) -> list[str]:
        return [w for w in words if w not in self._stopwords]

    def _distinctive(self, words: Iterable[str]) -> list[str]:
        return [w for w in self._content(words) if w not in self._generic]

    def named(self, text: str) -> str | None:
        """The one seat a text is exactly a name of (no typos, no codes), else None."""
        codes = self._exact.get(normalise(text), set())
        if len(codes) != 1 or NO_SEAT in codes or text.strip().isupper():
            return None
        return next(iter(codes))

    def name_words(self, code: str) -> frozenset[str]:
        """The one-word names a seat has had and no other seat shares, normalised,
        without codes or native names: KHM gives cambodia, kampuchea..."""
        if self._shared_words is None:
            seen: dict[str, int] = {}
            for words in self._name_words.values():
                for word in words:
                    seen[word] = seen.get(word, 0) + 1
            self._shared_words = frozenset(w for w, n in seen.items() if n > 1)
        return frozenset(self._name_words.get(code, set()) - self._shared_words)

    def get(self, code: str) -> Country | None:
        return self._countries.get(code.strip().upper())

    def _representation_note(self, code: str, when: DateSpan | None) -> str:
        """Who cast the votes recorded under `code` then, when it was another government."""
        held = self._representations.get(code)
        if held is None or when is None or when.first > held.until:
            return ""
        return f"{held.note}."

    def display_name(self, code: str) -> str:
        if name := self._names.get(code):
            return name
        return self._display_name(code.strip().upper())

    def _display_name(self, code: str) -> str:
        if code in self._display:
            return self._display[code]
        entry = pycountry.countries.get(alpha_3=code)
        if entry is not None:
            return str(getattr(entry, "common_name", None) or entry.name)
        country = self._countries.get(code)
        return readable(country.name) if country else code
