"""The published layouts of the UN "General Assembly Voting Data" file.

Headers have changed between versions (the 2024 file uses plural names such as
`ms_codes` and `resolutions`, totals named `yes`/`no`, and `NV` for non-voting), and
descriptions and headers have not always agreed. Columns are therefore mapped through
a table of known aliases, and an unknown header is refused with the list of what is
missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# canonical name -> every header spelling seen or described (after `normalise_header`)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "undl_id": ("undl_id", "undl_ids", "record_id", "recid"),
    "ms_code": ("ms_code", "ms_codes", "member_code", "country_code"),
    "ms_name": ("ms_name", "ms_names", "member_name", "country_name"),
    "ms_vote": ("ms_vote", "ms_votes", "member_vote", "vote"),
    "date": ("date", "vote_date", "dates"),
    "session": ("session", "sessions"),
    "resolution": ("resolution", "resolutions", "symbol", "resolution_symbol"),
    "draft": ("draft", "drafts", "draft_symbol"),
    "committee_report": ("committee_report", "committee_reports"),
    "meeting": ("meeting", "meetings", "meeting_record"),
    "title": ("title", "titles"),
    "agenda_title": ("agenda_title", "agenda_titles", "agenda"),
    "subjects": ("subjects", "subject"),
    "vote_note": ("vote_note", "vote_notes", "note", "notes"),
    "modality": ("modality", "modalities"),
    "total_yes": ("total_yes", "yes", "yes_votes"),
    "total_no": ("total_no", "no", "no_votes"),
    "total_abstentions": ("total_abstentions", "abstentions", "abstention", "total_abstain"),
    "total_non_voting": ("total_non_voting", "non_voting", "nonvoting", "total_nonvoting"),
    # The 2024 file's "total-voting" is left unmapped: its description does not say
    # whether it counts all members or only those voting. Without total_ms the total
    # is the sum of the four stated counts.
    "total_ms": ("total_ms", "total_members", "total"),
    "undl_link": ("undl_link", "undl_links", "link", "url"),
}

REQUIRED = (
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "resolution",
    "title",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
)

# The file's vote letters and the store's: NV (2024 layout) is non-voting, like X.
VOTE_CODES = {"Y": "Y", "N": "N", "A": "A", "X": "X", "NV": "X"}

# Codes of states that no longer hold a seat.
FORMER_CODES = frozenset({"SUN", "GER", "DDR", "CSK", "YUG", "SCG", "YMD", "ZZB"})


class LayoutError(ValueError):
    """The header is not a layout of the UN voting file."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each canonical column sits in a row; -1 when the file lacks it."""

    positions: dict[str, int]
    width: int
    name: str  # "2025" (singular names) or "2024" (plural names)

    def index(self, column: str) -> int:
        return self.positions.get(column, -1)


def normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().strip("\ufeff").lower())


def map_header(header: list[str]) -> Layout:
    """Map a header row onto the canonical columns, or explain what is missing."""
    seen = {normalise_header(h): i for i, h in reversed(list(enumerate(header)))}
    positions: dict[str, int] = {}
    for canonical, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in seen:
                positions[canonical] = seen[alias]
                break
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        found = ", ".join(h.strip() for h in header[:8]) + (", ..." if len(header) > 8 else "")
        raise LayoutError(
            "not the UN General Assembly voting layout: missing column(s) "
            + ", ".join(missing)
            + f" (the header has: {found})"
        )
    name = "2024" if "ms_codes" in seen or "ms_votes" in seen else "2025"
    return Layout(positions=positions, width=len(header), name=name)


# --- values -------------------------------------------------------------------------

