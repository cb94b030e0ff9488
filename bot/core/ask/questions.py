"""Text as typed in Discord, a slash command or a plain question, to an answer.

Slash commands take their options in order or as `name:value`; names may be quoted or
not, and an unquoted multi-word pair (`/howvoted north korea crimea`) is split by
asking the matchers which split reads best. Plain questions are matched against a
few phrasings and mapped onto the same commands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.core.answers.facade import quote_user_text
from bot.core.models import Answer, Match, Resolution, Unresolved

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

EXACT_SCORE = 95.0  # a whole-text country match this good is not split further
MAX_SCORE = 100.0  # the matchers' best score
SPLITS_TRIED = 2  # the best country readings whose remainder is tried as the other name
MAX_TEXT = 500  # longer input is refused: no command or question needs more


@dataclass(frozen=True, slots=True)
class CommandSpec:
    positional: tuple[str, ...]  # slots filled in order
    required: int  # how many of them must be given
    options: tuple[str, ...] = ()  # name:value only
    usage: str = ""


COMMANDS: dict[str, CommandSpec] = {
    "howvoted": CommandSpec(("country", "resolution"), 1, usage="/howvoted country [resolution]"),
    "resolution": CommandSpec(("query",), 1, usage="/resolution query"),
    "compare": CommandSpec(
        ("a", "b"),
        2,
        ("since", "until", "topic"),
        "/compare country country [since:YYYY] [until:YYYY] [topic:words]",
    ),
    "allies": CommandSpec(
        ("country",),
        1,
        ("since", "until", "topic"),
        "/allies country [since:YYYY] [until:YYYY] [topic:words]",
    ),
    "history": CommandSpec(("country", "topic"), 2, usage="/history country topic"),
    "search": CommandSpec(("topic",), 1, ("page",), "/search words [page:N]"),
}

HOW_TO_ASK = (
    "Try a command such as `/howvoted Eritrea ES-11/1`, `/resolution crimea`, "
    "`/compare Russia China since:2010`, `/allies Cuba`, `/history Eritrea ukraine` or "
    "`/search gaza ceasefire`, or a question like “how did eritrea vote on the crimea "
    "resolution?”"
)

_TOKEN = re.compile(r'(\w+):["“”]([^"“”]*)["“”]|["“”]([^"“”]*)["“”]|(\S+)')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}


class UsageError(ValueError):
    """A malformed command: the message says what is wrong and how to write it."""


@dataclass
class Parsed:
    command: str
    args: dict[str, str] = field(default_factory=dict)
    words: list[tuple[str, bool]] = field(default_factory=list)  # (text, quoted)


# --- slash commands ----------------------------------------------------------------------


def tokenize(text: str) -> list[tuple[str, str | None, bool]]:
    """(text, option name or None, quoted) for every token."""
    if text.count('"') % 2:
        raise UsageError("a quotation mark is not closed")
    tokens: list[tuple[str, str | None, bool]] = []
    for m in _TOKEN.finditer(text):
        opt_name, opt_quoted, quoted, bare = m.groups()
        if opt_name is not None:
            tokens.append((opt_quoted, opt_name.lower(), True))
        elif quoted is not None:
            tokens.append((quoted, None, True))
        else:
            name, sep, value = bare.partition(":")
            if sep and value and name.isalpha():
                tokens.append((value, name.lower(), False))
            else:
                tokens.append((bare, None, False))
    return tokens


def parse_command(text: str) -> Parsed:
    """Split a slash command into its name, named options and positional words."""
    head, _, rest = text.strip().lstrip("/").partition(" ")
    command = head.lower()
    spec = COMMANDS.get(command)
    if spec is None:
        known = ", ".join("/" + c for c in COMMANDS)
        raise UsageError(f"there is no command /{head}; the commands are {known}")
    parsed = Parsed(command)
    tokens = tokenize(rest)
    named = {
        n for _, n, _ in tokens if n is not None and (n in spec.options or n in spec.positional)
    }
    # Where no positional slot is left (or after topic:, always free text), the words
    # after an unquoted `name:value` carry on its value: `/compare a:United States b:China`.
    slots_left = any(s not in named for s in spec.positional)
    running: str | None = None
    for value, name, quoted in tokens:
        if name is None and not quoted and running is not None:
            parsed.args[running] += " " + value
            continue
        running = None
        if name is not None and (name in spec.options or name in spec.positional):
            if name in parsed.args:
                raise UsageError(f"option {name} is given twice. Usage: {spec.usage}")
            parsed.args[name] = value.strip()
            if not quoted and (name == "topic" or not slots_left):
                running = name
        else:
            # `name:value` with a name this command does not know: an unknown option
            # when it looks like one, else part of a name ("Ukraine:").
            if name is not None and name in _ALL_OPTIONS:
                raise UsageError(f"/{command} has no option {name}. Usage: {spec.usage}")
            parsed.words.append((value if name is None else f"{name}:{value}", quoted))
    for opt in ("since", "until"):
        if opt in parsed.args and not _is_date(parsed.args[opt]):
            raise UsageError(f"{opt} must be a year or a date like 2010 or 2010-03-01")
    if "page" in parsed.args and not (parsed.args["page"].isdigit() and int(parsed.args["page"])):
        raise UsageError("page must be a whole number from 1")
    return parsed


_ALL_OPTIONS = {n for s in COMMANDS.values() for n in (*s.positional, *s.options)}


def _is_date(text: str) -> bool:
    """A year, a year and month, or a real calendar date."""
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def _join(words: list[tuple[str, bool]]) -> str:
    return " ".join(w for w, _ in words)


def _score(match: Match) -> float:
    return match.best.score if match.ok and match.best is not None else -1.0


def _split_pair(
    words: list[tuple[str, bool]],
    left_score: Callable[[str], float],
    right_score: Callable[[str], float],
) -> tuple[str, str] | None:
    """The split of `words` into two non-empty parts that both sides read best.

    Country names are cheap to score and resolution names are not, so only the splits
    with the best country readings are tried, best first, stopping once no remaining
    one can win.
    """
    lefts = []
    for i in range(1, len(words)):
        ls = left_score(_join(words[:i]))
        if ls >= 0:
            lefts.append((ls, i))
    lefts.sort(key=lambda x: (-x[0], x[1]))
    best: tuple[float, int] | None = None
    for ls, i in lefts[:SPLITS_TRIED]:
        if best is not None and best[0] >= ls + MAX_SCORE:
            break
        rs = right_score(_join(words[i:]))
        if rs >= 0 and (best is None or ls + rs > best[0]):
            best = (ls + rs, i)
    if best is None:
        return None
    return _join(words[: best[1]]), _join(words[best[1] :])


def fill_slots(answers: Answers, parsed: Parsed) -> dict[str, str]:
    """Assign positional words to the command's free slots, splitting where needed."""
    spec = COMMANDS[parsed.command]
    args = dict(parsed.args)
    free = [s for s in spec.positional if s not in args]
    words = parsed.words
    if not free:
        if words:
            raise UsageError(f"too many values. Usage: {spec.usage}")
        return args
    if len(free) == 1:
        if words:
            args[free[0]] = _join(words)
        return _check_required(args, spec)
    # Two free slots: a country and something (a resolution, a second country, a topic).
    if len(words) <= 1:
        if words:
            args[free[0]] = _join(words)
        return _check_required(args, spec)
    if all(q for _, q in words):
        args[free[0]] = words[0][0]
        args[free[1]] = _join(words[1:])
        return _check_required(args, spec)

    country_scores: dict[str, float] = {}

    def country(text: str) -> float:
        # the fallback below reads again the names the splits have read
        if text not in country_scores:
            country_scores[text] = _score(answers.countries.resolve(text))
        return country_scores[text]

    def resolution(text: str) -> float:
        return _score(answers.match_resolution(text))

    if parsed.command == "history":
        # The topic can be anything: take the best country, then the shortest one.
        scored = [(country(_join(words[:i])), -i) for i in range(1, len(words))]
        score, neg_i = max(scored)
        split = (_join(words[:-neg_i]), _join(words[-neg_i:])) if score >= 0 else None
    else:
        whole = country(_join(words))
        if parsed.command == "howvoted" and whole >= EXACT_SCORE:
            args["country"] = _join(words)
            return args
        right = resolution if parsed.command == "howvoted" else country
        split = _split_pair(words, country, right)
    if split is None:
        if parsed.command == "howvoted" and country(_join(words)) >= 0:
            args["country"] = _join(words)
            return args
        # No reading of the first name: split where the second reads best, so the
        # answer names the whole first name it could not find ("Holy See").
        i = 1
        if parsed.command != "history":
            right = resolution if parsed.command == "howvoted" else country
            scores = [
                (right(_join(words[j:])), country(_join(words[:j])), j)
                for j in range(1, len(words))
            ]
            best = max(scores)
            i = best[2] if best[0] >= 0 or best[1] >= 0 else 1
        args[free[0]] = _join(words[:i])
        args[free[1]] = _join(words[i:])
        return args
    args[free[0]], args[free[1]] = split
    return args


