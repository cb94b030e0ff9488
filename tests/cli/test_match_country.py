"""`votebot match country`: text, JSON, dates, standard input and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.core.names.countries.sample import write_seats_db


@pytest.fixture
def seats_db(tmp_path: Path) -> Path:
    """A database with the schema and the hand-written seats, and no votes."""
    return write_seats_db(tmp_path / "votes.db")


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


def test_cli_match_country_best_guess(seats_db: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "country", "Frnace", "--db", str(seats_db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("FRA\tFrance\t(best guess, ")
    assert "Taking “Frnace” to mean France." in result.output
    args = ["match", "country", "Frnace", "--json", "--db", str(seats_db)]
    payload = json.loads(CliRunner().invoke(cli, args).output)
    assert (payload["status"], payload["code"]) == ("best_guess", "FRA")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["GER", "--date", "1985"], "GER"),
        (["GER", "--date", "1995"], "DEU"),
        (["Allemagne"], "DEU"),
        (["Германия"], "DEU"),
    ],
)
def test_cli_match_country_codes_and_languages(seats_db: Path, args: list[str], code: str) -> None:
    result = CliRunner().invoke(cli, ["match", "country", *args, "--json", "--db", str(seats_db)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert (payload["status"], payload["code"]) == ("match", code)


def test_cli_match_country_never_seated(seats_db: Path) -> None:
    args = ["match", "country", "Rhodesia", "--json", "--db", str(seats_db)]
    payload = json.loads(CliRunner().invoke(cli, args).output)
    assert payload["status"] == "none" and payload["candidates"] == []
    assert "never held a seat" in payload["note"]
