"""Which countries are worth naming beside a vote: permanent members and regional peers.

The table lives in `data/regions.toml`; this module only reads it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path


class RegionsError(ValueError):
    """The regions file is missing or malformed; the message names the file."""


class Notables:
    """Permanent members of the Security Council plus each seat's regional peers."""

    def __init__(self, permanent: Iterable[str], regions: dict[str, list[str]]) -> None:
        self.permanent: tuple[str, ...] = tuple(permanent)
        self.region_of: dict[str, str] = {}
        self.members: dict[str, tuple[str, ...]] = {}
        for region, codes in regions.items():
            self.members[region] = tuple(codes)
            for code in codes:
                self.region_of[code] = region

    @classmethod
    def load(cls, path: Path) -> Notables:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise RegionsError(f"{path}: the regions file is missing") from None
        except tomllib.TOMLDecodeError as exc:
            raise RegionsError(f"{path}: not valid TOML ({exc})") from None
        permanent = data.get("permanent", {}).get("codes")
        regions = data.get("regions")
        if not isinstance(permanent, list) or not isinstance(regions, dict):
            raise RegionsError(f"{path}: needs [permanent] codes = [...] and a [regions] table")
        return cls(permanent, regions)

    def peers(self, code: str) -> tuple[str, ...]:
        """The seats in the same region, the seat itself excluded."""
        region = self.region_of.get(code)
        if region is None:
            return ()
        return tuple(c for c in self.members[region] if c != code)

    def notable_for(self, code: str) -> frozenset[str]:
        """Seats worth naming when `code` is the subject of the answer."""
        return frozenset(self.permanent) | frozenset(self.peers(code))

    def rank(self, code: str) -> int:
        """Sort key: permanent members first, in the table's order."""
        try:
            return self.permanent.index(code)
        except ValueError:
            return len(self.permanent)
