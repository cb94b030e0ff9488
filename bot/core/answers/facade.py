"""The answers facade: every question the bot answers, over the store and the matchers.

The CLI and every Discord cog call `Answers`; nothing here formats text for people
beyond the short notes and "how to ask" messages that travel inside the answers.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bot.core.answers.matrix import VoteMatrix
from bot.core.answers.notable import Notables
from bot.core.answers.notes import not_found, reading_notes
from bot.core.answers.resolvers import CountryResolver, ResolutionResolver
from bot.core.data.store import Store
from bot.core.memory import building
from bot.core.models import (
    AlliesAnswer,
    AllyScore,
    Candidate,
    CompareAnswer,
    Country,
    CountryRef,
    Coverage,
    Disagreement,
    HistoryAnswer,
    HistoryEntry,
    HowVotedAnswer,
    Match,
    MemberVote,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
    YearAgreement,
)
from bot.core.text import quote_user_text

RECENT_VOTES = 5
MINORITY_AT_MOST = 10  # "stood in a small minority": at most this many voted the same way
MINORITY_SHOWN = 5
MINORITY_YEARS = 10  # "recent" lonely votes: within the last ten years of the data
LATEST_DISAGREEMENTS = 5
ALLIES_SHOWN = 10
SEARCH_PAGE_SIZE = 10
_SESSION = re.compile(
    r"^(?:the\s+)?(?:session\s+)?((?:ES|S)-\d{1,2}|\d{1,2})(?:\s+(?:series|session))?$", re.I
)


class Answers:
    """Answers to every question, from free-text names."""

    def __init__(
        self,
        store: Store,
        countries: CountryResolver,
        resolutions: ResolutionResolver,
        *,
        notables: Notables,
    ) -> None:
        self.store = store
        self.countries = countries
        self.resolutions = resolutions
        self.notables = notables
        seats = store.countries()
        self._seats: dict[str, Country] = {c.code: c for c in seats}
        self.matrix = VoteMatrix(store.resolutions(), [c.code for c in seats], store.iter_votes())
        self._refs = {
            c.code: CountryRef(c.code, countries.display_name(c.code), c.former) for c in seats
        }
        self._memo = threading.local()
        self._issues: dict[str, list[tuple[str, str, str]]] = {}
        for kind, symbol, code, detail in store.data_issues():
            self._issues.setdefault(symbol, []).append((kind, code, detail))

    @classmethod
    def open(cls, db_path: Path, *, aliases_dir: Path) -> Answers:
        from bot.core.names.countries.matcher import CountryMatcher
        from bot.core.names.resolutions.matcher import ResolutionMatcher

        store = Store(db_path)
        try:
            with building():
                countries = CountryMatcher.from_store(store, aliases_dir=aliases_dir)
                return cls(
                    store,
                    countries,
                    ResolutionMatcher.from_store(
                        store, aliases_dir=aliases_dir, country_names=countries.phrase_names
                    ),
                    notables=Notables.load(aliases_dir / "regions.toml"),
                )
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()

    # --- lookups shared by the answers -------------------------------------------------

    def ref(self, code: str) -> CountryRef:
        return self._refs.get(code) or CountryRef(code, code)

    def _country(self, text: str, *, on_date: str | None = None) -> Match:
        return self.countries.resolve(text, on_date=on_date)

    def _unresolved_country(self, match: Match) -> Unresolved:
        return Unresolved("country", match, not_found("a country", match), needs_hint=True)

    def _unresolved_resolution(self, match: Match) -> Unresolved:
        return Unresolved("resolution", match, not_found("a resolution", match), needs_hint=True)

    @contextmanager
    def remembering_matches(self) -> Iterator[None]:
        """Within one question, resolve each resolution text once (splitting an
        unquoted command tries several readings). Per thread, so safe under to_thread."""
        self._memo.resolutions = {}
        try:
            yield
        finally:
            self._memo.resolutions = None

    def match_resolution(self, text: str) -> Match:
        memo: dict[str, Match] | None = getattr(self._memo, "resolutions", None)
        if memo is None:
            return self.resolutions.resolve(text)
        if text not in memo:
            memo[text] = self.resolutions.resolve(text)
        return memo[text]

    def _resolution(self, text: str) -> tuple[Resolution | None, Match]:
        # A stored symbol as it is (what autocomplete sends) needs no matching.
        exact = self.resolutions.get(text.strip()) or self.resolutions.get(text.strip().upper())
        if exact is not None:
            return exact, Match(text, "match", Candidate(exact.symbol, exact.title, 100.0))
        match = self.match_resolution(text)
        if not match.ok or match.best is None:
            return None, match
        resolution = self.resolutions.get(match.best.id) or self.store.resolution(match.best.id)
        return resolution, match

    def topic_resolutions(
        self, topic: str, *, since: str | None = None, until: str | None = None
    ) -> list[Resolution]:
        """Resolutions about a topic, newest first. A session ("ES-11", "session 68",
        "the ES-11 series") means every resolution of that session."""
        m = _SESSION.match(topic.strip())
        if m:
            session = m.group(1).upper()
            rows = self.matrix.rows(since=since, until=until)
            found = [self.matrix.resolutions[i] for i in rows[::-1]]
            return [r for r in found if r.session == session]
        return self.resolutions.search(topic, since=since, until=until)

    def _topic_ids(
        self, topic: str | None, since: str | None, until: str | None
    ) -> list[int] | None:
        if not topic:
            return None
        return [r.id for r in self.topic_resolutions(topic, since=since, until=until)]

    # --- howvoted ----------------------------------------------------------------------

    def how_voted(
        self, country: str, resolution: str | None = None
    ) -> HowVotedAnswer | RecentVotesAnswer | Unresolved:
        if not resolution:
            match = self._country(country)
            if not match.ok or match.best is None:
                return self._unresolved_country(match)
            return self.recent_votes(match.best.id)
        found, rmatch = self._resolution(resolution)
        if found is None:
            return self._unresolved_resolution(rmatch)
        return self.how_voted_named(country, found, notes=reading_notes(rmatch), guess=rmatch)

    def how_voted_named(
        self,
        country: str,
        resolution: Resolution,
        *,
        notes: tuple[str, ...] = (),
        guess: Match | None = None,
    ) -> HowVotedAnswer | Unresolved:
        """How a country named in free text voted on a resolution already found; the
        name is read as the seat it meant on that date, and the answer says so."""
        match = self._country(country, on_date=resolution.date)
        if not match.ok or match.best is None:
            return self._unresolved_country(match)
        code = match.best.id
        # A seat that did not exist then gets the answer's own membership note, which
        # says the same as the matcher's and more.
        seated = self.matrix.vote(resolution.id, code) != "not_member"
        if seated and match.note:
            notes = (match.note, *notes)
        return self.how_voted_on(code, resolution, notes=notes, guess=guess)

    def how_voted_on(
        self,
        code: str,
        resolution: Resolution,
        *,
        notes: tuple[str, ...] = (),
        guess: Match | None = None,
    ) -> HowVotedAnswer:
        """How a seat voted on a resolution it is already resolved to."""
        vote = self.matrix.vote(resolution.id, code)
        country = self.ref(code)
        sided: list[str] = []
        opposed: list[str] = []
        if vote in ("yes", "no", "abstain"):
            sided = [c for c in self.matrix.voters(resolution.id, vote) if c != code]
        if vote in ("yes", "no"):
            opposed = self.matrix.voters(resolution.id, "no" if vote == "yes" else "yes")
        if vote == "not_member":
            notes = (*notes, self._membership_note(code, resolution))
        notes = notes + self._issue_notes(resolution)
        return HowVotedAnswer(
            country=country,
            resolution=resolution,
            vote=vote,
            sided_with=tuple(self._sorted_refs(sided)),
            opposed_by=tuple(self._sorted_refs(opposed)),
            notes=notes,
            notable=tuple(sorted(self.notables.notable_for(code))),
            guess=guess if guess is not None and guess.guessed else None,
        )

    def _membership_note(self, code: str, resolution: Resolution) -> str:
        seat = self._seats.get(code)
        name = self.ref(code).name
        if seat is None:
            return f"{name} has no recorded votes."
        if seat.former and resolution.date > seat.last_date:
            return (
                f"{name} is a former member state: its last recorded vote was on "
                f"{seat.last_date}, before this resolution ({resolution.date})."
            )
        if resolution.date < seat.first_date:
            return (
                f"{name}'s first recorded vote was on {seat.first_date}, after this "
                f"resolution ({resolution.date})."
            )
        return f"{name} has no vote recorded on {resolution.symbol} (not seated then)."

    def _issue_notes(self, resolution: Resolution) -> tuple[str, ...]:
        issues = self._issues.get(resolution.symbol, ())
        return tuple(
            f"Data note ({kind.replace('_', ' ')}): {detail}" for kind, _code, detail in issues
        )

    def _sorted_refs(self, codes: Sequence[str]) -> list[CountryRef]:
        refs = [self.ref(c) for c in codes]
        refs.sort(key=lambda r: (self.notables.rank(r.code), r.name))
        return refs

    def recent_votes(self, code: str) -> RecentVotesAnswer:
        m = self.matrix
        recent = tuple(
            (m.resolutions[row], m.vote(m.resolutions[row].id, code))
            for row in m.recent(code, limit=RECENT_VOTES)
        )
        since = None
        if m.resolutions:
            since = str(m.resolutions[-1].year - MINORITY_YEARS + 1)
        lonely = m.minority(code, at_most=MINORITY_AT_MOST, limit=MINORITY_SHOWN, since=since)
        minority = tuple(
            (m.resolutions[row], m.vote(m.resolutions[row].id, code), size) for row, size in lonely
        )
        return RecentVotesAnswer(country=self.ref(code), recent=recent, minority=minority)

    # --- resolution --------------------------------------------------------------------

    def resolution(self, query: str) -> ResolutionAnswer | Unresolved:
        found, match = self._resolution(query)
        if found is None:
            return self._unresolved_resolution(match)
        return self.resolution_summary(found, notes=reading_notes(match), guess=match)

    def resolution_summary(
        self,
        resolution: Resolution,
        *,
        notes: tuple[str, ...] = (),
        guess: Match | None = None,
    ) -> ResolutionAnswer:
        def refs(vote: MemberVote) -> tuple[CountryRef, ...]:
            return tuple(self._sorted_refs(self.matrix.voters(resolution.id, vote)))

        return ResolutionAnswer(
            resolution=resolution,
            no_votes=refs("no"),
            abstentions=refs("abstain"),
            non_voting=refs("non_voting"),
            yes_votes=refs("yes"),
            notes=notes + self._issue_notes(resolution),
            guess=guess if guess is not None and guess.guessed else None,
        )

    # --- compare and allies ------------------------------------------------------------

    def compare(
        self,
        a: str,
        b: str,
        *,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
    ) -> CompareAnswer | Unresolved:
        # A period that ends before a state existed names the seat's holder then
        # ("Germany until 1985" is West or East Germany, so it asks).
        on_date = until
        matches = [self._country(a, on_date=on_date), self._country(b, on_date=on_date)]
        for match in matches:
            if not match.ok or match.best is None:
                return self._unresolved_country(match)
        code_a, code_b = (m.best.id for m in matches if m.best is not None)
        if code_a == code_b:
            name = self.ref(code_a).name
            return Unresolved(
                "usage",
                None,
                f"“{quote_user_text(a)}” and “{quote_user_text(b)}” are both "
                f"{name}: name two different countries.",
                needs_hint=True,
            )
        notes = tuple(m.note for m in matches if m.note)
        return self.compare_codes(
            code_a, code_b, since=since, until=until, topic=topic, notes=notes
        )

    def compare_codes(
        self,
        code_a: str,
        code_b: str,
        *,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> CompareAnswer:
        m = self.matrix
        rows = m.rows(since=since, until=until, resolution_ids=self._topic_ids(topic, since, until))
        stats = m.pair(code_a, code_b, rows, disagreements=LATEST_DISAGREEMENTS)
        disagreements = tuple(
            Disagreement(
                m.resolutions[row],
                m.vote(m.resolutions[row].id, code_a),
                m.vote(m.resolutions[row].id, code_b),
            )
            for row in stats.disagreements
        )
        return CompareAnswer(
            a=self.ref(code_a),
            b=self.ref(code_b),
            agreement=stats.agreement,
            coincidence=stats.coincidence,
            votes=stats.votes,
            yes_no_votes=stats.yes_no_votes,
            latest_disagreements=disagreements,
            by_year=tuple(YearAgreement(y, agr, n) for y, agr, n in stats.by_year),
            since=since,
            until=until,
            topic=topic,
            notes=notes,
        )

    def allies(
        self,
        country: str,
        *,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
    ) -> AlliesAnswer | Unresolved:
        match = self._country(country, on_date=until)
        if not match.ok or match.best is None:
            return self._unresolved_country(match)
        notes = (match.note,) if match.note else ()
        return self.allies_of(match.best.id, since=since, until=until, topic=topic, notes=notes)

    def allies_of(
        self,
        code: str,
        *,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> AlliesAnswer:
        m = self.matrix
        rows = m.rows(since=since, until=until, resolution_ids=self._topic_ids(topic, since, until))
        scores, minimum = m.allies(code, rows)

        def ally(i: int) -> AllyScore:
            s = scores[i]
            return AllyScore(self.ref(s.code), s.agreement, s.votes)

        shown = min(ALLIES_SHOWN, len(scores) // 2 + len(scores) % 2)
        most = tuple(ally(i) for i in range(shown))
        least = tuple(ally(i) for i in range(len(scores) - 1, len(scores) - 1 - shown, -1))
        least = tuple(s for s in least if s not in most)
        return AlliesAnswer(
            country=self.ref(code),
            most=most,
            least=least,
            since=since,
            until=until,
            topic=topic,
            min_votes=minimum,
            notes=notes,
        )

    # --- history and search ------------------------------------------------------------

    def history(self, country: str, topic: str) -> HistoryAnswer | Unresolved:
        match = self._country(country)
        if not match.ok or match.best is None:
            return self._unresolved_country(match)
        notes = (match.note,) if match.note else ()
        return self.history_of(match.best.id, topic, notes=notes)

    def history_of(self, code: str, topic: str, *, notes: tuple[str, ...] = ()) -> HistoryAnswer:
        found = sorted(self.topic_resolutions(topic), key=lambda r: (r.date, r.id))
        entries: list[HistoryEntry] = []
        previous: MemberVote | None = None
        for resolution in found:
            vote = self.matrix.vote(resolution.id, code)
            entries.append(
                HistoryEntry(resolution, vote, previous is not None and vote != previous)
            )
            previous = vote
        return HistoryAnswer(
            country=self.ref(code), topic=topic, entries=tuple(entries), notes=notes
        )

    def search(self, topic: str, *, page: int = 1) -> SearchAnswer | Unresolved:
        if not topic.strip():
            return Unresolved("question", None, "Say what to search for: `/search gaza ceasefire`.")
        found = self.resolutions.search(topic)
        pages = max(1, math.ceil(len(found) / SEARCH_PAGE_SIZE))
        page = min(max(1, page), pages)
        start = (page - 1) * SEARCH_PAGE_SIZE
        return SearchAnswer(
            topic=topic,
            results=tuple(found[start : start + SEARCH_PAGE_SIZE]),
            page=page,
            pages=pages,
            total=len(found),
        )

    # --- questions, autocomplete, coverage ---------------------------------------------

    def suggest_countries(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        return self.countries.suggest(fragment, limit=limit)

    def suggest_resolutions(self, fragment: str, *, limit: int = 25) -> list[Candidate]:
        return self.resolutions.suggest(fragment, limit=limit)

    def coverage(self) -> Coverage:
        return self.store.coverage()
