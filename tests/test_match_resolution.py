"""Resolution matching: symbols, nicknames, titles, dates, recurring items, search."""

from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import cli
from bot.core.data.ingest import import_file
from bot.core.data.store import FTS_TABLE, Store
from bot.core.dates import find_date
from bot.core.names.resolutions.matcher import ResolutionMatcher
from bot.core.names.resolutions.symbols import (
    SymbolKey,
    parse_drafts,
    parse_stored_symbol,
    parse_typed_symbol,
    roman_to_int,
)
from bot.core.names.resolutions.text import (
    acronym_expansions,
    normalize,
    same_series,
    title_acronyms,
)
from bot.core.names.resolutions.titles import TitleIndex

FIXTURE_CSV = Path(__file__).resolve().parent / "fixtures" / "resolutions_mini.csv"
PROJECT = Path(__file__).resolve().parent.parent

NICKNAMES = textwrap.dedent(
    """
    [[nickname]]
    names = ["crimea", "crimea vote"]
    symbol = "A/RES/68/262"

    [[nickname]]
    names = ["cuba embargo"]
    series = "A/RES/80/4"

    [[nickname]]
    names = ["gaza ceasefire"]
    symbols = ["A/RES/ES-10/21", "A/RES/ES-10/22"]

    [[nickname]]
    names = ["not in the data"]
    symbol = "A/RES/99/999"
    """
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("db") / "votes.db"
    import_file(FIXTURE_CSV, path)
    with Store(path) as s:
        yield s  # type: ignore[misc]


@pytest.fixture(scope="module")
def matcher(store: Store, tmp_path_factory: pytest.TempPathFactory) -> ResolutionMatcher:
    aliases = tmp_path_factory.mktemp("aliases")
    (aliases / "resolutions.toml").write_text(NICKNAMES, encoding="utf-8")
    return ResolutionMatcher.from_store(store, aliases_dir=aliases)


# --- symbols ------------------------------------------------------------------------


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


# --- resolve: symbols -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("A/RES/ES-11/1", "A/RES/ES-11/1"),
        ("es11/1", "A/RES/ES-11/1"),
        ("resolution 68/262", "A/RES/68/262"),
        ("A/RES/2758 (XXVI)", "A/RES/2758(XXVI)"),
        ("2758", "A/RES/2758(XXVI)"),
        ("39/148 B", "A/RES/39/148[B]"),
        ("A/ES-11/L.4", "A/RES/ES-11/3"),
        ("A/80/L.6", "A/RES/80/4"),
    ],
)
def test_symbols_in_any_spelling(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "match", match
    assert match.best is not None and match.best.id == symbol


def test_a_symbol_voted_in_parts_is_ambiguous(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("39/148")
    assert match.status == "ambiguous"
    assert {c.id for c in match.candidates} == {"A/RES/39/148[A]", "A/RES/39/148[B]"}


@pytest.mark.parametrize("query", ["A/RES/70/1", "ES-11/7", "A/RES/99/999", "1234"])
def test_symbols_without_a_recorded_vote(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert "not" in match.note and "recorded vote" in match.note


@pytest.mark.parametrize(
    "query", ["S/RES/2334", "Security Council resolution 1860", "UNSCR 242 (1967)"]
)
def test_security_council_resolutions(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert "Security Council" in match.note


# --- resolve: text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("aggression against ukraine", "A/RES/ES-11/1"),
        ("agression agianst ukriane", "A/RES/ES-11/1"),
        ("the one suspending russia from the human rights council", "A/RES/ES-11/3"),
        ("territorial integrity of ukraine", "A/RES/68/262"),
        ("restoration of the lawful rights of china", "A/RES/2758(XXVI)"),
        ("programme budget for the biennium 1986-1987", "A/RES/41/211B"),
    ],
)
def test_titles_paraphrases_and_typos(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "match", match
    assert match.best is not None and match.best.id == symbol


def test_nickname_outranks_titles(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("the crimea vote")
    assert match.ok and match.best is not None and match.best.id == "A/RES/68/262"
    assert matcher.resolve("crimae").best.id == "A/RES/68/262"  # type: ignore[union-attr]


def test_recurring_item_resolves_to_the_newest_and_says_how_many(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("cuba embargo")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/4"
    assert "4 resolutions" in match.note and "3 others" in match.note
    by_title = matcher.resolve("necessity of ending the embargo against cuba")
    assert by_title.ok and by_title.best is not None and by_title.best.id == "A/RES/80/4"
    assert "4 resolutions" in by_title.note  # the "Unites States" variant counts too


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("cuba embargo 2016", "A/RES/71/5"),
        ("cuba embargo in 2004", "A/RES/59/11"),
        ("gaza ceasefire october 2023", "A/RES/ES-10/21"),
        ("gaza ceasefire", "A/RES/ES-10/22"),
        ("protection of civilians 2023-10-27", "A/RES/ES-10/21"),
        ("embargo against cuba nov 2017", "A/RES/72/4"),
        ("cuba embargo 71st session", "A/RES/71/5"),
        ("cuba embargo, session 72", "A/RES/72/4"),
    ],
)
def test_a_date_narrows_the_choice(matcher: ResolutionMatcher, query: str, symbol: str) -> None:
    match = matcher.resolve(query)
    assert match.ok, match
    assert match.best is not None and match.best.id == symbol


def test_a_date_with_nothing_on_it(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("cuba embargo 1950")
    assert match.status != "match"


@pytest.mark.parametrize(
    "query",
    [
        "resolution on martian colonization",
        "narnia",
        "the",
        "",
        "   ",
        '"); DROP TABLE resolutions; --',
        'NEAR(foo bar) OR * ^ "unbalanced',
        "AND OR NOT",
        "x" * 5000,
        "october 2023",
    ],
)
def test_junk_and_invented_names_get_no_match(matcher: ResolutionMatcher, query: str) -> None:
    match = matcher.resolve(query)
    assert match.status == "none"
    assert len(match.candidates) <= 3


def test_none_offers_suggestions_when_something_is_close(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("A/RES/68/263")
    assert match.status == "none"
    assert "A/RES/68/262" in {c.id for c in match.candidates}


def test_ambiguous_keyword_lists_candidates(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("general and complete disarmament")
    assert match.status == "ambiguous"
    assert {"A/RES/39/148[A]", "A/RES/39/148[B]"} <= {c.id for c in match.candidates}


def test_alias_problems_are_reported_not_raised(matcher: ResolutionMatcher) -> None:
    assert any("A/RES/99/999" in p for p in matcher.alias_problems)


def test_a_broken_alias_file_is_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "resolutions.toml").write_text("[[nickname]\nnames = [", encoding="utf-8")
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    assert matcher.alias_problems and "resolutions.toml" in matcher.alias_problems[0]
    assert matcher.resolve("68/262").ok


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80))
def test_any_text_gets_an_answer_not_an_exception(matcher: ResolutionMatcher, text: str) -> None:
    match = matcher.resolve(text)
    assert match.status in ("match", "ambiguous", "none")
    assert match.status != "match" or match.best is not None
    assert len(matcher.suggest(text)) <= 25
    matcher.search(text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.from_regex(r"[AaSs/RrEe ]{0,6}(ES|S|es)?[- ]?\d{1,4}[/ (]\d{0,4}[A-Z)\]]{0,3}"))
def test_symbol_like_text_never_raises(matcher: ResolutionMatcher, text: str) -> None:
    match = matcher.resolve(text)
    assert match.status in ("match", "ambiguous", "none")


# --- helpers --------------------------------------------------------------------


def test_extract_date_forms() -> None:
    when, rest = find_date(normalize("gaza ceasefire 27 October 2023"))
    assert when is not None and when.first == "2023-10-27" and rest == "gaza ceasefire"
    when, rest = find_date(normalize("cuba embargo 2016"))
    assert (
        when is not None
        and when.first == "2016-01-01"
        and when.last == "2016-12-31"
        and rest == "cuba embargo"
    )
    when, _ = find_date(normalize("ukraine 2022-03-02"))
    assert when is not None and when.first == "2022-03-02"
    assert find_date("no date here") == (None, "no date here")


def test_same_series() -> None:
    assert same_series("the situation in afghanistan", "situation in afghanistan")
    assert same_series(
        "advancing responsible state behavior in cyberspace",
        "advancing responsible state behaviour in cyberspace",
    )
    assert not same_series("the situation in niger", "the situation in nigeria")
    assert not same_series("question of cyprus", "question of oman")


# --- get, suggest, search ---------------------------------------------------------


def test_get_accepts_any_spelling(matcher: ResolutionMatcher) -> None:
    assert matcher.get("A/RES/68/262").symbol == "A/RES/68/262"  # type: ignore[union-attr]
    assert matcher.get("es-11/1").symbol == "A/RES/ES-11/1"  # type: ignore[union-attr]
    assert matcher.get("39/148") is None  # two parts: no single resolution
    assert matcher.get("nonsense") is None


def test_suggest(matcher: ResolutionMatcher) -> None:
    assert matcher.suggest("es-11")[0].id.startswith("A/RES/ES-11/")
    ids = [c.id for c in matcher.suggest("ukr")]
    assert "A/RES/68/262" in ids and "A/RES/ES-11/1" in ids
    assert len(matcher.suggest("", limit=5)) == 5
    cuba = [c.id for c in matcher.suggest("cuba emb")]
    assert cuba[0] == "A/RES/80/4"
    assert len(matcher.suggest('"*( OR', limit=25)) <= 25
    assert len(matcher.suggest("the", limit=4)) == 4  # filler only: the newest
    assert "A/RES/ES-11/1" in {c.id for c in matcher.suggest("ag")}  # a short prefix
    embargo = [c.id for c in matcher.suggest("necessity of ending")]
    assert embargo == ["A/RES/80/4"]  # one item, though two spellings of its title


def test_search_is_about_the_topic(matcher: ResolutionMatcher) -> None:
    found = [r.symbol for r in matcher.search("ukraine")]
    assert found[:3] == ["A/RES/ES-11/4", "A/RES/ES-11/3", "A/RES/ES-11/1"]  # newest first
    assert "A/RES/68/262" in found and "A/RES/76/70" in found
    assert "A/RES/80/20" not in found  # about Europe, not Ukraine
    assert [r.symbol for r in matcher.search("ukraine", since="2022-05", until="2022")] == [
        "A/RES/ES-11/4"
    ]
    assert len(matcher.search("ukraine", limit=2)) == 2
    assert matcher.search("crimea")[0].symbol == "A/RES/76/70"
    assert "A/RES/68/262" in {r.symbol for r in matcher.search("crimea")}  # via the nickname
    assert matcher.search("ukriane")  # a typo still finds the topic
    assert matcher.search('") OR NEAR(') == []
    assert matcher.search("the") == []


def test_fts_errors_do_not_escape(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "no_fts.db"
    import_file(FIXTURE_CSV, path)
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE {FTS_TABLE}")
    conn.commit()
    conn.close()
    with Store(path) as bare:
        matcher = ResolutionMatcher.from_store(bare, aliases_dir=tmp_path)
        assert matcher.resolve("aggression against ukraine").best.id == "A/RES/ES-11/1"  # type: ignore[union-attr]
        assert matcher.search("ukraine") == []


# --- the command line -----------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_db(store: Store) -> Path:
    return store.path


@pytest.fixture(autouse=True)
def test_aliases(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The command line reads the test nicknames, which fit the fixture database."""
    (tmp_path / "resolutions.toml").write_text(NICKNAMES, encoding="utf-8")
    monkeypatch.setenv("VOTEBOT_ALIASES_DIR", str(tmp_path))


def test_cli_match_resolution_json(fixture_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["match", "resolution", "es11/3", "--json", "--db", str(fixture_db)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == {
        "query": "es11/3",
        "status": "match",
        "symbol": "A/RES/ES-11/3",
        "title": "Suspension of the rights of membership of the Russian Federation "
        "in the Human Rights Council",
        "score": 100.0,
        "candidates": [],
    }


def test_cli_match_resolution_stdin(fixture_db: Path) -> None:
    lines = "cuba embargo 2016\n39/148\nS/RES/2334\n"
    result = CliRunner().invoke(
        cli, ["match", "resolution", "--stdin", "--db", str(fixture_db)], input=lines
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["status"] for a in answers] == ["match", "ambiguous", "none"]
    assert answers[0]["symbol"] == "A/RES/71/5" and "other" in answers[0]["note"]
    assert {c["symbol"] for c in answers[1]["candidates"]} == {
        "A/RES/39/148[A]",
        "A/RES/39/148[B]",
    }
    assert answers[2]["symbol"] is None and "Security Council" in answers[2]["note"]


def test_cli_match_resolution_text(fixture_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["match", "resolution", "agression agianst ukriane", "--db", str(fixture_db)]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("A/RES/ES-11/1\tAggression against Ukraine")


def test_cli_match_resolution_errors(tmp_path: Path) -> None:
    missing = CliRunner().invoke(
        cli, ["match", "resolution", "68/262", "--db", str(tmp_path / "none.db")]
    )
    assert missing.exit_code == 1
    assert "no vote database" in missing.output and "Traceback" not in missing.output
    no_text = CliRunner().invoke(cli, ["match", "resolution", "--db", str(tmp_path / "x.db")])
    assert no_text.exit_code == 2 and "--stdin" in no_text.output


def test_cli_reports_nicknames_missing_from_the_data(fixture_db: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "resolution", "crimea", "--db", str(fixture_db)])
    assert result.exit_code == 0
    assert result.stdout.startswith("A/RES/68/262")
    assert "warning:" in result.stderr and "A/RES/99/999 not found" in result.stderr


# --- the real data (slow) -----------------------------------------------------------

EVAL_TABLE = PROJECT / "tests" / "eval" / "resolutions.tsv"


@pytest.fixture(scope="module")
def real_store(shared_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("real") / "votes.db"
    import_file(shared_csv, path)
    with Store(path) as s:
        yield s  # type: ignore[misc]


@pytest.fixture(scope="module")
def real_matcher(real_store: Store) -> ResolutionMatcher:
    return ResolutionMatcher.from_store(real_store, aliases_dir=PROJECT / "data")


def _nickname_entries() -> list[dict[str, object]]:
    import tomllib

    with (PROJECT / "data" / "resolutions.toml").open("rb") as fh:
        return list(tomllib.load(fh)["nickname"])


@pytest.mark.slow
def test_every_nickname_entry_is_in_the_data(real_matcher: ResolutionMatcher) -> None:
    assert real_matcher.alias_problems == []


@pytest.mark.slow
@pytest.mark.parametrize("entry", _nickname_entries(), ids=lambda e: str(e["names"][0]))  # type: ignore[index]
def test_every_nickname_resolves_to_its_entry(
    real_matcher: ResolutionMatcher, entry: dict[str, object]
) -> None:
    targets: set[str] = set()
    for key in ("symbol", "series"):
        if key in entry:
            targets.add(real_matcher.get(str(entry[key])).symbol)  # type: ignore[union-attr]
    for symbol in entry.get("symbols", []):  # type: ignore[attr-defined]
        targets.add(real_matcher.get(symbol).symbol)  # type: ignore[union-attr]
    for name in entry["names"]:  # type: ignore[attr-defined]
        match = real_matcher.resolve(name)
        assert match.ok, (name, match)
        assert match.best is not None
        if "series" in entry:
            # a recurring item: the newest resolution with the anchor's title
            anchor = real_matcher.get(str(entry["series"]))
            chosen = real_matcher.get(match.best.id)
            assert anchor is not None and chosen is not None and chosen.date >= anchor.date
        else:
            assert match.best.id in targets, (name, match.best.id, targets)


@pytest.mark.slow
def test_evaluation_table_is_about_recorded_votes(real_matcher: ResolutionMatcher) -> None:
    rows = [line.split("\t") for line in EVAL_TABLE.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(rows) >= 150
    for query, expected, kind in rows:
        symbols = expected.partition(":")[2].split(",") if ":" in expected else [expected]
        for symbol in symbols:
            if symbol and symbol not in ("NONE", "AMBIGUOUS"):
                assert real_matcher.get(symbol) is not None, (query, symbol, kind)


@pytest.mark.slow
def test_evaluation_table_accuracy(real_matcher: ResolutionMatcher) -> None:
    import sys

    sys.path.insert(0, str(PROJECT / "bench"))
    from bench_match_resolution import is_correct, load_table

    table = load_table(EVAL_TABLE)
    wrong = [q for q, e, _ in table if not is_correct(real_matcher.resolve(q), e)]
    assert len(wrong) <= 0.05 * len(table), wrong


@pytest.mark.slow
def test_search_ukraine_on_the_real_data(real_matcher: ResolutionMatcher) -> None:
    found = real_matcher.search("ukraine")
    symbols = {r.symbol for r in found}
    assert {"A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/3", "A/RES/ES-11/6"} <= symbols
    dates = [r.date for r in found]
    assert dates == sorted(dates, reverse=True)
    for r in found:
        text = f"{r.title} {r.subjects}".lower()
        assert "ukrain" in text or "crimea" in text, r.symbol
    assert len(found) < 40


def test_words_table_and_acronyms(store: Store, tmp_path: Path) -> None:
    (tmp_path / "resolutions.toml").write_text(
        '[words]\n"kicked out" = "suspension"\nus = "united states"\n', encoding="utf-8"
    )
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    match = matcher.resolve("russia kicked out of the human rights council")
    assert match.ok and match.best is not None and match.best.id == "A/RES/ES-11/3"
    match = matcher.resolve("the us embargo on cuba 2017")
    assert match.ok and match.best is not None and match.best.id == "A/RES/72/4"
    assert {"osce", "osceu"} & title_acronyms(
        "Cooperation between the United Nations and the Organization for Security and "
        "Co-operation in Europe"
    )
    assert "unrwa" in title_acronyms(
        "Operations of the United Nations Relief and Works Agency for Palestine Refugees"
    )
    assert not title_acronyms("Question of Cyprus")


def test_parts_voted_the_same_day_are_ambiguous(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("question of antarctica")
    assert match.status == "ambiguous"
    assert [c.id for c in match.candidates] == ["A/RES/45/78A", "A/RES/45/78B"]
    assert "1990-12-12" in match.note


def test_words_of_the_longer_title_pick_it(matcher: ResolutionMatcher) -> None:
    # "Territorial integrity of Ukraine: defending the principles of the Charter ..."
    # elaborates "Territorial integrity of Ukraine"
    shorter = matcher.resolve("ukraine territorial integrity")
    assert shorter.ok and shorter.best is not None and shorter.best.id == "A/RES/68/262"
    longer = matcher.resolve("ukraine territorial integrity charter principles")
    assert longer.ok and longer.best is not None and longer.best.id == "A/RES/ES-11/4"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        # "Implementation of the Declaration on the Granting of Independence ..."
        ("declaration on the granting of independence to colonial countries", "A/RES/1514(XV)"),
        # "Optional Protocol to the Convention against Torture and Other Cruel ..."
        ("torture and cruel treatment", "A/RES/80/198"),
    ],
)
def test_a_title_with_words_added_is_about_the_shorter_one(
    real_matcher: ResolutionMatcher, query: str, symbol: str
) -> None:
    match = real_matcher.resolve(query)
    assert match.ok and match.best is not None and match.best.id == symbol


@pytest.mark.slow
def test_one_keyword_stays_ambiguous(real_matcher: ResolutionMatcher) -> None:
    match = real_matcher.resolve("ukraine march 2022")
    assert match.status == "ambiguous"
    assert {"A/RES/ES-11/1", "A/RES/ES-11/2"} <= {c.id for c in match.candidates}


def test_acronyms_keep_the_initials_of_short_words_inside_a_name() -> None:
    found = acronym_expansions("Financing of the United Nations Interim Force in Lebanon")
    assert found["unifil"] == "united nations interim force in lebanon"
    assert found["unifl"] == "united nations interim force lebanon"
    assert not any(a.startswith("o") for a in found)  # no name starts with 'of'


def test_an_acronym_stands_for_its_name(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("unifil")
    assert match.ok and match.best is not None and match.best.id == "A/RES/79/308"
    match = matcher.resolve("unifil financing 2010")
    assert match.ok and match.best is not None and match.best.id == "A/RES/64/282"


def test_a_renamed_recurring_item_resolves_to_its_newest_title(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("use of mercenaries")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/194"
    # a heading shared by different items stays ambiguous
    assert matcher.resolve("general and complete disarmament").status == "ambiguous"


def test_a_month_without_a_year() -> None:
    when, rest = find_date(normalize("the ukraine vote in October"))
    assert when is not None and when.month == 10 and rest == "the ukraine vote in"
    assert when.contains("2022-10-12") and not when.contains("2022-03-02")
    assert find_date("may day") == (None, "may day")  # 'may' is a word first
    assert find_date("dec vote")[0] is None


def test_a_month_without_a_year_narrows(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("territorial integrity of ukraine in october")
    assert match.ok and match.best is not None and match.best.id == "A/RES/ES-11/4"
    match = matcher.resolve("territorial integrity of ukraine in march")
    assert match.ok and match.best is not None and match.best.id == "A/RES/68/262"


def test_a_country_named_as_it_was_called_then(store: Store, tmp_path: Path) -> None:
    (tmp_path / "resolutions.toml").write_text(NICKNAMES, encoding="utf-8")
    countries = Path(__file__).resolve().parent.parent / "data" / "countries.toml"
    (tmp_path / "countries.toml").write_text(countries.read_text(encoding="utf-8"), "utf-8")
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    match = matcher.resolve("the situation in cambodia 1982")
    assert match.ok and match.best is not None and match.best.id == "A/RES/37/6"
    # without the country names, 'cambodia' is in no title of the fixture
    plain = ResolutionMatcher.from_store(store, aliases_dir=tmp_path / "nowhere")
    assert not plain.resolve("the situation in cambodia 1982").ok


def test_successive_titles_of_one_item_give_the_newest(matcher: ResolutionMatcher) -> None:
    # two wordings, each used in its own years: one item renamed, not two items
    match = matcher.resolve("mercenaries violating human rights and self-determination")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/194"


def test_the_one_title_that_starts_with_the_words(matcher: ResolutionMatcher) -> None:
    match = matcher.resolve("israeli settlements in the occupied palestinian territory")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/81"
    match = matcher.resolve("israeli settlement activities")
    assert match.ok and match.best is not None and match.best.id == "A/RES/51/223"


def test_the_one_close_title_with_every_word(store: Store, tmp_path: Path) -> None:
    titles = TitleIndex(store, store.resolutions(), countries_path=tmp_path / "none.toml")
    group = {g.norm: i for i, g in enumerate(titles.groups)}
    declaration = group["united nations declaration on the rights of indigenous peoples"]
    recurring = group["rights of indigenous peoples"]
    close = [(80.0, recurring), (78.0, declaration)]  # as if the scores were this close
    # 'declaration' is in one of the two titles only
    assert titles.only_one_says(close, "rights of indigenous peoples declaration") == declaration
    # both titles say these words: no tie-break
    assert titles.only_one_says(close, "indigenous peoples rights") is None
    # a title that starts with the words beats one that says them later on
    assert titles.only_one_says(close, "rights of indigenous peoples") == recurring


def test_other_names_of_a_country_read_as_its_name(store: Store) -> None:
    countries = Path(__file__).resolve().parent.parent / "data" / "countries.toml"
    titles = TitleIndex(store, store.resolutions(), countries_path=countries)
    # the fixture's seats are Cuba, the United States and Cambodia
    assert titles.say_as_titles("democratic kampuchea vote") == "cambodia vote"
    assert titles.say_as_titles("ivory coast vote") == "ivory coast vote"  # no seat here
    assert titles.say_as_titles("human rights council") == "human rights council"


# --- interchangeable words and nicknames found within a query ------------------------

ALIKE = NICKNAMES + textwrap.dedent(
    """
    [[nickname]]
    names = ["taiwan expulsion", "revoke china seat"]
    symbol = "A/RES/2758(XXVI)"

    [words]
    condemning = ""

    [alike]
    groups = [["embargo", "blockade"], ["expulsion", "expel", "kicked"],
              ["revoke", "revocation", "repeal"]]
    """
)


@pytest.fixture(scope="module")
def alike_matcher(store: Store, tmp_path_factory: pytest.TempPathFactory) -> ResolutionMatcher:
    aliases = tmp_path_factory.mktemp("alike")
    (aliases / "resolutions.toml").write_text(ALIKE, encoding="utf-8")
    return ResolutionMatcher.from_store(store, aliases_dir=aliases)


def test_a_word_of_an_alike_group_counts_as_the_title_s_word(
    matcher: ResolutionMatcher, alike_matcher: ResolutionMatcher
) -> None:
    query = "ending the blockade against cuba"
    match = alike_matcher.resolve(query)
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/4"
    # without the [alike] group, 'blockade' is in no title: the reading scores lower
    plain = matcher.resolve(query)
    assert plain.best is not None and plain.best.score < match.best.score


def test_a_nickname_is_found_in_any_order_and_with_an_alike_word(
    alike_matcher: ResolutionMatcher,
) -> None:
    for query in (
        "taiwan kicked out",
        "expel taiwan from the un",
        "the china seat repeal",
        "the resolution condemning taiwan's expulsion",  # a dropped verb is no extra word
    ):
        match = alike_matcher.resolve(query)
        assert match.ok and match.best is not None, query
        assert match.best.id == "A/RES/2758(XXVI)", query


def test_a_nickname_within_a_query_takes_at_most_one_more_word(
    alike_matcher: ResolutionMatcher,
) -> None:
    match = alike_matcher.resolve("taiwan expulsion from unesco and the imf")
    assert match.best is None or match.best.id != "A/RES/2758(XXVI)"
    # a one-word nickname is only the whole query
    match = alike_matcher.resolve("militarization of crimea")
    assert match.best is None or match.best.id != "A/RES/68/262"


def test_a_year_in_the_title_still_narrows_when_the_item_was_voted_then(
    store: Store, tmp_path: Path
) -> None:
    matcher = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    match = matcher.resolve("programme budget for the biennium 1986-1987 revised income 1986")
    assert match.ok and match.best is not None and match.best.id == "A/RES/41/211B"
    # a title that has the year but was not voted on in it is still found, undated
    match = matcher.resolve("programme budget for the biennium 1986-1987 revised income")
    assert match.ok and match.best is not None and match.best.id == "A/RES/41/211B"


def test_alike_groups_in_the_shipped_data_are_read() -> None:
    import tomllib

    data = tomllib.loads((PROJECT / "data" / "resolutions.toml").read_text(encoding="utf-8"))
    groups = data["alike"]["groups"]
    assert groups and all(isinstance(g, list) and len(g) >= 2 for g in groups)
    words = [normalize(w) for g in groups for w in g]
    assert len(words) == len(set(words)), "a word may belong to one group only"


def test_a_phrase_said_by_successive_titles_gives_the_newest(matcher: ResolutionMatcher) -> None:
    titles = matcher._titles
    scored = titles.score_text("use of mercenaries as a means", None)
    newest = titles.renamed_by_phrase(scored, "use of mercenaries as a means")
    assert newest is not None
    assert matcher.get("A/RES/80/194") is not None
    assert titles.groups[newest].members[-1] == matcher.get("A/RES/80/194").id  # type: ignore[union-attr]
    # the title itself is not read as a phrase of a longer one
    exact = titles.score_text("rights of indigenous peoples", None)
    assert titles.renamed_by_phrase(exact, "rights of indigenous peoples") is None


def test_a_reading_whose_title_has_every_word_and_leads_is_taken(
    matcher: ResolutionMatcher,
) -> None:
    match = matcher.resolve("israeli settlements 2025")
    assert match.ok and match.best is not None and match.best.id == "A/RES/80/81"


def test_search_finds_a_topic_by_a_word_of_its_alike_group(
    matcher: ResolutionMatcher, alike_matcher: ResolutionMatcher
) -> None:
    found = {r.symbol for r in alike_matcher.search("cuba blockade")}
    assert {"A/RES/80/4", "A/RES/71/5"} <= found
    assert not matcher.search("cuba blockade")  # no title says 'blockade'


def test_a_grown_recurring_title_is_not_taken_over_a_one_off(
    matcher: ResolutionMatcher,
) -> None:
    titles = matcher._titles
    # the 2007 declaration (one-off) and the yearly 'rights of indigenous peoples' item
    scored = titles.score_text("rights of indigenous peoples declaration", None)
    assert titles.grown_item(scored, "rights of indigenous peoples declaration") is None


def test_answers_do_not_depend_on_what_was_asked_before(store: Store, tmp_path: Path) -> None:
    """The matcher keeps recent lookups and scores; a query reads the same either way,
    including the same words with other filler words, other dates and a year that
    belongs to a title."""
    (tmp_path / "resolutions.toml").write_text(NICKNAMES, encoding="utf-8")
    queries = [
        "cuba embargo",
        "the cuba embargo",
        "of the cuba embargo",
        "cuba embargo 2016",
        "cuba embargo 1950",
        "the cuba embargo in 2017",
        "territorial integrity of ukraine in march",
        "territorial integrity of ukraine in october",
        "territorial integrity of ukraine",
        "programme budget for the biennium 1986-1987 revised income 1986",
        "programme budget 1986",
        "general and complete disarmament",
        "the general and complete disarmament",
        "unifil financing 2010",
        "unifil",
        "question of antarctica",
        "agression agianst ukriane",
    ]
    shared = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
    for _ in range(2):
        for query in queries:
            fresh = ResolutionMatcher.from_store(store, aliases_dir=tmp_path)
            assert shared.resolve(query) == fresh.resolve(query), query
