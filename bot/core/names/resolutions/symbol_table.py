"""Resolutions by symbol: every recorded one under its symbol and its drafts' symbols, so a
symbol typed in any spelling ("es11/1", "A/RES/2758 (XXVI)", "A/ES-11/L.1") finds it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.core.models import Resolution
from bot.core.names.resolutions.symbols import (
    SymbolKey,
    parse_drafts,
    parse_stored_symbol,
    parse_typed_symbol,
)

NEIGHBOURS = 3  # recorded resolutions numbered close to a missing symbol, offered instead
NEIGHBOUR_REACH = 40


SYMBOLS = "symbol"  # the index entries: each resolution's parsed symbol
DRAFTS = "draft"  # ... and its drafts'


def _key_text(key: SymbolKey) -> str:
    return f"{key.body}\t{key.suffix}\t{key.session}"


def symbol_entries(resolutions: Sequence[Resolution]) -> list[tuple[str, str, int]]:
    """(kind, parsed symbol, resolution id) for the index: symbols parsed once."""
    out: list[tuple[str, str, int]] = []
    for r in resolutions:
        key = parse_stored_symbol(r.symbol)
        if key is None:
            continue
        out.append((SYMBOLS, _key_text(key), r.id))
        out += [(DRAFTS, _key_text(d), r.id) for d in parse_drafts(r.draft)]
    return out


class SymbolTable:
    def __init__(
        self,
        resolutions: Sequence[Resolution],
        symbols: Iterable[tuple[str, int]],
        drafts: Iterable[tuple[str, int]],
    ) -> None:
        """`symbols` and `drafts`: (parsed symbol, resolution id), as the index lists them."""
        self.by_id: dict[int, Resolution] = {r.id: r for r in resolutions}
        self.by_symbol: dict[str, Resolution] = {r.symbol: r for r in resolutions}
        self._by_body: dict[str, list[int]] = {}
        self._keys: dict[int, SymbolKey] = {}
        for text, rid in symbols:
            key = SymbolKey(*text.split("\t"))
            self._keys[rid] = SymbolKey(key.body, key.suffix, key.session)
            self._by_body.setdefault(key.body, []).append(rid)
        for text, rid in drafts:
            self._by_body.setdefault(text.split("\t")[0], []).append(rid)
        self.compact = {
            r.id: r.symbol.upper().replace(" ", "").replace("A/RES/", "") for r in resolutions
        }

    def lookup(self, key: SymbolKey) -> list[int]:
        """The resolutions a parsed symbol names: one, several parts, or none."""
        ids = self._by_body.get(key.body, [])
        if key.session:
            ids = [rid for rid in ids if self._keys.get(rid, key).session in ("", key.session)]
        if key.suffix:
            exact = [rid for rid in ids if self._keys.get(rid, key).suffix == key.suffix]
            if exact:
                return exact
        if len(ids) > 1:
            whole = [rid for rid in ids if rid in self._keys and not self._keys[rid].suffix]
            if len(whole) == 1:
                return whole
        return list(dict.fromkeys(ids))

    def get(self, symbol: str) -> Resolution | None:
        """The resolution with this symbol, in the data's spelling or any typed one."""
        found = self.by_symbol.get(symbol.strip())
        if found is not None:
            return found
        key = parse_typed_symbol(symbol)
        if key is None:
            return None
        ids = self.lookup(key)
        return self.by_id[ids[0]] if len(ids) == 1 else None

    def neighbours(self, key: SymbolKey) -> list[int]:
        """Recorded resolutions numbered close to a symbol that is not in the data."""
        if key.is_draft or "/" not in key.body:
            return []
        session, _, number = key.body.rpartition("/")
        if not number.isdigit():
            return []
        near: list[tuple[int, int]] = []
        for offset in range(1, NEIGHBOUR_REACH):
            for n in (int(number) - offset, int(number) + offset):
                near += [(offset, rid) for rid in self._by_body.get(f"{session}/{n}", [])]
            if len(near) >= NEIGHBOURS:
                break
        return [rid for _, rid in near[:NEIGHBOURS]]
