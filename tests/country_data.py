"""Countries from the UN vote file and the country evaluation table, for the real-data
tests and bench/bench_match_country.py.

Until a database is built, `countries_from_csv` scans ms_code, ms_name and date into
the same Country objects the store gives: first and last vote, every recorded name,
and `former` for seats whose votes stop more than a year before the file's last one.

The evaluation tables (the development tables tests/eval/countries.tsv and
countries_heldout.tsv) have the columns query, expected, kind and an optional date;
expected is a code (an answer for that seat: a match or a best guess), AMBIGUOUS:A,B
(ambiguous between exactly those seats) or NONE (no answer).

For fitting the matcher's thresholds (bench/bench_match_country.py --sweep) there are
two more sets made here, not written by hand: `synthetic_typos`, typing slips of every
seat's name, and `title_words`, words of resolution titles that name no country.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.models import Country

if TYPE_CHECKING:
    from bot.core.names.countries.matcher import CountryMatcher

EVAL = Path(__file__).resolve().parent / "eval"
EVAL_TABLE = EVAL / "countries.tsv"
DEVELOPMENT_TABLES = (EVAL_TABLE, EVAL / "countries_heldout.tsv")
NEGATIVE_KINDS = frozenset(
    {"non_member", "observer", "fictional", "common_word", "junk", "long_paste", "title_word"}
)


@dataclass(frozen=True)
class EvalRow:
    query: str
    expected: str  # a code, "AMBIGUOUS:A,B" or "NONE"
    kind: str
    date: str | None

    @property
    def negative(self) -> bool:
        """A row that names no seat (by its kind, or by what it expects)."""
        return self.kind in NEGATIVE_KINDS or self.expected == "NONE"

    def met_by(self, status: str, codes: frozenset[str]) -> bool:
        """Whether an answer (status, and the seat answered or the candidates) is the
        expected one; a best guess for the right seat is an answer for it."""
        if self.expected == "NONE":
            return status == "none"
        if self.expected.startswith("AMBIGUOUS:"):
            wanted = frozenset(self.expected.split(":", 1)[1].split(","))
            return status == "ambiguous" and codes == wanted
        return status in ("match", "best_guess") and codes == frozenset({self.expected})


def load_eval_table(path: Path = EVAL_TABLE) -> list[EvalRow]:
    """The rows of the table; tabs separate fields and nothing is quoted."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines[0].split("\t")[:3] != ["query", "expected", "kind"]:
        raise ValueError(f"{path}: the header must start with query, expected, kind")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            raise ValueError(f"{path}:{number}: needs at least query, expected and kind")
        date = fields[3].strip() if len(fields) > 3 and fields[3].strip() else None
        rows.append(EvalRow(fields[0], fields[1].strip(), fields[2].strip(), date))
    return rows


def countries_from_csv(path: Path) -> list[Country]:
    spans: dict[str, list[str]] = {}  # code -> [first date, last date]
    names: dict[str, dict[str, str]] = {}  # code -> {recorded name: first date}
    latest_name: dict[str, tuple[str, str]] = {}  # code -> (date, name)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            code, name, date = row["ms_code"], row["ms_name"], row["date"]
            span = spans.setdefault(code, [date, date])
            span[0], span[1] = min(span[0], date), max(span[1], date)
            seen = names.setdefault(code, {})
            seen[name] = min(seen.get(name, date), date)
            if date >= latest_name.get(code, ("", ""))[0]:
                latest_name[code] = (date, name)
    file_end = max(last for _, last in spans.values())
    cutoff = f"{int(file_end[:4]) - 1}{file_end[4:]}"
    return [
        Country(
            code=code,
            name=_readable(latest_name[code][1]),
            first_date=first,
            last_date=last,
            former=last < cutoff,
            recorded_names=tuple(sorted(names[code], key=names[code].__getitem__)),
        )
        for code, (first, last) in sorted(spans.items())
    ]


def _readable(name: str) -> str:
    small = {"and", "of", "the"}
    words = name.lower().split()
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


# --- sets for fitting thresholds ---------------------------------------------------------

KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
SLIPS_PER_NAME = 6


def _neighbour(letter: str, rng: random.Random) -> str:
    for row in KEYBOARD:
        if letter in row:
            i = row.index(letter)
            return rng.choice([row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)])
    return letter


def _slip(name: str, rng: random.Random) -> str:
    """One typing slip, never in the first letter: a letter left out, two swapped, a key
    next to the right one, an extra key next to it, or a letter doubled."""
    places = [i for i, ch in enumerate(name) if ch.isalpha()][1:]
    i = rng.choice(places)
    kind = rng.choice(("omit", "swap", "near", "extra", "double"))
    if kind == "omit":
        return name[:i] + name[i + 1 :]
    if kind == "swap" and i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "near":
        return name[:i] + _neighbour(name[i], rng) + name[i + 1 :]
    if kind == "extra":
        return name[:i] + _neighbour(name[i], rng) + name[i:]
    return name[:i] + name[i] + name[i:]


def synthetic_typos(matcher: CountryMatcher, countries: list[Country]) -> list[EvalRow]:
    """A few slips of each current seat's name (seeded, so the same every run)."""
    rng = random.Random(2026)
    rows = []
    for country in countries:
        if country.former:
            continue
        name = matcher.display_name(country.code)
        for _ in range(SLIPS_PER_NAME):
            typed = _slip(name, rng)
            if typed.casefold() != name.casefold():
                rows.append(EvalRow(typed, country.code, "synthetic_typo", None))
    return rows


def title_words(
    matcher: CountryMatcher, countries: list[Country], db: Path, *, most: int = 1500
) -> list[EvalRow]:
    """The commonest words of resolution titles that are no word of a seat's names (nor
    begin like one, so that "Israeli" is left out): none of them names a country."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    for (title,) in conn.execute("SELECT title FROM resolutions"):
        for word in re.findall(r"[A-Za-z]{4,}", title):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    conn.close()
    starts = {
        word[:4]
        for country in countries
        for name in matcher.names_of(country.code)
        for word in name.split()
        if len(word) >= 4
    }
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return [EvalRow(w, "NONE", "title_word", None) for w in words if w[:4] not in starts][:most]
