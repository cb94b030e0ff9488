"""Small text helpers every stage shares: the one name normaliser, clipping with an
ellipsis, the phrase for a period, and user text made safe to repeat."""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
QUOTE_LIMIT = 80  # user text repeated in a reply is cut to this many characters

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")
_UNSAFE = frozenset("`*_~|<>@#[]\\")


def fold(text: str) -> str:
    """Lower case without diacritics: "Côte" -> "cote"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold()


def normalise(text: str) -> str:
    """Lower case, no diacritics, '&' as 'and', apostrophes dropped, other punctuation
    as spaces, single spaces: "Côte d'Ivoire" -> "cote divoire"."""
    text = fold(text.replace("&", " and "))
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def clip(text: str, limit: int, *, trim: bool = True) -> str:
    """`text` cut to at most `limit` characters, ending in an ellipsis when cut; `trim`
    drops the spaces the cut leaves before the ellipsis (quoted text keeps them)."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    return (kept.rstrip() if trim else kept) + ELLIPSIS


def period_phrase(
    since: str | None, until: str | None, topic: str | None, *, empty: str = ""
) -> str:
    """ "in 2022", "from 1980 to 1989", "since 2010, on “nuclear weapons”", or `empty`."""
    parts = []
    if since and since == until:
        parts.append(f"in {since}")
    elif since and until:
        parts.append(f"from {since} to {until}")
    elif since:
        parts.append(f"since {since}")
    elif until:
        parts.append(f"until {until}")
    if topic:
        parts.append(f"on “{topic}”")
    return ", ".join(parts) if parts else empty


def quote_user_text(text: str, *, limit: int = QUOTE_LIMIT) -> str:
    """User text made safe to echo: no markdown or mention characters, bounded length."""
    cleaned = "".join(" " if ch in _UNSAFE or not ch.isprintable() else ch for ch in text)
    return clip(" ".join(cleaned.split()), limit, trim=False)
