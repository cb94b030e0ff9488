"""The lookup tables of country matching: every name normalised once and filed by each
way it can be looked up (as it is, without spaces or in another word order, by its
distinctive words, by a fragment, with typing slips, by its spelling key), with the
words that tell names apart. index.py fills them from the seats and the names file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.core.names.countries.names import name_variants, normalise_name, strings, words_of
from bot.core.names.countries.spelling import Folds, spelling_key

NO_SEAT = ""  # the code under which places that hold no seat are indexed
# Kinds of name: "primary" (a seat's own short names) marks words other seats' one-word
# names share and gives fragments; "primary", "alias" and "official" names (English)
# take typing slips, and so do translated names in scripts other than Latin; "native"
# names, translated names in Latin letters ("translated primary", "translated
# official", "translated alias") and "code"s are matched as written.
TYPO_KINDS = frozenset({"primary", "alias", "official", "no_seat"})
CURATED_KINDS = frozenset({"alias", "native", "translated alias"})  # names the file gives

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # Chinese characters
MIN_NAME_WORD = 4  # shorter one-word names are codes or abbreviations
SHORT_NAME_WORDS = 3  # a name in another language with more distinctive words is a long form


class NameTables:
    """Names filed for lookup; `words` is the [words] table of the names file."""

    def __init__(self, words: dict[str, Any], folds: Folds) -> None:
        self._stopwords = frozenset(normalise_name(w) for w in strings(words, "stopwords"))
        self._generic = frozenset(normalise_name(w) for w in strings(words, "generic_words"))
        self._compass = frozenset(normalise_name(w) for w in strings(words, "compass_words"))
        cjk = sorted((w for w in self._generic if CJK.search(w)), key=len, reverse=True)
        self._cjk_generic = re.compile("(" + "|".join(map(re.escape, cjk or ["\x00"])) + ")")
        self._common = frozenset(words_of(w) for w in strings(words, "common_words"))
        self._folds = folds
        self._exact: dict[str, set[str]] = {}  # normalised name -> codes
        self._curated: dict[str, set[str]] = {}  # a name data/countries.toml gives -> codes
        self._own_language: set[str] = set()  # names in English or a seat's own language
        self._respelt: dict[str, set[str]] = {}  # no spaces, or sorted words -> codes
        self._core: dict[str, set[str]] = {}  # sorted distinctive words -> codes
        self._core_words: dict[str, set[str]] = {}  # distinctive word -> the cores it is in
        self._vocabulary: set[str] = set()  # every word of every name, seat or not
        self._word_names: dict[str, set[int]] = {}  # distinctive word -> name ids
        self._name_codes: list[str] = []  # name id -> code
        self._name_texts: list[str] = []  # name id -> normalised name
        self._short_word_codes: dict[str, set[str]] = {}  # word of a short name -> codes
        self._typo_choices: dict[int, str] = {}  # name id -> name without spaces
        self._keys: dict[str, set[int]] = {}  # spelling key -> name ids
        self._key_choices: dict[int, str] = {}  # name id -> spelling key
        self._suggest_names: list[tuple[str, str, str]] = []  # (normalised, code, kind)
        self._no_seat_notes: dict[str, str] = {}  # normalised name or core -> note
        self._name_words: dict[str, set[str]] = {}  # code -> its one-word names
        self._shared_words: frozenset[str] | None = None
        self._names_of: dict[str, frozenset[str]] = {}  # code -> its names, as texts write them
        self._english: dict[str, list[tuple[str, str]]] = {}  # code -> (English name, kind)

    def _add(self, code: str, name: str, *, kind: str) -> None:
        if kind in ("primary", "alias", "official"):
            self._english.setdefault(code, []).append((name, kind))
        for variant in name_variants(name):
            text = normalise_name(variant)
            if not text:
                continue
            self._exact.setdefault(text, set()).add(code)
            self._suggest_names.append((text, code, kind))
            if not kind.startswith("translated"):
                self._own_language.add(text)
            if kind in CURATED_KINDS:
                self._curated.setdefault(text, set()).add(code)
            if kind != "code":
                self._add_words(code, text, kind)

    def _add_words(self, code: str, text: str, kind: str) -> None:
        """A name's words into the tables. A seat's own short names give fragments, and
        they and its short names in other languages mark the words other seats' names
        share ("Soudan" is a word of "Soudan du Sud"); names in English take typing
        slips, and so do names in other scripts than Latin."""
        words = self._words(text)
        self._vocabulary.update(words)
        self._respelt.setdefault(text.replace(" ", ""), set()).add(code)
        self._respelt.setdefault(" ".join(sorted(self._content(words))), set()).add(code)
        core = list(dict.fromkeys(self._distinctive(words)))
        translated = kind.startswith("translated")
        typos = kind in TYPO_KINDS or (translated and not text.isascii())
        name_id = self._new_name(code, text, typos=typos)
        if not core:
            return
        key = " ".join(sorted(core))
        if kind != "native" and not translated:
            if len(core) == 1 and len(min(core)) >= MIN_NAME_WORD:
                self._name_words.setdefault(code, set()).update(core)
        self._core.setdefault(key, set()).add(code)
        for word in core:
            self._core_words.setdefault(word, set()).add(key)
        if kind == "primary":  # fragments of a seat's own names, not of nicknames
            for word in core:
                self._word_names.setdefault(word, set()).add(name_id)
        if kind == "primary" or (kind == "translated primary" and len(core) <= SHORT_NAME_WORDS):
            for word in core:
                self._short_word_codes.setdefault(word, set()).add(code)

    def _words(self, text: str) -> list[str]:
        """A normalised name's words, with Chinese names cut around their generic words
        ("俄罗斯联邦" -> "俄罗斯", "联邦"): Chinese writes no spaces."""
        words = text.split()
        if text.isascii() or not self._cjk_generic.search(text):
            return words
        return [piece for word in words for piece in self._cjk_generic.split(word) if piece]

    def _new_name(self, code: str, text: str, *, typos: bool) -> int:
        name_id = len(self._name_codes)
        self._name_codes.append(code)
        self._name_texts.append(text)
        if typos:
            compact = text.replace(" ", "")
            self._typo_choices[name_id] = compact
            key = spelling_key(compact, self._folds)
            self._key_choices[name_id] = key
            self._keys.setdefault(key, set()).add(name_id)
        return name_id

    def _add_no_seat(self, name: str, note: str) -> None:
        for variant in name_variants(name):
            text = normalise_name(variant)
            if not text or text in self._exact:
                continue
            self._no_seat_notes[text] = note
            self._exact[text] = {NO_SEAT}
            words = self._words(text)
            self._vocabulary.update(words)
            name_id = self._new_name(NO_SEAT, text, typos=True)
            core = self._distinctive(words)
            for word in core:
                self._word_names.setdefault(word, set()).add(name_id)
            if core:
                key = " ".join(sorted(core))
                self._no_seat_notes.setdefault(key, note)
                for word in core:
                    self._core_words.setdefault(word, set()).add(key)

    def _content(self, words: Iterable[str]) -> list[str]:
        return [w for w in words if w not in self._stopwords]

    def _distinctive(self, words: Iterable[str]) -> list[str]:
        return [w for w in self._content(words) if w not in self._generic]
