"""General Assembly document symbols: parse them in any spelling people type.

A resolution symbol is reduced to a `SymbolKey`: its body (what identifies the
resolution within the Assembly's numbering) and an optional part suffix. Both the
symbols stored in the database and the text people type go through the same
reduction, so `A/RES/ES-11/1`, `es11/1` and `resolution ES 11/1` meet on one key.

Bodies:
    "68/262"      regular session 68, resolution 262 (numbering since 1976)
    "ES-11/1"     emergency special session 11; "S-8/2" for special sessions
    "#2758"       the single numbering used from 1946 to 1975, `2758 (XXVI)`;
                  the session it was adopted in is kept beside it
Draft symbols (`A/ES-11/L.1`, `A/78/L.5/Rev.1`) reduce to "L:ES-11/L.1" style keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST_NUMBERED_SESSION = 31  # from 1976 symbols carry the session: A/RES/31/1
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_RE = r"[IVXLC]+"


def roman_to_int(text: str) -> int | None:
    """Value of an upper-case roman numeral, or None when it is not one."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if int_to_roman(total) == text else None


def int_to_roman(value: int) -> str:
    parts = []
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            parts.append(letters)
            value -= number
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class SymbolKey:
    """A symbol reduced to comparable parts."""

    body: str  # "68/262", "ES-11/1", "S-8/2", "#2758" or a draft key "L:ES-11/L.1"
    suffix: str = ""  # part letter(s) or numeral: "A", "B", "A-C", "II"; "" for none
    session: str = ""  # for "#" bodies: "26", "ES-1", "S-3"; "" when not given

    @property
    def is_draft(self) -> bool:
        return self.body.startswith("L:")


def _session_label(prefix: str, number: str) -> str | None:
    """'ES', 'XI' -> 'ES-11'; '', '68' -> '68'; None for nonsense."""
    value = int(number) if number.isdigit() else roman_to_int(number)
    if value is None or value == 0:
        return None
    return f"{prefix}-{value}" if prefix else str(value)


def _clean_suffix(raw: str) -> str:
    return re.sub(r"[\s\[\]()]", "", raw).upper()


# --- symbols as the database stores them --------------------------------------------

_STORED_MODERN = re.compile(r"^A/RES/(?:(ES|S)-)?(\d+)/+(\d+)\s*(.*)$")
_STORED_OLD = re.compile(rf"^A/RES/(\d+)\s*\(\s*(?:(ES|S)-)?({_ROMAN_RE}|\d+)\s*\)\s*(.*)$")
_DRAFT = re.compile(
    r"(?:\bA\s*/\s*|(?<![\w/.])(?=(?:ES|S)\s*-))(?:(C)\s*\.\s*(\d)\s*/\s*)?(?:(ES|S)\s*-\s*)?(\d+)\s*/\s*L\s*\.?\s*(\d+)"
    r"((?:\s*/\s*(?:REV|ADD)\s*\.?\s*\d+)*)",
    re.IGNORECASE,
)


def parse_stored_symbol(symbol: str) -> SymbolKey | None:
    """Reduce a symbol as the data records it (`A/RES/31/6[A]`, `A/RES/2758(XXVI)`)."""
    text = symbol.strip().upper()
    if m := _STORED_MODERN.match(text):
        prefix, session, number, rest = m.groups()
        body = (
            f"{prefix}-{int(session)}/{int(number)}" if prefix else f"{int(session)}/{int(number)}"
        )
        return SymbolKey(body, _clean_suffix(rest))
    if m := _STORED_OLD.match(text):
        number, prefix, session, rest = m.groups()
        label = _session_label(prefix or "", session) or ""
        return SymbolKey(f"#{int(number)}", _clean_suffix(rest), label)
    drafts = parse_drafts(text)
    if drafts:
        return drafts[0]
    return None


def parse_drafts(text: str) -> list[SymbolKey]:
    """Every draft symbol in a `draft` cell such as 'A/ES-11/L.1 and A/ES-11/L.1/Add.1'.

    Each draft gives its bare key; a revision (`/Rev.1`) gives the revised key as well.
    Addenda list co-sponsors and add nothing to identify the text.
    """
    keys: list[SymbolKey] = []
    for m in _DRAFT.finditer(text):
        committee, committee_no, prefix, session, number, tail = m.groups()
        base = f"{prefix.upper()}-{int(session)}" if prefix else str(int(session))
        if committee:
            base = f"C.{committee_no}/{base}"
        key = SymbolKey(f"L:{base}/L.{int(number)}")
        if key not in keys:
            keys.append(key)
        rev = re.search(r"REV\s*\.?\s*(\d+)", tail or "", re.IGNORECASE)
        if rev:
            revised = SymbolKey(f"{key.body}/REV.{int(rev.group(1))}")
            if revised not in keys:
                keys.append(revised)
    return keys


# --- symbols as people type them --------------------------------------------------

