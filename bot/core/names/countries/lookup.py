"""Finding the seats a query names, most confident way first: a sports code, the exact
name (without an article, with abbreviated words spelt out), the same letters without
spaces or the same words in another order, the distinctive words of a name, a fragment
of a name, two names of one seat side by side, then a few typing slips (rapidfuzz,
optimal string alignment). Each way says how it found the seats (`Found.how`), which is
what confidence.py turns into a status."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.names.countries.confidence import Found, slip_cost
from bot.core.names.countries.index import (
    _PART_SEPARATORS,
    FRAGMENT_MIN_CHARS,
    NEAR_COLLISION_SLIPS,
    SCORE_CORE,
    SCORE_EXACT,
    SCORE_FRAGMENT,
    SCORE_RESPELT,
    SCRAMBLE_EXTRA_SLIPS,
    SUGGEST_CUTOFF,
    TYPO_LIMIT_LONG,
    TYPO_LIMITS,
)
from bot.core.names.countries.names import normalise_name, plausible_slip
from bot.core.names.countries.suggest import CountrySuggestions
from bot.core.names.countries.tables import NO_SEAT

# A word this long ending in "s" may be the plural that names islands ("Marshalls").
PLURAL_MIN_CHARS = 4
ISLANDS = "islands"
# A token this short that no name has, after a comma, is a designation ("Venezuela, RB").
DESIGNATION_MAX_CHARS = 3

ALIKE_LIMIT = 24  # names compared when looking for the most alike

Slip = tuple[int, int, str]  # (name id, slips, the name as compared)


def allowed_slips(compact: str) -> int:
    return next((n for upto, n in TYPO_LIMITS if len(compact) <= upto), TYPO_LIMIT_LONG)


class CountryLookup(CountrySuggestions):
    """The index, with the lookups that find the seats a query names."""

    def _sports_code(self, raw: str, query: str) -> Found | None:
        """ "GER", "NED", "SUI": a sports code in capitals, or in any case when safe."""
        code = raw.strip(" .").upper()
        sport = self._sport_codes.get(code)
        if sport is None or not (raw.strip(" .").isupper() or code in self._sports.any_case):
            return None
        codes = frozenset(sport | self._exact.get(query, set()))
        if codes == {NO_SEAT}:
            return Found(codes, SCORE_EXACT, "sports", note=self._no_seat_notes.get(query, ""))
        codes -= {NO_SEAT}
        return Found(codes, SCORE_EXACT, "sports", hint=codes)

    def _lookup(self, query: str) -> Found | None:
        """The seats a whole query names, strong evidence first."""
        if found := self._named_exactly(query):
            return found
        compact = query.replace(" ", "")
        words = self._words(query)
        if len(words) > 1:
            words = [self._abbreviations.get(w, w) for w in words]
        for key in (compact, " ".join(sorted(self._content(words)))):
            if codes := self._respelt.get(key):
                return Found(frozenset(codes), SCORE_RESPELT, "respelt", hint=frozenset(codes))
        core = self._distinctive(words)
        if not core or all(w in self._compass for w in core):
            return None
        codes = self._core.get(" ".join(sorted(core)), set())
        score, how, ids = SCORE_CORE, "core", set()
        if not codes:
            ids = self._fragment(core)
            codes, score, how = {self._name_codes[i] for i in ids}, SCORE_FRAGMENT, "fragment"
        if codes == {NO_SEAT}:  # a word of the name of a place without a seat
            return Found(frozenset(codes), score, how, note=self._note_of(ids))
        if codes:
            # "Dominican" is a word of one seat's name and one slip from another's.
            slips = self._typos(compact, most=NEAR_COLLISION_SLIPS)
            near = {self._name_codes[i] for i, _, _ in slips}
            return Found(frozenset(codes | near), score, how, hint=frozenset(codes))
        # Slips are counted against the words that tell seats apart: "Republic of
        # Wakanda" has the seven letters of "wakanda" to mistype, not seventeen.
        return self._mistyped(compact, most=allowed_slips("".join(core)))

    def _note_of(self, ids: set[int]) -> str:
        """What the first place without a seat among these names is."""
        texts = (self._name_texts[i] for i in sorted(ids) if self._name_codes[i] == NO_SEAT)
        return next((self._no_seat_notes.get(t, "") for t in texts), "")

    def _named_exactly(self, query: str) -> Found | None:
        """The name as it is, without an article ("the US"), or with abbreviated words
        spelt out ("St Lucia")."""
        words = query.split()
        tries = [query]
        if len(words) > 1 and words[0] == "the":
            tries.append(" ".join(words[1:]))
        if len(words) > 1:
            tries.append(" ".join(self._abbreviations.get(w, w) for w in words))
        for text in tries:
            if codes := self._exact.get(text):
                note = self._no_seat_notes.get(text, "") if NO_SEAT in codes else ""
                return Found(frozenset(codes), SCORE_EXACT, "exact", frozenset(codes), note=note)
        return None

    def _lookup_parts(self, raw: str) -> Found | None:
        """Two names of one seat side by side ("Myanmar (Burma)", "Swaziland/Eswatini"),
        or a name with a designation after a comma ("Korea, Rep.", "Venezuela, RB"): a
        designation of words no name has makes the reading a guess."""
        parts = [normalise_name(p) for p in _PART_SEPARATORS.split(raw)]
        parts = [p for p in parts if p and p not in self._stopwords]
        if len(parts) < 2:
            return None
        names = [p for p in parts if not self._designation(p)]
        if not names:
            return None
        founds = [self._lookup(part) for part in names]
        first = founds[0]
        for found in founds:
            if found is None or len(found.codes) != 1 or NO_SEAT in found.codes:
                return None
            if first is not None and found.codes != first.codes:
                return None
        assert first is not None
        weakest = min((f for f in founds if f is not None), key=lambda f: f.score)
        unknown = any(self._designation(p) == "unknown" for p in parts)
        how = "long form" if unknown and weakest.strong else weakest.how
        return Found(first.codes, weakest.score, how, hint=first.codes)

    def _designation(self, part: str) -> str:
        """ "generic" for a part made of words like "Rep." or "Arab Republic", "unknown"
        for short tokens no name has ("RB"), "" for anything else."""
        words = [self._abbreviations.get(w, w) for w in part.split()]
        if not self._distinctive(words):
            return "generic"
        if part in self._exact:
            return ""
        if all(len(w) <= DESIGNATION_MAX_CHARS and w not in self._vocabulary for w in words):
            return "unknown"
        return ""

    def _fragment(self, core: list[str]) -> set[int]:
        """The names that hold every distinctive word of the query: seats' if any."""
        if any(len(word) < FRAGMENT_MIN_CHARS for word in core):
            return set()
        names: set[int] | None = None
        for word in core:
            ids = self._word_names.get(word)
            if not ids and len(word) > PLURAL_MIN_CHARS and word.endswith("s"):
                ids = self._islands(word[:-1])
            if not ids:
                return set()
            names = set(ids) if names is None else names & ids
        seated = {i for i in names or () if self._name_codes[i] != NO_SEAT}
        return seated or names or set()

    def _islands(self, word: str) -> set[int]:
        """The names of islands that a plural names: "the Marshalls", "the Solomons"."""
        ids = self._word_names.get(word, set())
        return {i for i in ids if f"{word} {ISLANDS}" in self._name_texts[i]}

    def _alike(self, query: str) -> list[tuple[str, str, str, float]]:
        """(name, code, kind, score) of the names most like the query (rapidfuzz's ratio,
        0-100), best first; kept for the last query, which asks for them twice."""
        last, found = self._last_alike
        if last == query:
            return found
        hits = process.extract(
            query,
            self._alike_choices[query.isascii()],
            scorer=fuzz.ratio,
            processor=None,  # choices and query are already normalised
            limit=ALIKE_LIMIT,
            score_cutoff=SUGGEST_CUTOFF,
        )
        found = [(*self._alike_names[key], float(score)) for _, score, key in hits]
        self._last_alike = (query, found)
        return found

    # --- typing slips --------------------------------------------------------------------

    def _mistyped(self, compact: str, *, most: int) -> Found | None:
        """The seats fewest slips away, ranked by how likely each slip is."""
        slips = self._typos(compact, most=most)
        if not slips:
            return None
        return self._slip_found(compact, slips, how="typo")

    def _slip_found(self, compact: str, slips: list[Slip], *, how: str) -> Found:
        best = min(n for _, n, _ in slips)
        ranks: dict[str, float] = {}
        notes: list[str] = []
        score = 0.0
        for name_id, n, name in slips:
            if n != best:
                continue
            code = self._name_codes[name_id]
            cost = slip_cost(compact, name)
            ranks[code] = min(ranks.get(code, cost), cost)
            score = max(score, 100.0 * (1 - n / max(len(compact), len(name))))
            if code == NO_SEAT:
                notes.append(self._no_seat_notes.get(self._name_texts[name_id], ""))
        ordered = tuple(sorted(ranks.items(), key=lambda item: (item[1], item[0])))
        codes = frozenset(ranks)
        names = frozenset(self._name_texts[i] for i, n, _ in slips if n == best)
        return Found(codes, score, how, codes, ordered, next(iter(notes), ""), names)

    def _typos(self, compact: str, *, most: int | None = None, spelt: bool = False) -> list[Slip]:
        """(name id, slips, name) of the names within the typing slips allowed for this
        length; `spelt` compares spelling keys instead of names."""
        allowed = allowed_slips(compact)
        if most is not None:
            allowed = min(allowed, most)
        if allowed == 0:
            return []
        hits = process.extract(
            compact,
            self._typo_window(len(compact), allowed + SCRAMBLE_EXTRA_SLIPS, spelt=spelt),
            scorer=OSA.distance,
            processor=None,  # choices and query are already normalised, without spaces
            score_cutoff=allowed + SCRAMBLE_EXTRA_SLIPS,
            limit=None,
        )
        return [
            (name_id, int(slips), choice)
            for choice, slips, name_id in hits
            if plausible_slip(compact, choice, int(slips), allowed)
        ]

    def _typo_window(self, length: int, slips: int, *, spelt: bool) -> dict[int, str]:
        """The names (or keys) whose length is within `slips` of `length`."""
        key = (length, slips, spelt)
        window = self._typo_windows.get(key)
        if window is None:
            choices = self._key_choices if spelt else self._typo_choices
            window = {i: text for i, text in choices.items() if abs(len(text) - length) <= slips}
            self._typo_windows[key] = window
        return window
