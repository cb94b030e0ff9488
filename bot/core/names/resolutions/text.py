"""Text helpers for resolution matching: normalizing, titles, recurring items, dates.

Pure functions over strings, shared by the matcher and its tests: how a title is
cleaned and normalized, when two titles are one recurring item, which acronyms a
title's names give, and which year, month or date a query names.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

VARIANT_MIN_LENGTH = 6  # words this long 80% alike are one word spelt two ways
MAX_VARIANT_WORDS = 3  # titles differing in more words are different items
MIN_ACRONYM, MAX_ACRONYM = 4, 7  # shorter initials collide with words and each other

_ADOPTED_SUFFIX = re.compile(r"\s*:\s*resol\w*\s*/.*$", re.IGNORECASE)
_TRUNCATED = re.compile(r"\s*\S*\[\.\.\.\]\s*$")  # and the word it cut
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CO_HYPHEN = re.compile(r"\bco-(?=[a-z])")

# Words that say nothing about which resolution is meant.
FILLER = frozenset(
    """a an the of on in to for by with from at and or its it is was were be been this
    that which who one ones vote votes voted voting resolution resolutions res reso un
    unga ga general assembly about regarding concerning re what how did do does uns as
    where when whose adopted passed motion text off out into s""".split()
)


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = _CO_HYPHEN.sub("co", folded)  # co-operation, as later titles spell it
    return _NON_WORD.sub(" ", folded).strip()


def clean_title(title: str) -> str:
    """A title without the catalogue's ' : resolution / adopted by ...' tail."""
    title = _TRUNCATED.sub("", title.replace("\t", " ").replace("\xa0", " "))
    return " ".join(_ADOPTED_SUFFIX.sub("", title).split())


def cut_short(title: str) -> bool:
    """True when the catalogue cut the title itself short, not only its 'adopted by' tail."""
    return title.rstrip().endswith("[...]") and not _ADOPTED_SUFFIX.search(title)


def series_key(norm: str) -> str:
    """A normalized title without filler words: 'the situation in x' -> 'situation x'."""

    return " ".join(w for w in norm.split() if w not in FILLER)


def same_series(a: str, b: str) -> bool:
    """True when two normalized titles name one recurring item.

    They may differ in filler words, word order and spelling variants of a word or two
    ("behavior"/"behaviour", "practices"/"practicies"); a long title may also gain or
    lose one word over the years ("including Jerusalem", "including East Jerusalem").
    """
    return same_series_keys(series_key(a), series_key(b))


def same_series_keys(a: str, b: str) -> bool:
    """same_series() for titles already reduced by series_key()."""
    return same_series_words(frozenset(a.split()), frozenset(b.split()))


def same_series_words(ta: frozenset[str], tb: frozenset[str]) -> bool:
    """same_series_keys() for the sets of words of the two keys."""
    only_a, only_b = sorted(ta - tb), sorted(tb - ta)
    if len(only_a) > len(only_b):
        only_a, only_b = only_b, only_a
    extra = len(only_b) - len(only_a)
    if len(only_b) > MAX_VARIANT_WORDS or extra > (1 if min(len(ta), len(tb)) >= 8 else 0):
        return False
    for x in only_a:
        best = max(only_b, key=lambda y: fuzz.ratio(x, y))
        if not is_variant(x, best):
            return False
        only_b.remove(best)
    return True


def is_variant(x: str, y: str) -> bool:
    """Two spellings of one word: 'right'/'rights', 'unites'/'united', not 'niger'/'nigeria'."""
    shorter = min(len(x), len(y))
    score = fuzz.ratio(x, y)
    return (shorter >= 5 and score >= 88.0) or (shorter >= VARIANT_MIN_LENGTH and score >= 80.0)


_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in", "to"})


def title_acronyms(title: str) -> frozenset[str]:
    """Initials of the runs of capitalized words in a title, as people abbreviate names."""
    return frozenset(acronym_expansions(title))


def acronym_expansions(title: str) -> dict[str, str]:
    """Initials of the runs of capitalized words in a title, with the words they stand for.

    'Organisation for the Prohibition of Chemical Weapons' gives 'opcw'; every run of
    4 to 7 initials inside a longer name counts too, so the 'United Nations Relief and
    Works Agency for Palestine Refugees' gives 'unrwa'. Some names keep the initial of
    a short word inside them ('United Nations Interim Force in Lebanon', 'unifil'), so
    each run is also read with those initials.
    """
    found: dict[str, str] = {}
    run: list[tuple[str, bool]] = []  # (word, is a connector)

    def add(words: list[tuple[str, bool]]) -> None:
        for start in range(len(words)):
            for end in range(start + MIN_ACRONYM, min(len(words), start + MAX_ACRONYM) + 1):
                if words[start][1] or words[end - 1][1]:
                    continue  # a name neither starts nor ends with 'of' or 'in'
                part = [w for w, _ in words[start:end]]
                found.setdefault("".join(w[0] for w in part).lower(), " ".join(part).lower())

    for token in re.findall(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]", title) + [":"]:
        if token[0].isupper():
            run.append((token, False))
            continue
        if token.lower() in _CONNECTORS and run:
            run.append((token, True))
            continue
        add([item for item in run if not item[1]])
        if any(connector for _, connector in run[1:-1]):
            add(run)
        run = []
    return found


def stem_prefix(word: str) -> str:
    """A prefix that covers a word's inflections: 'suspending' and 'suspension' -> 'suspen'."""
    for ending in ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:-1] if len(word) >= 6 else word


def fts_phrase(word: str) -> str:
    """One user word as a safe FTS5 string; FTS5 syntax in it cannot take effect."""
    return '"' + word.replace('"', '""') + '"'
