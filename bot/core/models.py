"""Plain dataclasses shared by the store, the matchers and the answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Country:
    """A seat in the General Assembly, past or present, keyed on the file's ms_code."""

    code: str  # ISO 3166-1 alpha-3, or SUN, GER, DDR, CSK, YUG, SCG, YMD, ZZB
    name: str  # display name, e.g. "Russian Federation"
    first_date: str  # ISO date of its first recorded vote
    last_date: str  # ISO date of its last recorded vote
    former: bool = False  # True for states that no longer hold a seat (USSR, GDR...)
    recorded_names: tuple[str, ...] = ()  # every ms_name the file records for it


@dataclass(frozen=True, slots=True)
class Resolution:
    """One adopted resolution with a recorded vote."""

    id: int
    symbol: str  # e.g. "A/RES/ES-11/1"
    date: str  # ISO date
    session: str  # "77", "ES-11", "S-32" or ""
    title: str  # cleaned: without " : resolution / adopted by the General Assembly"
    yes: int
    no: int
    abstain: int
    non_voting: int
    total_members: int
    agenda: str = ""
    subjects: str = ""  # "|"-separated, as in the file
    draft: str = ""
    committee_report: str = ""
    meeting: str = ""
    vote_note: str = ""
    undl_id: str = ""
    link: str = ""  # the UN Digital Library record, when the data has it
    # Set on a record filed under a draft symbol whose roll call is the same vote as an
    # adopted resolution of that day: it is listed, but counted once in agreement figures.
    repeat_of: str = ""

    @property
    def year(self) -> int:
        return int(self.date[:4])


