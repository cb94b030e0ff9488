"""Resolutions from whatever people type: symbols, nicknames, titles, topics.

The order of trust is: an exact symbol, then a curated nickname (`data/resolutions.toml`),
then a title, then keywords. Titles and keywords are found with the store's FTS5 index
and scored with rapidfuzz; a year, month or date in the text narrows the choice. A
title the Assembly adopts every year ("recurring item") resolves to the most recent
one, and the match says how many others there are. Anything else -- Security Council
resolutions, resolutions adopted without a vote, invented ones -- gets no match and up
to three suggestions.
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.models import Candidate, Match, Resolution
from bot.core.store import Store
from bot.core.symbols import (
    SymbolKey,
    display_key,
    looks_like_security_council,
    parse_drafts,
    parse_stored_symbol,
    parse_typed_symbol,
)

ALIASES_FILE = "resolutions.toml"

# Scores are 0-100. A title or nickname reading is accepted when it reaches MATCH_SCORE
# and leads the next different reading by MATCH_MARGIN; readings above SUGGEST_SCORE
# are offered as candidates.
NICKNAME_SCORE = 98.0
EXACT_TITLE_SCORE = 100.0  # the query is a title, give or take filler words
MATCH_SCORE = 72.0
MATCH_MARGIN = 6.0
AMBIGUOUS_SCORE = 62.0
SUGGEST_SCORE = 40.0
NICKNAME_CUTOFF = 90.0  # rapidfuzz ratio for a nickname typed with a typo
NICKNAME_MIN_CHARS = 5  # shorter text is not compared with nicknames by similarity
WORD_FIX_CUTOFF = 80.0  # rapidfuzz ratio for correcting a misspelt word
SHORT_WORD, SHORT_WORD_CUTOFF = 5, 88.0  # ... and for words this short
UNKNOWN_WORD_DF = 3  # a word no title uses weighs as much as one used in this many
VARIANT_MIN_LENGTH = 6  # words this long 80% alike are one word spelt two ways
MAX_VARIANT_WORDS = 3  # titles differing in more words are different items
MIN_ACRONYM, MAX_ACRONYM = 4, 7  # shorter initials collide with words and each other
WIDE_MARGIN = 15.0  # a reading this far ahead is accepted from AMBIGUOUS_SCORE up
# The text score: title similarity (0-100), the share of the query's word weight the
# title covers, and the share of the title's word weight the query covers.
SIMILARITY_SHARE = 0.35
QUERY_COVER_SHARE = 45.0
TITLE_COVER_SHARE = 20.0
FTS_LIMIT = 60
SUGGEST_POOL = 150
FTS_WORDS = 4  # the rarest words of a query that go to the FTS index
MIN_CONFIDENT_COVERAGE = 0.6  # share of the query's word weight a match must cover
KEYWORD_SHARE = 0.6  # a word found only in subject headings or agenda counts this much
KEEP_READINGS = 8
FUZZY_LIMIT = 12
MAX_QUERY_CHARS = 300
MAX_CANDIDATES = 3
MIN_WORD_CHARS = 3  # shorter words are looked up whole, never as prefixes

_ADOPTED_SUFFIX = re.compile(r"\s*:\s*resol\w*\s*/.*$", re.IGNORECASE)
_TRUNCATED = re.compile(r"\s*\S*\[\.\.\.\]\s*$")  # and the word it cut
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words that say nothing about which resolution is meant.
_FILLER = frozenset(
    """a an the of on in to for by with from at and or its it is was were be been this
    that which who one ones vote votes voted voting resolution resolutions res reso un
    unga ga general assembly about regarding concerning re what how did do does uns as
    where when whose adopted passed motion text off out into s""".split()
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"\b(19[4-9]\d|20\d\d) (\d{1,2})(?: (\d{1,2}))?\b")  # 2022-03-02, normalized
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded.casefold()).strip()


def clean_title(title: str) -> str:
    """A title without the catalogue's ' : resolution / adopted by ...' tail."""
    title = _TRUNCATED.sub("", title.replace("\t", " ").replace("\xa0", " "))
    return " ".join(_ADOPTED_SUFFIX.sub("", title).split())


