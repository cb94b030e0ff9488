"""The `votebot` command line: a thin click layer over bot.core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot import __version__
from bot.config import Settings, SettingsError


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Database file (default: $VOTEBOT_DB or data/votes.db).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else load_settings().db_path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="votebot")
def cli() -> None:
    """Answers questions about United Nations General Assembly votes."""


# --- data -----------------------------------------------------------------------------


@cli.group()
def data() -> None:
    """Build, update and inspect the vote database."""


# --- ask and prompt --------------------------------------------------------------------

# Exit codes of `votebot ask`: an answer, a question it could not understand, a usage error.
EXIT_ANSWER, EXIT_NOT_UNDERSTOOD, EXIT_USAGE = 0, 1, 2


def open_answers(db_path: Path | None):  # type: ignore[no-untyped-def]
    """Open the answers over the database, or stop with one clear line and exit code 2."""
    from bot.core.answers import Answers
    from bot.core.notable import RegionsError
    from bot.core.store import StoreError

    settings = load_settings()
    path = db_path if db_path is not None else settings.db_path
    try:
        return Answers.open(path, aliases_dir=settings.aliases_dir)
    except (StoreError, RegionsError, OSError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def exit_code_for(answer: object) -> int:
    from bot.core.models import Unresolved

    if isinstance(answer, Unresolved):
        return EXIT_USAGE if answer.kind == "usage" else EXIT_NOT_UNDERSTOOD
    return EXIT_ANSWER


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@db_option
def ask(text: tuple[str, ...], as_json: bool, db_path: Path | None) -> None:
    """Answer TEXT exactly as typed in Discord: a slash command or a plain question.

    \b
    Examples:
      votebot ask '/howvoted Eritrea ES-11/1'
      votebot ask '/compare Russia China since:2010' --json
      votebot ask 'who voted against ES-11/1?'

    Exit code 0 for an answer, 1 when the question was not understood, 2 for a
    malformed command.
    """
    import json

    from bot.core.render import render_json, render_text

    answers = open_answers(db_path)
    try:
        answer = answers.ask(" ".join(text))
    finally:
        answers.close()
    if as_json:
        click.echo(json.dumps(render_json(answer), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(answer))
    sys.exit(exit_code_for(answer))


@cli.command()
@db_option
def prompt(db_path: Path | None) -> None:
    """Answer questions typed one per line, offline, until end of input or `quit`."""
    from bot.core.render import render_text

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
                click.echo(render_text(answers.ask(line)))
                click.echo()
    except KeyboardInterrupt:
        click.echo()
    finally:
        answers.close()


# --- entry point ----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="votebot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
