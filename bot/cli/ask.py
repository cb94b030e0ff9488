"""`votebot ask` and `votebot prompt`: answers from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli.base import cli, db_option, load_settings
from bot.core.ask.commands import ANSWERING, answer_question
from bot.core.models import Answer, Coverage

if TYPE_CHECKING:
    from bot.core.answers.facade import Answers

# Exit codes of `votebot ask`: an answer, a question it could not understand, a usage error.
EXIT_ANSWER, EXIT_NOT_UNDERSTOOD, EXIT_USAGE = 0, 1, 2


def open_answers(db_path: Path | None) -> Answers:
    """Open the answers over the database, or stop with one clear line and exit code 2."""
    from bot.core.answers.facade import Answers
    from bot.core.answers.notable import RegionsError
    from bot.core.data.store import StoreError
    from bot.core.names.countries.names import CountryDataError

    settings = load_settings()
    path = db_path if db_path is not None else settings.db_path
    try:
        return Answers.open(path, aliases_dir=settings.aliases_dir)
    except (StoreError, CountryDataError, RegionsError, OSError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def exit_code_for(answer: object) -> int:
    from bot.core.models import Unresolved

    if isinstance(answer, Unresolved):
        return EXIT_USAGE if answer.kind == "usage" else EXIT_NOT_UNDERSTOOD
    return EXIT_ANSWER


def _commands_epilog() -> str:
    """The commands of the table, one line each, for `votebot ask --help`."""
    lines = ["\b", "Commands:"]
    for command in ANSWERING:
        lines += [f"  {command.usage}", f"      {command.description}"]
    return "\n".join(lines)


@cli.command(epilog=_commands_epilog())
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option(
    "--chart",
    "chart_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE.png",
    help="Also draw the answer's chart into this PNG file.",
)
@db_option
def ask(
    text: tuple[str, ...], as_json: bool, chart_path: Path | None, db_path: Path | None
) -> None:
    """Answer TEXT exactly as typed in Discord: a slash command or a plain question.

    \b
    Examples:
      votebot ask '/howvoted Eritrea ES-11/1'
      votebot ask '/compare Russia China since:2010' --json
      votebot ask 'who voted against ES-11/1?'
      votebot ask '/resolution ES-11/1' --chart vote.png

    Exit code 0 for an answer, 1 when the question was not understood, 2 for a
    malformed command.
    """

    from bot.core.render.text import render_json, render_text

    answers = open_answers(db_path)
    try:
        answer = answer_question(answers, " ".join(text))
        coverage = answers.coverage() if chart_path is not None else None
    finally:
        answers.close()
    if as_json:
        click.echo(json.dumps(render_json(answer), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(answer))
    if chart_path is not None:
        write_chart(answer, chart_path, coverage=coverage)
    sys.exit(exit_code_for(answer))


def write_chart(answer: Answer, path: Path, *, coverage: Coverage | None) -> None:
    """Draw the answer's chart into `path`; say so on stderr, so --json output stays clean."""
    from bot.core.render.charts import chart_for

    chart = chart_for(answer, coverage=coverage)
    if chart is None:
        click.echo(f"No chart for this answer; {path} was not written.", err=True)
        return
    try:
        path.write_bytes(chart.png)
    except OSError as exc:
        click.echo(f"Error: cannot write the chart to {path}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(
        f"Chart written to {path} ({len(chart.png) // 1024} KB): {chart.description}", err=True
    )


@cli.command()
@db_option
def prompt(db_path: Path | None) -> None:
    """Answer questions typed one per line, offline, until end of input or `quit`."""
    from bot.core.render.text import render_text

    answers = open_answers(db_path)
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo("Ask about UN General Assembly votes, e.g. /howvoted Eritrea ES-11/1")
        click.echo("Type quit to leave.")
    try:
        while True:
            if interactive:
                click.echo("> ", nl=False)
            line = sys.stdin.readline()
            if not line:
                break
            line = line.strip()
            if line.lower() in {"quit", "exit", ":q"}:
                break
            if line:
                click.echo(render_text(answer_question(answers, line)))
                click.echo()
    except KeyboardInterrupt:
        click.echo()
    finally:
        answers.close()