def series_key(norm: str) -> str:
    """A normalized title without filler words: 'the situation in x' -> 'situation x'."""

    return " ".join(w for w in norm.split() if w not in _FILLER)


def same_series(a: str, b: str) -> bool:
    """True when two normalized titles name one recurring item.

    They may differ in filler words, word order and spelling variants of a word or two
    ("behavior"/"behaviour", "practices"/"practicies"); a long title may also gain or
    lose one word over the years ("including Jerusalem", "including East Jerusalem").
    """
    ta, tb = set(series_key(a).split()), set(series_key(b).split())
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
    """Initials of the runs of capitalized words in a title, as people abbreviate names.

    'Organisation for the Prohibition of Chemical Weapons' gives 'opcw'; every run of
    4 to 7 initials inside a longer name counts too, so the 'United Nations Relief and
    Works Agency for Palestine Refugees' gives 'unrwa'.
    """
    found: set[str] = set()
    run: list[str] = []
    for token in re.findall(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]", title) + [":"]:
        if token[0].isupper():
            run.append(token[0].lower())
            continue
        if token.lower() in _CONNECTORS and run:
            continue
        for start in range(len(run)):
            for end in range(start + MIN_ACRONYM, min(len(run), start + MAX_ACRONYM) + 1):
                found.add("".join(run[start:end]))
        run = []
    return frozenset(found)


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


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date narrowing from the query: ISO strings, inclusive."""

    start: str
    end: str
    label: str

    def contains(self, date: str) -> bool:
        return self.start <= date[: len(self.start)] and date[: len(self.end)] <= self.end


def extract_date(text: str) -> tuple[DateRange | None, str]:
    """Find a year, month-and-year or full date in normalized text; return it and the rest."""
    if m := _ISO_DATE.search(text):
        iso_month, iso_day = int(m.group(2)), m.group(3)
        if 1 <= iso_month <= 12:
            stamp = f"{m.group(1)}-{iso_month:02d}" + (f"-{int(iso_day):02d}" if iso_day else "")
            rest = (text[: m.start()] + " " + text[m.end() :]).strip()
            return DateRange(stamp, stamp, stamp), " ".join(rest.split())
    words = text.split()
    years = [i for i, w in enumerate(words) if _YEAR.fullmatch(w)]
    if not years:
        return None, text
    at = years[-1]
    year = words[at]
    used = {at}
    month: int | None = None
    day: int | None = None
    for j in (at - 1, at - 2, at - 3):
        if 0 <= j < len(words) and words[j] in _MONTHS and month is None:
            month = _MONTHS[words[j]]
            used.add(j)
            for k in (j - 1, j + 1):
                if 0 <= k < len(words) and k not in used and (d := _DAY.fullmatch(words[k])):
                    day = int(d.group(1))
                    used.add(k)
                    break
    rest = " ".join(w for i, w in enumerate(words) if i not in used)
    if month is None:
        return DateRange(year, year, year), rest
    stamp = f"{year}-{month:02d}"
    if day and 1 <= day <= 31:
        stamp += f"-{day:02d}"
    return DateRange(stamp, stamp, stamp), rest


@dataclass(slots=True)
class _Group:
    """Resolutions that share one title (a recurring item), newest last."""

    title: str  # display title of the newest member
    norm: str  # normalized title
    members: list[int] = field(default_factory=list)  # resolution ids, oldest first
    tokens: frozenset[str] = frozenset()
    extra_words: frozenset[str] = frozenset()  # words of its subject headings and agenda
    keywords: frozenset[str] = frozenset()  # their stem prefixes
    acronyms: frozenset[str] = frozenset()  # initials of its capitalized names: "opcw"


@dataclass(frozen=True, slots=True)
class _Nickname:
    names: tuple[str, ...]
    ids: tuple[int, ...]  # the resolutions it names, oldest first


class ResolutionMatcher:
    """Resolves free text to a recorded General Assembly resolution."""

    def __init__(self, store: Store, *, aliases_path: Path) -> None:
        self._store = store
        resolutions = store.resolutions()
        self._by_id: dict[int, Resolution] = {r.id: r for r in resolutions}
        self._newest_first: list[int] = [r.id for r in reversed(resolutions)]
        self._by_body: dict[str, list[int]] = {}
        self._keys: dict[int, SymbolKey] = {}
        for r in resolutions:
            key = parse_stored_symbol(r.symbol)
            if key is None:
                continue
            self._keys[r.id] = key
            self._by_body.setdefault(key.body, []).append(r.id)
            for draft in parse_drafts(r.draft):
                self._by_body.setdefault(draft.body, []).append(r.id)
        self._compact_symbols = {
            r.id: r.symbol.upper().replace(" ", "").replace("A/RES/", "") for r in resolutions
        }
        self._build_groups(resolutions)
        self._build_vocabulary()
        self.alias_problems: list[str] = []
        self._nicknames: dict[str, _Nickname] = {}
        self._synonyms: dict[str, str] = {}
        self._phrase_synonyms: list[str] = []
        if aliases_path.is_file():
            self._load_nicknames(aliases_path)
        self._nickname_choices = {name: name for name in self._nicknames}
        for name in self._nicknames:
            for word in name.split():
                self._vocabulary.setdefault(word, word)

    @classmethod
    def from_store(cls, store: Store, *, aliases_dir: Path) -> ResolutionMatcher:
        return cls(store, aliases_path=aliases_dir / ALIASES_FILE)

    # --- construction ------------------------------------------------------------

    def _build_groups(self, resolutions: Sequence[Resolution]) -> None:
        groups: dict[str, _Group] = {}
        truncated: list[tuple[str, int]] = []
        for r in resolutions:
            title = clean_title(r.title)
            norm = normalize(title)
            key = series_key(norm)
            if r.title.rstrip().endswith("[...]") and not _ADOPTED_SUFFIX.search(r.title):
                truncated.append((key, r.id))
                continue
            group = groups.setdefault(key, _Group(title=title, norm=norm))
            group.members.append(r.id)
            group.title, group.norm = title, norm
        # A title cut short by the catalogue joins the full title it starts with.
        full_titles = sorted(groups)
        for norm, rid in truncated:
            head = norm.rsplit(" ", 1)[0] if " " in norm else norm
            owners = [t for t in full_titles if t.startswith(head) and t != norm]
            if len(owners) == 1:
                groups[owners[0]].members.append(rid)
            else:
                title = clean_title(self._by_id[rid].title)
                group = groups.setdefault(norm, _Group(title=title, norm=normalize(title)))
                group.members.append(rid)
        self._groups: list[_Group] = []
        self._group_of: dict[int, int] = {}
        for group in groups.values():
            group.members.sort(key=lambda rid: (self._by_id[rid].date, rid))
            extra = " ".join(
                f"{self._by_id[m].subjects} {self._by_id[m].agenda}" for m in group.members[-3:]
            )
            group.tokens = frozenset(group.norm.split())
            group.acronyms = title_acronyms(group.title)
            group.extra_words = frozenset(normalize(extra).split()) | group.acronyms
            group.keywords = frozenset(stem_prefix(w) for w in group.extra_words)
            index = len(self._groups)
            self._groups.append(group)
            for rid in group.members:
                self._group_of[rid] = index
        self._group_titles = {i: g.norm for i, g in enumerate(self._groups)}
        self._keys_of_groups = [series_key(g.norm) for g in self._groups]
        self._groups_with_word: dict[str, list[int]] = {}
        self._groups_with_acronym: dict[str, list[int]] = {}
        title_words = {w for g in self._groups for w in g.tokens}
        for gi, group in enumerate(self._groups):
            for acronym in group.acronyms - title_words:
                self._groups_with_acronym.setdefault(acronym, []).append(gi)
        for gi, key in enumerate(self._keys_of_groups):
            for word in set(key.split()):
                self._groups_with_word.setdefault(word, []).append(gi)
        self._series_cache: dict[int, list[int]] = {}

    def _build_vocabulary(self) -> None:
        df: dict[str, int] = {}
        for group in self._groups:
            for word in group.tokens | group.extra_words:
                df[word] = df.get(word, 0) + 1
        self._df = df
        self._group_count = max(len(self._groups), 1)
        self._vocabulary = {word: word for word in df if len(word) >= 3}
        self._sorted_words = sorted(df)
        self._sorted_df = [df[w] for w in self._sorted_words]
        self._title_prefixes: list[frozenset[str]] = [
            frozenset(stem_prefix(w) for w in g.tokens) for g in self._groups
        ]
        self._title_weights: list[dict[str, float]] = [
            {
                stem_prefix(w): self._weight(w)
                for w in g.tokens
                if w not in _FILLER and not w.isdigit()
            }
            for g in self._groups
        ]

    def _load_nicknames(self, path: Path) -> None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            self.alias_problems.append(f"{path}: {exc}")
            return
        entries = data.get("nickname", [])
        self._synonyms = {
            normalize(word): normalize(meaning) for word, meaning in data.get("words", {}).items()
        }
        self._phrase_synonyms = sorted((p for p in self._synonyms if " " in p), key=len)[::-1]
        for number, entry in enumerate(entries, start=1):
            names = tuple(normalize(n) for n in entry.get("names", []))
            ids: list[int] = []
            wanted = list(entry.get("symbols", []))
            if "symbol" in entry:
                wanted.append(entry["symbol"])
            for symbol in wanted:
                found = self._ids_for_symbol(symbol)
                if len(found) != 1:
                    self.alias_problems.append(f"{path}: entry {number}: {symbol} not found")
                ids.extend(found[:1])
            if "series" in entry:
                found = self._ids_for_symbol(entry["series"])
                if len(found) != 1:
                    self.alias_problems.append(
                        f"{path}: entry {number}: {entry['series']} not found"
                    )
                else:
                    ids.extend(self._series_of(found[0]))
            if not ids or not names:
                continue
            ids = sorted(set(ids), key=lambda rid: (self._by_id[rid].date, rid))
            for name in names:
                self._nicknames[name] = _Nickname(names, tuple(ids))

    def _ids_for_symbol(self, symbol: str) -> list[int]:
        resolution = self._store.resolution(symbol)
        if resolution is not None:
            return [resolution.id]
        key = parse_typed_symbol(symbol)
        return self._lookup_key(key) if key else []

    def _series_of(self, rid: int) -> list[int]:
        """Every resolution of the recurring item `rid` belongs to."""
        gi = self._group_of[rid]
        key = self._keys_of_groups[gi]
        rare = sorted(key.split(), key=lambda w: self._df.get(w, 0))[:2]
        nearby = {g for word in rare for g in self._groups_with_word.get(word, ())}
        return [
            m
            for g in sorted(nearby | {gi})
            if g == gi or same_series(key, self._keys_of_groups[g])
            for m in self._groups[g].members
        ]

    # --- public API --------------------------------------------------------------

    def get(self, symbol: str) -> Resolution | None:
        """The resolution with this symbol, in the data's spelling or any typed one."""
        resolution = self._store.resolution(symbol.strip())
        if resolution is not None:
            return resolution
        key = parse_typed_symbol(symbol)
        if key is None:
            return None
        ids = self._lookup_key(key)
        return self._by_id[ids[0]] if len(ids) == 1 else None

    def resolve(self, text: str) -> Match:
        query = text.strip()
        if not query:
            return Match(query=text, status="none", note="Type a resolution symbol or title.")
        if len(query) > MAX_QUERY_CHARS:
            return Match(
                query=text,
                status="none",
                note=f"That is too long to be a resolution name ({len(query)} characters).",
            )
        if looks_like_security_council(query):
            return self._not_recorded(
                query,
                "Security Council resolutions are not General Assembly votes; "
                "only recorded General Assembly votes are covered.",
            )
        key = parse_typed_symbol(query)
        if key is not None:
            return self._resolve_symbol(query, key)
        return self._resolve_text(query)

    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        """Up to `limit` resolutions for an autocomplete box, best first.

        A fragment with digits is read as the start of a symbol; words are looked up in
        the FTS index (the last word as a prefix, since it is still being typed). Each
        recurring item is offered once, as its newest resolution.
        """
        norm = normalize(fragment)[:MAX_QUERY_CHARS]
        if not norm:
            return [self._candidate(rid, 100.0) for rid in self._newest_first[:limit]]
        out: dict[int, Candidate] = {}
        compact = re.sub(r"^(?:A/RES/|RES(?:OLUTION)?\s*)", "", fragment.strip().upper())
        compact = compact.replace(" ", "")
        if any(ch.isdigit() for ch in compact):
            for rid in self._newest_first:
                if self._compact_symbols[rid].startswith(compact):
                    out[rid] = self._candidate(rid, 100.0)
                    if len(out) >= limit:
                        return list(out.values())
        for name, nick in self._nicknames.items():
            if name.startswith(norm) and nick.ids[-1] not in out:
                out[nick.ids[-1]] = self._candidate(nick.ids[-1], 95.0)
        words = [w for w in norm.split() if w not in _FILLER] or norm.split()
        *complete, last = words
        terms = [fts_phrase(self._fix_word(w)) + "*" for w in complete] + [fts_phrase(last) + "*"]
        hits = self._fts("{title} : (" + " AND ".join(terms) + ")", limit=SUGGEST_POOL)
        groups = dict.fromkeys(self._group_of[rid] for rid, _ in hits if rid in self._group_of)
        if not groups:
            found = process.extract(
                norm,
                self._group_titles,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=SUGGEST_SCORE,
                limit=limit,
            )
            groups = dict.fromkeys(gi for _, _, gi in found)
        ranked = sorted(
            groups,
            key=lambda gi: (
                -fuzz.partial_ratio(norm, self._groups[gi].norm, processor=None),
                -self._groups[gi].members[-1],
            ),
        )
        for gi in ranked:
            rid = self._groups[gi].members[-1]
            if rid not in out:
                score = fuzz.partial_ratio(norm, self._groups[gi].norm, processor=None)
                out[rid] = self._candidate(rid, float(score))
            if len(out) >= limit:
                break
        return list(out.values())[:limit]

    def search(
        self,
        topic: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Resolution]:
        """Resolutions about a topic, newest first.

        A resolution is about a topic when every word of the topic (or a spelling fix of
        it) is in its title or subject headings; a curated nickname adds its resolutions.
        """
        norm = normalize(topic)[:MAX_QUERY_CHARS]
        words = [w for w in self._say_as_titles(norm).split() if w not in _FILLER]
        if not any(len(w) >= MIN_WORD_CHARS for w in words):
            return []
        ids: set[int] = set()
        if norm in self._nicknames:
            ids.update(self._nicknames[norm].ids)
        words = [self._fix_word(w) for w in words]
        expression = "{title subjects} : (" + " AND ".join(fts_phrase(w) + "*" for w in words) + ")"
        ids.update(rid for rid, _ in self._fts(expression, limit=len(self._by_id) or 1))
        found = [self._by_id[rid] for rid in ids if rid in self._by_id]
        if since:
            found = [r for r in found if r.date[: len(since)] >= since]
        if until:
            found = [r for r in found if r.date[: len(until)] <= until]
        found.sort(key=lambda r: (r.date, r.id), reverse=True)
        return found[:limit] if limit is not None else found

    # --- symbols -----------------------------------------------------------------

    def _lookup_key(self, key: SymbolKey) -> list[int]:
        ids = self._by_body.get(key.body, [])
        if key.session:
            ids = [rid for rid in ids if self._keys.get(rid, key).session in ("", key.session)]
        if key.suffix:
            exact = [rid for rid in ids if self._keys.get(rid, key).suffix == key.suffix]
            if exact:
                return exact
        if len(ids) > 1:
            whole = [rid for rid in ids if rid in self._keys and not self._keys[rid].suffix]
            if len(whole) == 1:
                return whole
        return list(dict.fromkeys(ids))

    def _resolve_symbol(self, query: str, key: SymbolKey) -> Match:
        ids = self._lookup_key(key)
        if len(ids) == 1:
            return Match(query=query, status="match", best=self._candidate(ids[0], 100.0))
        if len(ids) > 1:
            ids.sort(key=lambda rid: self._by_id[rid].symbol)
            candidates = tuple(self._candidate(rid, 100.0) for rid in ids)
            return Match(
                query=query,
                status="ambiguous",
                candidates=candidates,
                note=f"{display_key(key)} was voted on in {len(ids)} parts; pick one.",
            )
        kind = "draft" if key.is_draft else "resolution"
        return self._not_recorded(
            query,
            f"{display_key(key)} is not a {kind} with a recorded vote in the data "
            "(it may have been adopted without a vote, or not exist).",
            near=self._neighbours(key),
        )

    def _neighbours(self, key: SymbolKey) -> list[int]:
        """Recorded resolutions numbered close to a symbol that is not in the data."""
        if key.is_draft or "/" not in key.body:
            return []
        session, _, number = key.body.rpartition("/")
        if not number.isdigit():
            return []
        near: list[tuple[int, int]] = []
        for offset in range(1, 40):
            for n in (int(number) - offset, int(number) + offset):
                for rid in self._by_body.get(f"{session}/{n}", []):
                    near.append((offset, rid))
            if len(near) >= MAX_CANDIDATES:
                break
        return [rid for _, rid in near[:MAX_CANDIDATES]]

    def _not_recorded(self, query: str, note: str, *, near: Iterable[int] = ()) -> Match:
        candidates = tuple(self._candidate(rid, 0.0) for rid in near)
        if not candidates:
            words = [
                w
                for w in normalize(query).split()
                if w not in _FILLER and not w.isdigit() and len(w) >= MIN_WORD_CHARS
            ]
            if words:
                scored = self._score_text(" ".join(words), None)
                candidates = tuple(
                    self._candidate(self._pick(g, None)[0], s)
                    for s, g in scored[:MAX_CANDIDATES]
                    if s >= SUGGEST_SCORE
                )
        return Match(query=query, status="none", candidates=candidates, note=note)

    # --- text --------------------------------------------------------------------

    def _resolve_text(self, query: str) -> Match:
        norm = normalize(query)
        when, rest = extract_date(norm)
        words = [w for w in rest.split() if w not in _FILLER]
        if not any(len(w) >= MIN_WORD_CHARS and not w.isdigit() for w in words):
            note = (
                "Name the resolution, not only a date."
                if when is not None
                else "Type a resolution symbol (like ES-11/1) or words of its title."
            )
            return Match(query=query, status="none", note=note)
        content = " ".join(words)
        fixed = " ".join(self._fix_word(w) for w in words)
        nickname = self._match_nickname((norm, " ".join(rest.split()), content, fixed))
        if nickname is not None:
            picked = self._pick_ids(list(nickname.ids), when)
            if picked:
                rid, others = picked
                note = self._series_note(rid, others, when)
                return Match(
                    query=query, status="match", best=self._candidate(rid, 98.0), note=note
                )
        scored = self._score_text(rest, when)
        if when is not None:
            # A year may belong to the title itself ("Programme budget for 1986-1987").
            literal = self._score_text(norm, None)
            if literal and (not scored or literal[0][0] > scored[0][0]):
                scored, when = literal, None
        if not scored or scored[0][0] < SUGGEST_SCORE:
            if when is not None:
                undated = self._score_text(rest, None)
                if undated and undated[0][0] >= MATCH_SCORE:
                    rid = self._pick(undated[0][1], None)[0]
                    return Match(
                        query=query,
                        status="none",
                        candidates=(self._candidate(rid, undated[0][0]),),
                        note=f"Nothing with that name was voted on in {when.label}.",
                    )
            return Match(
                query=query,
                status="none",
                candidates=tuple(
                    self._candidate(self._pick(g, when)[0], s) for s, g in scored[:MAX_CANDIDATES]
                ),
                note="No recorded General Assembly vote matches that.",
            )
        best_score, best_group = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        rid, others = self._pick(best_group, when)
        exact_title = best_score >= EXACT_TITLE_SCORE > runner_up
        margin = best_score - runner_up
        if (
            exact_title
            or (best_score >= MATCH_SCORE and margin >= MATCH_MARGIN)
            or (best_score >= AMBIGUOUS_SCORE and margin >= WIDE_MARGIN)
        ):
            same_day = self._same_day_parts(rid, others)
            if same_day:
                return Match(
                    query=query,
                    status="ambiguous",
                    best=self._candidate(rid, best_score),
                    candidates=tuple(self._candidate(r, best_score) for r in same_day),
                    note=f"{len(same_day)} resolutions with this title were voted on "
                    f"{self._by_id[rid].date}; pick one.",
                )
            return Match(
                query=query,
                status="match",
                best=self._candidate(rid, best_score),
                note=self._series_note(rid, others, when),
            )
        candidates = tuple(
            self._candidate(self._pick(g, when)[0], s)
            for s, g in scored[: MAX_CANDIDATES if best_score < AMBIGUOUS_SCORE else 5]
        )
        if best_score >= AMBIGUOUS_SCORE:
            return Match(
                query=query,
                status="ambiguous",
                best=candidates[0],
                candidates=candidates,
                note="Several resolutions fit; pick one or add a year.",
            )
        return Match(
            query=query,
            status="none",
            candidates=candidates,
            note="No confident match.",
        )

    def _match_nickname(self, readings: Sequence[str]) -> _Nickname | None:
        """The nickname one of the readings of the query is, exactly or but for a typo."""
        for text in readings:
            if text in self._nicknames:
                return self._nicknames[text]
        content = readings[-1]
        if not self._nickname_choices or len(content) < NICKNAME_MIN_CHARS:
            return None
        hit = process.extractOne(
            content,
            self._nickname_choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NICKNAME_CUTOFF,
        )
        return self._nicknames[hit[2]] if hit else None

    def _fix_word(self, word: str) -> str:
        """The known word closest to a misspelt one; the word itself if known or far off.

        Words of five letters or fewer are only fixed for one missing or extra letter or
        two swapped letters: one changed letter turns too many short words into others.
        """
        if word in self._vocabulary or len(word) < 4 or word.isdigit():
            return word
        hits = process.extract(
            word,
            self._vocabulary,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=WORD_FIX_CUTOFF,
            limit=5,
        )
        if len(word) <= SHORT_WORD:
            hits = [h for h in hits if h[1] >= SHORT_WORD_CUTOFF or sorted(h[2]) == sorted(word)]
        if not hits:
            return word
        best = max(hits, key=lambda h: (h[1], self._df.get(h[2], 0)))
        return best[2]

    def _say_as_titles(self, text: str) -> str:
        """Replace the words and phrases of the [words] table with what titles say."""
        if not self._synonyms:
            return text
        padded = f" {text} "
        for phrase in self._phrase_synonyms:
            if f" {phrase} " in padded:
                padded = padded.replace(f" {phrase} ", f" {self._synonyms[phrase]} ")
        return " ".join(self._synonyms.get(w, w) for w in padded.split())

    def _weight(self, word: str) -> float:
        """Inverse document frequency of the word's stem: rare words identify a title.

        A word no title uses counts like a rare one, not the rarest: it may be a verb of
        a paraphrase ("condemning") as well as the name of something not in the data.
        """
        prefix = stem_prefix(word)
        start = bisect.bisect_left(self._sorted_words, prefix)
        end = bisect.bisect_left(self._sorted_words, prefix + "\uffff")
        df = min(sum(self._sorted_df[start:end]), self._group_count) or UNKNOWN_WORD_DF
        return math.log((self._group_count + 1) / (df + 0.5))

    def _score_text(self, text: str, when: DateRange | None) -> list[tuple[float, int]]:
        """(score, group index) for the title groups that fit the words, best first.

        Candidates come from the FTS index (the rarest few words, as stem prefixes) and
        from a quick whole-title comparison; each is then scored on how similar its title
        is to the words and on how much of the words' weight its title or subject
        headings cover.
        """
        words = [w for w in self._say_as_titles(text).split() if w not in _FILLER]
        words = [self._fix_word(w) for w in words]
        fixed = " ".join(words)
        prefixes = [stem_prefix(w) for w in words]
        weights = [self._weight(w) for w in words]
        rarest = sorted(set(prefixes), key=lambda p: -weights[prefixes.index(p)])[:FTS_WORDS]
        expression = " OR ".join(
            fts_phrase(p) + ("*" if len(p) >= MIN_WORD_CHARS else "") for p in rarest
        )
        pool: dict[int, None] = {}
        for rid, _ in self._fts(expression, limit=FTS_LIMIT):
            if rid in self._group_of:
                pool[self._group_of[rid]] = None
        for _, _, gi in process.extract(
            fixed,
            self._group_titles,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=SUGGEST_SCORE,
            limit=FUZZY_LIMIT,
        ):
            pool[gi] = None
        for word in words:
            pool.update(dict.fromkeys(self._groups_with_acronym.get(word, ())))
        total = sum(weights) or 1.0
        query_key = series_key(fixed)
        scored: list[tuple[float, int]] = []
        for gi in pool:
            group = self._groups[gi]
            if when is not None and not any(
                when.contains(self._by_id[m].date) for m in group.members
            ):
                continue
            title_prefixes = self._title_prefixes[gi]
            covered = 0.0
            in_title: set[str] = set()
            for p, w in zip(prefixes, weights, strict=True):
                if p in title_prefixes:
                    covered += w
                    in_title.add(p)
                elif any(t.startswith(p) for t in group.tokens):
                    covered += w
                elif p in group.keywords:
                    covered += KEYWORD_SHARE * w
            title_weights = self._title_weights[gi]
            title_covered = sum(title_weights[p] for p in in_title if p in title_weights) / (
                sum(title_weights.values()) or 1.0
            )
            if series_key(group.norm) == query_key:
                # the title itself, give or take filler words
                scored.append((EXACT_TITLE_SCORE, gi))
                continue
            similarity = 0.7 * fuzz.token_set_ratio(
                fixed, group.norm, processor=None
            ) + 0.3 * fuzz.ratio(fixed, group.norm, processor=None)
            score = (
                SIMILARITY_SHARE * similarity
                + QUERY_COVER_SHARE * covered / total
                + TITLE_COVER_SHARE * title_covered
            )
            if covered / total < MIN_CONFIDENT_COVERAGE:
                # a telling word of the query is nowhere in this resolution: never confident
                score = min(score, AMBIGUOUS_SCORE - 0.1)
            scored.append((score, gi))
        scored.sort(key=lambda sg: (-sg[0], -self._groups[sg[1]].members[-1]))
        return self._merge_series(scored)

    def _merge_series(self, scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """The best few readings, without those that repeat a better one's recurring item."""
        kept: list[tuple[float, int]] = []
        for score, gi in scored:
            norm = self._groups[gi].norm
            if any(same_series(norm, self._groups[k].norm) for _, k in kept):
                continue
            kept.append((score, gi))
            if len(kept) >= KEEP_READINGS:
                break
        return kept

    def _fts(self, expression: str, *, limit: int) -> list[tuple[int, float]]:
        if not expression.strip():
            return []
        try:
            return self._store.search_text(expression, limit=limit)
        except sqlite3.Error:
            return []

    # --- choosing within a recurring item ------------------------------------------

    def _pick(self, gi: int, when: DateRange | None) -> tuple[int, list[int]]:
        """The newest member of a group (within the date range): (id, the other members)."""
        members = self._series_members(gi)
        return self._pick_ids(members, when) or (members[-1], members[:-1])

    def _series_members(self, gi: int) -> list[int]:
        """Members of a group and of groups with nearly the same title, oldest first."""
        if gi not in self._series_cache:
            ids = self._series_of(self._groups[gi].members[-1])
            ids.sort(key=lambda rid: (self._by_id[rid].date, rid))
            self._series_cache[gi] = ids
        return self._series_cache[gi]

    def _pick_ids(self, ids: list[int], when: DateRange | None) -> tuple[int, list[int]] | None:
        inside = [rid for rid in ids if when is None or when.contains(self._by_id[rid].date)]
        if not inside:
            return None
        return inside[-1], [rid for rid in ids if rid != inside[-1]]

    def _same_day_parts(self, rid: int, others: list[int]) -> list[int]:
        """`rid` and the resolutions of its item voted the same day (parts A, B...), if any."""
        date = self._by_id[rid].date
        parts = [o for o in others if self._by_id[o].date == date]
        if not parts:
            return []
        return sorted([rid, *parts], key=lambda r: self._by_id[r].symbol)

    def _series_note(self, rid: int, others: list[int], when: DateRange | None) -> str:
        if not others:
            return ""
        years = sorted({self._by_id[o].year for o in others})
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        chosen = self._by_id[rid]
        plural = "s" if len(others) > 1 else ""
        if when is None:
            return (
                f"The most recent of {len(others) + 1} resolutions on this item "
                f"({chosen.date}); {len(others)} other{plural} from {span}. Add a year to pick one."
            )
        return f"{len(others)} other resolution{plural} on this item ({span})."

    def _candidate(self, rid: int, score: float) -> Candidate:
        r = self._by_id[rid]
        return Candidate(id=r.symbol, name=clean_title(r.title), score=round(score, 1), note=r.date)