_TITLE_SUFFIX = "resolution / adopted by the general assembly"
# The catalogue's tail and the file's variants of it: "resolutions / ...", "resolutio",
# "resolultion", "/ by the General Assembly", "addopted", "adoped", "Assemly", "... by
# the United Nations", a stray full stop or letter, with or without the colon before.
_FULL_TAIL_RE = re.compile(
    r"\s*:?\s*\bresolu\w*\s*/\s*(?:ad+o\w*\s+)?by\s+the\s+(?:general|united)\b[^:]*$",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(r"\s*:\s*(?P<tail>r[^:]*)$", re.IGNORECASE)
_TAIL_RE = re.compile(r"resolu\w*\s*(?:/\s*)?(?:ad+o\w*|by)\b.*")
_TRUNCATED = "[...]"


def clean_title(title: str) -> str:
    """Drop the catalogue's " : resolution / adopted by the General Assembly" tail.

    The file carries it in many forms (see `_FULL_TAIL_RE`) and sometimes cut short by
    the catalogue ("resolution / adopted by the Gene[...]", "resolution adopted b[...]").
    Titles truncated elsewhere keep their "[...]".
    """
    title = title.strip()
    full = _FULL_TAIL_RE.search(title)
    if full and full.start() > 0:
        return title[: full.start()].rstrip()
    match = _SUFFIX_RE.search(title)
    if not match:
        if title.endswith(":" + _TRUNCATED):  # cut right after the colon
            return title[: -len(_TRUNCATED) - 1].rstrip()
        return title
    tail = " ".join(match.group("tail").lower().split())
    stem = tail[: -len(_TRUNCATED)].rstrip() if tail.endswith(_TRUNCATED) else tail
    truncated = stem != tail
    if stem and (
        (truncated and _TITLE_SUFFIX.startswith(stem))
        or _TAIL_RE.fullmatch(stem)
        or (truncated and re.fullmatch(r"resolu\w*", stem))
    ):
        return title[: match.start()].rstrip()
    return title


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "da", "del", "du", "la", "le"})
_KEEP_UPPER = frozenset({"USSR", "UK", "USA", "DPRK", "II", "III"})


def readable_name(name: str) -> str:
    """ "REPUBLIC OF KOREA" -> "Republic of Korea"; "COTE D'IVOIRE" -> "Cote d'Ivoire"."""
    words = name.strip().split()
    out = []
    for i, word in enumerate(words):
        out.append(_readable_word(word, first=i == 0))
    return " ".join(out)


def _readable_word(word: str, *, first: bool) -> str:
    core = word.strip("(),")
    if core.upper() in _KEEP_UPPER:
        return word.upper()
    if not first and core.lower() in _SMALL_WORDS:
        return word.lower()
    lower = word.lower()
    if "'" in lower and not first and lower.startswith(("d'", "l'")):
        return lower[:2] + _cap(lower[2:])
    return "-".join(_cap(part) for part in lower.split("-"))


def _cap(part: str) -> str:
    for i, ch in enumerate(part):
        if ch.isalpha():
            return part[:i] + ch.upper() + part[i + 1 :]
    return part


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def session_from_symbol(symbol: str) -> str:
    """The session a symbol belongs to: A/RES/77/293 -> "77", A/RES/104(S-1) -> "S-1"."""
    m = re.match(r"A/(?:RES/)?((?:ES|S)-\d+|\d+)/", symbol)
    if m:
        return m.group(1)
    m = re.match(r"A/RES/\d+\s*\(([A-Z0-9-]+)\)", symbol)
    if m:
        inner = m.group(1)
        if re.fullmatch(r"(?:ES|S)-\w+", inner):
            kind, number = inner.split("-", 1)
            return f"{kind}-{_roman(number) or number}"
        value = _roman(inner)
        if value:
            return str(value)
    return ""


def _roman(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


def file_date_from_name(name: str) -> str | None:
    """2026_02_06_ga_voting.csv -> "2026-02-06"; 2025_7_23_ga_voting.csv -> "2025-07-23"."""
    m = re.search(r"(?<!\d)(\d{4})[_-](\d{1,2})[_-](\d{1,2})(?!\d)", name)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
