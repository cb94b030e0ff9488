"""The `votebot` command line: a thin click layer over bot.core."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot import __version__
from bot.config import Settings, SettingsError
from bot.core.match_json import match_json
from bot.core.models import Match

if TYPE_CHECKING:
    from bot.core.match_country import CountryMatcher


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


# --- match ----------------------------------------------------------------------------


@cli.group()
def match() -> None:
    """Resolve free text to a member state or a resolution."""


def open_country_matcher(db_path: Path | None) -> CountryMatcher:
    from bot.core.match_country import CountryDataError, CountryMatcher
    from bot.core.store import Store, StoreError

    settings_dir = load_settings().aliases_dir
    try:
        with Store(resolve_db(db_path)) as store:
            return CountryMatcher.from_store(store, aliases_dir=settings_dir)
    except (StoreError, CountryDataError) as exc:
        raise click.ClickException(str(exc)) from None


def match_queries(text: str | None, from_stdin: bool) -> list[str]:
    if from_stdin:
        if text is not None:
            raise click.UsageError("give either TEXT or --stdin, not both")
        return [line.rstrip("\r\n") for line in sys.stdin]
    if text is None:
        raise click.UsageError("give the TEXT to match, or --stdin to read one query per line")
    return [text]


def echo_match(result: Match, *, as_json: bool, id_field: str, name_field: str) -> None:
    if as_json:
        payload = match_json(result, id_field=id_field, name_field=name_field)
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    query = result.query.strip()
    if result.status == "match" and result.best is not None:
        click.echo(f"{result.best.id}\t{result.best.name}\t(score {result.best.score:.0f})")
    elif result.status == "ambiguous":
        click.echo(f"{query!r} is ambiguous:")
        for c in result.candidates:
            default = "  (default)" if result.best and c.id == result.best.id else ""
            click.echo(f"  {c.id}\t{c.name}{default}")
    else:
        click.echo(f"No confident match for {query!r}.")
        if result.candidates:
            click.echo(
                "Did you mean: " + ", ".join(f"{c.name} ({c.id})" for c in result.candidates)
            )
    if result.note:
        click.echo(result.note)


@match.command("country")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per query.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Read one query per line (JSON out).")
@click.option("--date", "on_date", default=None, help="The vote date: 1985 or 1985-03-01.")
@db_option
def match_country(
    text: str | None, as_json: bool, from_stdin: bool, on_date: str | None, db_path: Path | None
) -> None:
    """Resolve TEXT to a member state: names, codes, typos, former states."""
    queries = match_queries(text, from_stdin)
    matcher = open_country_matcher(db_path)
    for query in queries:
        try:
            result = matcher.resolve(query, on_date=on_date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
        echo_match(result, as_json=as_json or from_stdin, id_field="code", name_field="name")


# --- entry point ----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="votebot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
