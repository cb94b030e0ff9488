"""Group names and memberships over time, from a small groups file and the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.names.groups import Groups, GroupsFileError
from tests.paths import DATA

SAMPLE = """
[groups.eu]
name = "European Union"
kind = "political"
aliases = ["eu", "european union"]
source = "https://european-union.europa.eu"
members = [
  { code = "FRA", from = "1958-01-01" },
  { code = "GBR", from = "1973-01-01", until = "2020-01-31" },
  { code = "HRV", from = "2013-07-01" },
]

[groups.nordic]
name = "Nordic countries"
kind = "other"
aliases = ["nordics", "nordic countries"]
members = [{ code = "NOR" }, { code = "SWE" }]
"""


def groups_from(tmp_path: Path, text: str) -> Groups:
    (tmp_path / "groups.toml").write_text(text, encoding="utf-8")
    return Groups.load(tmp_path)


def test_membership_follows_the_dates(tmp_path: Path) -> None:
    eu = groups_from(tmp_path, SAMPLE).get("eu")
    assert eu is not None
    assert eu.members_on("1970-06-01") == {"FRA"}
    assert eu.members_on("2020-01-31") == {"FRA", "GBR", "HRV"}
    assert eu.members_on("2020-02-01") == {"FRA", "HRV"}
    assert eu.ever() == {"FRA", "GBR", "HRV"}


@pytest.mark.parametrize(
    ("text", "gid"),
    [
        ("EU", "eu"),
        ("the EU", "eu"),
        ("the european union", "eu"),
        ("EU members", "eu"),
        ("eu member states", "eu"),
        ("Nordic countries", "nordic"),
        ("the nordics", "nordic"),
        ("nordic", "nordic"),
    ],
)
def test_a_group_is_found_the_way_people_type_it(tmp_path: Path, text: str, gid: str) -> None:
    found = groups_from(tmp_path, SAMPLE).find(text)
    assert found is not None and found.id == gid


@pytest.mark.parametrize("text", ["france", "europe union treaty", "", "members", "the"])
def test_other_words_name_no_group(tmp_path: Path, text: str) -> None:
    assert groups_from(tmp_path, SAMPLE).find(text) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[groups.x]\nmembers = [{ code = "FRA", from = "1958-13-01" }]', "not an ISO date"),
        (
            '[groups.x]\nmembers = [{ code = "FRA", from = "2000-01-01", until = "1999-01-01" }]',
            "before from",
        ),
        ('[groups.x]\nmembers = [{ from = "2000-01-01" }]', "needs a code"),
        ('[groups.x]\nkind = "club"', "kind"),
        ('[groups.x]\naliases = ["same"]\n[groups.y]\naliases = ["same"]', "names both"),
        ("[groups.x\n", "groups.toml"),
    ],
)
def test_a_bad_file_is_refused_with_where(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(GroupsFileError, match=message):
        groups_from(tmp_path, body)


def test_no_file_means_no_groups(tmp_path: Path) -> None:
    assert len(Groups.load(tmp_path)) == 0


def test_the_project_file_loads_and_every_group_has_a_source() -> None:
    groups = Groups.load(DATA)
    assert len(groups) >= 15
    for g in groups:
        assert g.source.startswith("http"), g.id
        assert g.members, g.id
    eu = groups.find("the EU")
    assert eu is not None
    assert "GBR" in eu.members_on("2019-12-31") and "GBR" not in eu.members_on("2020-02-01")
    regional = [g for g in groups if g.kind == "regional"]
    assert len(regional) == 5


@pytest.mark.slow
def test_every_member_of_the_project_file_is_a_seat_of_the_real_data(real_db: Path) -> None:
    from bot.core.data.store import Store

    store = Store(real_db)
    try:
        seats = {c.code for c in store.countries()}
    finally:
        store.close()
    groups = Groups.load(DATA)
    unknown = {g.id: sorted(g.ever() - seats) for g in groups if g.ever() - seats}
    assert unknown == {}
    # the five regional groups hold every seat of 2026, each in one group only
    regional = [g.members_on("2026-01-01") for g in groups if g.kind == "regional"]
    counted = [c for members in regional for c in members]
    assert len(counted) == len(set(counted)) >= 193
