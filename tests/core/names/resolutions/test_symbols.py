"""General Assembly document symbols, parsed in any spelling people type."""

from __future__ import annotations

import pytest

from bot.core.names.resolutions.symbols import (
    SymbolKey,
    parse_drafts,
    parse_stored_symbol,
    parse_typed_symbol,
    roman_to_int,
)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("A/RES/ES-11/1", SymbolKey("ES-11/1")),
        ("ES-11/1", SymbolKey("ES-11/1")),
        ("es11/1", SymbolKey("ES-11/1")),
        ("ES 11/1", SymbolKey("ES-11/1")),
        ("ES-XI/1", SymbolKey("ES-11/1")),
        ("es-11-1", SymbolKey("ES-11/1")),
        ("ES-11/L.1", SymbolKey("L:ES-11/L.1")),
        ("68/262", SymbolKey("68/262")),
        ("res 68/262", SymbolKey("68/262")),
        ("resolution 68/262", SymbolKey("68/262")),
        ("A/RES/2758 (XXVI)", SymbolKey("#2758", "", "26")),
        ("2758 XXVI", SymbolKey("#2758", "", "26")),
        ("2758", SymbolKey("#2758")),
        ("79/259 A", SymbolKey("79/259", "A")),
        ("A/RES/39/148[B]", SymbolKey("39/148", "B")),
        ("A/ES-11/L.1", SymbolKey("L:ES-11/L.1")),
        ("a/es-10/l.31/rev.1", SymbolKey("L:ES-10/L.31/REV.1")),
    ],
)
def test_typed_symbols(typed: str, key: SymbolKey) -> None:
    assert parse_typed_symbol(typed) == key


@pytest.mark.parametrize(
    "text",
    [
        "cuba embargo 2016",
        "the crimea vote",
        "S/RES/2334",
        "gaza 10/2023",
        "1986-1987",
        "68-262",
        "UNSCR 242",
        "",
    ],
)
def test_text_that_is_not_a_general_assembly_symbol(text: str) -> None:
    assert parse_typed_symbol(text) is None


@pytest.mark.parametrize(
    ("stored", "key"),
    [
        ("A/RES/17(I)[RULE-73]", SymbolKey("#17", "RULE-73", "1")),
        ("A/RES/36//235IX", SymbolKey("36/235", "IX")),
        ("A/RES/997(ES-I)", SymbolKey("#997", "", "ES-1")),
        ("A/RES/ES-8/1A", SymbolKey("ES-8/1", "A")),
        ("A/RES/31/6[A]", SymbolKey("31/6", "A")),
        ("A/73/L.42", SymbolKey("L:73/L.42")),
        ("MISSING_DATA-3836031", None),
    ],
)
def test_stored_symbols(stored: str, key: SymbolKey | None) -> None:
    assert parse_stored_symbol(stored) == key


def test_draft_cells_give_each_draft_and_revision() -> None:
    keys = parse_drafts("A/ES-10/L.31/Rev.1 and A/ES-10/L.31/Rev.1/Add.1")
    assert [k.body for k in keys] == ["L:ES-10/L.31", "L:ES-10/L.31/REV.1"]
    assert parse_drafts("A/78/409, para. 89") == []


def test_roman_numerals() -> None:
    assert [roman_to_int(t) for t in ("XXVI", "XIV", "IV", "IIII", "MIX")] == [
        26,
        14,
        4,
        None,
        None,
    ]
