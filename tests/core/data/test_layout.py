"""Header mapping and value cleaning of the UN file's layouts."""

from __future__ import annotations

import pytest

from bot.core.data.layout import (
    LayoutError,
    clean_title,
    file_date_from_name,
    map_header,
    readable_name,
    session_from_symbol,
)

HEADER_2025 = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,"
    "meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,"
    "total_non_voting,total_ms,undl_link"
).split(",")
HEADER_2024 = (
    "undl_id,ms_codes,ms_names,ms_votes,resolutions,title,modality,draft,committee_report,"
    "meeting,agenda_titles,subjects,date,yes,no,abstentions,non-voting,total-voting,undl_link"
).split(",")


def test_both_published_headers_map_every_column() -> None:
    new = map_header(HEADER_2025)
    old = map_header(HEADER_2024)
    assert (new.name, old.name) == ("2025", "2024")
    assert new.index("ms_vote") == 3 and old.index("ms_vote") == 3
    assert old.index("resolution") == 4 and old.index("total_non_voting") == 16
    assert old.index("session") == -1 and old.index("modality") == 6
    assert new.index("modality") == -1


def test_headers_are_matched_without_regard_to_case_spaces_and_hyphens() -> None:
    layout = map_header([h.upper().replace("_", " ") for h in HEADER_2025])
    assert layout.index("total_abstentions") == 16


def test_an_unknown_header_lists_the_missing_columns() -> None:
    with pytest.raises(LayoutError) as info:
        map_header(["ms_code", "ms_name", "vote", "date", "title"])
    message = str(info.value)
    assert "missing column(s) resolution, total_yes, total_no, total_abstentions, " in message
    assert "total_non_voting" in message and "ms_code" not in message.split("(the header")[0]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Question of Cyprus : resolution / adopted by the General Assembly", "Question of Cyprus"),
        ("Cyprus : resolution / adopted by the General Assembly.", "Cyprus"),
        ("Cyprus : resolution /  adopted by the General Assemly", "Cyprus"),
        ("Cyprus : resolutions / adopted by the General Assembly", "Cyprus"),
        ("Cyprus : resolution / by the General Assembly", "Cyprus"),
        ("Cyprus : resolution / addopted by the General Assembly", "Cyprus"),
        ("Cyprus : resolultion / adopted by the General Assembly", "Cyprus"),
        ("Cyprus resolutio / adopted by the General Assembly", "Cyprus"),
        ("Cyprus : resolution / adopted by the United Nations", "Cyprus"),
        ("Cyprus : resolution / adopted by the Gene[...]", "Cyprus"),
        ("Cyprus : resolutio[...]", "Cyprus"),
        ("Cyprus : resolution adopted b[...]", "Cyprus"),
        ("Cyprus :[...]", "Cyprus"),
        ("Status of internally displaced persons", "Status of internally displaced persons"),
        ("Dispute : resolution of the conflict", "Dispute : resolution of the conflict"),
        (
            "Decisions adopted by the General Assembly at its 10th session : Disarmament Week",
            "Decisions adopted by the General Assembly at its 10th session : Disarmament Week",
        ),
        (
            "A very long title that the catalogue cut short in the middle of a wo[...]",
            "A very long title that the catalogue cut short in the middle of a wo[...]",
        ),
    ],
)
def test_titles_lose_only_the_catalogue_tail(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


@pytest.mark.parametrize(
    ("raw", "readable"),
    [
        ("RUSSIAN FEDERATION", "Russian Federation"),
        (
            "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND",
            "United Kingdom of Great Britain and Northern Ireland",
        ),
        ("CÔTE D'IVOIRE", "Côte d'Ivoire"),
        ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "Lao People's Democratic Republic"),
        ("GUINEA-BISSAU", "Guinea-Bissau"),
        ("BOLIVIA (PLURINATIONAL STATE OF)", "Bolivia (Plurinational State of)"),
        ("SAINT VINCENT AND THE GRENADINES", "Saint Vincent and the Grenadines"),
        ("GERMANY, FEDERAL REPUBLIC OF", "Germany, Federal Republic of"),
        ("USSR", "USSR"),
        ("THE GAMBIA", "The Gambia"),
    ],
)
def test_member_names_are_readably_cased(raw: str, readable: str) -> None:
    assert readable_name(raw) == readable


@pytest.mark.parametrize(
    ("symbol", "session"),
    [
        ("A/RES/77/293", "77"),
        ("A/RES/ES-11/1", "ES-11"),
        ("A/RES/S-32/1", "S-32"),
        ("A/RES/104(S-1)", "S-1"),
        ("A/RES/1001(ES-I)", "ES-1"),
        ("A/RES/17(I)[RULE-73]", "1"),
        ("A/RES/3379(XXX)", "30"),
        ("A/76/L.14", "76"),
        ("MISSING_DATA", ""),
    ],
)
def test_session_from_symbol(symbol: str, session: str) -> None:
    assert session_from_symbol(symbol) == session


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2026_02_06_ga_voting.csv", "2026-02-06"),
        ("2025_7_23_ga_voting.csv", "2025-07-23"),
        ("2024_09_12_ga_resolutions_voting.csv", "2024-09-12"),
        ("unga-votes.csv.gz", None),
        ("2025_13_40_ga_voting.csv", None),
    ],
)
def test_file_date_from_name(name: str, date: str | None) -> None:
    assert file_date_from_name(name) == date