_LEADING_WORDS = re.compile(
    r"^(?:(?:UN|U\.N\.|UNGA|GA|GENERAL\s+ASSEMBLY|THE)\s+)*"
    r"(?:(?:RES|RESOLUTION|RESO|RESOL)\b\.?\s*(?:NO\.?|NUMBER|#)?\s*)?"
)
_SC_SYMBOL = re.compile(
    r"\bS\s*/\s*RES\b|\bUNSCR?\b|\bSCR\s*\d|\bSECURITY\s+COUNCIL\s+RES(?:OLUTION)?S?\b"
    r"|\bSC\s+RES(?:OLUTION)?\b"
    # "resolution 1973 on libya, security council": the Council named beside a number
    # (a year said as one, "the 1974 vote", "in 2009", is not a resolution's number)
    r"|^(?=.*\bSECURITY\s+COUNCIL\b)"
    r"(?=.*(?<!THE )(?<!IN )(?<!OF )(?<![\w/])\d{3,4}(?![\w/])(?! VOTE))",
    re.IGNORECASE,
)
_TYPED_MODERN = re.compile(
    rf"(?<![\w/])(?:A\s*/\s*RES\s*/\s*|A\s*/\s*)?"
    rf"(?:(ES|S)\s*-?\s*(\d{{1,2}}|{_ROMAN_RE})\s*[/ -]\s*|(\d{{1,3}})\s*/\s*)(\d{{1,4}})"
    r"(?:\s*[\[(]?\s*([A-Z]{1,2}|[IVX]{1,5})(?:\s*-\s*([A-Z]{1,2}|[IVX]{1,5}))?\s*[\])]?)?"
    r"(?![\w/])"
)
_TYPED_OLD = re.compile(
    rf"(?<![\w/])(?:A\s*/\s*RES\s*/\s*)?(\d{{1,4}})\s*"
    rf"(?:\(\s*(?:(ES|S)\s*-?\s*)?({_ROMAN_RE}|\d{{1,2}})\s*\)|\s(?:(ES|S)\s*-\s*)?({_ROMAN_RE}))"
    r"(?:\s*[\[(]?\s*([A-Z]{1,2})\s*[\])]?)?(?![\w/])"
)
_TYPED_BARE = re.compile(r"^(?:A\s*/\s*RES\s*/\s*)?(\d{1,4})\s*(?:[\[(]?\s*([A-Z])\s*[\])]?)?$")
# "260 A (III)": a number, its part and its session in the old numbering
_TYPED_PART_FIRST = re.compile(rf"(?<![\w/])(\d{{1,4}})\s*([A-Z])\s*\(\s*({_ROMAN_RE})\s*\)")
# "67 19": a modern session and number written with a space, as a whole reference
_TYPED_SPACED = re.compile(r"^(\d{2})\s+(\d{1,3})$")


def looks_like_security_council(text: str) -> bool:
    """True for `S/RES/2334`, `UNSCR 242`, 'Security Council resolution 1860'."""
    return bool(_SC_SYMBOL.search(text))


def _modern(m: re.Match[str]) -> SymbolKey | None:
    prefix, es_session, session, number, part, part_end = m.groups()
    if prefix:
        label = _session_label(prefix, es_session)
        if label is None:
            return None
        body = f"{label}/{int(number)}"
    elif int(session) >= FIRST_NUMBERED_SESSION:
        body = f"{int(session)}/{int(number)}"
    else:
        return None  # sessions before 31 used the single numbering: likely a date
    return SymbolKey(body, f"{part}-{part_end}" if part and part_end else part or "")


def _old(upper: str) -> SymbolKey | None:
    if m := _TYPED_OLD.search(upper):
        number, prefix, session, prefix2, session2, part = m.groups()
        label = _session_label(prefix or prefix2 or "", session or session2)
        if label is not None:
            return SymbolKey(f"#{int(number)}", part or "", label)
    if m := _TYPED_PART_FIRST.search(upper):
        label = _session_label("", m.group(3))
        if label is not None:
            return SymbolKey(f"#{int(m.group(1))}", m.group(2), label)
    return None


def parse_typed_symbol(text: str) -> SymbolKey | None:
    """The resolution symbol in what someone typed, or None when there is none.

    A bare number (`2758`) is read as a symbol of the 1946-1975 numbering only when it
    is the whole query; inside a sentence a number is more often a year.
    """
    upper = " ".join(text.upper().replace("\u2013", "-").replace("\u2014", "-").split())
    if not upper or looks_like_security_council(upper):
        return None
    drafts = parse_drafts(upper)
    if drafts:
        return drafts[-1] if len(drafts) > 1 and "REV" in upper else drafts[0]
    if m := _TYPED_MODERN.search(upper):
        return _modern(m)
    if old := _old(upper):
        return old
    stripped = _LEADING_WORDS.sub("", upper).strip(" .,;:!?")
    if (m := _TYPED_SPACED.match(stripped)) and int(m.group(1)) >= FIRST_NUMBERED_SESSION:
        return SymbolKey(f"{int(m.group(1))}/{int(m.group(2))}")
    if m := _TYPED_BARE.match(stripped):
        return SymbolKey(f"#{int(m.group(1))}", m.group(2) or "")
    return None


def display_key(key: SymbolKey) -> str:
    """A readable symbol for a key, for messages about symbols not in the data."""
    if key.is_draft:
        return "A/" + key.body[2:]
    if key.body.startswith("#"):
        session = key.session
        if session and "-" in session:
            prefix, value = session.split("-")
            session = f"{prefix}-{int_to_roman(int(value))}"
        elif session:
            session = int_to_roman(int(session))
        text = f"A/RES/{key.body[1:]}" + (f" ({session})" if session else "")
    else:
        text = f"A/RES/{key.body}"
    return f"{text} {key.suffix}" if key.suffix else text
