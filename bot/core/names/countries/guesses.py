"""The weaker readings, tried when no name, fragment or slip fits: a name as it sounds
("Morroco", "Buthan", "Kirghizstan"), a name with its words cut short or written as
initials ("Bosnia & Herz.", "UK of Great Britain and Northern Ireland"), a name inside
a longer form with words no name has ("Most Serene Republic of San Marino"), and last
a name with its letters scrambled ("Vietnman"). Each is at best a best guess
(confidence.py); a place without a seat found any of these ways is no seat."""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import OSA

from bot.core.names.countries.confidence import (
    ABBREVIATED_MIN_CHARS,
    LONG_FORM_EXTRA_MIN_CHARS,
    LONG_FORM_EXTRA_WORDS,
    SCORE_ABBREVIATED,
    SCORE_LONG_FORM,
    SCORE_SPELT,
    SCRAMBLED_AT,
    SCRAMBLED_LETTERS,
    SCRAMBLED_MIN_CHARS,
    SCRAMBLED_SLIPS,
    Found,
    slip_cost,
)
from bot.core.names.countries.lookup import CountryLookup
from bot.core.names.countries.spelling import spelling_key
from bot.core.names.countries.tables import NO_SEAT, TYPO_KINDS

SPELT_MIN_CHARS = 4  # shorter names sound like too many words
SPELT_SLIPS = 1  # slips allowed in a spelling key, whatever its length


