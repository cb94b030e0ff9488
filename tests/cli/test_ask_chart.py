"""`votebot ask --chart`: the PNG written is the answer's chart, read back and counted.

`real_db` and `real_answers` (the whole shared file) are built once per run, in
tests/conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.render.charts.style import (
    VOTE_STYLES,
)
from tests.answers_fixture import FIXTURE as ANSWERS_FIXTURE
from tests.answers_fixture import import_csv
from tests.core.render.charts.pictures import (
    LEGEND_KEYS,
    MAX_PNG_BYTES,
    count_by_vote,
    read_png,
    rgb,
    ring_and_seat,
)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_csv(ANSWERS_FIXTURE, tmp_path_factory.mktemp("charts") / "votes.db")


def ask_with_chart(db: Path, text: str, chart: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["ask", text, "--db", str(db), "--chart", str(chart), *extra])
    assert "Traceback" not in result.output + result.stderr
    return result


def test_ask_draws_the_howvoted_chart_of_the_answer(small_db: Path, tmp_path: Path):
    out = tmp_path / "eritrea.png"
    result = ask_with_chart(small_db, "/howvoted Eritrea ES-11/1", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the chart's message goes to stderr only
    tally = data["resolution"]
    pixels = read_png(out)
    assert count_by_vote(pixels) == {
        "yes": tally["yes"] + LEGEND_KEYS,
        "no": tally["no"] + LEGEND_KEYS,
        "abstain": tally["abstain"] + LEGEND_KEYS,
        "non_voting": tally["non_voting"] + LEGEND_KEYS,
    }
    _, centre = ring_and_seat(pixels)
    assert centre == rgb(VOTE_STYLES[data["vote"]].colour)
    assert f"Chart written to {out}" in result.stderr
    assert out.stat().st_size < MAX_PNG_BYTES


def test_ask_without_a_picture_writes_no_file(small_db: Path, tmp_path: Path):
    out = tmp_path / "search.png"
    result = ask_with_chart(small_db, "/search ukraine", out)
    assert result.exit_code == 0
    assert not out.exists()
    assert "No chart for this answer" in result.stderr


def test_ask_reports_a_chart_file_it_cannot_write(small_db: Path, tmp_path: Path):
    out = tmp_path / "no-such-folder" / "chart.png"
    result = ask_with_chart(small_db, "/resolution ES-11/1", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot write the chart to {out}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "symbol"),
    [
        ("/resolution ES-11/1", "A/RES/ES-11/1"),
        ("/resolution A/RES/77/293", "A/RES/77/293"),
        ("/howvoted Eritrea ES-11/1", "A/RES/ES-11/1"),
        ("/howvoted Russia ES-10/21", "A/RES/ES-10/21"),
    ],
)
def test_real_answers_draw_their_stated_tally(real_db, real_answers, tmp_path, question, symbol):
    out = tmp_path / "chart.png"
    result = ask_with_chart(real_db, question, out)
    assert result.exit_code == 0, result.output
    stated = real_answers[symbol].resolution  # from the file's own total_* columns
    assert count_by_vote(read_png(out)) == {
        "yes": stated.yes + LEGEND_KEYS,
        "no": stated.no + LEGEND_KEYS,
        "abstain": stated.abstain + LEGEND_KEYS,
        "non_voting": stated.non_voting + LEGEND_KEYS,
    }
    if symbol == "A/RES/77/293":  # the roll call differs from the tally: said, not hidden
        assert "Roll call and stated tally differ" in result.stderr
