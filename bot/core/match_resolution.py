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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.match_country import ALIASES_FILE as COUNTRY_ALIASES_FILE
from bot.core.match_country import CountryMatcher
from bot.core.models import Candidate, Match, Resolution
from bot.core.resolution_text import (
    FILLER,
    DateRange,
    acronym_expansions,
    clean_title,
    cut_short,
    extract_date,
    fts_phrase,
    normalize,
    same_series_keys,
    series_key,
    stem_prefix,
)
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

# Scores are 0-100. A title reading is accepted when it is the title itself, when it
# reaches MATCH_SCORE and leads the next different reading by MATCH_MARGIN (or by any
# margin if that reading only adds words to its title), or when it leads by WIDE_MARGIN
# from AMBIGUOUS_SCORE up. Readings from AMBIGUOUS_SCORE make an ambiguity; readings
# above SUGGEST_SCORE are offered as suggestions.
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
LENGTH_SLACK = 3  # a spelling fix differs in length by at most this much
MAX_WORD_LENGTH = 30  # longer words share one bucket of candidate fixes
MAX_REMEMBERED_FIXES = 20_000  # spelling fixes kept for the next query
UNKNOWN_WORD_DF = 3  # a word no title uses weighs as much as one used in this many
WIDE_MARGIN = 15.0  # a reading this far ahead is accepted from AMBIGUOUS_SCORE up
# The text score: title similarity (0-100), the share of the query's word weight the
# title covers, and the share of the title's word weight the query covers.
SIMILARITY_SHARE = 0.35
QUERY_COVER_SHARE = 45.0
TITLE_COVER_SHARE = 20.0
FTS_LIMIT = 60  # FTS hits taken as candidate titles
SUGGEST_POOL = 150  # candidate titles ranked for an autocomplete fragment
MIN_FRAGMENT_CHARS = 2  # a shorter fragment gets the newest resolutions
FTS_WORDS = 4  # the rarest words of a query that go to the FTS index
MIN_CONFIDENT_COVERAGE = 0.6  # share of the query's word weight a match must cover
KEYWORD_SHARE = 0.6  # a word found only in subject headings or agenda counts this much
KEEP_READINGS = 8  # distinct readings kept after scoring
FUZZY_LIMIT = 12  # candidate titles from a whole-title rapidfuzz comparison
MAX_QUERY_CHARS = 300
MAX_CANDIDATES = 3
MIN_WORD_CHARS = 3  # shorter words are looked up whole, never as prefixes
ACRONYM_MIN_TITLES = 2  # an acronym read as a name must come from this many resolutions
MIN_COUNTRY_WORD = 4  # shorter words are not looked up as country names
SUCCESSIVE_ALIKE = 80.0  # token-sort similarity of successive titles of one item
RENAMED_ALIKE = 70.0  # similarity of two titles of one renamed recurring item


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
        else:
            self.alias_problems.append(f"{aliases_path}: not found, so no nicknames")
        self._nickname_choices = {name: name for name in self._nicknames}
        for name in self._nicknames:
            for word in name.split():
                self._vocabulary.setdefault(word, word)
        # A fix is at most a few letters longer or shorter than the word it fixes.
        self._vocabulary_by_length: dict[int, dict[str, str]] = {}
        for word in self._vocabulary:
            low = max(1, len(word) - LENGTH_SLACK)
            for length in range(low, min(len(word) + LENGTH_SLACK, MAX_WORD_LENGTH) + 1):
                self._vocabulary_by_length.setdefault(length, {})[word] = word
        self._fixes: dict[str, str] = {}
        # A country is named in titles as it was called then (Kampuchea, Cambodia):
        # the country matcher's names of a seat let one stand for the others.
        countries_path = aliases_path.parent / COUNTRY_ALIASES_FILE
        self._country_matcher = (
            CountryMatcher(store.countries(), aliases_path=countries_path)
            if countries_path.is_file()
            else None
        )
        self._other_names: dict[str, frozenset[str]] = {}

    @classmethod
    def from_store(cls, store: Store, *, aliases_dir: Path) -> ResolutionMatcher:
        return cls(store, aliases_path=aliases_dir / ALIASES_FILE)

    # --- construction ------------------------------------------------------------

    def _build_groups(self, resolutions: Sequence[Resolution]) -> None:
        groups: dict[str, _Group] = {}
        self._acronym_words: dict[str, set[str]] = {}
        self._acronym_phrase: dict[str, str] = {}
        truncated: list[tuple[str, int]] = []
        for r in resolutions:
            title = clean_title(r.title)
            norm = normalize(title)
            key = series_key(norm)
            if cut_short(r.title):
                truncated.append((key, r.id))
                continue
            group = groups.setdefault(key, _Group(title=title, norm=norm))
            group.members.append(r.id)
            group.title, group.norm = title, norm
        # A title cut short by the catalogue joins the full title it starts with.
        full_titles = sorted(groups)
        for key, rid in truncated:
            head = key.rsplit(" ", 1)[0] if " " in key else key
            start = bisect.bisect_left(full_titles, head)
            end = bisect.bisect_left(full_titles, head + "\uffff")
            owners = [t for t in full_titles[start:end] if t != key]
            if len(owners) == 1:
                groups[owners[0]].members.append(rid)
            else:
                title = clean_title(self._by_id[rid].title)
                group = groups.setdefault(key, _Group(title=title, norm=normalize(title)))
                group.members.append(rid)
        self._groups: list[_Group] = []
        self._group_of: dict[int, int] = {}
        for group in groups.values():
            group.members.sort(key=lambda rid: (self._by_id[rid].date, rid))
            extra = " ".join(
                f"{self._by_id[m].subjects} {self._by_id[m].agenda}" for m in group.members[-3:]
            )
            group.tokens = frozenset(group.norm.split())
            expansions = acronym_expansions(group.title)
            for acronym, words in expansions.items():
                self._acronym_words.setdefault(acronym, set()).add(words)
            group.acronyms = frozenset(expansions)
            group.extra_words = frozenset(normalize(extra).split()) | group.acronyms
            group.keywords = frozenset(stem_prefix(w) for w in group.extra_words)
            index = len(self._groups)
            self._groups.append(group)
            for rid in group.members:
                self._group_of[rid] = index
        self._group_titles = {i: g.norm for i, g in enumerate(self._groups)}
        self._keys_of_groups = [series_key(g.norm) for g in self._groups]
        self._group_dates = [sorted(self._by_id[m].date for m in g.members) for g in self._groups]
        self._groups_with_word: dict[str, list[int]] = {}
        self._groups_by_initials: dict[str, list[int]] = {}  # "hu" -> groups, newest first
        for gi in sorted(
            range(len(self._groups)), key=lambda g: self._groups[g].members[-1], reverse=True
        ):
            initials = {w[:n] for w in self._groups[gi].tokens for n in range(1, MIN_WORD_CHARS)}
            for initial in initials:
                self._groups_by_initials.setdefault(initial, []).append(gi)
        self._groups_with_acronym: dict[str, list[int]] = {}
        title_words = {w for g in self._groups for w in g.tokens}
        for gi, group in enumerate(self._groups):
            for acronym in group.acronyms - title_words:
                self._groups_with_acronym.setdefault(acronym, []).append(gi)
        # An acronym that stands for one name only (however spelt) is read as that
        # name: "unifil", "opcw" ("Organisation"/"Organization ... Chemical Weapons").
        self._acronym_phrase = {}
        for acronym, names in self._acronym_words.items():
            first, *rest = sorted(names)
            if (
                acronym not in title_words
                and sum(len(self._groups[g].members) for g in self._groups_with_acronym[acronym])
                >= ACRONYM_MIN_TITLES
                and all(same_series_keys(first, n) for n in rest)
            ):
                self._acronym_phrase[acronym] = first
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
                if w not in FILLER and not w.isdigit()
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
            if g == gi or same_series_keys(key, self._keys_of_groups[g])
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
        if len(norm) < MIN_FRAGMENT_CHARS:
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
        words = [w for w in norm.split() if w not in FILLER]
        if not words:
            for rid in self._newest_first[: limit + len(out)]:
                out.setdefault(rid, self._candidate(rid, 50.0))
            return list(out.values())[:limit]
        *complete, last = words
        if not complete and len(last) < MIN_WORD_CHARS:
            # a prefix this short matches thousands of words: read it from memory
            groups = dict.fromkeys(self._groups_by_initials.get(last, [])[:SUGGEST_POOL])
        else:
            terms = [fts_phrase(self._fix_word(w)) + "*" for w in complete]
            terms.append(fts_phrase(last) + "*")
            hits = self._fts("{title} : (" + " AND ".join(terms) + ")", limit=SUGGEST_POOL)
            groups = dict.fromkeys(self._group_of[r] for r, _ in hits if r in self._group_of)
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
        offered: list[str] = []
        keys = self._keys_of_groups
        for gi in ranked:
            if any(same_series_keys(keys[gi], key) for key in offered):
                continue  # the same recurring item under a variant title
            offered.append(keys[gi])
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
        words = [w for w in self._say_as_titles(norm).split() if w not in FILLER]
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
                if w not in FILLER and not w.isdigit() and len(w) >= MIN_WORD_CHARS
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
        words = [w for w in rest.split() if w not in FILLER]
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
                    query=query,
                    status="match",
                    best=self._candidate(rid, NICKNAME_SCORE),
                    note=note,
                )
        scored = self._score_text(rest, when)
        if when is not None:
            # A year may belong to the title itself ("Programme budget for 1986-1987").
            literal = self._score_text(norm, None)
            date_words = set(norm.split()) - set(rest.split())
            if (
                literal
                and date_words & self._groups[literal[0][1]].tokens
                and (not scored or literal[0][0] > scored[0][0])
            ):
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
        exact_title = best_score >= EXACT_TITLE_SCORE > runner_up
        margin = best_score - runner_up
        accepted = (
            exact_title
            or (best_score >= MATCH_SCORE and margin >= MATCH_MARGIN)
            or (best_score >= MATCH_SCORE and margin > 0 and self._elaborates(scored, rest))
            or (best_score >= AMBIGUOUS_SCORE and margin >= WIDE_MARGIN)
        )
        renamed = None if accepted else self._one_item_renamed(scored, rest)
        if renamed is None and not accepted and best_score >= MATCH_SCORE:
            renamed = self._only_one_says(scored, rest)
        if renamed is not None:
            best_group, accepted = renamed, True
        rid, others = self._pick(best_group, when)
        if accepted:
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
        if word in self._fixes:
            return self._fixes[word]
        nearby = self._vocabulary_by_length.get(min(len(word), MAX_WORD_LENGTH), {})
        hits = process.extract(
            word,
            nearby,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=WORD_FIX_CUTOFF,
            limit=5,
        )
        if len(word) <= SHORT_WORD:
            hits = [h for h in hits if h[1] >= SHORT_WORD_CUTOFF or sorted(h[2]) == sorted(word)]
        fixed = max(hits, key=lambda h: (h[1], self._df.get(h[2], 0)))[2] if hits else word
        if len(self._fixes) < MAX_REMEMBERED_FIXES:
            self._fixes[word] = fixed
        return fixed

    def _say_as_titles(self, text: str) -> str:
        """Replace the words and phrases of the [words] table with what titles say."""
        text = " ".join(
            w if w in self._synonyms else self._acronym_phrase.get(w, w) for w in text.split()
        )
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
        words = [w for w in self._say_as_titles(text).split() if w not in FILLER]
        words = [self._fix_word(w) for w in words]
        fixed = " ".join(words)
        prefixes = [stem_prefix(w) for w in words]
        weights = [self._weight(w) for w in words]
        rarest = sorted(set(prefixes), key=lambda p: -weights[prefixes.index(p)])[:FTS_WORDS]
        others = [self._other_country_names(w) for w in words]
        rarest += [
            o for p, names in zip(prefixes, others, strict=True) if p in rarest for o in names
        ]
        # The index stems words (porter), which may cut them shorter than a stem prefix
        # ("militarization" is "militar"): the word itself is searched too.
        whole = [w for w, p in zip(words, prefixes, strict=True) if p in rarest and w != p]
        expression = " OR ".join(
            [fts_phrase(p) + ("*" if len(p) >= MIN_WORD_CHARS else "") for p in rarest]
            + [fts_phrase(w) for w in dict.fromkeys(whole)]
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
            if when is not None and not self._voted_within(gi, when):
                continue
            title_prefixes = self._title_prefixes[gi]
            covered = 0.0
            in_title: set[str] = set()
            for p, w, names in zip(prefixes, weights, others, strict=True):
                if p in title_prefixes:
                    covered += w
                    in_title.add(p)
                elif names & title_prefixes:
                    covered += w
                    in_title.update(names & title_prefixes)
                elif any(t.startswith(p) for t in group.tokens):
                    covered += w
                elif p in group.keywords:
                    covered += KEYWORD_SHARE * w
            title_weights = self._title_weights[gi]
            title_covered = sum(title_weights[p] for p in in_title if p in title_weights) / (
                sum(title_weights.values()) or 1.0
            )
            if self._keys_of_groups[gi] == query_key:
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

    def _other_country_names(self, word: str) -> frozenset[str]:
        """Stem prefixes of the other names of the country a word names, if it names one."""
        if self._country_matcher is None or len(word) < MIN_COUNTRY_WORD or word in FILLER:
            return frozenset()
        if word not in self._other_names:
            match = self._country_matcher.resolve(word)
            names: frozenset[str] = frozenset()
            if match.status == "match" and match.best is not None:
                own = stem_prefix(word)
                names = frozenset(
                    stem_prefix(n) for n in self._country_matcher.name_words(match.best.id)
                ) - {own}
            if len(self._other_names) < MAX_REMEMBERED_FIXES:
                self._other_names[word] = names
            return names
        return self._other_names[word]

    def _voted_within(self, gi: int, when: DateRange) -> bool:
        """True when a resolution of the group was voted on within the date range."""
        dates = self._group_dates[gi]
        if when.month is not None:
            return any(when.contains(d) for d in dates)
        at = bisect.bisect_left(dates, when.start)
        return at < len(dates) and when.contains(dates[at])

    def _merge_series(self, scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """The best few readings, without those that repeat a better one's recurring item."""
        kept: list[tuple[float, int]] = []
        keys = self._keys_of_groups
        for score, gi in scored:
            if any(same_series_keys(keys[gi], keys[k]) for _, k in kept):
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

    def _elaborates(self, scored: list[tuple[float, int]], text: str) -> bool:
        """True when the runner-up's title is the best one's with words the query lacks.

        "Implementation of the Declaration on ..." or "Optional Protocol to the
        Convention against ..." are about the thing the best title names; a query that
        fits both, and uses none of the added words, means the shorter one.
        """
        best = set(self._keys_of_groups[scored[0][1]].split())
        runner_up = set(self._keys_of_groups[scored[1][1]].split())
        if not best < runner_up:
            return False
        added = {stem_prefix(w) for w in runner_up - best}
        words = [w for w in self._say_as_titles(text).split() if w not in FILLER]
        asked = {stem_prefix(self._fix_word(w)) for w in words}
        # one word is a keyword, which names a topic rather than one resolution
        return len(asked) > 1 and not added & asked

    def _one_item_renamed(self, scored: list[tuple[float, int]], text: str) -> int | None:
        """The newest of close readings that are one recurring item under changing titles.

        A recurring item's title changes over the years ("Use of mercenaries as a means
        to violate ...", "... of violating ..."; "Glorification of Nazism", "Combating
        glorification of Nazism ..."). Close readings are taken as one such item when
        their titles are much alike and either all say the query's phrase (three words
        or more) word for word or were never voted on in the same year: different items
        under one heading ("General and complete disarmament: ...") run side by side.
        """
        if len(scored) < 2 or scored[0][0] < AMBIGUOUS_SCORE:
            return None
        close = [g for s, g in scored if scored[0][0] - s < MATCH_MARGIN]
        if len(close) < 2:
            return None
        newest = max(close, key=lambda g: self._newest_date(g))
        norms = [self._groups[g].norm for g in close]
        norm = self._groups[newest].norm
        phrase = " ".join(text.split())
        if (
            len(phrase.split()) >= 3
            and all(f" {phrase} " in f" {n} " for n in norms)
            and all(normalize(self._groups[g].title.split(":")[0]) != phrase for g in close)
            and all(fuzz.ratio(norm, n, processor=None) >= RENAMED_ALIKE for n in norms)
        ):
            return newest
        # Successive titles of one item: each recurring, much alike, never side by side.
        series = [self._series_members(g) for g in close]
        years = [{self._by_id[m].year for m in members} for members in series]
        if (
            all(len(members) > 1 for members in series)
            and all(
                fuzz.token_sort_ratio(norm, n, processor=None) >= SUCCESSIVE_ALIKE for n in norms
            )
            and sum(len(y) for y in years) == len(set().union(*years))
        ):
            return newest
        return None

    def _newest_date(self, gi: int) -> tuple[str, int]:
        newest = self._series_members(gi)[-1]
        return self._by_id[newest].date, newest

    def _only_one_says(self, scored: list[tuple[float, int]], text: str) -> int | None:
        """The one close reading whose title says the query's words as a phrase, if one.

        "israeli settlements in the occupied palestinian territory" starts one title and
        is only paraphrased or said later on by its close rivals.
        """
        words = [w for w in text.split() if w not in FILLER]
        if len(words) < 3:
            return None
        phrases = {" ".join(text.split()), " ".join(self._fix_word(w) for w in text.split())}
        close = [g for s, g in scored if scored[0][0] - s < MATCH_MARGIN]
        norms = {g: f" {self._groups[g].norm} " for g in close}
        for says in (str.startswith, str.__contains__):  # a title that starts with it first
            saying = [g for g in close if any(says(norms[g], f" {p} ") for p in phrases)]
            if saying:
                return saying[0] if len(saying) == 1 else None
        return None

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