# match: strong evidence; best_guess: one reading clearly ahead but not certain (answered,
# saying so, with the runners-up offered); ambiguous: several close readings (asked);
# none: nothing fits (said why, with suggestions).
MatchStatus = Literal["match", "best_guess", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible reading of a name: a country code or a resolution symbol."""

    id: str  # country code or resolution symbol
    name: str  # country name or resolution title
    score: float  # 0-100
    note: str = ""  # e.g. "the seat was held by the USSR then"


@dataclass(frozen=True, slots=True)
class Match:
    """The result of resolving free text: a match, an ambiguity, or nothing."""

    query: str
    status: MatchStatus
    best: Candidate | None = None  # the reading answered; a default one for "ambiguous"
    candidates: tuple[Candidate, ...] = ()  # the choices, the runners-up, or suggestions
    note: str = ""  # said to the user beside the answer, e.g. time-aware remaps

    @property
    def ok(self) -> bool:
        """A reading to answer for: a match or a best guess."""
        return self.status in ("match", "best_guess") and self.best is not None

    @property
    def guessed(self) -> bool:
        return self.status == "best_guess" and self.best is not None


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the database holds, for `data info` and `/about`."""

    first_date: str
    last_date: str
    resolutions: int
    votes: int
    members: int
    source: str
    file_date: str
    imported_at: str
    extra: dict[str, str] = field(default_factory=dict)


# --- answers --------------------------------------------------------------------------
# Every answer the bot gives is one of these. `render` turns them into text, JSON and
# embed data; charts draw them. Countries in answers are codes; names come from
# `CountryRef` so renderers never look anything up.


@dataclass(frozen=True, slots=True)
class CountryRef:
    code: str
    name: str  # display name at the time it matters (e.g. "USSR" for 1980)
    former: bool = False


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name the bot could not pin down: it asks instead of guessing."""

    kind: Literal["country", "resolution", "question", "usage"]  # usage: malformed command
    match: Match | None  # the matcher's result ("ambiguous" or "none")
    message: str  # what to tell the user, including how to ask
    kind_name: str = "unresolved"
    # The message stops where the asking command's hint goes ("Ask like ..."): the
    # command table adds it (bot.core.ask.command.Command.finish).
    needs_hint: bool = False


MemberVote = Literal["yes", "no", "abstain", "non_voting", "not_member"]


@dataclass(frozen=True, slots=True)
class HowVotedAnswer:
    country: CountryRef
    resolution: Resolution
    vote: MemberVote
    sided_with: tuple[CountryRef, ...]  # voted the same way (excluding the country itself)
    opposed_by: tuple[CountryRef, ...]  # voted the opposite way (Yes vs No); empty if abstained
    notes: tuple[str, ...] = ()  # e.g. "Russia's seat was held by the USSR then"
    notable: tuple[str, ...] = ()  # codes worth naming: permanent members, regional peers
    kind_name: str = "howvoted"
    guess: Match | None = None  # the resolution reading, when it was a best guess
    asked: MemberVote | None = None  # a yes/no question's vote ("did X abstain on R")


@dataclass(frozen=True, slots=True)
class RecentVotesAnswer:
    """howvoted without a resolution: the latest votes and the recent lonely ones."""

    country: CountryRef
    recent: tuple[tuple[Resolution, MemberVote], ...]
    minority: tuple[tuple[Resolution, MemberVote, int], ...]  # (.., how many voted the same)
    kind_name: str = "recent"


@dataclass(frozen=True, slots=True)
class ResolutionAnswer:
    resolution: Resolution
    no_votes: tuple[CountryRef, ...]
    abstentions: tuple[CountryRef, ...]
    non_voting: tuple[CountryRef, ...]
    yes_votes: tuple[CountryRef, ...] = ()
    notes: tuple[str, ...] = ()  # data-quality notes (tally mismatch, missing list...)
    kind_name: str = "resolution"
    guess: Match | None = None  # the resolution reading, when it was a best guess


@dataclass(frozen=True, slots=True)
class Disagreement:
    resolution: Resolution
    vote_a: MemberVote
    vote_b: MemberVote


@dataclass(frozen=True, slots=True)
class YearAgreement:
    year: int
    agreement: float
    votes: int


@dataclass(frozen=True, slots=True)
class CompareAnswer:
    a: CountryRef
    b: CountryRef
    agreement: float  # identical votes / resolutions where both voted (Y, N or A)
    coincidence: float  # identical / both voted Y or N (State Department method)
    votes: int  # resolutions where both voted (Y, N or A)
    yes_no_votes: int  # resolutions where both voted Y or N
    latest_disagreements: tuple[Disagreement, ...]
    by_year: tuple[YearAgreement, ...] = ()
    since: str | None = None
    until: str | None = None
    topic: str | None = None
    notes: tuple[str, ...] = ()  # how the names were read, e.g. a best guess
    kind_name: str = "compare"


@dataclass(frozen=True, slots=True)
class AllyScore:
    country: CountryRef
    agreement: float
    votes: int


@dataclass(frozen=True, slots=True)
class AlliesAnswer:
    country: CountryRef
    most: tuple[AllyScore, ...]
    least: tuple[AllyScore, ...]
    since: str | None = None
    until: str | None = None
    topic: str | None = None
    min_votes: int = 0  # seats sharing fewer votes with the country are left out
    notes: tuple[str, ...] = ()  # how the names were read, e.g. a best guess
    kind_name: str = "allies"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    resolution: Resolution
    vote: MemberVote
    changed: bool  # differs from the previous entry


@dataclass(frozen=True, slots=True)
class HistoryAnswer:
    country: CountryRef
    topic: str
    entries: tuple[HistoryEntry, ...]
    notes: tuple[str, ...] = ()  # how the names were read, e.g. a best guess
    kind_name: str = "history"


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    topic: str
    results: tuple[Resolution, ...]  # this page, newest first
    page: int
    pages: int
    total: int
    kind_name: str = "search"


Answer = (
    HowVotedAnswer
    | RecentVotesAnswer
    | ResolutionAnswer
    | CompareAnswer
    | AlliesAnswer
    | HistoryAnswer
    | SearchAnswer
    | Unresolved
)
