"""How sure a country reading is: the evidence each lookup gives, and the thresholds that
turn it into match, best_guess, ambiguous or none.

A reading is a `match` only on strong evidence: a name, code, sports code or curated
alias exactly, or the same words respelt or reordered, or a name's distinctive words.
Everything else (a fragment of a name, a typing slip, a spelling by ear, a long form
with words no name has, an abbreviated name, scrambled letters) is at best a
`best_guess`: answered, saying so. Where such evidence fits several seats, the seats
are ranked by how likely each is to have been meant (`slip_cost`: letters left out
cost less than letters added or changed), and the first is a best guess only when it
is ahead by GUESS_MARGIN; otherwise the reading is `ambiguous`.

The thresholds are fitted on the development tables (tests/eval/countries.tsv and
countries_heldout.tsv), with two sets made in tests/country_data.py to see what the
tables barely reach: slips of every seat's name, and words of resolution titles that
name no country. `python bench/bench_match_country.py --db data/votes.db --sweep`
prints the sweep; the comments below say what it showed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

# Evidence strong enough for a match.
STRONG = frozenset({"exact", "sports", "respelt", "core"})

# Weighted edit costs of a slip (query -> name): a letter left out of the name, a
# letter added to it, a letter changed. Integers, as rapidfuzz takes them. Fitted:
# with a letter left out costing as much as one added, "Austrlia" ties Australia with
# Austria and is lost; below that, no setting changes an answer.
OMITTED_COST, ADDED_COST, CHANGED_COST = 2, 3, 3
# Among several seats that fit a guess, the first is a best guess when the next one's
# slip cost is at least this much higher; closer than that, the reading is ambiguous.
# Fitted: costs are whole numbers, so 0.5 reads as 1; from 2 up "Austrlia" turns
# ambiguous. No setting gave a wrong answer on the tables or on the slips.
GUESS_MARGIN = 1

# The last resort, a name with its letters scrambled: the letters of a name (English
# ones), at most SCRAMBLED_LETTERS more or fewer, at least SCRAMBLED_AT alike by
# rapidfuzz's ratio and beginning with the same letter. Fitted: at 75 and below the
# title word "isareli" is read as Israel; from 82 up "Vietnman" and "Eriteria" (80
# alike) come back none; 78 is inside the plateau, off both edges.
SCRAMBLED_AT = 78.0
SCRAMBLED_LETTERS = 1
SCRAMBLED_SLIPS = 2  # and at most this many slips away (optimal string alignment)
SCRAMBLED_MIN_CHARS = 5

# Scores given to the guesses that have no slips to count.
SCORE_SPELT = 90.0  # the same name as it sounds ("Morroco")
SCORE_LONG_FORM = 86.0  # a name inside a longer form ("Most Serene Republic of San Marino")
SCORE_ABBREVIATED = 90.0  # a name with its words cut short ("Bosnia & Herz.")
# Words a long form may add to a name, at most.
LONG_FORM_EXTRA_WORDS = 2
LONG_FORM_EXTRA_MIN_CHARS = 4
# A cut-short word keeps at least this many letters.
ABBREVIATED_MIN_CHARS = 3


@dataclass(frozen=True, slots=True)
class Found:
    """What a lookup found: seats (NO_SEAT for a place that holds none), how, how well."""

    codes: frozenset[str]
    score: float
    how: str  # exact, sports, respelt, core, fragment, typo, spelt, long form, ...
    hint: frozenset[str] = frozenset()  # the seats found before near spellings joined
    ranks: tuple[tuple[str, float], ...] = ()  # for guesses: each seat's slip cost
    note: str = ""  # for a place without a seat: what it is
    names: frozenset[str] = frozenset()  # the names a slip was made in, normalised

    @property
    def strong(self) -> bool:
        return self.how in STRONG


def slip_cost(query: str, name: str) -> float:
    """How unlikely `name` is to have been typed as `query` (weighted edit distance)."""
    return float(
        Levenshtein.distance(query, name, weights=(OMITTED_COST, ADDED_COST, CHANGED_COST))
    )


def leader(ranks: dict[str, float], allowed: list[str]) -> str | None:
    """The seat among `allowed` clearly likelier than the others (lowest cost, ahead by
    GUESS_MARGIN), or None when two are too close to tell."""
    if len(allowed) == 1:
        return allowed[0]
    if not all(code in ranks for code in allowed):
        return None  # found another way than by slips: nothing to rank them by
    costs = sorted((ranks[code], code) for code in allowed)
    return costs[0][1] if costs[1][0] - costs[0][0] >= GUESS_MARGIN else None
