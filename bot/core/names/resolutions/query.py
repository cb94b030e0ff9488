"""A resolution reference as typed, read once: its words, the period it names, and
whether it is a symbol or a Security Council reference.

Every ranker works from the same reading: the normalised words without filler
("the", "vote", "resolution"), with the words of data/words.toml said the way texts
say them ("nukes" -> "nuclear weapons") and the date words taken out into a span.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from bot.core.dates import DateSpan, read_when
from bot.core.names.resolutions.knowledge import Words
from bot.core.names.resolutions.symbols import (
    SymbolKey,
    looks_like_security_council,
    parse_typed_symbol,
)
from bot.core.names.resolutions.text import FILLER
from bot.core.text import normalise

MAX_QUERY_CHARS = 300
# Words that pick a member of a recurring item by its place in time.
FIRST_WORDS = frozenset({"first", "earliest", "original", "initial"})
LAST_WORDS = frozenset({"last", "latest", "newest", "recent"})
MIN_WORD_CHARS = 3  # shorter words (and numbers) carry no meaning of their own


@dataclass(frozen=True, slots=True)
class Query:
    text: str  # as typed, stripped
    norm: str  # normalised, date words included
    words: tuple[str, ...]  # content words, rewritten, without date words
    span: DateSpan | None  # the period it names
    symbol: SymbolKey | None  # a symbol in any spelling
    security_council: bool
    country_words: tuple[frozenset[str], ...] = ()  # other names of countries it names
    dated_words: tuple[str, ...] = ()  # the content words with its date words kept
    order: str = ""  # "first" or "last": which member of a recurring item it asks for

    def undated(self) -> Query:
        """The same reference with its date words read as words ("programme budget for
        the biennium 1986-1987": the years are the title's)."""
        return replace(self, words=self.dated_words, span=None, dated_words=self.dated_words)

    @property
    def phrase(self) -> str:
        return " ".join(self.words)

    @property
    def key(self) -> str:
        """The phrase and the period it names: what a name must say to be this one."""
        return phrase_key(self.phrase, self.span)

    @property
    def meaningful(self) -> bool:
        return any(len(w) >= MIN_WORD_CHARS and not w.isdigit() for w in self.words)


def rewrite(norm: str, words: Words) -> list[str]:
    """The words of a normalised text as texts say them, phrases first."""
    padded = f" {norm} "
    for phrase in words.phrases:
        if f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", f" {words.rewrite[phrase]} ")
    out: list[str] = []
    for word in padded.split():
        out += words.rewrite.get(word, word).split()
    return out


def read_query(
    text: str,
    *,
    today: date,
    words: Words,
    country_names: Callable[[str], frozenset[str]] | None = None,
) -> Query:
    """Read a reference. `country_names` gives the other name words of the country a
    phrase names (empty when it names none)."""
    raw = text.strip()[:MAX_QUERY_CHARS]
    norm = normalise(raw)
    span, rest = read_when(norm, today)
    content = [w for w in rewrite(rest, words) if w not in FILLER]
    dated = [w for w in rewrite(norm, words) if w not in FILLER]
    countries: list[frozenset[str]] = []
    if country_names is not None:
        countries = _countries_named(content, country_names)
    return Query(
        text=raw,
        norm=norm,
        words=tuple(content),
        span=span,
        symbol=parse_typed_symbol(raw),
        security_council=looks_like_security_council(raw),
        country_words=tuple(countries),
        dated_words=tuple(dated),
        order=_order(content),
    )


def _order(words: list[str]) -> str:
    if any(w in FIRST_WORDS for w in words):
        return "first"
    return "last" if any(w in LAST_WORDS for w in words) else ""


def _countries_named(
    words: list[str], country_names: Callable[[str], frozenset[str]]
) -> list[frozenset[str]]:
    """For each run of one to three words that names a country, the other words the
    texts use for it ("north korea" -> democratic, people, republic, korea)."""
    found: list[frozenset[str]] = []
    at = 0
    while at < len(words):
        for size in (3, 2, 1):
            names = (
                country_names(" ".join(words[at : at + size])) if at + size <= len(words) else None
            )
            if names:
                found.append(names)
                at += size
                break
        else:
            at += 1
    return found


PHRASE_DAY = date(2000, 1, 1)  # names are read as of a fixed day (they hold no "last year")


def phrase_key(phrase: str, span: DateSpan | None) -> str:
    return f"{phrase} @{span.first}..{span.last}" if span and phrase else phrase


def phrase_of(name: str, words: Words) -> str:
    """A name read the way a reference is, as `Query.key`: its content words and the
    period it names ("franco spain resolution 1946" is not "franco spain")."""
    span, rest = read_when(normalise(name), PHRASE_DAY)
    return phrase_key(" ".join(w for w in rewrite(rest, words) if w not in FILLER), span)