def _check_required(args: dict[str, str], spec: CommandSpec) -> dict[str, str]:
    missing = [s for s in spec.positional[: spec.required] if not args.get(s)]
    if missing:
        raise UsageError(f"missing {' and '.join(missing)}. Usage: {spec.usage}")
    return args


def run_command(answers: Answers, text: str) -> Answer:
    parsed = parse_command(text)
    args = fill_slots(answers, parsed)
    period = {k: args.get(k) for k in ("since", "until", "topic")}
    match parsed.command:
        case "howvoted":
            return answers.how_voted(args["country"], args.get("resolution"))
        case "resolution":
            return answers.resolution(args["query"])
        case "compare":
            return answers.compare(args["a"], args["b"], **period)
        case "allies":
            return answers.allies(args["country"], **period)
        case "history":
            return answers.history(args["country"], args["topic"])
        case _:
            return answers.search(args["topic"], page=int(args.get("page", "1")))


# --- plain questions ---------------------------------------------------------------------

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
            rf"^(?:did|has|have|does) {_C} (?:ever )?"
            rf"(?:vote (?:yes|no|for|against|in favou?r(?: of)?)|abstain(?:ed)?"
            rf"|(?:support|oppose|back|reject|approve)(?:d|ed|s)?)(?: (?:on|in|from|to))? {_R}$"
        ),
    ),
    (
        "howvoted",
        re.compile(rf"^what (?:was|is) {_C}(?:'s|’s) vote (?:on|for|in) {_R}$"),
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
_DATE_PHRASE = re.compile(
    r"\b(?:in|of|from|on)\s+(?:(?P<month>" + "|".join(_MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})\b"
)
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
_PERIOD_TAIL = re.compile(
    r"\s+(?:(?P<since>since|from|after)\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<until>until|till|up to|through|before)\s+(?P<y2>(?:19|20)\d{2})"
    r"|(?:between|from)\s+(?P<y3>(?:19|20)\d{2})\s+(?:and|to|until)\s+(?P<y4>(?:19|20)\d{2})"
    r"|in\s+(?P<y5>(?:19|20)\d{2})"
    r"|in\s+the\s+(?P<decade>(?:19|20)\d0)s)$",
    re.IGNORECASE,
)
_TOPIC_TAIL = re.compile(
    r"\s+(?:on|about|regarding|concerning|when it comes to)\s+"
    r"(?P<t>(?:(?!\s(?:on|about)\s).)+)$",
    re.IGNORECASE,
)
_WITH_QUALIFIERS = ("compare", "allies")


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
        m = _PERIOD_TAIL.search(question)
        if m and q.since is None and q.until is None:
            g = m.groupdict()
            if g["y1"]:
                y = int(g["y1"])
                q.since = str(y + 1) if g["since"].lower() == "after" else str(y)
            elif g["y2"]:
                y = int(g["y2"])
                q.until = str(y - 1) if g["until"].lower() == "before" else str(y)
            elif g["y3"]:
                q.since, q.until = g["y3"], g["y4"]
            elif g["y5"]:
                q.since = q.until = g["y5"]
            else:
                q.since, q.until = g["decade"], str(int(g["decade"]) + 9)
            question = question[: m.start()]
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


