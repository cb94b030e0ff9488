"""Autocomplete for country names: the seats a typed fragment can be the start of, or a
word of, with a slip or two forgiven once the fragment is long enough."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.models import Candidate
from bot.core.names.countries.index import (
    AUTOCOMPLETE_FORMER_PENALTY,
    AUTOCOMPLETE_FUZZY_MIN_CHARS,
    AUTOCOMPLETE_SCORES,
    FRAGMENT_MIN_CHARS,
    MAX_QUERY_CHARS,
    TYPO_LIMIT_LONG,
    TYPO_LIMITS,
    CountryIndex,
)
from bot.core.names.countries.names import normalise_name, plausible_slip


class CountrySuggestions(CountryIndex):
    """The index, with suggestions for a fragment typed so far."""

    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        """The best `limit` seats for an autocomplete fragment, best first."""
        frag = normalise_name(fragment[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
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
        for i in self._alike_choices[frag.isascii()]:  # a script matches only itself
            text, code, kind = self._alike_names[i]
            if not code or kind == "translated official":  # long forms: too many to scan
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
                (self._alike_names[key][1], int(slips))
                for start, slips, key in hits
                if plausible_slip(frag, start, int(slips), allowed)
            ]
        return found

    def _name_starts(self, length: int) -> dict[int, str]:
        starts = self._starts.get(length)
        if starts is None:
            starts = {
                i: text[:length]
                for i, (text, code, _) in enumerate(self._alike_names)
                if code and len(text) >= length
            }
            self._starts[length] = starts
        return starts
