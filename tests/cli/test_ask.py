"""`votebot ask` and `votebot prompt` end to end over the fixture database (CliRunner).

The fixture database (`fixture_db`) is built in tests/conftest.py from the hand-written
answers CSV; expected values come from tests/answers_fixture.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.answers_fixture import codes_with
from tests.paths import DATA


def ask(db: Path, *text: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ask", *text, "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def ask_json(db: Path, text: str) -> dict:  # type: ignore[type-arg]
    code, out = ask(db, text, "--json")
    data = json.loads(out)
    data["_exit"] = code
    return data


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("/howvoted Eritrea ES-11/1", "howvoted"),
        ('/howvoted "Eritrea" "A/RES/ES-11/1"', "howvoted"),
        ("/howvoted country:Eritrea resolution:ES-11/1", "howvoted"),
        ("/howvoted Eritrea", "recent"),
        ("/resolution ES-11/1", "resolution"),
        ("/compare Cuba India", "compare"),
        ("/compare Cuba India since:1990 until:2023", "compare"),
        ('/compare "United States" Cuba topic:ukraine', "compare"),
        ("/allies Cuba since:1950", "allies"),
        ("/history India ukraine", "history"),
        ("/search ukraine", "search"),
        ("/search ukraine page:1", "search"),
        ("how did eritrea vote on ES-11/1?", "howvoted"),
        ("who voted against ES-11/1?", "resolution"),
        ("who does cuba vote with?", "allies"),
        ("how often do china and india agree?", "compare"),
        ("ES-11/1", "resolution"),
        ("eritrea", "recent"),
    ],
)
def test_every_command_answers_with_exit_0(fixture_db: Path, text: str, kind: str) -> None:
    data = ask_json(fixture_db, text)
    assert data["_exit"] == 0, data
    assert data["kind"] == kind
    code, out = ask(fixture_db, text)
    assert code == 0 and 0 < len(out.rstrip("\n")) <= 2000


def test_howvoted_json_fields_match_the_rows(fixture_db: Path) -> None:
    data = ask_json(fixture_db, "/howvoted Eritrea ES-11/1")
    assert data["country"]["code"] == "ERI"
    assert data["vote"] == "no"
    assert set(data["sided_with"]) == codes_with("A/RES/ES-11/1", "N") - {"ERI"}
    assert set(data["opposed_by"]) == codes_with("A/RES/ES-11/1", "Y")
    r = data["resolution"]
    assert (r["yes"], r["no"]) == (
        len(codes_with("A/RES/ES-11/1", "Y")),
        len(codes_with("A/RES/ES-11/1", "N")),
    )


def test_unquoted_multi_word_names_are_split(fixture_db: Path) -> None:
    data = ask_json(fixture_db, "/howvoted united states ES-11/1")
    assert (data["_exit"], data["country"]["code"], data["vote"]) == (0, "USA", "yes")
    data = ask_json(fixture_db, "/compare united states united kingdom")
    assert (data["_exit"], data["a"]["code"], data["b"]["code"]) == (0, "USA", "GBR")
    data = ask_json(fixture_db, "/history united states territorial integrity")
    assert (data["_exit"], data["country"]["code"]) == (0, "USA")
    assert data["topic"] == "territorial integrity"


@pytest.mark.parametrize(
    "text",
    [
        "/frobnicate Eritrea",
        '/howvoted "Eritrea',
        "/compare Russia",
        "/compare Russia China since:yesterday",
        "/search",
        "/history Eritrea",
        "/search gaza page:zero",
        "   ",
    ],
)
def test_malformed_commands_exit_2(fixture_db: Path, text: str) -> None:
    code, out = ask(fixture_db, text)
    assert code == 2, out
    assert out.strip()
    data = ask_json(fixture_db, text)
    assert (data["_exit"], data["kind"], data["status"]) == (2, "unresolved", "usage")


@pytest.mark.parametrize(
    "text",
    [
        "/howvoted Qwxzland ES-11/1",
        "/resolution zzqqy xxkkv",
        "what is the airspeed velocity of an unladen swallow",
    ],
)
def test_not_understood_exits_1_with_how_to_ask(fixture_db: Path, text: str) -> None:
    code, out = ask(fixture_db, text)
    assert code == 1, out
    data = ask_json(fixture_db, text)
    assert data["kind"] == "unresolved" and data["status"] in ("none", "ambiguous")


def test_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "/howvoted Eritrea", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 2
    assert "no vote database" in result.output
    assert "Traceback" not in result.output


def test_ask_without_text_is_a_usage_error(fixture_db: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--db", str(fixture_db)])
    assert result.exit_code == 2


def test_prompt_answers_each_line_until_quit(fixture_db: Path) -> None:
    lines = "/howvoted Eritrea ES-11/1\n\n/frobnicate\nquit\n/resolution ES-11/1\n"
    result = CliRunner().invoke(cli, ["prompt", "--db", str(fixture_db)], input=lines)
    assert result.exit_code == 0, result.output
    assert "Eritrea voted No on A/RES/ES-11/1" in result.output
    assert "there is no command /frobnicate" in result.output.lower()
    assert "Against (" not in result.output  # stopped at quit, before /resolution


def test_prompt_ends_at_end_of_input(fixture_db: Path) -> None:
    result = CliRunner().invoke(cli, ["prompt", "--db", str(fixture_db)], input="/search ukraine")
    assert result.exit_code == 0
    assert "Resolutions about" in result.output


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("countries.toml", "x = [", "countries.toml"),
        ("regions.toml", "x = [", "regions.toml"),
    ],
)
def test_a_broken_names_file_is_one_line_not_a_traceback(
    fixture_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    error: str,
) -> None:
    aliases = tmp_path / "aliases"
    aliases.mkdir()
    for source in DATA.glob("*.toml"):
        (aliases / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (aliases / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("VOTEBOT_ALIASES_DIR", str(aliases))
    code, out = ask(fixture_db, "/howvoted Eritrea ES-11/1")
    assert code == 2
    assert error in out
