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

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.data.store import Store
from bot.core.dates import DateSpan, find_date
from bot.core.models import Candidate, Match, Resolution
from bot.core.names.countries.index import ALIASES_FILE as COUNTRY_ALIASES_FILE
from bot.core.names.resolutions.symbols import (
    SymbolKey,
    display_key,
    looks_like_security_council,
    parse_drafts,
    parse_stored_symbol,
    parse_typed_symbol,
)
from bot.core.names.resolutions.text import (
    FILLER,
    clean_title,
    fts_phrase,
    normalize,
    same_series_keys,
)
from bot.core.names.resolutions.titles import (
    AMBIGUOUS_SCORE,
    EXACT_TITLE_SCORE,
    MATCH_MARGIN,
    MATCH_SCORE,
    MIN_WORD_CHARS,
    SUGGEST_SCORE,
    TitleIndex,
)

ALIASES_FILE = "resolutions.toml"

# Scores are 0-100. A title reading is accepted when it is the title itself, when it
# reaches MATCH_SCORE and leads the next different reading by MATCH_MARGIN (or by any
# margin if that reading only adds words to its title), or when it leads by WIDE_MARGIN
# from AMBIGUOUS_SCORE up. Readings from AMBIGUOUS_SCORE make an ambiguity; readings
# above SUGGEST_SCORE are offered as suggestions. The title scores themselves come
# from resolution_titles.py.
NICKNAME_SCORE = 98.0
NICKNAME_CUTOFF = 90.0  # rapidfuzz ratio for a nickname typed with a typo
NICKNAME_MIN_CHARS = 5  # shorter text is not compared with nicknames by similarity
NICKNAME_EXTRA_WORDS = 1  # words a query may add to a nickname found within it
WIDE_MARGIN = 15.0  # a reading this far ahead is accepted from AMBIGUOUS_SCORE up
DATED_SCORE = 50.0  # ... or from this score when a date leaves few readings to choose from
DATED_COVERAGE = 0.8  # ... if its title or headings have this share of the words' weight
SUGGEST_POOL = 150  # candidate titles ranked for an autocomplete fragment
MIN_FRAGMENT_CHARS = 2  # a shorter fragment gets the newest resolutions
MAX_QUERY_CHARS = 300
MAX_CANDIDATES = 3


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
        self._titles = TitleIndex(
            store, resolutions, countries_path=aliases_path.parent / COUNTRY_ALIASES_FILE
        )
        self.alias_problems: list[str] = []
        self._nicknames: dict[str, _Nickname] = {}
        synonyms: dict[str, str] = {}
        alike: list[list[str]] = []
        if aliases_path.is_file():
            synonyms, alike = self._load_nicknames(aliases_path)
        else:
            self.alias_problems.append(f"{aliases_path}: not found, so no nicknames")
        self._nickname_choices = {name: name for name in self._nicknames}
        self._titles.finish(synonyms, (w for name in self._nicknames for w in name.split()), alike)
        # Each nickname of two words or more as a set of word stems, so that it is found
        # in any order and with one more word ("the zionism resolution repeal").
        self._nickname_stems = [
            (stems, nick)
            for name, nick in self._nicknames.items()
            if len(stems := self._stems(name.split())) >= 2
        ]

    @classmethod
    def from_store(cls, store: Store, *, aliases_dir: Path) -> ResolutionMatcher:
        return cls(store, aliases_path=aliases_dir / ALIASES_FILE)

    # --- construction ------------------------------------------------------------

    def _load_nicknames(self, path: Path) -> tuple[dict[str, str], list[list[str]]]:
        """Read the nicknames; return the [words] table (what titles say for a word) and
        the [alike] groups (words that stand for one another)."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            self.alias_problems.append(f"{path}: {exc}")
            return {}, []
        alike = [
            [normalize(w) for w in group if normalize(w)]
            for group in data.get("alike", {}).get("groups", [])
            if isinstance(group, list)
        ]
        entries = data.get("nickname", [])
        synonyms = {
            normalize(word): normalize(meaning) for word, meaning in data.get("words", {}).items()
        }
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
                    ids.extend(self._titles.series_of(found[0]))
            if not ids or not names:
                continue
            ids = sorted(set(ids), key=lambda rid: (self._by_id[rid].date, rid))
            for name in names:
                self._nicknames[name] = _Nickname(names, tuple(ids))
        return synonyms, alike

    def _ids_for_symbol(self, symbol: str) -> list[int]:
        resolution = self._store.resolution(symbol)
        if resolution is not None:
            return [resolution.id]
        key = parse_typed_symbol(symbol)
        return self._lookup_key(key) if key else []

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
            groups = dict.fromkeys(self._titles.groups_by_initials.get(last, [])[:SUGGEST_POOL])
        else:
            terms = [fts_phrase(self._titles.fix_word(w)) + "*" for w in complete]
            terms.append(fts_phrase(last) + "*")
            hits = self._titles.fts("{title} : (" + " AND ".join(terms) + ")", limit=SUGGEST_POOL)
            groups = dict.fromkeys(
                self._titles.group_of[r] for r, _ in hits if r in self._titles.group_of
            )
        if not groups:
            found = process.extract(
                norm,
                self._titles.group_titles,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=SUGGEST_SCORE,
                limit=limit,
            )
            groups = dict.fromkeys(gi for _, _, gi in found)
        ranked = sorted(
            groups,
            key=lambda gi: (
                -fuzz.partial_ratio(norm, self._titles.groups[gi].norm, processor=None),
                -self._titles.groups[gi].members[-1],
            ),
        )
        offered: list[str] = []
        keys = self._titles.keys_of_groups
        for gi in ranked:
            if any(same_series_keys(keys[gi], key) for key in offered):
                continue  # the same recurring item under a variant title
            offered.append(keys[gi])
            rid = self._titles.groups[gi].members[-1]
            if rid not in out:
                score = fuzz.partial_ratio(norm, self._titles.groups[gi].norm, processor=None)
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
        words = [w for w in self._titles.say_as_titles(norm).split() if w not in FILLER]
        if not any(len(w) >= MIN_WORD_CHARS for w in words):
            return []
        ids: set[int] = set()
        if norm in self._nicknames:
            ids.update(self._nicknames[norm].ids)
        terms = []
        for word in (self._titles.fix_word(w) for w in words):
            # the word, or a word of its [alike] group ("blockade" finds "embargo")
            spellings = [word, *sorted(self._titles.alternates(word))]
            terms.append("(" + " OR ".join(fts_phrase(w) + "*" for w in spellings) + ")")
        expression = "{title subjects} : (" + " AND ".join(terms) + ")"
        ids.update(rid for rid, _ in self._titles.fts(expression, limit=len(self._by_id) or 1))
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
                scored = self._titles.score_text(" ".join(words), None)
                candidates = tuple(
                    self._candidate(self._titles.pick(g, None)[0], s)
                    for s, g in scored[:MAX_CANDIDATES]
                    if s >= SUGGEST_SCORE
                )
        return Match(query=query, status="none", candidates=candidates, note=note)

    # --- text --------------------------------------------------------------------

    def _resolve_text(self, query: str) -> Match:
        norm = normalize(query)
        when, rest = find_date(norm)
        words = [w for w in rest.split() if w not in FILLER]
        if not any(len(w) >= MIN_WORD_CHARS and not w.isdigit() for w in words):
            note = (
                "Name the resolution, not only a date."
                if when is not None
                else "Type a resolution symbol (like ES-11/1) or words of its title."
            )
            return Match(query=query, status="none", note=note)
        content = " ".join(words)
        fixed = " ".join(self._titles.fix_word(w) for w in words)
        nickname = self._match_nickname((norm, " ".join(rest.split()), content, fixed))
        if nickname is not None:
            picked = self._titles.pick_ids(list(nickname.ids), when)
            if picked:
                rid, others = picked
                note = self._series_note(rid, others, when)
                return Match(
                    query=query,
                    status="match",
                    best=self._candidate(rid, NICKNAME_SCORE),
                    note=note,
                )
        scored = self._titles.score_text(rest, when)
        if when is not None:
            # A year may belong to the title itself ("Programme budget for 1986-1987").
            # If that title was voted on within the date too, the date still picks one.
            date_words = set(norm.split()) - set(rest.split())
            literal = self._literal_reading(norm, date_words, scored)
            if (
                literal
                and date_words & self._titles.groups[literal[0][1]].tokens
                and (not scored or literal[0][0] > scored[0][0])
            ):
                within = self._titles.pick_ids(self._titles.series_members(literal[0][1]), when)
                scored, when = literal, (when if within else None)
        if not scored or scored[0][0] < SUGGEST_SCORE:
            if when is not None:
                undated = self._titles.score_text(rest, None)
                if undated and undated[0][0] >= MATCH_SCORE:
                    rid = self._titles.pick(undated[0][1], None)[0]
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
                    self._candidate(self._titles.pick(g, when)[0], s)
                    for s, g in scored[:MAX_CANDIDATES]
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
            or (best_score >= MATCH_SCORE and margin > 0 and self._titles.elaborates(scored, rest))
            or (best_score >= AMBIGUOUS_SCORE and margin >= WIDE_MARGIN)
            or (
                when is not None
                and best_score >= DATED_SCORE
                and margin >= WIDE_MARGIN
                and self._titles.covers_most(best_group, rest, DATED_COVERAGE)
            )
            or (
                best_score >= AMBIGUOUS_SCORE
                and margin >= MATCH_MARGIN
                and len(words) >= 2
                and self._titles.covers(best_group, rest)
            )
        )
        renamed = self._titles.renamed_by_phrase(scored, rest) or self._titles.grown_item(
            scored, rest
        )
        if renamed is None and not accepted:
            renamed = self._titles.one_item_renamed(scored, rest)
        if renamed is None and not accepted and best_score >= MATCH_SCORE:
            renamed = self._titles.only_one_says(scored, rest)
        if renamed is not None:
            best_group, accepted = renamed, True
        rid, others = self._titles.pick(best_group, when)
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
            self._candidate(self._titles.pick(g, when)[0], s)
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

    def _literal_reading(
        self, norm: str, date_words: set[str], scored: list[tuple[float, int]]
    ) -> list[tuple[float, int]]:
        """The text scored with its date as words, when that reading could win: its best
        title must say a date word and beat `scored`; [] when no such title can."""
        if scored:
            bound = self._titles.best_score_with_token(norm, date_words)
            if bound is None or bound <= scored[0][0]:
                return []
        return self._titles.score_text(norm, None)

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
        return self._nicknames[hit[2]] if hit else self._nickname_within(content.split())

    def _stems(self, words: Iterable[str]) -> frozenset[str]:
        """Word stems of a name or query, without filler and the verbs the [words] table
        drops ("condemning"), as one stem for all the words of an [alike] group."""
        return frozenset(
            self._titles.canonical(self._titles.fix_word(w))
            for w in words
            if w not in FILLER and self._titles.synonyms.get(w) != ""
        )

    def _nickname_within(self, words: list[str]) -> _Nickname | None:
        """The longest nickname whose words are all in the query, in any order and
        spelling of an [alike] group, with at most one word more; None on a tie."""
        asked = self._stems(words)
        found: dict[_Nickname, int] = {}
        for stems, nick in self._nickname_stems:
            if stems <= asked and len(asked - stems) <= NICKNAME_EXTRA_WORDS:
                found[nick] = max(found.get(nick, 0), len(stems))
        if not found:
            return None
        size = max(found.values())
        best = [nick for nick, n in found.items() if n == size]
        return best[0] if len(best) == 1 else None

    # --- choosing within a recurring item ------------------------------------------

    def _same_day_parts(self, rid: int, others: list[int]) -> list[int]:
        """`rid` and the resolutions of its item voted the same day (parts A, B...), if any."""
        date = self._by_id[rid].date
        parts = [o for o in others if self._by_id[o].date == date]
        if not parts:
            return []
        return sorted([rid, *parts], key=lambda r: self._by_id[r].symbol)

    def _series_note(self, rid: int, others: list[int], when: DateSpan | None) -> str:
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
