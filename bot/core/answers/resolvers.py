"""What the answers need of the names stage: a country and a resolution resolver."""

from __future__ import annotations

from typing import Protocol

from bot.core.models import Candidate, Country, Match, Resolution


class CountryResolver(Protocol):
    def resolve(self, text: str, *, on_date: str | None = None) -> Match: ...
    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]: ...
    def get(self, code: str) -> Country | None: ...
    def display_name(self, code: str) -> str: ...


class ResolutionResolver(Protocol):
    def resolve(self, text: str) -> Match: ...
    def suggest(self, fragment: str, *, limit: int = 25) -> list[Candidate]: ...
    def search(
        self,
        topic: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Resolution]: ...
    def get(self, symbol: str) -> Resolution | None: ...
