"""Group names to groups of seats, with membership over time (data/groups.toml).

Takes the text of a name ("the EU", "african countries", "nato members") and gives the
group it names; a group gives the seats that belonged to it on a date. The file is the
only source of memberships; nothing here knows a group by heart.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.text import normalise

GROUPS_FILE = "groups.toml"
# Words around a group's name that do not change which group it is ("the EU members",
# "nato countries"); an alias that itself ends in one of them is matched whole first.
MEMBER_WORDS = ("members", "member states", "member", "countries", "states", "nations")
LEADING_WORDS = ("the",)
KINDS = frozenset({"regional", "political", "economic", "military", "other"})


class GroupsFileError(ValueError):
    """The groups file is not as documented at its top; the message says where."""


@dataclass(frozen=True, slots=True)
class Membership:
    code: str
    since: str | None = None  # ISO dates, inclusive; None: not limited on that side
    until: str | None = None

    def on(self, day: str) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    source: str
    note: str
    members: tuple[Membership, ...]

    def members_on(self, day: str) -> frozenset[str]:
        """The codes of the seats in the group on `day` (an ISO date)."""
        return frozenset(m.code for m in self.members if m.on(day))

    def ever(self) -> frozenset[str]:
        return frozenset(m.code for m in self.members)


class Groups:
    """Every group of the file, found by any of its names."""

    def __init__(self, groups: list[Group]) -> None:
        self._by_id = {g.id: g for g in groups}
        self._by_name: dict[str, Group] = {}
        for g in groups:
            for name in (g.id.replace("_", " "), g.name, *g.aliases):
                key = normalise(name)
                other = self._by_name.get(key)
                if other is not None and other.id != g.id:
                    raise GroupsFileError(f"“{name}” names both {other.id} and {g.id}")
                self._by_name[key] = g

    @classmethod
    def load(cls, data_dir: Path) -> Groups:
        path = data_dir / GROUPS_FILE
        try:
            with path.open("rb") as fh:
                raw = tomllib.load(fh)
        except FileNotFoundError:
            return cls([])
        except tomllib.TOMLDecodeError as exc:
            raise GroupsFileError(f"{path}: {exc}") from exc
        return cls([_group(gid, body) for gid, body in dict(raw.get("groups", {})).items()])

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Group]:
        return iter(self._by_id.values())

    def get(self, group_id: str) -> Group | None:
        return self._by_id.get(group_id)

    def find(self, text: str) -> Group | None:
        """The group `text` names, allowing "the" before it and "members", "countries"
        or "states" after it; None when it names no group."""
        words = normalise(text).split()
        while words and words[0] in LEADING_WORDS and " ".join(words) not in self._by_name:
            words = words[1:]  # already normalised: "the" dropped unless a name keeps it
        key = " ".join(words)
        if key in self._by_name:
            return self._by_name[key]
        for tail in MEMBER_WORDS:
            if key.endswith(" " + tail):
                found = self._by_name.get(key[: -len(tail) - 1])
                if found is not None:
                    return found
        return None


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        date.fromisoformat(text)
    except ValueError as exc:
        raise GroupsFileError(f"{where}: “{text}” is not an ISO date") from exc
    return text


def _group(gid: str, body: dict[str, Any]) -> Group:
    where = f"groups.{gid}"
    kind = str(body.get("kind", "other"))
    if kind not in KINDS:
        raise GroupsFileError(f"{where}: kind “{kind}” is not one of {', '.join(sorted(KINDS))}")
    members = []
    for i, m in enumerate(body.get("members", [])):
        spot = f"{where}.members[{i}]"
        if not isinstance(m, dict) or not str(m.get("code", "")).strip():
            raise GroupsFileError(f"{spot}: a member needs a code")
        since, until = _date(m.get("from"), spot), _date(m.get("until"), spot)
        if since and until and until < since:
            raise GroupsFileError(f"{spot}: until {until} is before from {since}")
        members.append(Membership(str(m["code"]).upper(), since, until))
    return Group(
        id=gid,
        name=str(body.get("name", gid)),
        kind=kind,
        aliases=tuple(str(a) for a in body.get("aliases", [])),
        source=str(body.get("source", "")),
        note=" ".join(str(body.get("note", "")).split()),
        members=tuple(members),
    )
