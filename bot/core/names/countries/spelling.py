"""Spelling keys: a name as it sounds rather than as it is spelt, so that spellings by ear
and old transliterations meet ("Morroco" and "Morocco", "Buthan" and "Bhutan",
"Kirghizstan" and "Kyrgyzstan", "Phillipine" and "Philippines").

The folds are data ([spelling] in data/countries.toml): pairs of letter groups written
alike, applied in order ("ph" -> "f", "kh" -> "k", "y" -> "i"...); doubled letters are
then written once. Only Latin letters are folded; other scripts keep their spelling.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.core.names.countries.names import CountryDataError

_DOUBLED = re.compile(r"(.)\1+")

Folds = tuple[tuple[str, str], ...]


def spelling_folds(data: dict[str, Any], path: Path) -> Folds:
    """The [spelling] folds of the names file, checked: pairs of lower-case letters."""
    spelling = data.get("spelling", {})
    raw = spelling.get("folds", []) if isinstance(spelling, dict) else None
    if not isinstance(raw, list):
        raise CountryDataError(f"{path}: [spelling] folds must be a list of pairs")
    folds = []
    for pair in raw:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(p, str) and p.isascii() and p == p.lower() for p in pair)
            and pair[0]
        ):
            raise CountryDataError(f"{path}: [spelling] fold {pair!r} is not two letter groups")
        folds.append((pair[0], pair[1]))
    return tuple(folds)


def spelling_key(compact: str, folds: Folds) -> str:
    """A normalised name without spaces, written as it sounds: "morroco" -> "moroko"."""
    if not compact.isascii():
        return compact
    for written, said in folds:
        compact = compact.replace(written, said)
    return _DOUBLED.sub(r"\1", compact)
