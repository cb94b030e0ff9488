"""Title groups of resolution matching: recurring items, their words, and scoring.

Resolutions that share a title (give or take filler words and spelling variants) form
one recurring item. This module keeps those groups with the words, stems, acronyms
and subject headings that describe them, corrects misspelt words against that
vocabulary, scores free text against titles (FTS5 index plus rapidfuzz), and decides
between close readings: the newest title of a renamed item, the one title that says
the words typed. The matcher (match_resolution.py) decides what to answer from it.
"""

from __future__ import annotations

import bisect
import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.data.store import Store
from bot.core.dates import DateSpan
from bot.core.models import Resolution
from bot.core.names.countries.matcher import CountryMatcher
from bot.core.names.resolutions.text import (
    FILLER,
    acronym_expansions,
    clean_title,
    cut_short,
    fts_phrase,
    normalize,
    same_series_keys,
    same_series_words,
    series_key,
    stem_prefix,
)

# Scores are 0-100; see match_resolution.py for how they are used.
EXACT_TITLE_SCORE = 100.0  # the query is a title, give or take filler words
MATCH_SCORE = 72.0
MATCH_MARGIN = 6.0
AMBIGUOUS_SCORE = 62.0
SUGGEST_SCORE = 40.0
WORD_FIX_CUTOFF = 80.0  # rapidfuzz ratio for correcting a misspelt word
SHORT_WORD, SHORT_WORD_CUTOFF = 5, 88.0  # ... and for words this short
LENGTH_SLACK = 3  # a spelling fix differs in length by at most this much
MAX_WORD_LENGTH = 30  # longer words share one bucket of candidate fixes
MAX_REMEMBERED_FIXES = 20_000  # spelling fixes kept for the next query
UNKNOWN_WORD_DF = 3  # a word no title uses weighs as much as one used in this many
# The text score: title similarity (0-100), the share of the query's word weight the
# title covers, and the share of the title's word weight the query covers.
SIMILARITY_SHARE = 0.35
QUERY_COVER_SHARE = 45.0
TITLE_COVER_SHARE = 20.0
FTS_LIMIT = 60  # FTS hits taken as candidate titles
FTS_DATED_LIMIT = 2000  # FTS hits looked through for those within a date
REMEMBERED_SEARCHES = 64  # FTS lookups and scores of score_text kept for the next queries
FTS_WORDS = 4  # the rarest words of a query that go to the FTS index
MIN_CONFIDENT_COVERAGE = 0.6  # share of the query's word weight a match must cover
KEYWORD_SHARE = 0.6  # a word found only in subject headings or agenda counts this much
KEEP_READINGS = 8  # distinct readings kept after scoring
FUZZY_LIMIT = 12  # candidate titles from a whole-title rapidfuzz comparison
CANONICAL_CHARS = 5  # "palestine"/"palestinian", "upgrade"/"upgraded" share their first five
MIN_WORD_CHARS = 3  # shorter words are looked up whole, never as prefixes
ACRONYM_MIN_TITLES = 2  # an acronym read as a name must come from this many resolutions
MIN_COUNTRY_WORD = 4  # shorter words are not looked up as country names
SUCCESSIVE_ALIKE = 80.0  # token-sort similarity of successive titles of one item
RENAMED_ALIKE = 70.0  # similarity of two titles of one renamed recurring item
RENAMED_MARGIN = 15.0  # how far behind the best a renamed item's other titles may score


@dataclass(slots=True)
class Group:
    """Resolutions that share one title (a recurring item), newest last."""

    title: str  # display title of the newest member
    norm: str  # normalized title
    members: list[int] = field(default_factory=list)  # resolution ids, oldest first
    tokens: frozenset[str] = frozenset()
    extra_words: frozenset[str] = frozenset()  # words of its subject headings and agenda
    keywords: frozenset[str] = frozenset()  # their stem prefixes
    acronyms: frozenset[str] = frozenset()  # initials of its capitalized names: "opcw"


@dataclass(frozen=True, slots=True)
class _Query:
    """A query's words as score_text weighs them against each title."""

    fixed: str  # the content words, spelling-fixed
    key: str  # their series key
    prefixes: list[str]
    weights: list[float]
    others: list[frozenset[str]]
    total: float  # the sum of the weights (1 if none)
    starting: list[frozenset[int]]  # per prefix, the groups with a title word starting so


