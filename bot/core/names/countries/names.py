"""The names data behind country matching: normalised text, the curated file, dates.

Everything here is about reading and spelling names; how a query is matched against
them is bot/core/names/countries/matcher.py.
"""

from __future__ import annotations

import gettext
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz.distance import Levenshtein

from bot.core.dates import is_date
from bot.core.text import normalise

# Aliases in capitals up to this long are abbreviations ("UAE"): no typos.
ABBREVIATION_MAX_CHARS = 6

# Queries up to this long may not replace a letter (too many words are one away).
SHORT_QUERY_CHARS = 5
# A name with this many letters added at its end is not mistyped but another word.
SUFFIX_MIN_CHARS = 2
# Two letters swapped across another count as one slip from this length ("Lybia", not "pure").
SWAP_MIN_CHARS = 5
# Letters a short query may replace, as people spell by ear.
SOUND_ALIKE = frozenset(frozenset(pair) for pair in ("iy", "ck", "cs", "kq", "cq", "sz", "fv"))

# Flag emoji are pairs of regional indicator symbols, one for each letter of the ISO code.
REGIONAL_A, REGIONAL_Z = 0x1F1E6, 0x1F1FF

APOSTROPHES = re.compile(r"['’ʼ`´]")
NON_WORD = re.compile(r"[\W_]+")
PARENTHESES = re.compile(r"\s*\(([^)]*)\)\s*")


# Letters one language writes two ways, folded to one: Arabic final yeh and alef maqsura,
# teh marbuta and heh, Persian yeh and keheh, and the tatweel that only stretches a word.
SCRIPT_FOLDS = str.maketrans({"ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ٱ": "ا", "ـ": None})
# Arabic writes its article and "and" onto the next word; names are spelt with or without
# the article ("البيرو", "بيرو") and end in alef or teh marbuta ("مالطا", "مالطة").
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
ARABIC_ARTICLE = "ال"
ARABIC_AND = "و"
ARABIC_MIN_WORD = 3  # shorter words keep their letters
ARABIC_DEMOCRATIC = ("ديموقراط", "ديمقراط")  # "democratic", spelt both ways


class CountryDataError(ValueError):
    """The curated names file is missing or malformed; the message names the file."""


def flag_letters(text: str) -> str:
    """A flag emoji as the two capital letters it stands for: "🇫🇷" -> "FR"."""
    if not any(REGIONAL_A <= ord(ch) <= REGIONAL_Z for ch in text):
        return text
    return "".join(
        chr(ord(ch) - REGIONAL_A + ord("A")) if REGIONAL_A <= ord(ch) <= REGIONAL_Z else ch
        for ch in text
    )


def normalise_name(text: str) -> str:
    """The normaliser of bot.core.text (case, diacritics, Arabic vowel marks and hamza
    seats, punctuation), with the letters some scripts write two ways folded to one and
    Arabic words without the article and the "and" they are written with."""
    folded = normalise(text)
    if folded.isascii():
        return folded
    folded = folded.translate(SCRIPT_FOLDS)
    if not ARABIC_LETTER.search(folded):
        return folded
    return " ".join(_arabic_word(word) for word in folded.split())


def _arabic_word(word: str) -> str:
    """ "والهرسك" -> "هرسك", "البيرو" -> "بيرو", "مالطه" -> "مالطا": the conjunction and
    article written onto a word dropped, a final teh marbuta or heh written as alef."""
    if word.startswith(ARABIC_AND) and len(word) > ARABIC_MIN_WORD + 1:
        word = word[1:]
    if word.startswith(ARABIC_ARTICLE) and len(word) > ARABIC_MIN_WORD + 1:
        word = word[2:]
    if len(word) > ARABIC_MIN_WORD and word.endswith("ه"):
        word = word[:-1] + "ا"
    return word.replace(*ARABIC_DEMOCRATIC)


def name_variants(name: str) -> set[str]:
    """A name and its uninverted and unbracketed forms, as the ISO and UN lists write them:
    "Korea, Republic of" -> "Republic of Korea"; "Iran (Islamic Republic of)" -> "Iran"."""
    variants = {name}
    bracketed = PARENTHESES.search(name)
    if bracketed:
        base = PARENTHESES.sub(" ", name).strip()
        variants |= {base, f"{bracketed.group(1)} {base}", f"{base} {bracketed.group(1)}"}
    for variant in list(variants):
        head, sep, tail = variant.partition(", ")
        if sep and tail:
            variants.add(f"{tail} {head}")
    return variants


@dataclass(frozen=True, slots=True)
class Succession:
    date: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    continues: str = ""


@dataclass(frozen=True, slots=True)
class Representation:
    """Before `until`, the votes recorded under `code` were cast by another government."""

    code: str
    until: str
    note: str


