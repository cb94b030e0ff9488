"""Plain questions ("how did eritrea vote on the crimea resolution?") to an answer.

A question is matched against a list of phrasings, each mapped onto one command; its
names, dates and topic are taken out and handed to the same facade calls the slash
commands make. `read_plain` says which command answered, so that an answer that could
not resolve a name ends with that command's hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from bot.core.dates import find_month_year, take_period_tail
from bot.core.models import Answer, HowVotedAnswer, Match, MemberVote, Resolution, Unresolved
from bot.core.text import quote_user_text

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

EXACT_SCORE = 95.0  # a whole name read this well as a country is taken as one


class Answered(NamedTuple):
    """An answer, and the command whose question it answers (for its hint)."""

    command: str
    answer: Answer


def _score(match: Match) -> float:
    return match.best.score if match.ok and match.best is not None else -1.0


_C = r"(?P<c>.+?)"
_OVER_TIME = r"(?:(?:over|through|across) (?:the|all the) years|over time)"
_R = r"(?P<r>.+)"
_QUESTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "history",
        re.compile(rf"^how (?:has|did) {_C} vote(?:d)? on (?:every|all|each)(?: the)? (?P<t>.+)$"),
    ),
    (
        "history",
        re.compile(rf"^(?:the )?(?:voting )?(?:history|record) of {_C} on (?P<t>.+)$"),
    ),
    (
        "history",
        re.compile(
            rf"^{_C}(?:'s|’s) (?:votes|voting|voting record|voting history|record|history) "
            rf"(?:on|about) (?P<t>.+?)(?: {_OVER_TIME})?$"
        ),
    ),
    (
        "history",
        re.compile(rf"^how (?:has|have|did|does|do) {_C} vote(?:d)? on (?P<t>.+?) {_OVER_TIME}$"),
    ),
    (
        "howvoted",
        re.compile(
            rf"^how (?:did|does|do|has|have|would) {_C} vote(?:d)?(?: (?:on|for|in) {_R})?$"
        ),
    ),
    *(
        ("howvoted", re.compile(rf"^{lead} (?:on|in|for|about) {_R}$"))
        for lead in (
            rf"what did {_C} do",
            rf"where (?:did|does|do) {_C} stand",
            rf"what (?:was|is) {_C}(?:'s|’s) (?:position|stance)",
        )
    ),
    (
        "howvoted",
        re.compile(
            rf"^(?:did|has|have|does) {_C} (?P<ever>ever )?"
            rf"(?P<v>vote (?:yes|no|for|against|in favou?r(?: of)?)|abstain(?:ed)?"
            rf"|(?:support|oppose|back|reject|approve)(?:d|ed|s)?)(?: (?:on|in|from|to))? {_R}$"
        ),
    ),
    (
        "howvoted",
        re.compile(rf"^what (?:was|is) {_C}(?:'s|’s) vote (?:on|for|in) {_R}$"),
    ),
    (
        # "who sided with russia on ES-11/1": the country's vote, and who voted alike
        "howvoted",
        re.compile(
            rf"^(?:who|which (?:countries|states|members|nations)) "
            rf"(?:sided|stood|voted|went|was|were) "
            rf"(?:with|alongside|like|the same (?:way )?as) {_C} (?:on|in|for|over) {_R}$"
        ),
    ),
    ("allies", re.compile(rf"^who (?:votes|sides|agrees) (?:most )?(?:with|like) {_C}$")),
    (
        "resolution",
        re.compile(
            rf"^(?:who|which (?:countries|states|members|nations)) "
            rf"(?:voted|vote|votes|abstained|abstain|opposed|supported|did not vote)"
            rf"(?: (?:against|no|yes|for|in favou?r of|on|to))*\s+{_R}$"
        ),
    ),
    (
        "allies",
        re.compile(
            rf"^(?:who|which (?:countries|states)) (?:does|do|did) {_C} "
            rf"(?:vote|side|agree|align)(?:s)? (?:with|most with|against|least with)"
            rf"(?: (?:the )?(?:most|least))?$"
        ),
    ),
    ("allies", re.compile(rf"^(?:who are |what are )?(?:the )?allies of {_C}$")),
    ("allies", re.compile(rf"^(?:who are |what are )?{_C}(?:'s|’s) (?:allies|friends)$")),
    (
        "compare",
        re.compile(
            r"^how (?:often|much|closely) do(?:es)? (?P<a>.+?) and (?P<b>.+?) "
            r"(?:agree|vote|vote together|vote alike|vote the same(?: way)?)$"
        ),
    ),
    (
        "compare",
        re.compile(
            r"^how (?:often|much|closely) does (?P<a>.+?) "
            r"(?:agree|vote|side) (?:with|like) (?P<b>.+?)$"
        ),
    ),
    ("compare", re.compile(r"^compare (?P<a>.+?) (?:and|with|to|vs\.?|versus) (?P<b>.+)$")),
    (
        "search",
        re.compile(
            r"^(?:find |search(?: for)? |show(?: me)? |list )?(?:the )?resolutions? "
            r"(?:about|on|regarding|concerning|mentioning) (?P<t>.+)$"
        ),
    ),
    (
        "about",
        re.compile(rf"^(?:what (?:is|was)|tell me about|show(?: me)?) (?:resolution )?{_R}$"),
    ),
]
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_EVERYONE = re.compile(
    r"^(?:everyone|everybody|world|all(?: the)? (?:countries|members|states)|countries"
    r"|each country|every country|members|member states|un|united nations|general assembly"
    r"|assembly)$",
    re.IGNORECASE,
)
_PAIR = re.compile(r"^(.+?)\s+(?:vs\.?|versus|v\.?|and|&)\s+(.+)$", re.IGNORECASE)
_LEADING_MENTION = re.compile(r"^(?:(?:@\S+|<@!?&?\d+>),?\s+)+")  # "@votebot how did ..."
_TRAILING_PREPOSITION = re.compile(r"\s+(?:on|for|in|about)$", re.IGNORECASE)
_TOPIC_TAIL = re.compile(
    r"\s+(?:on|about|regarding|concerning|when it comes to)\s+"
    r"(?P<t>(?:(?!\s(?:on|about)\s).)+)$",
    re.IGNORECASE,
)
_WITH_QUALIFIERS = ("compare", "allies")
# The vote a yes/no question's verb asks about, by the verb's first letters; the first
# that fits wins ("vote in favour" is yes, "vote against" no).
_ASKED_VOTES: tuple[tuple[str, MemberVote], ...] = (
    ("abstain", "abstain"),
    ("against", "no"),
    ("oppos", "no"),
    ("reject", "no"),
    ("no", "no"),
    ("yes", "yes"),
    ("for", "yes"),
    ("favo", "yes"),
    ("support", "yes"),
    ("back", "yes"),
    ("approv", "yes"),
)


@dataclass
class Qualifiers:
    since: str | None = None
    until: str | None = None
    topic: str | None = None


def take_qualifiers(question: str) -> tuple[str, Qualifiers]:
    """Take "since 2000", "before 1990", "between 1990 and 2010", "in the 1980s" and
    "on nuclear weapons" off the end of a question: (the rest, what they say)."""
    q = Qualifiers()
    while True:
        period = take_period_tail(question)
        if period is not None and q.since is None and q.until is None:
            question, q.since, q.until = period
            continue
        m = _TOPIC_TAIL.search(question)
        if m and q.topic is None:
            q.topic = _clean_reference(m.group("t")) or None
            question = question[: m.start()]
            continue
        return question, q


_FILLER_EDGES = re.compile(
    r"^(?:the|a|an|that|this)\s+|\s+(?:resolution|vote|votes|voting|resolutions)$"
)


def _clean_reference(text: str) -> str:
    """ "the ukraine vote" -> "ukraine"; keeps symbols as they are."""
    text = text.strip(" ?!.,")
    previous = None
    while previous != text:
        previous = text
        text = _FILLER_EDGES.sub("", text).strip()
    return text


OTHERS_NAMED = 3  # other resolutions of a dated question named beside the one answered


def _resolution_in_window(
    answers: Answers, reference: str, since: str | None, until: str | None
) -> tuple[Resolution | None, tuple[str, ...]]:
    """The resolution a dated reference means: the matcher's pick if it fits the dates,
    otherwise the earliest one on the topic in that window; with a note naming the
    others that fit too, so the pick is never silent."""
    if since is None or not reference:
        return None, ()
    # Those that name the topic in their title first ("ukraine" finds resolutions that
    # only mention Ukraine in their subjects too), then the earliest.
    words = reference.lower().split()
    hits = sorted(
        answers.resolutions.search(reference, since=since, until=until),
        key=lambda r: (not all(w in r.title.lower() for w in words), r.date, r.id),
    )
    found = hits[0] if hits else None
    match = answers.match_resolution(reference)
    if match.ok and match.best is not None:
        picked = answers.resolutions.get(match.best.id)
        if picked is not None and since <= picked.date[: len(since)] <= (until or "9999"):
            found = picked
    if found is None:
        return None, ()
    others = [r for r in hits if r.id != found.id]
    if not others:
        return found, ()
    named = ", ".join(f"{r.symbol} ({r.date})" for r in others[:OTHERS_NAMED])
    if len(others) > OTHERS_NAMED:
        named += f" and {len(others) - OTHERS_NAMED} more"
    when = since if since == until else f"{since} to {until}"
    note = (
        f"Also on “{quote_user_text(reference)}” in {when}: {named}. Ask about one by its symbol."
    )
    return found, (note,)


def _country_then_resolution(answers: Answers, text: str) -> Answer | None:
    """ "eritrea es-11/1": a country read exactly, then a resolution, as /howvoted."""
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        match = answers.countries.resolve(" ".join(words[:i]))
        if _score(match) >= EXACT_SCORE:
            found = answers.how_voted(" ".join(words[:i]), " ".join(words[i:]))
            return None if isinstance(found, Unresolved) else found
    return None


def _exact_country_votes(answers: Answers, text: str) -> Answer | None:
    match = answers.countries.resolve(text)
    if _score(match) >= EXACT_SCORE and match.best is not None:
        return answers.recent_votes(match.best.id)
    return None


def _two_countries(answers: Answers, text: str) -> Answer | None:
    """ "russia vs china", "cuba and india": two exact country names, as /compare."""
    m = _PAIR.match(text)
    if m is None:
        return None
    a, b = (_LEADING_THE.sub("", x) for x in m.groups())
    if min(_score(answers.countries.resolve(x)) for x in (a, b)) < EXACT_SCORE:
        return None
    return answers.compare(a, b)


def read_plain(answers: Answers, text: str) -> Answered:
    question = " ".join(text.strip().rstrip("?!. ").split())
    question = _LEADING_MENTION.sub("", _TRAILING_PREPOSITION.sub("", question))
    lowered = question.lower()
    bare, qualifiers = take_qualifiers(lowered)
    for kind, pattern in _QUESTIONS:
        m, said = None, Qualifiers()
        if kind in _WITH_QUALIFIERS and bare != lowered:
            m, said = pattern.match(bare), qualifiers
        if m is None:
            m, said = pattern.match(lowered), Qualifiers()
        if m is None:
            continue
        groups = {k: question[m.start(k) : m.end(k)] for k, v in m.groupdict().items() if v}
        for key in ("c", "a", "b"):  # "the US", "the Gambia": the matchers know the names
            if key in groups:
                groups[key] = _LEADING_THE.sub("", groups[key])
        if kind == "howvoted" and "r" in groups and _EVERYONE.match(groups["c"]):
            kind = "resolution"  # "how did everyone vote on ES-11/1"
        return _ANSWER[kind](answers, groups, said)
    return _bare_name(answers, question)


Groups = dict[str, str]


def asked_vote(verb: str) -> MemberVote | None:
    """The vote a yes/no question asks about: "vote against", "opposed" -> "no"."""
    words = verb.lower().split()
    for stem, vote in _ASKED_VOTES:
        if any(w.startswith(stem) for w in words):
            return vote
    return None


def _howvoted(answers: Answers, groups: Groups, _said: Qualifiers) -> Answered:
    reference = groups.get("r")
    if reference is None:
        return Answered("howvoted", answers.how_voted(groups["c"]))
    rest, since, until = find_month_year(reference)
    dated, notes = _resolution_in_window(answers, _clean_reference(rest), since, until)
    if dated is not None:
        answer: Answer = answers.how_voted_named(groups["c"], dated, notes=notes)
    else:
        answer = answers.how_voted(groups["c"], _clean_reference(reference))
    # "did india abstain on ES-11/1": answered Yes or No first. "did X ever vote no on
    # <topic>" asks about many votes and is not answered from one.
    asked = asked_vote(groups["v"]) if "v" in groups and "ever" not in groups else None
    if asked is not None and isinstance(answer, HowVotedAnswer):
        answer = replace(answer, asked=asked)
    return Answered("howvoted", answer)


def _about(answers: Answers, groups: Groups, said: Qualifiers) -> Answered:
    """ "tell me about cuba" is the country, "tell me about crimea" the resolution."""
    country = _exact_country_votes(answers, _clean_reference(groups["r"]))
    if country is not None:
        return Answered("howvoted", country)
    return _resolution(answers, groups, said)


def _resolution(answers: Answers, groups: Groups, _said: Qualifiers) -> Answered:
    rest, since, until = find_month_year(groups["r"])
    dated, notes = _resolution_in_window(answers, _clean_reference(rest), since, until)
    if dated is not None:
        return Answered("resolution", answers.resolution_summary(dated, notes=notes))
    return Answered("resolution", answers.resolution(_clean_reference(groups["r"])))


def _allies(answers: Answers, groups: Groups, said: Qualifiers) -> Answered:
    found = answers.allies(groups["c"], since=said.since, until=said.until, topic=said.topic)
    return Answered("allies", found)


def _compare(answers: Answers, groups: Groups, said: Qualifiers) -> Answered:
    found = answers.compare(
        groups["a"], groups["b"], since=said.since, until=said.until, topic=said.topic
    )
    return Answered("compare", found)


def _history(answers: Answers, groups: Groups, _said: Qualifiers) -> Answered:
    found = answers.history(groups.get("c", ""), _clean_reference(groups["t"]))
    return Answered("history", found)


def _search(answers: Answers, groups: Groups, _said: Qualifiers) -> Answered:
    return Answered("search", answers.search(_clean_reference(groups["t"])))


_ANSWER = {
    "howvoted": _howvoted,
    "about": _about,
    "resolution": _resolution,
    "allies": _allies,
    "compare": _compare,
    "history": _history,
    "search": _search,
}


def _bare_name(answers: Answers, question: str) -> Answered:
    """A bare name: a resolution ("ES-11/1", "crimea"), a country ("eritrea"), or both
    ("eritrea es-11/1"), or two countries ("russia vs china")."""
    reference = _clean_reference(question)
    pair = _country_then_resolution(answers, reference)
    if pair is not None:
        return Answered("howvoted", pair)
    compared = _two_countries(answers, reference)
    if compared is not None:
        return Answered("compare", compared)
    if reference:
        found = answers.resolution(reference)
        if not isinstance(found, Unresolved):
            return Answered("resolution", found)
        country = _exact_country_votes(answers, reference)
        if country is not None:
            return Answered("howvoted", country)
    return Answered(
        "ask", Unresolved("question", None, "I did not understand the question.", needs_hint=True)
    )
