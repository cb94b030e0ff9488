"""Countries from the UN vote file and the country evaluation table, for the real-data
tests and bench/bench_match_country.py.

Until a database is built, `countries_from_csv` scans ms_code, ms_name and date into
the same Country objects the store gives: first and last vote, every recorded name,
and `former` for seats whose votes stop more than a year before the file's last one.

The evaluation table (tests/eval/countries.tsv) has the columns query, expected,
kind and an optional date; expected is a code (a confident match to that seat),
AMBIGUOUS:A,B (ambiguous between exactly those seats) or NONE (no match).
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

from bot.core.models import Country

EVAL_TABLE = Path(__file__).resolve().parent / "eval" / "countries.tsv"
NEGATIVE_KINDS = frozenset(
    {"non_member", "observer", "fictional", "common_word", "junk", "long_paste"}
)


@dataclass(frozen=True)
class EvalRow:
    query: str
    expected: str  # a code, "AMBIGUOUS:A,B" or "NONE"
    kind: str
    date: str | None

    @property
    def negative(self) -> bool:
        return self.kind in NEGATIVE_KINDS

    def met_by(self, status: str, codes: frozenset[str]) -> bool:
        """Whether an answer (status, and the match or the candidates) is the expected one."""
        if self.expected == "NONE":
            return status == "none"
        if self.expected.startswith("AMBIGUOUS:"):
            wanted = frozenset(self.expected.split(":", 1)[1].split(","))
            return status == "ambiguous" and codes == wanted
        return status == "match" and codes == frozenset({self.expected})


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