def load_names_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise CountryDataError(f"{path}: the country names file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise CountryDataError(f"{path}: {exc}") from None


def table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise CountryDataError(f"{path}: [{key}] must be a table")
    return value


def strings(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CountryDataError(f"{key} must be a list of strings, not {value!r}")
    return value


def successions(data: dict[str, Any], path: Path) -> list[Succession]:
    events = []
    for i, raw in enumerate(data.get("succession", []), start=1):
        try:
            event = Succession(
                date=str(raw["date"]),
                before=tuple(raw["before"]),
                after=tuple(raw["after"]),
                continues=str(raw.get("continues", "")),
            )
        except (KeyError, TypeError) as exc:
            raise CountryDataError(
                f"{path}: succession #{i} needs date, before and after ({exc})"
            ) from None
        _check_full_date(event.date, f"{path}: succession #{i}")
        events.append(event)
    return sorted(events, key=lambda e: e.date)


def _check_full_date(value: str, where: str) -> None:
    """A YYYY-MM-DD date in the names file, or a CountryDataError naming the entry."""
    if len(value) != 10 or not is_date(value):
        raise CountryDataError(f"{where} has a bad date {value!r}")


def representations(data: dict[str, Any], path: Path) -> dict[str, Representation]:
    out: dict[str, Representation] = {}
    for i, raw in enumerate(data.get("representation", []), start=1):
        try:
            item = Representation(str(raw["code"]), str(raw["until"]), str(raw["note"]))
        except (KeyError, TypeError) as exc:
            raise CountryDataError(
                f"{path}: representation #{i} needs code, until and note ({exc})"
            ) from None
        _check_full_date(item.until, f"{path}: representation #{i}")
        out[item.code] = item
    return out


@dataclass(frozen=True, slots=True)
class SportsCodes:
    """The three-letter codes of the Olympic movement and FIFA where they differ from
    ISO 3166 ("GER", "NED", "SUI"): read as codes in capitals, and in any case only when
    listed in `any_case` (a "den" or "por" in a sentence is a word)."""

    seats: dict[str, str]  # code -> the seat's ms_code
    no_seat: dict[str, str]  # code -> the place without a seat it stands for
    any_case: frozenset[str]


def sports_codes(data: dict[str, Any], path: Path) -> SportsCodes:
    sports = table(data, "sports", path)
    seats, no_seat = table(sports, "codes", path), table(sports, "no_seat", path)
    for code, value in [*seats.items(), *no_seat.items()]:
        if not (code.isalpha() and code.isupper() and isinstance(value, str) and value):
            raise CountryDataError(f"{path}: sports code {code} = {value!r} is not a code")
    any_case = frozenset(strings(sports, "any_case"))
    if unknown := any_case - set(seats) - set(no_seat):
        raise CountryDataError(f"{path}: [sports] any_case lists unknown codes {sorted(unknown)}")
    return SportsCodes(
        {k: str(v) for k, v in seats.items()}, {k: str(v) for k, v in no_seat.items()}, any_case
    )


def iso_names(entry: Any) -> list[str]:
    names = [getattr(entry, a, None) for a in ("name", "official_name", "common_name")]
    return [n for n in names if n]


def translate(code: str, language: str) -> str:
    entry = pycountry.countries.get(alpha_3=code)
    if entry is None:
        return ""
    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return ""
    return translation.gettext(entry.name)


def is_abbreviation(alias: str) -> bool:
    """ "UAE", "U.K.", "DPRK": written in capitals, matched letter for letter, no typos."""
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= ABBREVIATION_MAX_CHARS


def words_of(text: str) -> str:
    """Lower case and single-spaced, keeping diacritics: "Ísland" is not "island"."""
    return " ".join(NON_WORD.sub(" ", APOSTROPHES.sub("", text.casefold())).split())


def readable(name: str) -> str:
    small = {"and", "of", "the"}
    words = name.lower().split()
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def join_names(names: Iterable[str], conjunction: str) -> str:
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def plausible_slip(query: str, name: str, slips: int, allowed: int) -> bool:
    """Whether `query` is `name` mistyped, beyond merely being close to it.

    Short words are close to many names ("chat" to Chad, "child" to Chile), so a short
    query may only drop, add or swap letters, never replace one; more than one slip
    needs the right first letter; one slip past the limit is allowed for two swapped
    letters ("Lybia") or, beyond short words, for letters only dropped ("Mritania"). A
    name with letters added at its end is another word ("Kazakhstania", "Swedenland")."""
    if query[0] != name[0] and (slips > 1 or len(query) <= SHORT_QUERY_CHARS):
        return False
    if len(query) - len(name) >= SUFFIX_MIN_CHARS and query.startswith(name):
        return False
    if slips > allowed:
        dropped = len(query) > SHORT_QUERY_CHARS and len(name) - len(query) == slips
        return dropped or (len(query) >= SWAP_MIN_CHARS and _swapped(query, name))
    if len(query) <= SHORT_QUERY_CHARS and len(query) == len(name):
        if Levenshtein.distance(query, name) > slips:
            return True  # a transposition
        return all(  # or letters that sound alike: "Egipt", "Kenia"
            a == b or frozenset((a, b)) in SOUND_ALIKE for a, b in zip(query, name, strict=True)
        )
    return True


def _swapped(query: str, name: str) -> bool:
    """Two letters of `name` swapped, with anything between: "lybia" for "libya"."""
    if len(query) != len(name):
        return False
    diff = [i for i, (a, b) in enumerate(zip(query, name, strict=True)) if a != b]
    return len(diff) == 2 and query[diff[0]] == name[diff[1]] and query[diff[1]] == name[diff[0]]