class CountryGuesses(CountryLookup):
    """The lookups, with the weaker readings after them."""

    def _guess(self, query: str) -> Found | None:
        core = self._distinctive(self._words(query))
        if not core or all(w in self._compass for w in core):
            return None  # "islands", "the south": nothing that names a country
        return (
            self._spelt(query.replace(" ", ""))
            or self._abbreviated(query)
            or self._long_form(query)
            or self._scrambled(query)
        )

    def _spelt(self, compact: str) -> Found | None:
        """A name written as it sounds, exactly or with a slip."""
        if len(compact) < SPELT_MIN_CHARS or not compact.isascii():
            return None
        key = spelling_key(compact, self._folds)
        if ids := self._keys.get(key):
            ranks: dict[str, float] = {}
            for name_id in ids:
                code = self._name_codes[name_id]
                cost = slip_cost(compact, self._typo_choices[name_id])
                ranks[code] = min(ranks.get(code, cost), cost)
            codes = frozenset(ranks)
            ordered = tuple(sorted(ranks.items(), key=lambda item: (item[1], item[0])))
            note = self._note_of(ids) if NO_SEAT in codes else ""
            names = frozenset(self._name_texts[i] for i in ids)
            return Found(codes, SCORE_SPELT, "spelt", codes, ordered, note, names)
        # As they sound, names differ by letters left out: "Phillipine" is "Philippines"
        # without the s, but "malaria" is not "Malaya" with an r.
        slips = self._typos(key, most=SPELT_SLIPS, spelt=True)
        if omitted := [s for s in slips if len(s[2]) - len(key) == s[1]]:
            return self._slip_found(key, omitted, how="spelt typo")
        return None

    def _long_form(self, query: str) -> Found | None:
        """A name's distinctive words with one or two words no name has before the word
        that says what the state is: "Oriental Republic of Uruguay", "Most Serene
        Republic of San Marino" (not "north korea zzqqy", nor "Korea Republic xyzzy")."""
        content = self._content(self._words(query))
        words = set(self._distinctive(content))
        inside = {key for w in words for key in self._core_words.get(w, ())}
        inside = {key for key in inside if set(key.split()) < words}
        if any(key not in self._core for key in inside):  # "Kurdistan Region of Iraq"
            key = next(k for k in sorted(inside) if k not in self._core)
            note = self._no_seat_notes[key]
            return Found(frozenset({NO_SEAT}), SCORE_LONG_FORM, "long form", note=note)
        first_generic = next((i for i, w in enumerate(content) if w in self._generic), None)
        if len(words) < 2 or first_generic is None or not inside:
            return None
        before = set(content[:first_generic])
        widest = max(len(key.split()) for key in inside)
        keys = [key for key in inside if len(key.split()) == widest]
        extra = words - {w for key in keys for w in key.split()}
        if len(extra) > LONG_FORM_EXTRA_WORDS or not extra <= before:
            return None
        if not all(self._unknown(w) for w in extra):
            return None
        codes = frozenset(code for key in keys for code in self._core[key])
        return Found(codes, SCORE_LONG_FORM, "long form", hint=codes)

    def _unknown(self, word: str) -> bool:
        """A word of no name, seat or not, and no compass or common word."""
        return (
            len(word) >= LONG_FORM_EXTRA_MIN_CHARS
            and word not in self._vocabulary
            and word not in self._compass
            and word not in self._common
        )

    def _abbreviated(self, query: str) -> Found | None:
        """A name with words cut short or written as initials, in order: "Bosnia & Herz.",
        "Cent. Afr. Rep.", "UK of Great Britain and Northern Ireland"."""
        words = self._content(join_initials(query.split()))
        spelt_out = [self._abbreviations.get(w, w) for w in words]
        if len(words) < 2 or all(w in self._vocabulary for w in words):
            return None  # nothing is cut short
        codes: set[str] = set()
        names = self._names_to_cut()
        for name_id, parts in names.get(words[0][0], []) + names.get(spelt_out[0][0], []):
            if len(parts) < len(words):
                continue
            if cut_short(words, parts) or cut_short(spelt_out, parts):
                codes.add(self._name_codes[name_id])
        if not codes:
            return None
        if NO_SEAT in codes:
            return Found(frozenset({NO_SEAT}), SCORE_ABBREVIATED, "abbreviated")
        return Found(frozenset(codes), SCORE_ABBREVIATED, "abbreviated", hint=frozenset(codes))

    def _names_to_cut(self) -> dict[str, list[tuple[int, list[str]]]]:
        """The English names of two words or more, by first letter, with their words."""
        if self._cut_names is None:
            self._cut_names = {}
            for name_id in self._typo_choices:
                text = self._name_texts[name_id]
                parts = self._content(text.split())
                if len(parts) > 1 and text.isascii():
                    self._cut_names.setdefault(parts[0][0], []).append((name_id, parts))
        return self._cut_names

    def _scrambled(self, query: str) -> Found | None:
        """A name with its letters scrambled: the same letters, one more or one fewer at
        most, in nearly the same order ("Vietnman", "Eriteria"). A name with letters
        changed or a piece added ("Latveria", "Neverland") is another word."""
        compact = query.replace(" ", "")
        if len(compact) < SCRAMBLED_MIN_CHARS:
            return None
        letters = Counter(compact)
        best: dict[str, float] = {}
        for text, code, kind, score in self._alike(query):
            name = text.replace(" ", "")
            if score < SCRAMBLED_AT or kind not in TYPO_KINDS or name[0] != compact[0]:
                continue
            bag = Counter(name)
            moved = (bag - letters).total() + (letters - bag).total()
            if moved <= SCRAMBLED_LETTERS and OSA.distance(compact, name) <= SCRAMBLED_SLIPS:
                best[code] = max(best.get(code, 0.0), score)
        if len(best) != 1 or NO_SEAT in best:
            return None
        ((code, score),) = best.items()
        return Found(frozenset({code}), score, "scrambled", hint=frozenset({code}))


def cut_short(words: list[str], name: list[str]) -> bool:
    """Whether `words`, in order, spell out every word of `name`, each word as it is, cut
    short ("herz" for herzegovina, "n" for northern) or as the initials of several
    ("uk" for united kingdom)."""
    if not words:
        return not name
    if not name:
        return False
    word, rest = words[0], words[1:]
    cut = len(word) >= ABBREVIATED_MIN_CHARS or len(word) == 1  # "Herz.", or "N." initial
    if word == name[0] or (cut and name[0].startswith(word)):
        if cut_short(rest, name[1:]):
            return True
    span = len(word)
    if span >= 2 and span <= len(name) and word == "".join(w[0] for w in name[:span]):
        return cut_short(rest, name[span:])
    return False


def join_initials(words: list[str]) -> list[str]:
    """Single letters in a row as one word: "u k of great britain" -> "uk of great..."."""
    out: list[str] = []
    run = False
    for word in words:
        initial = len(word) == 1 and word.isalpha()
        if initial and run:
            out[-1] += word
        else:
            out.append(word)
        run = initial
    return out
