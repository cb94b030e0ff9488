"""CountryMatcher: names, codes, typos, former states, dates, ambiguity and junk."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.data.store import SCHEMA_SQL, Store
from bot.core.models import Country
from bot.core.names.countries.matcher import (
    CountryDataError,
    CountryMatcher,
    name_variants,
)
from bot.core.render.matches import match_json
from bot.core.text import normalise
from tests.country_data import countries_from_csv, load_eval_table

ALIASES = Path(__file__).resolve().parent.parent / "data" / "countries.toml"


def seat(code: str, name: str, first: str = "1946-01-26", last: str = "2026-06-04", *recorded):
    return Country(
        code=code,
        name=name,
        first_date=first,
        last_date=last,
        former=last < "2025",
        recorded_names=tuple(recorded) or (name.upper(),),
    )


# A hand-written slice of the seats, with every kind of history the matcher handles.
SEATS = [
    seat("ALB", "Albania", "1955-12-15"),
    seat("ARE", "United Arab Emirates", "1971-10-07"),
    seat("BEN", "Benin", "1960-10-08", "2026-06-04", "DAHOMEY", "BENIN"),
    seat("BFA", "Burkina Faso", "1960-10-08", "2026-06-04", "UPPER VOLTA", "BURKINA FASO"),
    seat("CHL", "Chile"),
    seat("CIV", "Côte d'Ivoire", "1960-10-08", "2026-06-04", "IVORY COAST", "COTE D'IVOIRE"),
    seat("COD", "Democratic Republic of the Congo", "1960-10-08", "2026-06-04",
         "CONGO (LEOPOLDVILLE)", "ZAIRE", "DEMOCRATIC REPUBLIC OF THE CONGO"),
    seat("COG", "Congo", "1960-10-08", "2026-06-04", "CONGO (BRAZZAVILLE)", "CONGO"),
    seat("CYP", "Cyprus", "1960-10-08"),
    seat("CSK", "Czechoslovakia", "1946-01-26", "1992-12-22"),
    seat("CZE", "Czechia", "1993-04-29", "2026-06-04", "CZECH REPUBLIC", "CZECHIA"),
    seat("DDR", "German Democratic Republic", "1973-10-26", "1989-12-29"),
    seat("DEU", "Germany", "1990-11-01"),
    seat("DMA", "Dominica", "1978-11-03"),
    seat("DOM", "Dominican Republic"),
    seat("ESP", "Spain", "1955-12-15"),
    seat("EST", "Estonia", "1991-10-16"),
    seat("FRA", "France"),
    seat("GBR", "United Kingdom"),
    seat("GER", "Germany, Federal Republic of", "1973-10-26", "1989-12-29"),
    seat("GIN", "Guinea", "1958-12-13"),
    seat("GNB", "Guinea-Bissau", "1974-09-30"),
    seat("GNQ", "Equatorial Guinea", "1968-11-19"),
    seat("IRN", "Iran (Islamic Republic of)", "1946-01-26", "2026-06-04", "IRAN",
         "IRAN (ISLAMIC REPUBLIC OF)"),
    seat("IRL", "Ireland", "1955-12-15"),
    seat("IRQ", "Iraq"),
    seat("KOR", "Republic of Korea", "1991-10-16"),
    seat("LBY", "Libya", "1955-12-15", "2026-06-04", "LIBYA", "LIBYAN ARAB JAMAHIRIYA"),
    seat("LVA", "Latvia", "1991-10-16"),
    seat("LKA", "Sri Lanka", "1955-12-15", "2026-06-04", "CEYLON", "SRI LANKA"),
    seat("MMR", "Myanmar", "1948-05-14", "2026-06-04", "BURMA", "MYANMAR"),
    seat("MNE", "Montenegro", "2006-06-30"),
    seat("NER", "Niger", "1960-10-08"),
    seat("NGA", "Nigeria", "1960-10-08"),
    seat("OMN", "Oman", "1971-10-07"),
    seat("PER", "Peru"),
    seat("PHL", "Philippines"),
    seat("PNG", "Papua New Guinea", "1975-11-10"),
    seat("PRK", "Democratic People's Republic of Korea", "1991-10-16"),
    seat("RUS", "Russian Federation", "1992-08-25"),
    seat("SCG", "Serbia and Montenegro", "2003-06-18", "2006-05-08"),
    seat("SDN", "Sudan", "1956-11-12"),
    seat("SRB", "Serbia", "2006-06-30"),
    seat("SSD", "South Sudan", "2011-01-01"),
    seat("SUN", "USSR", "1946-01-26", "1991-12-20"),
    seat("SVK", "Slovakia", "1993-04-29"),
    seat("SWE", "Sweden", "1946-12-08"),
    seat("TCD", "Chad", "1960-10-08"),
    seat("SWZ", "Eswatini", "1968-11-07", "2026-06-04", "SWAZILAND", "ESWATINI"),
    seat("TUR", "Türkiye", "1946-01-26", "2026-06-04", "TURKEY", "TURKIYE"),
    seat("TZA", "United Republic of Tanzania", "1961-12-15", "2026-06-04", "TANGANYIKA",
         "UNITED REPUBLIC OF TANZANIA"),
    seat("USA", "United States"),
    seat("YEM", "Yemen", "1947-10-21"),
    seat("YMD", "Democratic Yemen", "1967-12-14", "1989-12-29", "SOUTHERN YEMEN",
         "DEMOCRATIC YEMEN"),
    seat("YUG", "Yugoslavia", "1946-01-26", "2002-12-20"),
    seat("ZZB", "Zanzibar", "1963-12-16", "1963-12-17"),
]  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> CountryMatcher:
    return CountryMatcher(SEATS, aliases_path=ALIASES)


def resolved(matcher: CountryMatcher, text: str, on_date: str | None = None) -> str | None:
    result = matcher.resolve(text, on_date=on_date)
    return result.best.id if result.status == "match" and result.best else None


# --- text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d'Ivoire", "cote divoire"),
        ("  Trinidad & Tobago ", "trinidad and tobago"),
        ("GUINEA-BISSAU", "guinea bissau"),
        ("Türkiye", "turkiye"),
        ("São Tomé", "sao tome"),
        ("U.S.A.", "u s a"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_name_variants_uninvert_and_unbracket() -> None:
    assert "Republic of Korea" in name_variants("Korea, Republic of")
    assert {"Iran", "Islamic Republic of Iran"} <= name_variants("Iran (Islamic Republic of)")


# --- matches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # official UN names and ISO names
        ("Democratic People's Republic of Korea", "PRK"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Republic of Tanzania", "TZA"),
        ("Korea, Republic of", "KOR"),
        ("Russian Federation", "RUS"),
        # short and common names
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Tanzania", "TZA"),
        ("Dominica", "DMA"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        # colloquial names
        ("Britain", "GBR"),
        ("Ivory Coast", "CIV"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("America", "USA"),
        ("the States", "USA"),
        # abbreviations, in any case and with dots
        ("UK", "GBR"),
        ("USA", "USA"),
        ("u.s.", "USA"),
        ("UAE", "ARE"),
        ("DRC", "COD"),
        ("DPRK", "PRK"),
        ("rok", "KOR"),
        # ISO codes in any case, and the file's codes for former states
        ("GB", "GBR"),
        ("fr", "FRA"),
        ("deu", "DEU"),
        ("SUN", "SUN"),
        ("DDR", "DDR"),
        ("🇫🇷", "FRA"),  # a flag is its ISO code
        # native names, with and without diacritics
        ("Deutschland", "DEU"),
        ("España", "ESP"),
        ("Espana", "ESP"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Sverige", "SWE"),
        # odd case, spacing and punctuation
        ("  fRaNcE ", "FRA"),
        ("unitedstates", "USA"),
        ("united-states", "USA"),
        ("Cote dIvoire", "CIV"),
        ("Germany!", "DEU"),
        # former names and former states
        ("Burma", "MMR"),
        ("Zaire", "COD"),
        ("Swaziland", "SWZ"),
        ("Ceylon", "LKA"),
        ("Dahomey", "BEN"),
        ("Upper Volta", "BFA"),
        ("Soviet Union", "SUN"),
        ("East Germany", "DDR"),
        ("West Germany", "GER"),
        ("Czechoslovakia", "CSK"),
        ("Yugoslavia", "YUG"),
        ("South Yemen", "YMD"),
        # two names of one seat side by side
        ("Myanmar (Burma)", "MMR"),
        ("Swaziland/Eswatini", "SWZ"),
    ],
)
def test_resolves(matcher: CountryMatcher, query: str, code: str) -> None:
    assert resolved(matcher, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("north kora", "PRK"),  # a letter missing
        ("Rusia", "RUS"),
        ("Germnay", "DEU"),  # two letters swapped
        ("Frnace", "FRA"),
        ("Phillipines", "PHL"),  # two slips in a long name
        ("Untied States", "USA"),
        ("Lybia", "LBY"),  # two letters swapped across one
        ("Swedan", "SWE"),
        ("Nigerai", "NGA"),
        ("Irak", "IRQ"),
        ("Eswtni", "SWZ"),  # two letters dropped
        ("Chda", "TCD"),  # short names take swapped letters, not replaced ones
        ("Latvai", "LVA"),
        ("Chil", "CHL"),
    ],
)
def test_tolerates_typos(matcher: CountryMatcher, query: str, code: str) -> None:
    assert resolved(matcher, query) == code


@pytest.mark.parametrize(
    "word", ["chat", "child", "while", "woman", "nigel", "pure", "Latveria", "Elbonia"]
)
def test_words_near_a_name_are_not_typos(matcher: CountryMatcher, word: str) -> None:
    assert matcher.resolve(word).status != "match"


def test_exact_match_scores_highest(matcher: CountryMatcher) -> None:
    exact = matcher.resolve("France").best
    typo = matcher.resolve("Frnace").best
    assert exact is not None and typo is not None
    assert exact.score == 100.0 > typo.score


# --- ambiguity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "on_date", "codes", "default"),
    [
        ("Congo", None, {"COG", "COD"}, "COG"),
        ("Korea", None, {"KOR", "PRK"}, None),
        ("Guinea", None, {"GIN", "GNB", "GNQ", "PNG"}, "GIN"),
        ("Sudan", None, {"SDN", "SSD"}, "SDN"),
        ("Dominican", None, {"DOM", "DMA"}, "DOM"),
        ("Yemen", "1985", {"YEM", "YMD"}, "YEM"),
        ("Germany", "1985", {"GER", "DDR"}, "GER"),
        ("Germany", "1975-11-10", {"GER", "DDR"}, "GER"),
        ("Tanzania", "1963", {"TZA", "ZZB"}, "TZA"),
        ("Czechoslovakia", "2000", {"CZE", "SVK"}, "CZE"),
        ("Guinea", "1970", {"GIN", "GNQ"}, "GIN"),  # not yet Guinea-Bissau or Papua
    ],
)
def test_ambiguous(
    matcher: CountryMatcher, query: str, on_date: str | None, codes: set[str], default: str | None
) -> None:
    result = matcher.resolve(query, on_date=on_date)
    assert result.status == "ambiguous"
    assert {c.id for c in result.candidates} == codes
    assert (result.best.id if result.best else None) == default
    assert result.note


@pytest.mark.parametrize(
    ("query", "on_date"),
    [("Yemen", None), ("Germany", None), ("Guinea-Bissau", None), ("Sudan", "2005")],
)
def test_unambiguous(matcher: CountryMatcher, query: str, on_date: str | None) -> None:
    assert matcher.resolve(query, on_date=on_date).status == "match"


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "on_date", "code", "note_mentions"),
    [
        ("Russia", "1980", "SUN", "USSR"),
        ("Russian Federation", "1960-10-12", "SUN", "USSR"),
        ("Russia", "1991", "SUN", "USSR"),  # the 1991 votes were the USSR's
        ("Russia", "1992", "RUS", ""),
        ("USSR", "2000", "RUS", "Russia"),
        ("Germany", "1990", "DEU", ""),  # every 1990 vote came after unification
        ("West Germany", "2003", "DEU", "Germany"),
        ("East Germany", "2010-05-01", "DEU", "Germany"),
        ("Czech Republic", "1980", "CSK", "Czechoslovakia"),
        ("Serbia", "1985", "YUG", "Yugoslavia"),
        ("Montenegro", "1990", "YUG", "Yugoslavia"),
        ("Montenegro", "2005", "SCG", "Serbia and Montenegro"),
        ("Yugoslavia", "2004", "SCG", "Serbia and Montenegro"),
        ("South Yemen", "2000", "YEM", "Yemen"),
        ("Zanzibar", "1990", "TZA", "Tanzania"),
        ("Yemen", "1960", "YEM", ""),
        ("North Yemen", "1980", "YEM", ""),  # names one of the two seats, not the merger
        ("Germany", "1972", "DEU", "no recorded vote"),  # neither German state had a seat
    ],
)
def test_time_aware(
    matcher: CountryMatcher, query: str, on_date: str, code: str, note_mentions: str
) -> None:
    result = matcher.resolve(query, on_date=on_date)
    assert result.status == "match" and result.best is not None
    assert result.best.id == code
    if note_mentions:
        assert note_mentions in result.note
    else:
        assert result.note == ""


def test_not_yet_a_member_is_said(matcher: CountryMatcher) -> None:
    result = matcher.resolve("South Sudan", on_date="1990")
    assert result.best is not None and result.best.id == "SSD"
    assert "2011-01-01" in result.note


@pytest.mark.parametrize("bad", ["85", "1985-3-1", "yesterday", "1985/03/01"])
def test_bad_date_is_a_clear_error(matcher: CountryMatcher, bad: str) -> None:
    with pytest.raises(ValueError, match="1985-03-01"):
        matcher.resolve("France", on_date=bad)


# --- no match -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Kosovo",
        "Palestine",
        "State of Palestine",
        "Holy See",
        "Vatican",
        "Taiwan",
        "Puerto Rico",
        "Northern Ireland",
        "North Cyprus",
        "Narnia",
        "Wakanda",
        "the",
        "south",
        "republic",
        "asdf",
        "",
        "   ",
        "how did france vote on the resolution about the middle east " * 4,
    ],
)
def test_no_confident_match(matcher: CountryMatcher, query: str) -> None:
    result = matcher.resolve(query)
    assert result.status == "none"
    assert result.best is None
    assert len(result.candidates) <= 3


def test_observer_is_named_as_such(matcher: CountryMatcher) -> None:
    assert "observer" in matcher.resolve("Palestine").note


def test_suggestions_for_a_near_miss(matcher: CountryMatcher) -> None:
    result = matcher.resolve("Swedenland")
    assert result.status == "none"
    assert result.candidates[0].id == "SWE"
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_common_word_versus_code(matcher: CountryMatcher) -> None:
    assert matcher.resolve("it").status == "none"
    assert resolved(matcher, "IT") is None  # Italy is not among these seats
    assert matcher.resolve("can").status == "none"
    assert resolved(matcher, "FR") == "FRA"


# --- suggest, get, display_name ---------------------------------------------------------


def test_suggest_prefix(matcher: CountryMatcher) -> None:
    ids = [c.id for c in matcher.suggest("ger")]
    assert ids[0] == "DEU"
    assert {"GER", "DDR"} <= set(ids)


def test_suggest_fragment_and_limit(matcher: CountryMatcher) -> None:
    ids = [c.id for c in matcher.suggest("guinea", limit=3)]
    assert len(ids) == 3
    assert ids[0] == "GIN"
    assert [c.id for c in matcher.suggest("sudan")][:2] == ["SDN", "SSD"]


def test_suggest_empty_lists_current_members(matcher: CountryMatcher) -> None:
    found = matcher.suggest("")
    assert 0 < len(found) <= 25
    assert not {"SUN", "DDR", "GER"} & {c.id for c in found}
    assert matcher.suggest("", limit=0) == []


def test_get_and_display_name(matcher: CountryMatcher) -> None:
    country = matcher.get("sun")
    assert country is not None and country.code == "SUN"
    assert matcher.get("XXX") is None
    assert matcher.display_name("SUN") == "USSR"
    assert matcher.display_name("RUS") == "Russia"
    assert matcher.display_name("GER") == "West Germany"
    assert matcher.resolve("Russian Federation").best.name == "Russia"  # type: ignore[union-attr]


# --- the names file ------------------------------------------------------------------------


def test_broken_names_file_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "countries.toml"
    broken.write_text("[aliases]\nFRA = [Hexagon]\n", encoding="utf-8")
    with pytest.raises(CountryDataError, match=r"countries\.toml.*line"):
        CountryMatcher(SEATS, aliases_path=broken)


def test_missing_names_file(tmp_path: Path) -> None:
    with pytest.raises(CountryDataError, match="missing"):
        CountryMatcher(SEATS, aliases_path=tmp_path / "countries.toml")


def test_aliases_come_from_the_file(tmp_path: Path) -> None:
    names = tmp_path / "countries.toml"
    names.write_text('[aliases]\nFRA = ["Hexagon"]\n', encoding="utf-8")
    matcher = CountryMatcher(SEATS, aliases_path=names)
    assert resolved(matcher, "Hexagon") == "FRA"
    assert resolved(matcher, "Britain") is None  # the default file's alias is not there


# --- JSON and the command line ----------------------------------------------------------------


def test_match_json_shape(matcher: CountryMatcher) -> None:
    one = match_json(matcher.resolve("france"))
    assert one == {
        "query": "france",
        "status": "match",
        "code": "FRA",
        "name": "France",
        "score": 100.0,
        "candidates": [],
    }
    two = match_json(matcher.resolve("Congo"))
    assert two["status"] == "ambiguous"
    assert {c["code"] for c in two["candidates"]} == {"COG", "COD"}
    assert set(two["candidates"][0]) >= {"code", "name", "score"}
    none = match_json(matcher.resolve("Narnia"))
    assert none["status"] == "none" and none["code"] is None


@pytest.fixture
def seats_db(tmp_path: Path) -> Path:
    """A database with the schema and the countries of SEATS, and no votes."""
    path = tmp_path / "votes.db"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_SQL)
    conn.execute("INSERT INTO metadata VALUES ('schema_version', '1')")
    for c in SEATS:
        conn.execute(
            "INSERT INTO countries VALUES (?, ?, ?, ?, ?)",
            (c.code, c.name, c.first_date, c.last_date, int(c.former)),
        )
        for name in c.recorded_names:
            conn.execute(
                "INSERT INTO member_names (code, name, first_date, last_date) VALUES (?, ?, ?, ?)",
                (c.code, name, c.first_date, c.last_date),
            )
    conn.commit()
    conn.close()
    return path


def test_from_store(seats_db: Path) -> None:
    with Store(seats_db) as store:
        matcher = CountryMatcher.from_store(store, aliases_dir=ALIASES.parent)
    assert resolved(matcher, "Ivory Coast") == "CIV"


def test_cli_match_country_text(seats_db: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "country", "Burma", "--db", str(seats_db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("MMR\tMyanmar")


def test_cli_match_country_json_with_date(seats_db: Path) -> None:
    args = ["match", "country", "Russia", "--json", "--date", "1980", "--db", str(seats_db)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["code"] == "SUN" and payload["status"] == "match"
    assert "USSR" in payload["note"]


def test_cli_match_country_stdin(seats_db: Path) -> None:
    lines = "Congo\nNarnia\nUK\n"
    result = CliRunner().invoke(
        cli, ["match", "country", "--stdin", "--db", str(seats_db)], input=lines
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["status"] for o in out] == ["ambiguous", "none", "match"]
    assert [o["query"] for o in out] == ["Congo", "Narnia", "UK"]
    assert out[2]["code"] == "GBR"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match", "country", "France", "--db", "/nonexistent/votes.db"], "no vote database"),
        (["match", "country"], "give the TEXT"),
        (["match", "country", "France", "--stdin"], "not both"),
    ],
)
def test_cli_errors_are_clear(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_bad_date(seats_db: Path) -> None:
    args = ["match", "country", "France", "--date", "soon", "--db", str(seats_db)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "1985-03-01" in result.output


# --- the real data -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_seats(request: pytest.FixtureRequest) -> list[Country]:
    return countries_from_csv(request.getfixturevalue("shared_csv"))


@pytest.fixture(scope="module")
def real_matcher(real_seats: list[Country]) -> CountryMatcher:
    return CountryMatcher(real_seats, aliases_path=ALIASES)


@pytest.mark.slow
def test_every_seat_reachable_by_code_and_recorded_names(
    real_matcher: CountryMatcher, real_seats: list[Country]
) -> None:
    assert len(real_seats) == 201
    missed = []
    for country in real_seats:
        for text in (country.code, *country.recorded_names):
            result = real_matcher.resolve(text)
            found = {result.best.id} if result.status == "match" and result.best else set()
            if result.status == "ambiguous":
                found = {c.id for c in result.candidates}
            if country.code not in found:
                missed.append((text, country.code, result.status))
    assert missed == []


@pytest.mark.slow
def test_evaluation_table(real_matcher: CountryMatcher) -> None:
    rows = load_eval_table()
    assert len(rows) >= 300
    right, false_matches, negatives = 0, 0, 0
    for row in rows:
        result = real_matcher.resolve(row.query, on_date=row.date)
        if result.status == "match" and result.best is not None:
            codes = frozenset({result.best.id})
        else:
            codes = frozenset(c.id for c in result.candidates)
        if row.negative:
            negatives += 1
            false_matches += result.status == "match"
        else:
            right += row.met_by(result.status, codes)
    assert right / (len(rows) - negatives) >= 0.98
    assert false_matches / negatives <= 0.03


# --- the name a seat was recorded under at the time ------------------------------------

NAME_PERIODS = [
    ("MMR", "BURMA", "1948-05-14", "1989-06-01"),
    ("MMR", "MYANMAR", "1989-06-18", "2026-06-04"),
    ("COD", "CONGO (LEOPOLDVILLE)", "1960-10-08", "1971-10-25"),
    ("COD", "ZAIRE", "1971-11-09", "1997-05-01"),
    ("COD", "DEMOCRATIC REPUBLIC OF THE CONGO", "1997-06-01", "2026-06-04"),
    ("TUR", "TURKEY", "1946-01-26", "2026-04-15"),
    ("TUR", "TURKIYE", "2022-06-08", "2026-06-04"),
]


@pytest.fixture(scope="module")
def named_matcher() -> CountryMatcher:
    return CountryMatcher(SEATS, aliases_path=ALIASES, name_periods=NAME_PERIODS)


@pytest.mark.parametrize(
    ("query", "on_date", "recorded"),
    [
        ("Myanmar", "1970", "Burma"),
        ("Burma", "1970-03-01", "Burma"),
        ("DR Congo", "1965", "Congo (Leopoldville)"),
        ("DRC", "1980", "Zaire"),
        ("Turkey", "2000", "Turkey"),  # renamed Türkiye in 2022
    ],
)
def test_a_date_notes_the_name_the_seat_had_then(
    named_matcher: CountryMatcher, query: str, on_date: str, recorded: str
) -> None:
    result = named_matcher.resolve(query, on_date=on_date)
    assert result.status == "match" and result.best is not None
    assert f"was recorded as {recorded}." in result.note
    assert result.best.note == result.note


@pytest.mark.parametrize(
    ("query", "on_date"),
    [
        ("Myanmar", "2020"),  # today's name
        ("Myanmar", None),  # no date
        ("Turkey", "2024"),  # today's name, recorded beside an older spelling
    ],
)
def test_no_name_note_when_the_name_is_today_s(
    named_matcher: CountryMatcher, query: str, on_date: str | None
) -> None:
    result = named_matcher.resolve(query, on_date=on_date)
    assert result.status == "match"
    assert "recorded as" not in result.note


def test_the_store_gives_the_name_periods(seats_db: Path) -> None:
    with Store(seats_db) as store:
        periods = store.name_periods()
        matcher = CountryMatcher.from_store(store, aliases_dir=ALIASES.parent)
    assert ("MMR", "BURMA") in {(code, name) for code, name, _, _ in periods}
    assert all(first <= last for _, _, first, last in periods)
    assert matcher.resolve("Myanmar", on_date="2020").status == "match"


@pytest.mark.slow
def test_china_before_1971_names_the_government_that_voted(real_matcher: CountryMatcher) -> None:
    matcher = real_matcher
    for when in ("1960", "1971-10-25"):
        result = matcher.resolve("China", on_date=when)
        assert result.ok and result.best is not None and result.best.id == "CHN"
        assert "Republic of China (Taiwan)" in result.note
    assert "Taiwan" not in matcher.resolve("China", on_date="1971-10-26").note
    assert "Taiwan" not in matcher.resolve("China").note
