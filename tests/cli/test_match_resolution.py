"""`votebot match resolution`: JSON, standard input, text, clear errors and warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.data.ingest import import_file
from tests.core.names.resolutions.sample import FIXTURE_CSV, write_data


@pytest.fixture(scope="module")
def resolutions_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/resolutions_mini.csv imported."""
    path = tmp_path_factory.mktemp("db") / "votes.db"
    import_file(FIXTURE_CSV, path)
    return path


@pytest.fixture(autouse=True)
def test_aliases(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The command line reads the test landmarks, which fit the fixture database."""
    monkeypatch.setenv("VOTEBOT_ALIASES_DIR", str(write_data(tmp_path)))


def test_cli_match_resolution_json(resolutions_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["match", "resolution", "es11/3", "--json", "--db", str(resolutions_db)]
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


def test_cli_match_resolution_stdin(resolutions_db: Path) -> None:
    lines = "cuba embargo 2016\n39/148\nS/RES/2334\n"
    result = CliRunner().invoke(
        cli, ["match", "resolution", "--stdin", "--db", str(resolutions_db)], input=lines
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["status"] for a in answers][1:] == ["ambiguous", "none"]
    assert answers[0]["status"] in ("match", "best_guess")
    assert answers[0]["symbol"] == "A/RES/71/5"
    assert {c["symbol"] for c in answers[1]["candidates"]} == {
        "A/RES/39/148[A]",
        "A/RES/39/148[B]",
    }
    assert answers[2]["symbol"] is None and "Security Council" in answers[2]["note"]


def test_cli_match_resolution_text(resolutions_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["match", "resolution", "agression agianst ukriane", "--db", str(resolutions_db)]
    )
    assert result.exit_code == 0
    assert "A/RES/ES-11/1\tAggression against Ukraine" in result.stdout


def test_cli_match_resolution_errors(tmp_path: Path) -> None:
    missing = CliRunner().invoke(
        cli, ["match", "resolution", "68/262", "--db", str(tmp_path / "none.db")]
    )
    assert missing.exit_code == 1
    assert "no vote database" in missing.output and "Traceback" not in missing.output
    no_text = CliRunner().invoke(cli, ["match", "resolution", "--db", str(tmp_path / "x.db")])
    assert no_text.exit_code == 2 and "--stdin" in no_text.output


def test_cli_reports_landmarks_missing_from_the_data(resolutions_db: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "resolution", "crimea", "--db", str(resolutions_db)])
    assert result.exit_code == 0
    assert result.stdout.startswith("A/RES/68/262")
    assert "warning:" in result.stderr and "A/RES/99/999 is not a recorded vote" in result.stderr


def test_cli_match_resolution_reads_relative_dates_as_of_today(resolutions_db: Path) -> None:
    args = ["match", "resolution", "cuba embargo last year", "--json", "--db", str(resolutions_db)]
    result = CliRunner().invoke(cli, [*args, "--today", "2017-06-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["symbol"] == "A/RES/71/5"
    bad = CliRunner().invoke(cli, [*args, "--today", "yesterday"])
    assert bad.exit_code == 2 and "--today" in bad.output