def _date_window(text: str) -> tuple[str, str | None, str | None]:
    """Take "in march 2022" out of a reference: (rest, since, until)."""
    m = _DATE_PHRASE.search(text)
    if not m:
        return text, None, None
    year, month = m.group("year"), m.group("month")
    rest = (text[: m.start()] + text[m.end() :]).strip()
    if month:
        ym = f"{year}-{_MONTHS[month]:02d}"
        return rest, ym, ym
    return rest, year, year


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


def answer_plain(answers: Answers, text: str) -> Answer:
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
        if kind == "howvoted":
            reference = groups.get("r")
            if reference is None:
                return answers.how_voted(groups["c"])
            rest, since, until = _date_window(reference)
            dated, notes = _resolution_in_window(answers, _clean_reference(rest), since, until)
            if dated is not None:
                return answers.how_voted_named(groups["c"], dated, notes=notes)
            return answers.how_voted(groups["c"], _clean_reference(reference))
        if kind == "about":  # "tell me about cuba" is the country, "... about crimea" not
            country = _exact_country_votes(answers, _clean_reference(groups["r"]))
            if country is not None:
                return country
        if kind in ("resolution", "about"):
            rest, since, until = _date_window(groups["r"])
            dated, notes = _resolution_in_window(answers, _clean_reference(rest), since, until)
            if dated is not None:
                return answers.resolution_summary(dated, notes=notes)
            return answers.resolution(_clean_reference(groups["r"]))
        period = {"since": said.since, "until": said.until, "topic": said.topic}
        if kind == "allies":
            return answers.allies(groups["c"], **period)
        if kind == "compare":
            return answers.compare(groups["a"], groups["b"], **period)
        if kind == "history":
            return answers.history(groups.get("c", ""), _clean_reference(groups["t"]))
        return answers.search(_clean_reference(groups["t"]))
    # A bare name: a resolution ("ES-11/1", "crimea") or a country ("eritrea"), or both
    # ("eritrea es-11/1").
    reference = _clean_reference(question)
    pair = _country_then_resolution(answers, reference) or _two_countries(answers, reference)
    if pair is not None:
        return pair
    if reference:
        found = answers.resolution(reference)
        if not isinstance(found, Unresolved):
            return found
        country = _exact_country_votes(answers, reference)
        if country is not None:
            return country
    return Unresolved("question", None, f"I did not understand the question. {HOW_TO_ASK}")


def answer_question(answers: Answers, text: str) -> Answer:
    """Answer a slash command or a plain question; malformed input gets a usage answer."""
    text = text.strip()
    if not text:
        return Unresolved("usage", None, f"Ask something. {HOW_TO_ASK}")
    if len(text) > MAX_TEXT:
        return Unresolved("usage", None, f"That is too long (over {MAX_TEXT} characters).")
    try:
        with answers.remembering_matches():
            if text.startswith("/"):
                return run_command(answers, text)
            return answer_plain(answers, text)
    except UsageError as exc:
        return Unresolved("usage", None, f"{str(exc)[0].upper()}{str(exc)[1:]}.")
