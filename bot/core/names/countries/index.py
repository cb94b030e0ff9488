"""The index behind country matching: every name a seat is known by (the vote file's
recorded names, pycountry's ISO names and codes and their translations into the UN's
other languages, the curated names and sports codes of data/countries.toml), filed in
the lookup tables of tables.py, with the display names and the seats' history over
time. Places that hold no seat are filed too (observers, places that never held one,
every other ISO entry), so that a near spelling of one is never read as a seat."""

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
    normalise_name,
    readable,
    representations,
    sports_codes,
    strings,
    successions,
    table,
    translate,
)
from bot.core.names.countries.seats import NameHistory, SeatHistory
from bot.core.names.countries.spelling import spelling_folds
from bot.core.names.countries.tables import NO_SEAT, NameTables
from bot.core.names.countries.translations import (
    MORE_SCRIPTS,
    UN_LANGUAGES,
    other_language_names,
)

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

NO_SEAT_NOTES = {
    "observers": "is an observer, not a member state: it does not vote",
    "never_seated": "never held a seat in the General Assembly: it has no seat and no vote",
    "others": "holds no seat in the General Assembly",
}
_PART_SEPARATORS = re.compile(r"[()/|;,]|\s+(?:or|aka|formerly|now)\s+")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.\s?)+[^\W\d_]?\.?$")  # letters with dots: "U.S.", "D.R.C"


