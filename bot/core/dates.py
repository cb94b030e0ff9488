"""Dates as people give them: one span type and the only code that reads a date.

Everything that takes a date, a year, a month, a session or a period from text comes
here: option values (`since:2010`, `--date 1985-03-01`), dates inside a resolution
reference ("cuba embargo 2016", "in march 2022", "71st session") and period phrases at
the end of a question ("since 2000", "in the 1980s").

A span's `first` and `last` are ISO strings compared as text, so a span ending
"1972-09-31" holds every day of that September; a span of "a month of any year"
("in october") has empty bounds and a `month`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FIRST_SESSION_YEAR = 1945  # regular session n opened in September of 1945 + n (n >= 2)

MONTHS: dict[str, int] = {
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
# Short forms and "may" are everyday words; only a month's full name counts alone.
_MONTH_WORDS = frozenset(name for name in MONTHS if len(name) <= 3) | {"sept"}

_ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_IN_TEXT = re.compile(r"\b(19[4-9]\d|20\d\d) (\d{1,2})(?: (\d{1,2}))?\b")  # normalised
_SESSION = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)? session|session (\d{1,2}))\b")
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_LONG_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_YEAR_PHRASE = re.compile(
    r"\b(?:in|of|from|on)\s+(?:(?P<month>" + "|".join(_LONG_MONTHS) + r")\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
)
_PERIOD_TAIL = re.compile(
    r"\s+(?:(?P<since>since|from|after)\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<until>until|till|up to|through|before)\s+(?P<y2>(?:19|20)\d{2})"
    r"|(?:between|from)\s+(?P<y3>(?:19|20)\d{2})\s+(?:and|to|until)\s+(?P<y4>(?:19|20)\d{2})"
    r"|in\s+(?P<y5>(?:19|20)\d{2})"
    r"|in\s+the\s+(?P<decade>(?:19|20)\d0)s)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days a query is about: ISO bounds, inclusive, compared as text."""

    first: str
    last: str
    label: str  # how the answer names it: "in 1985", "on 1985-03-01", "session 71"
    year: int | None = None  # the span is one whole calendar year
    month: int | None = None  # a month of any year ("in october"); the bounds are empty

    def contains(self, day: str) -> bool:
        if self.month is not None:
            return day[5:7] == f"{self.month:02d}"
        return self.first <= day <= self.last


