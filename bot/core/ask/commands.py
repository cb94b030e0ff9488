"""The command table: every command the bot answers, declared once, and `answer_question`,
which turns any text (a slash command or a plain question) into an answer.

Each entry names its slots and options, the words people see (description, usage, the
hint after a name it could not find, an example) and the facade call it makes. Slash
text, the Discord cogs, /help, the CLI and the "how to ask" lists all read this table.
Adding a command is one entry here, one facade method and one renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.ask.command import Args, Command, CommandCall, Slot, UsageError, how_to_ask
from bot.core.ask.plain import read_plain
from bot.core.ask.slash import read_command
from bot.core.models import Answer, Unresolved

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

MAX_TEXT = 500  # longer input is refused: no command or question needs more

# How much text each kind of value takes (Discord checks it before the bot sees it).
NAME_MAX = 100  # a country, a topic
QUERY_MAX = 200  # a resolution (symbol, nickname, title words) or the words of /search
QUESTION_MAX = 300  # a whole question for /ask
DATE_MAX = len("2010-03-01")

_SINCE = Slot("since", "From this year or date on, e.g. 2010 or 2010-03-01", "date", DATE_MAX)
_UNTIL = Slot("until", "Up to this year or date, e.g. 2020 or 2020-12-31", "date", DATE_MAX)
_TOPIC = Slot("topic", "Only resolutions about this topic, e.g. nuclear weapons", "topic", NAME_MAX)
_PERIOD = (_SINCE, _UNTIL, _TOPIC)
_COUNTRY = "A member state, past or present"


def _period(args: Args) -> dict[str, str | None]:
    return {"since": args.get("since"), "until": args.get("until"), "topic": args.get("topic")}


HOWVOTED = Command(
    name="howvoted",
    description="How a country voted on a resolution",
    slots=(
        Slot("country", f"{_COUNTRY}, e.g. Eritrea or USSR", "country", NAME_MAX),
        Slot(
            "resolution",
            "A resolution symbol or nickname, e.g. ES-11/1; leave out for recent votes",
            "resolution",
            QUERY_MAX,
            required=False,
        ),
    ),
    usage="/howvoted country [resolution]",
    hint="Ask like `/howvoted Eritrea ES-11/1` (country, then resolution).",
    example="/howvoted Eritrea ES-11/1",
    call=lambda answers, args: answers.how_voted(args["country"], args.get("resolution")),
    charted=True,
)
RESOLUTION = Command(
    name="resolution",
    description="The tally and roll call of a resolution",
    slots=(
        Slot(
            "query",
            "A symbol (A/RES/ES-11/1, ES-11/1), a nickname or words from the title",
            "resolution",
            QUERY_MAX,
        ),
    ),
    usage="/resolution query",
    hint="Ask like `/resolution ES-11/1` or `/resolution crimea`.",
    example="/resolution crimea",
    call=lambda answers, args: answers.resolution(args["query"]),
    charted=True,
)
COMPARE = Command(
    name="compare",
    description="How often two countries voted alike",
    slots=(
        Slot("a", "The first country", "country", NAME_MAX),
        Slot("b", "The second country", "country", NAME_MAX),
    ),
    options=_PERIOD,
    usage="/compare country country [since:YYYY] [until:YYYY] [topic:words]",
    hint="Ask like `/compare Russia China since:2010`.",
    example="/compare Russia China since:2010",
    call=lambda answers, args: answers.compare(args["a"], args["b"], **_period(args)),
    charted=True,
)
ALLIES = Command(
    name="allies",
    description="The countries that vote most and least alike",
    slots=(Slot("country", _COUNTRY, "country", NAME_MAX),),
    options=_PERIOD,
    usage="/allies country [since:YYYY] [until:YYYY] [topic:words]",
    hint="Ask like `/allies Eritrea since:2000`.",
    example="/allies Cuba",
    call=lambda answers, args: answers.allies(args["country"], **_period(args)),
    charted=True,
)
HISTORY = Command(
    name="history",
    description="How a country's votes on a topic changed",
    slots=(
        Slot("country", _COUNTRY, "country", NAME_MAX),
        Slot("topic", "e.g. Palestine, nuclear weapons, Cuba embargo", "topic", NAME_MAX),
    ),
    usage="/history country topic",
    hint="Ask like `/history Eritrea ukraine`.",
    example="/history Eritrea ukraine",
    call=lambda answers, args: answers.history(args["country"], args["topic"]),
    charted=True,
)
SEARCH = Command(
    name="search",
    description="Resolutions about a topic, newest first",
    slots=(Slot("topic", "Words to look for, e.g. nuclear disarmament", "topic", QUERY_MAX),),
    options=(Slot("page", "Which page of results", "page", 4, in_discord=False),),
    usage="/search words [page:N]",
    hint="Ask like `/search gaza ceasefire`.",
    example="/search gaza ceasefire",
    call=lambda answers, args: answers.search(args["topic"], page=int(args.get("page", "1"))),
)

# The commands slash text can name, in the order people are shown them.
ANSWERING = (HOWVOTED, RESOLUTION, COMPARE, ALLIES, HISTORY, SEARCH)
SLASH_TABLE = {c.name: c for c in ANSWERING}
HOW_TO_ASK = how_to_ask(ANSWERING, "how did eritrea vote on the crimea resolution?")


def _ask(answers: Answers, args: Args) -> Answer:
    return answer_question(answers, args["question"])


ASK = Command(
    name="ask",
    description="Ask a question in plain words",
    slots=(
        Slot(
            "question",
            "e.g. how did Eritrea vote on ES-11/1? or compare France and Germany",
            "question",
            QUESTION_MAX,
        ),
    ),
    usage="/ask question",
    hint=HOW_TO_ASK,
    example="/ask how did eritrea vote on the crimea resolution?",
    call=_ask,
    charted=True,
)

COMMANDS = (*ANSWERING, ASK)
BY_NAME = {c.name: c for c in COMMANDS}


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
                return read_command(answers, text, SLASH_TABLE).run(answers)
            command, answer = read_plain(answers, text)
            return BY_NAME[command].finish(answer)
    except UsageError as exc:
        return Unresolved("usage", None, f"{str(exc)[0].upper()}{str(exc)[1:]}.")


def question_call(text: str) -> CommandCall:
    """/ask with this text: what mentions of the bot and `votebot ask` run."""
    return CommandCall.of(ASK, question=text)
