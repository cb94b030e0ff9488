"""Countries from whatever people type: names, codes, typos, other languages, former
states and dates.

One algorithm over data. Every name a seat is known by (the vote file's recorded
names, pycountry's ISO names and codes and their translations into the UN's other
languages, the curated names and sports codes of data/countries.toml) is normalised
once into lookup tables (index.py). A query is normalised the same way and tried in
order of confidence (lookup.py, then guesses.py); how it was found decides how sure
the answer is (confidence.py): `match` for a name, code or alias exactly, `best_guess`
(answered, saying so, with the runners-up) for a fragment, a slip, a spelling by ear,
a long or abbreviated form, `ambiguous` when several seats alive at the date asked
about fit as well, and `none`, with the reason and suggestions, when nothing fits or
the place holds no seat. Dates map a state to the seat's holder at the time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.core.dates import DateSpan, parse_date
from bot.core.models import Candidate, Match
from bot.core.names.countries.confidence import Found, leader
from bot.core.names.countries.guesses import CountryGuesses
from bot.core.names.countries.index import (
    _DOTTED,
    MAX_AMBIGUOUS,
    MAX_QUERY_CHARS,
    SCORE_FRAGMENT,
    SUGGESTIONS,
)
from bot.core.names.countries.names import (
    CountryDataError,
    flag_letters,
    join_names,
    name_variants,
    normalise_name,
    words_of,
)
from bot.core.names.countries.tables import NO_SEAT
from bot.core.text import quote_user_text

# A one-word name found these ways may be a word of other seats' names too (not a code).
SHARED_WORD_HOWS = frozenset({"exact", "respelt", "core"})


class CountryMatcher(CountryGuesses):
    """Resolves free text to a General Assembly seat (its ms_code)."""

    def resolve(self, text: str, *, on_date: str | None = None) -> Match:
        """The seat `text` names, at `on_date` ("YYYY" or "YYYY-MM-DD") when given."""
        when = parse_date(on_date)
        raw = flag_letters(text).strip()
        if len(raw) > MAX_QUERY_CHARS:
            return self._none(text, self._mentioned(raw), "It is too long to be a country name.")
        query = normalise_name(raw)
        if not query:
            return self._none(text, [], "There is no name to look up.")
        if words_of(raw) in self._common and not raw.isupper():
            codes = self._exact.get(query, set()) - {NO_SEAT}
            return self._none(text, sorted(codes), f'"{raw}" reads as a word, not a country.')
        if _DOTTED.match(raw):  # "D.R.C." is "DRC"
            query = query.replace(" ", "")
        found = (
            self._sports_code(raw, query)
            or self._lookup(query)
            or self._lookup_parts(raw)
            or self._guess(query)
        )
        if found is None:
            return self._no_match(text, query)
        if NO_SEAT in found.codes and (found.codes == {NO_SEAT} or found.score < SCORE_FRAGMENT):
            note = found.note or self._no_seat_notes.get(query, "")
            if note:  # a place without a seat: what it is, and no seat to suggest
                return self._none(text, [], f"{note}.")
            return self._no_match(text, query)
        return self._decide(text, query, replace(found, codes=found.codes - {NO_SEAT}), when)

    # --- deciding between codes ------------------------------------------------------

    def _decide(self, text: str, query: str, found: Found, when: DateSpan | None) -> Match:
        codes = found.codes
        if not codes:  # only places without a seat were close
            return self._no_match(text, query)
        live = [c for c in sorted(codes) if self._seats.live(c, when)]
        note = ""
        if live:
            own_names = self._own_names[live[0]]  # "Yemen" (or "Yemne") in 1985: two seats
            own = query in own_names or bool(found.names & own_names)
            chosen = self._seats.merged_before(live, when) if own else live
            if chosen != live and when is not None:
                note = self._seats.merger_note(live, chosen, when)
        elif when is None:
            chosen = sorted(codes)
        else:
            chosen, note = self._seats.holders(sorted(codes), when)
        if note:  # a remap by date: keep the holders' order, the first is the default
            default = chosen[0]
        else:
            default = self._default(query, chosen, set(found.hint))
            if len(chosen) == 1 and found.how in SHARED_WORD_HOWS:
                chosen = self._shared_word(self._content(self._words(query)), chosen[0], when)
            chosen = self._order(chosen)
        if len(chosen) > MAX_AMBIGUOUS:
            return self._no_match(text, query)
        if found.strong and len(chosen) == 1:
            return self._matched(text, chosen[0], found.score, note, when)
        if not found.strong:
            lead = chosen[0] if len(chosen) == 1 else leader(dict(found.ranks), chosen)
            if lead is not None:
                return self._guessed(text, query, lead, found, note, when)
        return self._ambiguous(text, chosen, default, found.score, note)

    def _seat_note(self, code: str, when: DateSpan | None) -> str:
        return (
            self._seats.membership_note(code, when)
            or self._names_then.note(code, when, self.display_name(code))
            or self._representation_note(code, when)
        )

    def _matched(
        self, text: str, code: str, score: float, note: str, when: DateSpan | None
    ) -> Match:
        note = note or self._seat_note(code, when)
        only = Candidate(id=code, name=self.display_name(code), score=score, note=note)
        return Match(query=text, status="match", best=only, note=note)

    def _guessed(
        self, text: str, query: str, code: str, found: Found, note: str, when: DateSpan | None
    ) -> Match:
        """A best guess: the answer, a note saying it is one, and the runners-up."""
        meant = code
        if len(found.codes) == 1:  # name the seat read, before any remap by date
            meant = next(iter(found.codes))
        guess = f"Taking “{quote_user_text(text.strip())}” to mean {self.display_name(meant)}."
        note = " ".join(n for n in (guess, note or self._seat_note(code, when)) if n)
        best = Candidate(id=code, name=self.display_name(code), score=found.score, note=note)
        others = [c for c, _ in found.ranks if c != code and c in self._countries]
        others += [c for c, _ in self._suggestions(query) if c != code and c not in others]
        runners_up = tuple(
            Candidate(id=c, name=self.display_name(c), score=0.0) for c in others[: SUGGESTIONS - 1]
        )
        return Match(query=text, status="best_guess", best=best, candidates=runners_up, note=note)

    def _ambiguous(
        self, text: str, chosen: list[str], default: str, score: float, note: str
    ) -> Match:
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
        "Guinea" (Guinea-Bissau, Equatorial Guinea), "Sudan" (South Sudan). A name the
        names file gives one seat keeps its reading ("روسيا" is Russia, though Belarus's
        Arabic name is "White Russia")."""
        if len(words) != 1 or words[0] in self._generic or words[0] in self._compass:
            return [code]
        if self._curated.get(words[0]) == {code}:
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

    def _no_match(self, text: str, query: str) -> Match:
        """Nothing fits: say so, with the seats whose names are most alike."""
        suggestions = self._suggestions(query)
        names = join_names(
            dict.fromkeys(self.display_name(c) for c, _ in suggestions[:SUGGESTIONS]), "or"
        )
        why = "No General Assembly seat has that name"
        note = f"{why}; did you mean {names}?" if names else f"{why}, or one like it."
        return self._none(text, suggestions, note)

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
        """The seats whose names are most like the query, with how alike (0-100), each
        seat once, best first."""
        best: dict[str, float] = {}
        for _, code, _, score in self._alike(query):
            if code:
                best.setdefault(code, score)
        return list(best.items())

    def _mentioned(self, raw: str) -> list[str]:
        """Seats named word for word inside a long text, for suggestions."""
        words = normalise_name(raw[: MAX_QUERY_CHARS * 10]).split()
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