class TitleIndex:
    """The recurring items of the resolutions, and free text scored against them."""

    def __init__(
        self, store: Store, resolutions: Sequence[Resolution], *, countries_path: Path
    ) -> None:
        self._store = store
        self._by_id: dict[int, Resolution] = {r.id: r for r in resolutions}
        self.synonyms: dict[str, str] = {}
        self.phrase_synonyms: list[str] = []
        self._alternates: dict[str, frozenset[str]] = {}  # stem prefix -> interchangeable ones
        self._build_groups(resolutions)
        self._build_vocabulary()
        for gi in range(len(self.groups)):
            self.series_members(gi)  # read by most queries; cheap to work out all at once
        self._vocabulary_by_length: dict[int, dict[str, str]] = {}
        self._fixes: dict[str, str] = {}
        # A country is named in titles as it was called then (Kampuchea, Cambodia):
        # the country matcher's names of a seat let one stand for the others.
        self._country_matcher = (
            CountryMatcher(store.countries(), aliases_path=countries_path)
            if countries_path.is_file()
            else None
        )
        self._other_names: dict[str, frozenset[str]] = {}
        self._recent_hits: dict[tuple[str, int], tuple[int, ...]] = {}
        self._recent_scores: dict[
            tuple[tuple[str, ...], DateSpan | None], tuple[tuple[float, int], ...]
        ] = {}
        self._hits_lock = threading.Lock()
        self._seat_names: dict[str, str | None] = {}  # 'north korea' -> its seat's name
        self.finish({}, ())

    def finish(
        self,
        synonyms: dict[str, str],
        words: Iterable[str],
        alike: Iterable[Sequence[str]] = (),
    ) -> None:
        """Take the [words] table, the nicknames' words and the [alike] groups of words
        that stand for one another ("embargo", "blockade"), once they are read."""
        self.synonyms = synonyms
        alternates: dict[str, set[str]] = {}
        for group in alike:
            prefixes = {stem_prefix(w) for w in group}
            for prefix in prefixes:
                alternates.setdefault(prefix, set()).update(prefixes - {prefix})
            words = [*words, *group]
        self._alternates = {p: frozenset(o) for p, o in alternates.items()}
        self.phrase_synonyms = sorted((p for p in synonyms if " " in p), key=len)[::-1]
        for word in words:
            self.vocabulary.setdefault(word, word)
        # A fix is at most a few letters longer or shorter than the word it fixes.
        self._vocabulary_by_length = {}
        self._known_stems = frozenset(stem_prefix(w) for w in self.vocabulary if len(w) >= 4)
        for word in self.vocabulary:
            low = max(1, len(word) - LENGTH_SLACK)
            for length in range(low, min(len(word) + LENGTH_SLACK, MAX_WORD_LENGTH) + 1):
                self._vocabulary_by_length.setdefault(length, {})[word] = word
        self._fixes = {}

    def _build_groups(self, resolutions: Sequence[Resolution]) -> None:
        groups: dict[str, Group] = {}
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
            group = groups.setdefault(key, Group(title=title, norm=norm))
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
                group = groups.setdefault(key, Group(title=title, norm=normalize(title)))
                group.members.append(rid)
        self.groups: list[Group] = []
        self.group_of: dict[int, int] = {}
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
            index = len(self.groups)
            self.groups.append(group)
            for rid in group.members:
                self.group_of[rid] = index
        self.group_titles = {i: g.norm for i, g in enumerate(self.groups)}
        self.keys_of_groups = [series_key(g.norm) for g in self.groups]
        self._key_words = [frozenset(key.split()) for key in self.keys_of_groups]
        self._dated_ids = sorted((r.date, r.id) for r in resolutions)
        self._group_dates = [sorted(self._by_id[m].date for m in g.members) for g in self.groups]
        self._groups_with_word: dict[str, list[int]] = {}
        self.groups_by_initials: dict[str, list[int]] = {}  # "hu" -> groups, newest first
        for gi in sorted(
            range(len(self.groups)), key=lambda g: self.groups[g].members[-1], reverse=True
        ):
            initials = {w[:n] for w in self.groups[gi].tokens for n in range(1, MIN_WORD_CHARS)}
            for initial in initials:
                self.groups_by_initials.setdefault(initial, []).append(gi)
        self._groups_with_acronym: dict[str, list[int]] = {}
        title_words = {w for g in self.groups for w in g.tokens}
        for gi, group in enumerate(self.groups):
            for acronym in group.acronyms - title_words:
                self._groups_with_acronym.setdefault(acronym, []).append(gi)
        # An acronym that stands for one name only (however spelt) is read as that
        # name: "unifil", "opcw" ("Organisation"/"Organization ... Chemical Weapons").
        self._acronym_phrase = {}
        for acronym, names in self._acronym_words.items():
            first, *rest = sorted(names)
            if (
                acronym not in title_words
                and sum(len(self.groups[g].members) for g in self._groups_with_acronym[acronym])
                >= ACRONYM_MIN_TITLES
                and all(same_series_keys(first, n) for n in rest)
            ):
                self._acronym_phrase[acronym] = first
        for gi, key in enumerate(self.keys_of_groups):
            for word in set(key.split()):
                self._groups_with_word.setdefault(word, []).append(gi)
        self._groups_with_token: dict[str, list[int]] = {}
        for gi, group in enumerate(self.groups):
            for word in group.tokens:
                self._groups_with_token.setdefault(word, []).append(gi)
        self._sorted_tokens = sorted(self._groups_with_token)
        self._prefix_groups: dict[str, frozenset[int]] = {}
        self._series_cache: dict[int, list[int]] = {}

    def _build_vocabulary(self) -> None:
        df: dict[str, int] = {}
        for group in self.groups:
            for word in group.tokens | group.extra_words:
                df[word] = df.get(word, 0) + 1
        self._df = df
        self._group_count = max(len(self.groups), 1)
        self.vocabulary = {word: word for word in df if len(word) >= 3}
        self._sorted_words = sorted(df)
        self._sorted_df = [df[w] for w in self._sorted_words]
        self._title_prefixes: list[frozenset[str]] = [
            frozenset(stem_prefix(w) for w in g.tokens) for g in self.groups
        ]
        self._title_weights: list[dict[str, float]] = [
            {
                stem_prefix(w): self._weight(w)
                for w in g.tokens
                if w not in FILLER and not w.isdigit()
            }
            for g in self.groups
        ]
        self._title_weight_totals = [sum(w.values()) or 1.0 for w in self._title_weights]

    def series_of(self, rid: int) -> list[int]:
        """Every resolution of the recurring item `rid` belongs to."""
        gi = self.group_of[rid]
        key = self.keys_of_groups[gi]
        rare = sorted(key.split(), key=lambda w: self._df.get(w, 0))[:2]
        nearby = {g for word in rare for g in self._groups_with_word.get(word, ())}
        return [
            m
            for g in sorted(nearby | {gi})
            if g == gi or same_series_keys(key, self.keys_of_groups[g])
            for m in self.groups[g].members
        ]

    def fix_word(self, word: str) -> str:
        """The known word closest to a misspelt one; the word itself if known or far off.

        Words of five letters or fewer are only fixed for one missing or extra letter or
        two swapped letters: one changed letter turns too many short words into others.
        """
        if word in self.vocabulary or len(word) < 4 or word.isdigit():
            return word
        if stem_prefix(word) in self._known_stems:
            return word  # another form of a known word: "revoking" for "revoke"
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

    def say_as_titles(self, text: str) -> str:
        """Replace the words and phrases of the [words] table with what titles say, a
        country's other names ("north korea") with its name, an acronym with its name."""
        text = " ".join(
            w if w in self.synonyms else self._acronym_phrase.get(w, w) for w in text.split()
        )
        padded = f" {text} "
        for phrase in self.phrase_synonyms:
            if f" {phrase} " in padded:
                padded = padded.replace(f" {phrase} ", f" {self.synonyms[phrase]} ")
        words = self._country_names_said(padded.split())
        return " ".join(self.synonyms.get(w, w) for w in words)

    def _country_names_said(self, words: list[str]) -> list[str]:
        """Two or three words that are another name of a seat, as the seat's own name."""
        if self._country_matcher is None:
            return words
        out: list[str] = []
        at = 0
        while at < len(words):
            for size in (3, 2):
                phrase = " ".join(words[at : at + size])
                if len(words) - at >= size and (name := self._country_name(phrase)):
                    out.extend(name.split())
                    at += size
                    break
            else:
                out.append(words[at])
                at += 1
        return out

    def _titles_say(self, phrase: str) -> bool:
        """True when some title has the phrase word for word ("southern rhodesia")."""
        sets = [set(self._groups_with_word.get(w, ())) for w in phrase.split() if w not in FILLER]
        if not sets:
            return False
        return any(f" {phrase} " in f" {self.groups[g].norm} " for g in set.intersection(*sets))

    def _country_name(self, phrase: str) -> str | None:
        if phrase not in self._seat_names:
            name = None
            code = self._country_matcher.named(phrase) if self._country_matcher else None
            country = self._country_matcher.get(code) if self._country_matcher and code else None
            if country is not None and not self._titles_say(phrase):
                name = normalize(country.name)
            if len(self._seat_names) < MAX_REMEMBERED_FIXES:
                self._seat_names[phrase] = name
            return name
        return self._seat_names[phrase]

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

    def score_text(self, text: str, when: DateSpan | None) -> list[tuple[float, int]]:
        """(score, group index) for the title groups that fit the words, best first.

        Candidates come from the FTS index (the rarest few words, as stem prefixes) and
        from a quick whole-title comparison; each is then scored on how similar its title
        is to the words and on how much of the words' weight its title or subject
        headings cover.
        """
        words, prefixes, weights, others = self._query_words(text)
        # The rest depends on the words alone: the text may differ in filler words only
        # ("of the use of ...", "the use of ...", as a command is split different ways).
        key = (tuple(words), when)
        with self._hits_lock:
            remembered = self._recent_scores.get(key)
        if remembered is not None:
            return list(remembered)
        scored = self._score_words(words, prefixes, weights, others, when)
        with self._hits_lock:
            if len(self._recent_scores) >= REMEMBERED_SEARCHES:
                del self._recent_scores[next(iter(self._recent_scores))]
            self._recent_scores[key] = tuple(scored)
        return scored

    def _score_words(
        self,
        words: list[str],
        prefixes: list[str],
        weights: list[float],
        others: list[frozenset[str]],
        when: DateSpan | None,
    ) -> list[tuple[float, int]]:
        fixed = " ".join(words)
        rarest = sorted(set(prefixes), key=lambda p: -weights[prefixes.index(p)])[:FTS_WORDS]
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
        # With a date, the best hits overall may all lie outside it: take more, keep those in.
        limit = FTS_LIMIT if when is None else FTS_DATED_LIMIT
        inside = None if when is None else self._ids_within(when)
        for rid in self._ranked_hits(expression, limit):
            if rid in self.group_of and (inside is None or rid in inside):
                pool[self.group_of[rid]] = None
            if len(pool) >= FTS_LIMIT:
                break
        for _, _, gi in process.extract(
            fixed,
            self.group_titles,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=SUGGEST_SCORE,
            limit=FUZZY_LIMIT,
        ):
            pool[gi] = None
        for word in words:
            pool.update(dict.fromkeys(self._groups_with_acronym.get(word, ())))
        query = self._scoring(words, prefixes, weights, others)
        scored = [
            (self._group_score(gi, query), gi)
            for gi in pool
            if when is None or self._voted_within(gi, when)
        ]
        scored.sort(key=lambda sg: (-sg[0], -self.groups[sg[1]].members[-1]))
        return self._merge_series(scored)

    def best_score_with_token(self, text: str, tokens: Iterable[str]) -> float | None:
        """The best score `score_text(text, None)` could give a group whose title has one
        of `tokens`; None when no title has any. It bounds that reading without the FTS
        lookup: a group's score does not depend on how it became a candidate."""
        groups = {g for t in tokens for g in self._groups_with_token.get(t, ())}
        if not groups:
            return None
        query = self._scoring(*self._query_words(text))
        return max(self._group_score(gi, query) for gi in groups)

    def _scoring(
        self,
        words: list[str],
        prefixes: list[str],
        weights: list[float],
        others: list[frozenset[str]],
    ) -> _Query:
        fixed = " ".join(words)
        return _Query(
            fixed,
            series_key(fixed),
            prefixes,
            weights,
            others,
            sum(weights) or 1.0,
            [self._groups_with_prefix(p) for p in prefixes],
        )

    def _group_score(self, gi: int, query: _Query) -> float:
        """How well a group's title fits the query's words (see score_text)."""
        covered, in_title = self._covered(
            gi, query.prefixes, query.weights, query.others, query.starting
        )
        if self.keys_of_groups[gi] == query.key:
            return EXACT_TITLE_SCORE  # the title itself, give or take filler words
        title_weights = self._title_weights[gi]
        title_covered = (
            sum(title_weights[p] for p in in_title if p in title_weights)
            / self._title_weight_totals[gi]
        )
        norm = self.groups[gi].norm
        similarity = 0.7 * fuzz.token_set_ratio(
            query.fixed, norm, processor=None
        ) + 0.3 * fuzz.ratio(query.fixed, norm, processor=None)
        total = query.total
        score = (
            SIMILARITY_SHARE * similarity
            + QUERY_COVER_SHARE * covered / total
            + TITLE_COVER_SHARE * title_covered
        )
        if covered / total < MIN_CONFIDENT_COVERAGE:
            # a telling word of the query is nowhere in this resolution: never confident
            score = min(score, AMBIGUOUS_SCORE - 0.1)
        return score

    def _groups_with_prefix(self, prefix: str) -> frozenset[int]:
        """The groups with a title word that starts with `prefix`."""
        found = self._prefix_groups.get(prefix)
        if found is None:
            start = bisect.bisect_left(self._sorted_tokens, prefix)
            end = bisect.bisect_left(self._sorted_tokens, prefix + "\uffff")
            found = frozenset(
                g for t in self._sorted_tokens[start:end] for g in self._groups_with_token[t]
            )
            if len(self._prefix_groups) < MAX_REMEMBERED_FIXES:
                self._prefix_groups[prefix] = found
        return found

    def _query_words(
        self, text: str
    ) -> tuple[list[str], list[str], list[float], list[frozenset[str]]]:
        """The content words of a query as titles say them and spelling-fixed, with their
        stem prefixes, weights and the prefixes that stand for them."""
        words = [w for w in self.say_as_titles(text).split() if w not in FILLER]
        words = [self.fix_word(w) for w in words]
        prefixes = [stem_prefix(w) for w in words]
        return (
            words,
            prefixes,
            [self._weight(w) for w in words],
            [self.alternates(w) for w in words],
        )

    def _covered(
        self,
        gi: int,
        prefixes: list[str],
        weights: list[float],
        others: list[frozenset[str]],
        starting: list[frozenset[int]] | None = None,
    ) -> tuple[float, set[str]]:
        """The weight of the query's words a group has, and the title prefixes they hit.

        `starting` holds, for each prefix, the groups with a title word starting with it.
        """
        if starting is None:
            starting = [self._groups_with_prefix(p) for p in prefixes]
        group = self.groups[gi]
        title_prefixes = self._title_prefixes[gi]
        covered = 0.0
        in_title: set[str] = set()
        for p, w, names, with_prefix in zip(prefixes, weights, others, starting, strict=True):
            if p in title_prefixes:
                covered += w
                in_title.add(p)
            elif names & title_prefixes:
                covered += w
                in_title.update(names & title_prefixes)
            elif gi in with_prefix:
                covered += w
            elif p in group.keywords:
                covered += KEYWORD_SHARE * w
        return covered, in_title

    def covers_most(self, gi: int, text: str, share: float) -> bool:
        """True when the group's title or headings have `share` of the query's word weight."""
        _, prefixes, weights, others = self._query_words(text)
        covered, _ = self._covered(gi, prefixes, weights, others)
        return covered >= share * (sum(weights) or 1.0)

    def alternates(self, word: str) -> frozenset[str]:
        """Stem prefixes that stand for a word: its [alike] group, its country's names."""
        return self._alternates.get(stem_prefix(word), frozenset()) | self._other_country_names(
            word
        )

    def canonical(self, word: str) -> str:
        """One stem prefix for a word and all the words of its [alike] group."""
        prefix = stem_prefix(word)
        return min(self._alternates.get(prefix, frozenset()) | {prefix})[:CANONICAL_CHARS]

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

    def _ids_within(self, when: DateSpan) -> frozenset[int]:
        """The resolutions voted on within the date range."""
        if when.month is not None:
            return frozenset(rid for d, rid in self._dated_ids if when.contains(d))
        # ISO dates sort in time order: those within are one run of the sorted dates.
        start = bisect.bisect_left(self._dated_ids, (when.first,))
        end = bisect.bisect_left(self._dated_ids, (when.last + "\uffff",))
        return frozenset(rid for _, rid in self._dated_ids[start:end])

    def _voted_within(self, gi: int, when: DateSpan) -> bool:
        """True when a resolution of the group was voted on within the date range."""
        dates = self._group_dates[gi]
        if when.month is not None:
            return any(when.contains(d) for d in dates)
        at = bisect.bisect_left(dates, when.first)
        return at < len(dates) and when.contains(dates[at])

    def _merge_series(self, scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """The best few readings, without those that repeat a better one's recurring item."""
        kept: list[tuple[float, int]] = []
        words = self._key_words
        for score, gi in scored:
            if any(same_series_words(words[gi], words[k]) for _, k in kept):
                continue
            kept.append((score, gi))
            if len(kept) >= KEEP_READINGS:
                break
        return kept

    def fts(self, expression: str, *, limit: int) -> list[tuple[int, float]]:
        if not expression.strip():
            return []
        try:
            return self._store.search_text(expression, limit=limit)
        except sqlite3.Error:
            return []

    def _ranked_hits(self, expression: str, limit: int) -> tuple[int, ...]:
        """The ids fts() finds, best first, remembered for the last few expressions: the
        rarest words of a query often stay the same as a command is split different ways."""
        key = (expression, limit)
        with self._hits_lock:
            hits = self._recent_hits.get(key)
        if hits is None:
            hits = tuple(rid for rid, _ in self.fts(expression, limit=limit))
            with self._hits_lock:
                if len(self._recent_hits) >= REMEMBERED_SEARCHES:
                    del self._recent_hits[next(iter(self._recent_hits))]
                self._recent_hits[key] = hits
        return hits

    def series_members(self, gi: int) -> list[int]:
        """Members of a group and of groups with nearly the same title, oldest first."""
        if gi not in self._series_cache:
            ids = self.series_of(self.groups[gi].members[-1])
            ids.sort(key=lambda rid: (self._by_id[rid].date, rid))
            self._series_cache[gi] = ids
        return self._series_cache[gi]

    def pick(self, gi: int, when: DateSpan | None) -> tuple[int, list[int]]:
        """The newest member of a group (within the date range): (id, the other members)."""
        members = self.series_members(gi)
        return self.pick_ids(members, when) or (members[-1], members[:-1])

    def pick_ids(self, ids: list[int], when: DateSpan | None) -> tuple[int, list[int]] | None:
        inside = [rid for rid in ids if when is None or when.contains(self._by_id[rid].date)]
        if not inside:
            return None
        return inside[-1], [rid for rid in ids if rid != inside[-1]]

    def elaborates(self, scored: list[tuple[float, int]], text: str) -> bool:
        """True when the runner-up's title is the best one's with words the query lacks.

        "Implementation of the Declaration on ..." or "Optional Protocol to the
        Convention against ..." are about the thing the best title names; a query that
        fits both, and uses none of the added words, means the shorter one.
        """
        best = set(self.keys_of_groups[scored[0][1]].split())
        runner_up = set(self.keys_of_groups[scored[1][1]].split())
        if not best < runner_up:
            return False
        added = {stem_prefix(w) for w in runner_up - best}
        words = [w for w in self.say_as_titles(text).split() if w not in FILLER]
        asked = {stem_prefix(self.fix_word(w)) for w in words}
        # one word is a keyword, which names a topic rather than one resolution
        return len(asked) > 1 and not added & asked

    def grown_item(self, scored: list[tuple[float, int]], text: str) -> int | None:
        """The newest of close readings that each have every word of the query and follow
        one another in time: one item whose title grew ("situation of human rights in the
        [temporarily occupied] Autonomous Republic of Crimea ...")."""
        if not scored or not AMBIGUOUS_SCORE <= scored[0][0] < EXACT_TITLE_SCORE:
            return None
        if sum(1 for w in text.split() if w not in FILLER) < 2:
            return None
        close = [g for s, g in scored if scored[0][0] - s < MATCH_MARGIN]
        if len(close) < 2 or not all(self.covers(g, text) for g in close):
            return None
        series = [self.series_members(g) for g in close]
        if any(len(members) < 2 for members in series):
            return None  # a one-off decision is not a stage of a recurring item
        spans = sorted((self._by_id[m[0]].year, self._by_id[m[-1]].year) for m in series)
        if any(a[1] >= b[0] for a, b in zip(spans, spans[1:], strict=False)):
            return None  # side by side, or taking turns: different items
        return max(close, key=lambda g: self._newest_date(g))

    def renamed_by_phrase(self, scored: list[tuple[float, int]], text: str) -> int | None:
        """The newest of the readings that say the query's phrase word for word.

        A phrase of three words or more said by the best title and by others not far
        behind, never voted on in the same year, is one item whose title grew: "towards
        a nuclear-weapon-free world: a new agenda", "...: accelerating the implementation
        of nuclear disarmament commitments".
        """
        if not scored or scored[0][0] >= EXACT_TITLE_SCORE:
            return None  # the query is a title itself
        wide = [g for s, g in scored if scored[0][0] - s < RENAMED_MARGIN and s >= AMBIGUOUS_SCORE]
        for phrase in self._phrases(text):
            saying = [g for g in wide if f" {phrase} " in f" {self.groups[g].norm} "]
            if (
                len(phrase.split()) >= 3
                and len(saying) >= 2
                and saying[0] == scored[0][1]
                and self._never_side_by_side(saying)
            ):
                return max(saying, key=lambda g: self._newest_date(g))
        return None

    def one_item_renamed(self, scored: list[tuple[float, int]], text: str) -> int | None:
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
        norms = [self.groups[g].norm for g in close]
        norm = self.groups[newest].norm
        for phrase in self._phrases(text):
            if (
                len(phrase.split()) >= 3
                and all(f" {phrase} " in f" {n} " for n in norms)
                and all(normalize(self.groups[g].title.split(":")[0]) != phrase for g in close)
                and all(fuzz.ratio(norm, n, processor=None) >= RENAMED_ALIKE for n in norms)
            ):
                return newest
        # Successive titles of one item: much alike, never side by side, and all but one
        # recurring (two one-off titles alike are two decisions, not one item).
        series = [self.series_members(g) for g in close]
        if (
            sum(len(members) == 1 for members in series) <= 1
            and all(
                fuzz.token_sort_ratio(norm, n, processor=None) >= SUCCESSIVE_ALIKE for n in norms
            )
            and self._never_side_by_side(close)
        ):
            return newest
        return None

    def _never_side_by_side(self, groups: list[int]) -> bool:
        """True when no two of the groups' items were voted on in the same year."""
        years = [{self._by_id[m].year for m in self.series_members(g)} for g in groups]
        return sum(len(y) for y in years) == len(set().union(*years))

    def _phrases(self, text: str) -> list[str]:
        """The words as typed and as spelling-fixed, each as one phrase."""
        typed = " ".join(text.split())
        fixed = " ".join(self.fix_word(w) for w in text.split())
        return [typed] if fixed == typed else [typed, fixed]

    def covers(self, gi: int, text: str) -> bool:
        """True when the group's title has every content word of the text (or its stem)."""
        words = [self.fix_word(w) for w in self.say_as_titles(text).split() if w not in FILLER]
        tokens = self.groups[gi].tokens
        prefixes = self._title_prefixes[gi]
        return bool(words) and all(
            stem_prefix(w) in prefixes or any(t.startswith(stem_prefix(w)) for t in tokens)
            for w in words
        )

    def _newest_date(self, gi: int) -> tuple[str, int]:
        newest = self.series_members(gi)[-1]
        return self._by_id[newest].date, newest

    def only_one_says(self, scored: list[tuple[float, int]], text: str) -> int | None:
        """The one close reading whose title says the query's words (as a phrase first).

        "israeli settlements in the occupied palestinian territory" starts one title and
        is only paraphrased or said later on by its close rivals.
        """
        words = [w for w in text.split() if w not in FILLER]
        if len(words) < 3:
            return None
        phrases = self._phrases(text)
        close = [g for s, g in scored if scored[0][0] - s < MATCH_MARGIN]
        norms = {g: f" {self.groups[g].norm} " for g in close}
        for says in (str.startswith, str.__contains__):  # a title that starts with it first
            saying = [g for g in close if any(says(norms[g], f" {p} ") for p in phrases)]
            if saying:
                return saying[0] if len(saying) == 1 else None
        # ... else the one close title that has every word, in any order
        covering = [g for g in close if self.covers(g, text)]
        return covering[0] if len(covering) == 1 else None
