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

from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.dates import DateSpan, parse_date
from bot.core.models import Candidate, Match
from bot.core.names.countries.index import (
    _DOTTED,
    _PART_SEPARATORS,
    FRAGMENT_MIN_CHARS,
    MAX_AMBIGUOUS,
    MAX_QUERY_CHARS,
    NEAR_COLLISION_SLIPS,
    NO_SEAT,
    SCORE_CORE,
    SCORE_EXACT,
    SCORE_FRAGMENT,
    SCORE_RESPELT,
    SCRAMBLE_EXTRA_SLIPS,
    SUGGEST_CUTOFF,
    SUGGESTIONS,
    TYPO_LIMIT_LONG,
    TYPO_LIMITS,
)
from bot.core.names.countries.names import (
    CountryDataError,
    flag_letters,
    join_names,
    name_variants,
    plausible_slip,
    words_of,
)
from bot.core.names.countries.suggest import CountrySuggestions
from bot.core.text import normalise


class CountryMatcher(CountrySuggestions):
    """Resolves free text to a General Assembly seat (its ms_code)."""

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