def is_date(text: str) -> bool:
    """A year, a year and month, or a real calendar date, written the ISO way."""
    if not _ISO_VALUE.match(text):
        return False
    try:
        date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def parse_date(value: str | None) -> DateSpan | None:
    """An option value ("1985", "1985-03", "1985-03-01") as a span; None when empty.

    Raises ValueError, with a message to show, for anything else."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not _ISO_VALUE.match(text):
        raise ValueError(f"a date must look like 1985 or 1985-03-01, not {value!r}")
    if len(text) == 4:
        return DateSpan(f"{text}-01-01", f"{text}-12-31", f"in {text}", year=int(text))
    if len(text) == 7:
        return DateSpan(f"{text}-01", f"{text}-31", f"in {text}")
    return DateSpan(text, text, f"on {text}")


def _stamp_span(stamp: str, label: str) -> DateSpan:
    """A year ("1985"), month ("1985-03") or day as the span of its days."""
    if len(stamp) == 4:
        return DateSpan(f"{stamp}-01-01", f"{stamp}-12-31", label, year=int(stamp))
    if len(stamp) == 7:
        return DateSpan(f"{stamp}-01", f"{stamp}-31", label)
    return DateSpan(stamp, stamp, label)


def find_date(text: str) -> tuple[DateSpan | None, str]:
    """A year, month and year, full date or regular session in normalised text (lower
    case, single spaces, no punctuation): the span and the other words.

    A regular session ("71st session", "session 71") is the year it ran, from the
    September it opened to the September the next one opened.
    """
    if (m := _SESSION.search(text)) and 2 <= (number := int(m.group(1) or m.group(2))) <= 99:
        rest = " ".join((text[: m.start()] + " " + text[m.end() :]).split())
        opened = FIRST_SESSION_YEAR + number
        return DateSpan(f"{opened}-09-01", f"{opened + 1}-09-31", f"session {number}"), rest
    if m := _ISO_IN_TEXT.search(text):
        iso_month, iso_day = int(m.group(2)), m.group(3)
        if 1 <= iso_month <= 12:
            stamp = f"{m.group(1)}-{iso_month:02d}" + (f"-{int(iso_day):02d}" if iso_day else "")
            rest = (text[: m.start()] + " " + text[m.end() :]).strip()
            return _stamp_span(stamp, stamp), " ".join(rest.split())
    words = text.split()
    years = [i for i, w in enumerate(words) if _YEAR.fullmatch(w)]
    if not years:
        return _month_only(words)
    at = years[-1]
    year = words[at]
    used = {at}
    month: int | None = None
    day: int | None = None
    for j in (at - 1, at - 2, at - 3):
        if 0 <= j < len(words) and words[j] in MONTHS and month is None:
            month = MONTHS[words[j]]
            used.add(j)
            for k in (j - 1, j + 1):
                if 0 <= k < len(words) and k not in used and (d := _DAY.fullmatch(words[k])):
                    day = int(d.group(1))
                    used.add(k)
                    break
    rest = " ".join(w for i, w in enumerate(words) if i not in used)
    if month is None:
        return _stamp_span(year, year), rest
    stamp = f"{year}-{month:02d}"
    if day and 1 <= day <= 31:
        stamp += f"-{day:02d}"
    return _stamp_span(stamp, stamp), rest


def _month_only(words: list[str]) -> tuple[DateSpan | None, str]:
    """'in october': the last month named in full without a year, and the other words."""
    at = next((i for i in range(len(words) - 1, -1, -1) if _is_month(words[i])), None)
    if at is None:
        return None, " ".join(words)
    name = words[at]
    rest = " ".join(words[:at] + words[at + 1 :])
    return DateSpan("", "", name.capitalize(), month=MONTHS[name]), rest


def _is_month(word: str) -> bool:
    return word in MONTHS and word not in _MONTH_WORDS


def find_month_year(text: str) -> tuple[str, str | None, str | None]:
    """ "in march 2022" or "of 2016" inside a reference: (the rest, since, until)."""
    m = _MONTH_YEAR_PHRASE.search(text)
    if not m:
        return text, None, None
    year, month = m.group("year"), m.group("month")
    rest = (text[: m.start()] + text[m.end() :]).strip()
    if month:
        ym = f"{year}-{MONTHS[month]:02d}"
        return rest, ym, ym
    return rest, year, year


def take_period_tail(question: str) -> tuple[str, str | None, str | None] | None:
    """ "since 2000", "after 1990", "before 1990", "between 1990 and 2010", "in 2022" or
    "in the 1980s" at the end of a question: (the rest, since, until), or None."""
    m = _PERIOD_TAIL.search(question)
    if not m:
        return None
    g = m.groupdict()
    since: str | None = None
    until: str | None = None
    if g["y1"]:
        y = int(g["y1"])
        since = str(y + 1) if g["since"].lower() == "after" else str(y)
    elif g["y2"]:
        y = int(g["y2"])
        until = str(y - 1) if g["until"].lower() == "before" else str(y)
    elif g["y3"]:
        since, until = g["y3"], g["y4"]
    elif g["y5"]:
        since = until = g["y5"]
    else:
        since, until = g["decade"], str(int(g["decade"]) + 9)
    return question[: m.start()], since, until


# --- relative and open dates in a reference ------------------------------------------

_DECADE = re.compile(r"\b(?:in |during )?(?:the )?(?:((?:19|20)\d0)|([4-9]0))s\b")
_BOUNDED = re.compile(
    r"\b(?:(before|until|till|up to|prior to)|(after|since|from))\s+((?:19|20)\d{2})\b"
)
_BETWEEN = re.compile(r"\bbetween ((?:19|20)\d{2}) and ((?:19|20)\d{2})\b")
_RELATIVE = re.compile(
    r"\b(?:(last|this|current|previous|past) (year|session))s?\b|\b(this|last) (month)s?\b"
)


def session_of(day: date) -> int:
    """The regular session in progress on `day` (session n opens in September 1945 + n)."""
    return day.year - FIRST_SESSION_YEAR - (0 if day.month >= 9 else 1)


def session_span(number: int) -> DateSpan:
    opened = FIRST_SESSION_YEAR + number
    return DateSpan(f"{opened}-09-01", f"{opened + 1}-09-31", f"session {number}")


def _cut(text: str, m: re.Match[str]) -> str:
    return " ".join((text[: m.start()] + " " + text[m.end() :]).split())


def _relative(m: re.Match[str], today: date) -> DateSpan:
    which = m.group(1) or m.group(3)
    unit = m.group(2) or m.group(4)
    back = 1 if which in ("last", "previous", "past") else 0
    if unit == "year":
        year = today.year - back
        return DateSpan(f"{year}-01-01", f"{year}-12-31", f"in {year}", year=year)
    if unit == "session":
        return session_span(session_of(today) - back)
    month = today.month - back or 12
    year = today.year - (1 if back and today.month == 1 else 0)
    stamp = f"{year}-{month:02d}"
    return DateSpan(f"{stamp}-01", f"{stamp}-31", f"in {stamp}")


def read_when(text: str, today: date) -> tuple[DateSpan | None, str]:
    """The period a normalised reference names, and its other words: "last year", "this
    session", "in the 2010s", "the 80s", "before 1990", "since 2016", "between 1990 and
    2000", or a year, month, date or session as `find_date` reads them."""
    if m := _RELATIVE.search(text):
        return _relative(m, today), _cut(text, m)
    if m := _BETWEEN.search(text):
        first, last = sorted((int(m.group(1)), int(m.group(2))))
        return DateSpan(f"{first}-01-01", f"{last}-12-31", f"from {first} to {last}"), _cut(text, m)
    if m := _BOUNDED.search(text):
        year = int(m.group(3))
        if m.group(1):  # before 1990: up to the end of 1989; until 1990: to its end
            last = year - 1 if m.group(1) in ("before", "prior to") else year
            return DateSpan("0000-00-00", f"{last}-12-31", f"until {last}"), _cut(text, m)
        first = year + 1 if m.group(2) == "after" else year
        return DateSpan(f"{first}-01-01", "9999-99-99", f"since {first}"), _cut(text, m)
    if m := _DECADE.search(text):
        start = int(m.group(1)) if m.group(1) else 1900 + int(m.group(2))
        span = DateSpan(f"{start}-01-01", f"{start + 9}-12-31", f"in the {start}s")
        return span, _cut(text, m)
    return find_date(text)
