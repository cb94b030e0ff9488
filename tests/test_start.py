"""`votebot start`: the one command behind `make run`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "answers-votes.csv"


def test_start_builds_the_database_then_answers_offline(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(FIXTURE), "DISCORD_TOKEN": ""}
    result = CliRunner().invoke(cli, ["start"], env=env, input="/howvoted Eritrea 68/262\n")
    assert result.exit_code == 0, result.output
    assert db.is_file()
    assert "building it from" in result.output
    assert "DISCORD_TOKEN is not set" in result.output
    assert "Eritrea abstained on A/RES/68/262" in result.output


def test_start_keeps_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(FIXTURE), "DISCORD_TOKEN": ""}
    runner = CliRunner()
    assert runner.invoke(cli, ["start"], env=env, input="").exit_code == 0
    before = db.stat().st_mtime_ns
    env["VOTEBOT_DATA_SOURCE"] = str(tmp_path / "gone.csv")  # would fail if read
    result = runner.invoke(cli, ["start"], env=env, input="/resolution 68/262\n")
    assert result.exit_code == 0, result.output
    assert "building it" not in result.output
    assert db.stat().st_mtime_ns == before
    assert "A/RES/68/262" in result.output


def test_start_with_an_unreadable_source_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DB": str(db), "VOTEBOT_DATA_SOURCE": str(tmp_path / "nope.csv")}
    result = CliRunner().invoke(cli, ["start"], env=env, input="")
    assert result.exit_code == 1
    assert "nope.csv" in result.output
    assert "Traceback" not in result.output
    assert not db.exists()
