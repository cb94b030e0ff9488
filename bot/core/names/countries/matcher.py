"""Countries from whatever people type: names, codes, typos, former states and dates.

One algorithm over data. Every name a seat is known by (the vote file's recorded
names, pycountry's ISO names and codes, the curated names of data/countries.toml)
is normalised once into lookup tables. A query is normalised the same way and
tried in order of confidence: exact name, the same name spelt without spaces or
in another word order, the distinctive words of a name, a fragment of a name,
then a few typing slips (rapidfuzz, optimal string alignment). A name that fits
several seats alive at the date asked about comes back ambiguous; a name that
fits nothing well, or a place that holds no seat, comes back as "none" with
suggestions. Dates map a state to the seat's holder at the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.data.store import Store
from bot.core.dates import DateSpan, parse_date
from bot.core.models import Candidate, Country, Match
from bot.core.names.countries.names import (
    CountryDataError,
    flag_letters,
    is_abbreviation,
    iso_names,
    join_names,
    load_names_file,
    name_variants,
    plausible_slip,
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


class CountryMatcher:
    """Resolves free text to a General Assembly seat (its ms_code)."""

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
    def from_store(cls, store: Store, *, aliases_dir: Path) -> CountryMatcher:
        return cls(
            store.countries(),
            aliases_path=aliases_dir / ALIASES_FILE,
            name_periods=store.name_periods(),
        )

    # --- building the tables ---------------------------------------------------------

    def _build(self, data: dict[str, Any], path: Path) -> None:
        aliases = table(data, "aliases", path)
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
        for code, languages in table(data, "native_languages", path).items():
            if code in self._countries:
                for language in strings({code: languages}, code):
                    self._add(code, translate(code, language), kind="native")
        for old, code in table(data, "historic_iso", path).items():
            historic = pycountry.historic_countries.get(alpha_3=old)
            if historic is not None and code in self._countries:
                self._add(code, historic.name, kind="official")
        no_seat = table(data, "no_seat", path)
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

    # --- public API ------------------------------------------------------------------

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

    def resolve(self, text: str, *, on_date: str | None = None) -> Match:
        """The seat `text` names, at `on_date` ("YYYY" or "YYYY-MM-DD") when given."""
        when = parse_date(on_date)
        raw = flag_letters(text).strip()
        if len(raw) > MAX_QUERY_CHARS:
            return self._none(text, self._mentioned(raw), "too long to be a country name")
        query = normalise(raw)
        if not query:
            return self._none(text, [])
        if words_of(raw) in self._common and not raw.isupper():
            codes = self._exact.get(query, set()) - {NO_SEAT}
            return self._none(text, sorted(codes), f'"{raw}" reads as a word, not a country')
        if _DOTTED.match(raw):  # "D.R.C." is "DRC"
            query = query.replace(" ", "")
        found = self._lookup(query) or self._lookup_parts(raw)
        if found is None:
            return self._none(text, self._suggestions(query))
        codes, score, hint = found
        if codes == {NO_SEAT} or (NO_SEAT in codes and score < SCORE_FRAGMENT):
            note = self._no_seat_notes.get(query, "")
            return self._none(text, self._suggestions(query), note)
        return self._decide(text, query, codes - {NO_SEAT}, score, when, hint=hint)

    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        """The best `limit` seats for an autocomplete fragment, best first."""
        frag = normalise(fragment[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
        if limit <= 0:
            return []
        if not frag:
            current = [c for c in self._countries.values() if not self._seats.former(c.code)]
            names = sorted((self.display_name(c.code), c.code) for c in current)
            return [Candidate(id=code, name=name, score=0.0) for name, code in names[:limit]]
        scores: dict[str, float] = {}
        words = frag.split()
        expanded = " ".join(self._abbreviations.get(w, w) for w in words)
        for variant in dict.fromkeys((frag, expanded)):  # "st luc" is "saint luc" too
            for code, how in self._autocomplete_hits(variant):
                scores[code] = max(scores.get(code, 0.0), AUTOCOMPLETE_SCORES[how])
        if len(scores) < limit and len(frag) >= AUTOCOMPLETE_FUZZY_MIN_CHARS:
            for code, slips in self._mistyped_starts(frag):
                score = AUTOCOMPLETE_SCORES["mistyped"] - slips
                scores[code] = max(scores.get(code, 0.0), score)
        for code in scores:
            if self._seats.former(code):  # at the same fit, today's members come first
                scores[code] -= AUTOCOMPLETE_FORMER_PENALTY
        ranked = sorted(
            scores.items(),
            key=lambda item: (-item[1], self._seats.former(item[0]), self.display_name(item[0])),
        )
        return [
            Candidate(id=code, name=self.display_name(code), score=score)
            for code, score in ranked[:limit]
        ]

    def _autocomplete_hits(self, frag: str) -> Iterable[tuple[str, str]]:
        """(code, how the fragment fits one of its names) for every name it fits."""
        for text, code, kind in self._suggest_names:
            if not code:
                continue
            if text == frag:
                yield code, "exact"
            elif text.startswith(frag) and kind != "code":
                own = text in self._own_names.get(code, ())
                yield code, "display" if own else "prefix"
            elif f" {frag}" in f" {text}":
                yield code, "word"
            elif len(frag) >= FRAGMENT_MIN_CHARS and frag in text:
                yield code, "inside"

    def _mistyped_starts(self, frag: str) -> list[tuple[str, int]]:
        """(code, slips) of names whose start is the fragment with a slip or two."""
        allowed = next((n for upto, n in TYPO_LIMITS if len(frag) <= upto), TYPO_LIMIT_LONG)
        found: list[tuple[str, int]] = []
        for length in (len(frag), len(frag) + 1):  # "germn" is "germa" or "germn" + a letter
            hits = process.extract(
                frag,
                self._name_starts(length),
                scorer=OSA.distance,
                processor=None,  # choices and fragment are already normalised
                score_cutoff=allowed,
                limit=None,
            )
            found += [
                (self._suggest_names[key][1], int(slips))
                for start, slips, key in hits
                if plausible_slip(frag, start, int(slips), allowed)
            ]
        return found

    def _name_starts(self, length: int) -> dict[int, str]:
        starts = self._starts.get(length)
        if starts is None:
            starts = {
                i: text[:length]
                for i, (text, code, _) in enumerate(self._suggest_names)
                if code and len(text) >= length
            }
            self._starts[length] = starts
        return starts

    # --- finding the codes a query names ---------------------------------------------

    def _lookup(self, query: str) -> tuple[set[str], float, set[str]] | None:
        """(codes, score, the codes found before near spellings of other seats joined)."""
        if codes := self._exact.get(query):
            return codes, SCORE_EXACT, codes
        words = query.split()
        if len(words) > 1 and words[0] == "the":  # "the US", "the DRC": an article
            if codes := self._exact.get(" ".join(words[1:])):
                return codes, SCORE_EXACT, codes
        if len(words) > 1:
            words = [self._abbreviations.get(w, w) for w in words]
            if codes := self._exact.get(" ".join(words)):
                return codes, SCORE_EXACT, codes
        if codes := self._respelt.get(query.replace(" ", "")):
            return codes, SCORE_RESPELT, codes
        if codes := self._respelt.get(" ".join(sorted(self._content(words)))):
            return codes, SCORE_RESPELT, codes
        core = self._distinctive(words)
        if not core or all(w in self._compass for w in core):
            return None
        compact = query.replace(" ", "")
        found = self._core.get(" ".join(sorted(core)))
        score = SCORE_CORE
        if not found:
            found, score = self._fragment(core), SCORE_FRAGMENT
        if found:
            # "Dominican" is a word of one seat's name and one slip from another's.
            near = {code for code, _, _ in self._typos(compact, most=NEAR_COLLISION_SLIPS)}
            return found | near, score, found
        if typos := self._typos(compact):
            best = min(slips for _, slips, _ in typos)
            codes = {code for code, slips, _ in typos if slips == best}
            return codes, max(score for _, slips, score in typos if slips == best), codes
        return None

    def _lookup_parts(self, raw: str) -> tuple[set[str], float, set[str]] | None:
        """Two names of one seat side by side: "Myanmar (Burma)", "Swaziland/Eswatini"."""
        parts = [normalise(p) for p in _PART_SEPARATORS.split(raw)]
        parts = [p for p in parts if p and p not in self._stopwords]
        if len(parts) < 2:
            return None
        codes: set[str] | None = None
        score = SCORE_EXACT
        for part in parts:
            found = self._lookup(part)
            if found is None or len(found[0]) != 1 or NO_SEAT in found[0]:
                return None
            if codes is not None and found[0] != codes:
                return None
            codes, score = found[0], min(score, found[1])
        assert codes is not None
        return codes, score, codes

    def _fragment(self, core: list[str]) -> set[str]:
        """Seats one of whose names holds every distinctive word of the query."""
        if any(len(word) < FRAGMENT_MIN_CHARS for word in core):
            return set()
        names: set[int] | None = None
        for word in core:
            ids = self._word_names.get(word)
            if not ids:
                return set()
            names = set(ids) if names is None else names & ids
        codes = {self._name_codes[i] for i in names or ()}
        return codes - {NO_SEAT} if codes - {NO_SEAT} else codes

    def _typos(self, compact: str, *, most: int | None = None) -> list[tuple[str, int, float]]:
        """(code, slips, score) of names within the typing slips allowed for this length."""
        allowed = next((n for upto, n in TYPO_LIMITS if len(compact) <= upto), TYPO_LIMIT_LONG)
        if most is not None:
            allowed = min(allowed, most)
        if allowed == 0:
            return []
        hits = process.extract(
            compact,
            self._typo_window(len(compact), allowed + SCRAMBLE_EXTRA_SLIPS),
            scorer=OSA.distance,
            processor=None,  # choices and query are already normalised, without spaces
            score_cutoff=allowed + SCRAMBLE_EXTRA_SLIPS,
            limit=None,
        )
        out: list[tuple[str, int, float]] = []
        for choice, slips, name_id in hits:
            if not plausible_slip(compact, choice, int(slips), allowed):
                continue
            length = max(len(compact), len(self._typo_choices[name_id]))
            out.append((self._name_codes[name_id], int(slips), 100.0 * (1 - slips / length)))
        return out

    def _typo_window(self, length: int, slips: int) -> dict[int, str]:
        """The names whose length is within `slips` of `length` (others are too far)."""
        key = (length, slips)
        window = self._typo_windows.get(key)
        if window is None:
            window = {
                i: text
                for i, text in self._typo_choices.items()
                if abs(len(text) - length) <= slips
            }
            self._typo_windows[key] = window
        return window

    # --- deciding between codes ------------------------------------------------------

    def _decide(
        self,
        text: str,
        query: str,
        codes: set[str],
        score: float,
        when: DateSpan | None,
        *,
        hint: set[str],
    ) -> Match:
        if not codes:  # only places without a seat were close
            return self._none(text, self._suggestions(query))
        live = [c for c in sorted(codes) if self._seats.live(c, when)]
        note = ""
        if live:
            chosen = (
                self._seats.merged_before(live, when) if query in self._own_names[live[0]] else live
            )
            if chosen != live and when is not None:
                note = self._seats.merger_note(live, chosen, when)
        elif when is None:
            chosen = sorted(codes)
        else:
            chosen, note = self._seats.holders(sorted(codes), when)
        if note:  # a remap by date: keep the holders' order, the first is the default
            default = chosen[0]
        else:
            default = self._default(query, chosen, hint)
            if len(chosen) == 1 and score >= SCORE_CORE:
                chosen = self._shared_word(self._content(query.split()), chosen[0], when)
            chosen = self._order(chosen)
        if len(chosen) > MAX_AMBIGUOUS:
            return self._none(text, self._suggestions(query))
        if len(chosen) == 1:
            code = chosen[0]
            note = (
                note
                or self._seats.membership_note(code, when)
                or self._names_then.note(code, when, self.display_name(code))
                or self._representation_note(code, when)
            )
            only = Candidate(id=code, name=self.display_name(code), score=score, note=note)
            return Match(query=text, status="match", best=only, note=note)
        candidates = tuple(Candidate(id=c, name=self.display_name(c), score=score) for c in chosen)
        default_reading = next((c for c in candidates if c.id == default), None)
        names = join_names((c.name for c in candidates), "or")
        note = note or f'"{text.strip()}" can mean {names}.'
        return Match(
            query=text,
            status="ambiguous",
            best=default_reading,
            candidates=candidates,
            note=note,
        )

    def _shared_word(self, words: list[str], code: str, when: DateSpan | None) -> list[str]:
        """A one-word name that is also a word of other seats' names is ambiguous:
        "Guinea" (Guinea-Bissau, Equatorial Guinea), "Sudan" (South Sudan)."""
        if len(words) != 1 or words[0] in self._generic:
            return [code]
        others = {c for c in self._short_word_codes.get(words[0], ()) if c != code}
        others = {c for c in others if self._seats.live(c, when)}
        return [code, *sorted(others)] if others else [code]

    def _default(self, query: str, codes: list[str], hint: set[str]) -> str:
        """The reading to offer first: the seat whose own name is the query, or the one
        seat the query named before near spellings of others joined; else none."""
        for code in codes:
            if query in self._own_names.get(code, ()):
                return code
        found = [c for c in codes if c in hint]
        return found[0] if len(found) == 1 else ""

    def _order(self, codes: list[str]) -> list[str]:
        return sorted(codes, key=lambda c: (self._seats.former(c), self.display_name(c)))

    # --- no match ----------------------------------------------------------------------

    def _none(self, text: str, codes: Iterable[str | tuple[str, float]], note: str = "") -> Match:
        """No confident match, with up to SUGGESTIONS seats (codes, or codes and scores)."""
        scored: dict[str, float] = {}
        for item in codes:
            code, score = item if isinstance(item, tuple) else (item, 0.0)
            scored.setdefault(code, score)
        candidates = tuple(
            Candidate(id=c, name=self.display_name(c), score=score)
            for c, score in list(scored.items())[:SUGGESTIONS]
        )
        return Match(query=text, status="none", candidates=candidates, note=note)

    def _suggestions(self, query: str) -> list[tuple[str, float]]:
        """The seats whose names are most like the query, with how alike (0-100)."""
        limit, cutoff = SUGGESTIONS * 4, SUGGEST_CUTOFF
        return self._similar(query, scorer=fuzz.ratio, limit=limit, cutoff=cutoff)

    def _similar(
        self, query: str, *, scorer: Any, limit: int, cutoff: float
    ) -> list[tuple[str, float]]:
        """(code, score) of the seat names most like `query`, best first."""
        hits = process.extract(
            query,
            self._suggest_choices,
            scorer=scorer,
            processor=None,  # choices and query are already normalised
            limit=limit,
            score_cutoff=cutoff,
        )
        return [(self._suggest_names[key][1], float(score)) for _, score, key in hits]

    def _mentioned(self, raw: str) -> list[str]:
        """Seats named word for word inside a long text, for suggestions."""
        words = normalise(raw[: MAX_QUERY_CHARS * 10]).split()
        out: list[str] = []
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                piece = " ".join(words[i : i + size])
                if size == 1 and (piece in self._common or len(piece) < 4):
                    continue
                for code in sorted(self._exact.get(piece, ())):
                    if code and code not in out:
                        out.append(code)
        return out


__all__ = ["CountryDataError", "CountryMatcher", "name_variants"]
