"""`votebot match`: resolve free text to a member state or a resolution."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli.base import cli, db_option, load_settings, open_store
from bot.core.models import Match
from bot.core.render.matches import match_json

if TYPE_CHECKING:
    from bot.core.names.countries.matcher import CountryMatcher


@cli.group()
def match() -> None:
    """Resolve free text to a member state or a resolution."""


def open_country_matcher(db_path: Path | None) -> CountryMatcher:
    from bot.core.names.countries.matcher import CountryDataError, CountryMatcher

    settings_dir = load_settings().aliases_dir
    with open_store(db_path) as store:
        try:
            return CountryMatcher.from_store(store, aliases_dir=settings_dir)
        except CountryDataError as exc:
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
    elif result.status == "best_guess" and result.best is not None:
        click.echo(f"{result.best.id}\t{result.best.name}\t(best guess, {result.best.score:.0f})")
        for c in result.candidates:
            click.echo(f"  or {c.id}\t{c.name}")
    elif result.status == "ambiguous":
        click.echo(f"{query!r} is ambiguous:")
        for c in result.candidates:
            default = "  (default)" if result.best and c.id == result.best.id else ""
            click.echo(f"  {c.id}\t{c.name}{default}")
    else:
        click.echo(f"No confident match for {query!r}.")
        if result.candidates:
            options = ", ".join(f"{c.name} ({c.id})" for c in result.candidates)
            click.echo(f"Did you mean: {options}?")
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


@match.command("resolution")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per query.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Read one query per line (JSON out).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Read 'last year' and the like as of this date (YYYY-MM-DD; default: today).",
)
@db_option
def match_resolution(
    text: str | None,
    as_json: bool,
    from_stdin: bool,
    today: datetime | None,
    db_path: Path | None,
) -> None:
    """Resolve TEXT to a resolution: symbols, names, events, descriptions, dates.

    The status is match, best_guess (answered, with the runners-up), ambiguous (the
    choices) or none (why, and suggestions)."""
    from bot.core.names.countries.matcher import CountryMatcher
    from bot.core.names.resolutions.knowledge import KnowledgeError
    from bot.core.names.resolutions.matcher import ResolutionMatcher

    queries = match_queries(text, from_stdin)
    aliases_dir = load_settings().aliases_dir
    with open_store(db_path) as store:
        try:
            countries = CountryMatcher.from_store(store, aliases_dir=aliases_dir)
            matcher = ResolutionMatcher.from_store(
                store, aliases_dir=aliases_dir, country_names=countries.phrase_names
            )
        except KnowledgeError as exc:
            raise click.ClickException(str(exc)) from None
        for problem in matcher.problems:
            click.echo(f"warning: {problem}", err=True)
        day = today.date() if today else None
        for query in queries:
            result = matcher.resolve(query, today=day)
            echo_match(result, as_json=as_json or from_stdin, id_field="symbol", name_field="title")