class CountryIndex(NameTables):
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
        super().__init__(table(data, "words", aliases_path), spelling_folds(data, aliases_path))
        self._names_then = NameHistory(name_periods)
        self._countries = {c.code: c for c in countries}
        self._display = {
            code: str(name)
            for code, name in table(data, "display", aliases_path).items()
            if code in self._countries
        }
        self._seats = SeatHistory(
            self._countries, successions(data, aliases_path), display_name=self.display_name
        )
        self._representations = representations(data, aliases_path)
        self._sports = sports_codes(data, aliases_path)
        self._sport_codes: dict[str, set[str]] = {}  # sports code in capitals -> codes
        self._abbreviations = {
            normalise_name(k): normalise_name(str(v))
            for k, v in table(data, "abbreviations", aliases_path).items()
        }

        self._build(data, aliases_path)
        self._alike_names, self._alike_choices = self._names_alike()
        self._last_alike: tuple[str, list[tuple[str, str, str, float]]] = ("", [])
        self._names = {code: self._display_name(code) for code in self._countries}
        self._own_names = {
            code: {normalise_name(self._names[code]), normalise_name(c.name)}
            for code, c in self._countries.items()
        }
        self._typo_windows: dict[tuple[int, int, bool], dict[int, str]] = {}
        self._cut_names: dict[str, list[tuple[int, list[str]]]] | None = None
        self._starts: dict[int, dict[int, str]] = {}  # length -> the names cut to it

    def _names_alike(self) -> tuple[list[tuple[str, str, str]], dict[bool, dict[int, str]]]:
        """Every name once, places without a seat too, for what a query is most alike;
        by script, as a query in Latin letters is only ever like a name in them."""
        named = zip(self._name_texts, self._name_codes, strict=True)
        no_seat = [(text, NO_SEAT, "no_seat") for text, code in named if code == NO_SEAT]
        firsts = {(text, code): kind for text, code, kind in reversed(self._suggest_names)}
        names = [(text, code, kind) for (text, code), kind in reversed(firsts.items())]
        names += list(dict.fromkeys(no_seat))
        choices: dict[bool, dict[int, str]] = {True: {}, False: {}}
        for i, (text, _, _) in enumerate(names):
            choices[text.isascii()][i] = text
        return names, choices

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
        self._add_native_names(data, path)
        self._add_translations(table(data, "other_languages", path))
        self._add_places_without_seats(table(data, "no_seat", path))
        self._add_sports_codes()

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

    def _add_native_names(self, data: dict[str, Any], path: Path) -> None:
        """Native names (curated, and from pycountry's translations) and withdrawn ISO
        entries."""
        curated = table(data, "native_names", path)
        for code in curated:
            if code in self._countries:
                for name in strings(curated, code):
                    self._add(code, name, kind="native")
        for code, languages in table(data, "native_languages", path).items():
            if code in self._countries:
                for language in strings({code: languages}, code):
                    self._add(code, translate(code, language), kind="native")
        for old, code in table(data, "historic_iso", path).items():
            historic = pycountry.historic_countries.get(alpha_3=old)
            if historic is not None and code in self._countries:
                self._add(code, historic.name, kind="official")

    def _add_translations(self, curated: dict[str, Any]) -> None:
        """Each seat's names in the UN's other languages: pycountry's translations of
        every English name it has, and the curated short forms the catalogues lack. The
        head of an inverted name ("Corée" of "Corée, République de") counts unless it is
        the whole name of another seat ("Alemania" of "Alemania, República Democrática
        de" is Germany's name, not East Germany's)."""
        languages = (*UN_LANGUAGES, *MORE_SCRIPTS)
        heads: dict[str, set[str]] = {}
        for code, english in self._english.items():
            for kind in ("primary", "official"):
                names = [name for name, k in english if (k == "official") == (kind == "official")]
                forms, found = other_language_names(names, languages=languages)
                heads.setdefault(code, set()).update(found)
                for name in sorted(forms):
                    self._add(code, name, kind=f"translated {kind}")
        for code in curated:
            if code in self._countries:
                for name in strings(curated, code):
                    self._add(code, name, kind="translated alias")
        whole = {text: set(codes) for text, codes in self._exact.items()}
        for code, found in heads.items():
            for head in sorted(found):
                if not whole.get(normalise_name(head), set()) - {code}:
                    self._add(code, head, kind="translated primary")

    def _add_places_without_seats(self, no_seat: dict[str, Any]) -> None:
        """Observers, the curated places that hold no seat, every other ISO entry (today's
        and withdrawn ones), in English and the UN's other languages, and the sports codes
        of places without a seat."""
        for kind, note in NO_SEAT_NOTES.items():
            for name in strings(no_seat, kind):
                self._add_no_seat(name, f"{name} {note}")
        seated = set(self._countries)
        today = [(e, "others") for e in pycountry.countries if e.alpha_3 not in seated]
        withdrawn = [e for e in pycountry.historic_countries if e.alpha_3 not in seated]
        languages = (*UN_LANGUAGES, *MORE_SCRIPTS)
        for entry, kind in [*today, *((e, "never_seated") for e in withdrawn)]:
            names = iso_names(entry)
            label = getattr(entry, "common_name", None) or readable_iso(names[0])
            forms, heads = other_language_names(names, languages=languages)
            for name in [*names, *sorted(forms), *sorted(heads)]:
                self._add_no_seat(name, f"{label} {NO_SEAT_NOTES[kind]}")

    def _add_sports_codes(self) -> None:
        """Each sports code names its seat, or the place without a seat it stands for."""
        for sport, code in self._sports.seats.items():
            if code in self._countries:
                self._sport_codes[sport] = {code}
        for sport, place in self._sports.no_seat.items():
            self._sport_codes[sport] = {NO_SEAT}
            note = self._no_seat_notes.get(normalise_name(place), "")
            note = note or f"{place} {NO_SEAT_NOTES['others']}"
            self._no_seat_notes[normalise_name(sport)] = note

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

    # --- reading the tables --------------------------------------------------------------

    def named(self, text: str) -> str | None:
        """The one seat a text is exactly a name of (no typos, no codes), in English or the
        seat's own language, else None: the words of English titles are not read as a
        country's name in another language ("grenade" is not French for Grenada there)."""
        key = normalise_name(text)
        codes = self._exact.get(key, set())
        if len(codes) != 1 or NO_SEAT in codes or text.strip().isupper():
            return None
        return next(iter(codes)) if key in self._own_language else None

    def names_of(self, code: str) -> frozenset[str]:
        """A seat's own names as texts write them, lower case, words separated by single
        spaces ("democratic people s republic of korea", "north korea")."""
        found = self._names_of.get(code)
        if found is None:
            country = self._countries.get(code)
            names = [self.display_name(code), *(country.recorded_names if country else ())]
            variants = {v for n in names if n for v in name_variants(n)}
            found = frozenset(" ".join(re.findall(r"\w+", v.casefold())) for v in variants)
            self._names_of[code] = found  # a seat's names never change
        return found

    def phrase_names(self, phrase: str) -> frozenset[str]:
        """The names of the one seat a phrase of four letters or more exactly names (for
        finding it in titles however they name it); empty for anything else."""
        if len(phrase.replace(" ", "")) < 4:
            return frozenset()
        code = self.named(phrase)
        return self.names_of(code) if code else frozenset()

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


def readable_iso(name: str) -> str:
    """An ISO name as a sentence says it: "Virgin Islands, British" -> "British Virgin
    Islands", "Palestine, State of" -> "State of Palestine"; a name with a qualifier after
    its comma ("Saint Helena, Ascension and Tristan da Cunha") is said by its head."""
    head, sep, tail = name.partition(", ")
    if not sep:
        return name
    if " " not in tail or tail.endswith((" of", " of the")):
        return f"{tail} {head}"
    return head
