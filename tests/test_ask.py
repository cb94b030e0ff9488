"""`votebot ask` and `votebot prompt` end to end over the fixture database (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import cli
from bot.core.answers.facade import Answers
from bot.core.ask.commands import answer_question
from bot.core.render.text import render_json, render_text
from tests.test_answers import (  # noqa: F401  (fixtures)
    DATES,
    ROWS,
    answers,
    codes_with,
    count_agreement,
    fixture_db,
)


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
def test_every_command_answers_with_exit_0(fixture_db: Path, text: str, kind: str) -> None:  # noqa: F811
    data = ask_json(fixture_db, text)
    assert data["_exit"] == 0, data
    assert data["kind"] == kind
    code, out = ask(fixture_db, text)
    assert code == 0 and 0 < len(out.rstrip("\n")) <= 2000


def test_howvoted_json_fields_match_the_rows(fixture_db: Path) -> None:  # noqa: F811
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


def test_unquoted_multi_word_names_are_split(fixture_db: Path) -> None:  # noqa: F811
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
def test_malformed_commands_exit_2(fixture_db: Path, text: str) -> None:  # noqa: F811
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
def test_not_understood_exits_1_with_how_to_ask(fixture_db: Path, text: str) -> None:  # noqa: F811
    code, out = ask(fixture_db, text)
    assert code == 1, out
    data = ask_json(fixture_db, text)
    assert data["kind"] == "unresolved" and data["status"] in ("none", "ambiguous")


def test_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "/howvoted Eritrea", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 2
    assert "no vote database" in result.output
    assert "Traceback" not in result.output


def test_ask_without_text_is_a_usage_error(fixture_db: Path) -> None:  # noqa: F811
    result = CliRunner().invoke(cli, ["ask", "--db", str(fixture_db)])
    assert result.exit_code == 2


def test_prompt_answers_each_line_until_quit(fixture_db: Path) -> None:  # noqa: F811
    lines = "/howvoted Eritrea ES-11/1\n\n/frobnicate\nquit\n/resolution ES-11/1\n"
    result = CliRunner().invoke(cli, ["prompt", "--db", str(fixture_db)], input=lines)
    assert result.exit_code == 0, result.output
    assert "Eritrea voted No on A/RES/ES-11/1" in result.output
    assert "there is no command /frobnicate" in result.output.lower()
    assert "Against (" not in result.output  # stopped at quit, before /resolution


def test_prompt_ends_at_end_of_input(fixture_db: Path) -> None:  # noqa: F811
    result = CliRunner().invoke(cli, ["prompt", "--db", str(fixture_db)], input="/search ukraine")
    assert result.exit_code == 0
    assert "Resolutions about" in result.output


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda cmd, rest: f"/{cmd} {rest}",
            st.sampled_from(["howvoted", "resolution", "compare", "allies", "history", "search"]),
            st.text(max_size=50),
        ),
    )
)
def test_any_input_gets_an_answer_that_fits(answers: Answers, text: str) -> None:  # noqa: F811
    answer = answer_question(answers, text)
    assert 0 < len(render_text(answer)) <= 2000
    json.dumps(render_json(answer))


# --- plain questions as people phrase them in a discussion ------------------------------


def test_who_a_country_votes_against_is_its_allies_answer(answers: Answers) -> None:  # noqa: F811
    data = render_json(answer_question(answers, "who does the US vote against?"))
    assert (data["kind"], data["country"]["code"]) == ("allies", "USA"), data


@pytest.mark.parametrize(
    ("text", "since", "until", "topic"),
    [
        ("how often do china and india agree since 1990?", "1990", None, None),
        ("how often do China and India agree before 2000", None, "1999", None),
        ("how often do china and india vote together between 1990 and 2015?", "1990", "2015", None),
        ("how often do cuba and india agree on ukraine?", None, None, "ukraine"),
        ("compare Cuba and India since 2000", "2000", None, None),
    ],
)
def test_compare_questions_keep_their_period_and_topic(
    answers: Answers,  # noqa: F811
    text: str,
    since: str | None,
    until: str | None,
    topic: str | None,
) -> None:
    data = render_json(answer_question(answers, text))
    assert data["kind"] == "compare", data
    assert (data["since"], data["until"], data["topic"]) == (since, until, topic)
    if topic is None:
        a, b = data["a"]["code"], data["b"]["code"]
        _, _, both, _ = count_agreement(ROWS, DATES, a, b, since or "", until or "")
        assert data["votes"] == both


def test_allies_question_with_a_period(answers: Answers) -> None:  # noqa: F811
    data = render_json(answer_question(answers, "who does cuba vote with since 1990?"))
    assert (data["kind"], data["country"]["code"], data["since"]) == ("allies", "CUB", "1990")


@pytest.mark.parametrize(
    "text",
    [
        "Eritrea's votes on ukraine over the years",
        "how has eritrea voted on ukraine over the years?",
        "eritrea's voting record on ukraine",
        "how does eritrea vote on ukraine over time?",
    ],
)
def test_votes_over_the_years_is_a_history(answers: Answers, text: str) -> None:  # noqa: F811
    data = render_json(answer_question(answers, text))
    assert (data["kind"], data["country"]["code"]) == ("history", "ERI"), data
    assert data["topic"].lower() == "ukraine"


def test_unquoted_name_the_matcher_knows_is_not_a_seat_is_kept_whole(
    answers: Answers,  # noqa: F811
) -> None:
    data = render_json(answer_question(answers, "/howvoted Holy See ES-11/1"))
    assert (data["kind"], data["what"], data["query"]) == ("unresolved", "country", "Holy See")
    assert "observer" in data["message"]


@pytest.mark.parametrize("name", ["Taiwan", "Palestine", "Kosovo"])
def test_a_name_that_holds_no_seat_is_explained_without_a_far_guess(
    answers: Answers,  # noqa: F811
    name: str,
) -> None:
    message = render_json(answer_question(answers, f"/howvoted {name} ES-11/1"))["message"]
    assert name in message and ("observer" in message or "no seat" in message)
    assert "Did you mean" not in message


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("who votes with india?", "allies", "IND"),
        ("has china ever opposed ES-11/1?", "howvoted", "CHN"),
        ("how closely do france and germany vote?", "compare", "FRA"),
        ("how often does india agree with cuba?", "compare", "IND"),
        ("eritrea es-11/1", "howvoted", "ERI"),
        ("how did france vote on?", "recent", "FRA"),
        ("@votebot how did cuba vote on ES-11/1", "howvoted", "CUB"),
    ],
)
def test_more_question_shapes(answers: Answers, text: str, kind: str, code: str) -> None:  # noqa: F811
    data = render_json(answer_question(answers, text))
    assert data["kind"] == kind, data
    assert (data.get("country") or data.get("a"))["code"] == code


def test_comparing_a_country_with_itself_says_so(answers: Answers) -> None:  # noqa: F811
    data = render_json(answer_question(answers, "/compare China China"))
    assert (data["kind"], data["status"]) == ("unresolved", "usage"), data
    assert "two different countries" in data["message"]


def test_unquoted_split_keeps_a_country_whole_when_the_resolution_is_unclear(
    answers: Answers,  # noqa: F811
) -> None:
    data = render_json(answer_question(answers, "/howvoted north korea zzqqy xxkkv"))
    assert (data["kind"], data["what"], data["query"]) == (
        "unresolved",
        "resolution",
        "zzqqy xxkkv",
    )


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("how did everyone vote on ES-11/1?", "resolution", None),
        ("how did the world vote on ES-11/1", "resolution", None),
        ("what did russia do on ES-11/1?", "howvoted", "RUS"),
        ("where does india stand on ES-11/1", "howvoted", "IND"),
        ("tell me about cuba", "recent", "CUB"),
        ("russia vs china", "compare", "RUS"),
        ("cuba and india?", "compare", "CUB"),
    ],
)
def test_discussion_shorthand(answers: Answers, text: str, kind: str, code: str | None) -> None:  # noqa: F811
    data = render_json(answer_question(answers, text))
    assert data["kind"] == kind, data
    if code is not None:
        assert (data.get("country") or data.get("a"))["code"] == code
    else:
        assert data["resolution"]["symbol"] == "A/RES/ES-11/1"


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("countries.toml", "x = [", "countries.toml"),
        ("regions.toml", "x = [", "regions.toml"),
    ],
)
def test_a_broken_names_file_is_one_line_not_a_traceback(
    fixture_db: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    error: str,
) -> None:
    aliases = tmp_path / "aliases"
    aliases.mkdir()
    for source in (Path(__file__).resolve().parent.parent / "data").glob("*.toml"):
        (aliases / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (aliases / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("VOTEBOT_ALIASES_DIR", str(aliases))
    code, out = ask(fixture_db, "/howvoted Eritrea ES-11/1")
    assert code == 2
    assert error in out
