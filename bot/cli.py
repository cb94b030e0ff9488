"""The `votebot` command line: a thin click layer over bot.core."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot import __version__
from bot.config import Settings, SettingsError
from bot.core.match_json import match_json
from bot.core.models import Answer, Coverage, Match

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
    """Build, update and inspect the vote database.

    \b
    Exit codes:
      0  done (for `check`, also when the source has data issues: they are
         facts about the UN file, listed for information)
      1  bad input or an unreachable source; the previous database is untouched
      2  wrong usage (unknown option, missing argument)
    """


@data.command("import")
@click.argument("source")
@db_option
def data_import(source: str, db_path: Path | None) -> None:
    """Build the database from SOURCE: a local .csv, .csv.gz or .zip, or an http(s) URL.

    The new database is built beside the old one and renamed into place only when
    complete; on any error the old one stays as it was.

    Exit codes: 0 imported; 1 bad input, unreachable URL or unwritable database
    (the message names the file, the line and the reason; nothing changed).
    """
    _update_from(source, resolve_db(db_path), load_settings(), skip_same=False)


@data.command("update")
@db_option
def data_update(db_path: Path | None) -> None:
    """Fetch the newest official file ($VOTEBOT_DATA_SOURCE) and import it.

    VOTEBOT_DATA_SOURCE may be the UN Digital Library record page (the default,
    https://digitallibrary.un.org/record/4060887), a direct file URL or a local path.
    Nothing is imported when the file's checksum equals the current database's.

    Exit codes: 0 imported or already up to date; 1 the source could not be found,
    fetched or read (nothing changed).
    """
    settings = load_settings()
    _update_from(settings.data_source, resolve_db(db_path), settings, skip_same=True)


@data.command("check")
@db_option
def data_check(db_path: Path | None) -> None:
    """List the data issues the import found (duplicates, tally mismatches, odd symbols).

    Exits 0 even when there are issues: they describe the source file, not a failure;
    1 when there is no readable database.
    """
    store = _open_store(resolve_db(db_path))
    with store:
        issues = store.data_issues()
        meta = store.metadata()
    click.echo(f"{len(issues)} data issue(s) in {meta.get('source', '?')}:")
    for kind, symbol, code, detail in issues:
        who = f"{symbol} {code}".strip()
        click.echo(f"  {kind:<22} {who:<24} {detail}")


@data.command("info")
@db_option
def data_info(db_path: Path | None) -> None:
    """Print what the database covers: dates, resolutions, votes, members, source."""
    store = _open_store(resolve_db(db_path))
    with store:
        cov = store.coverage()
        issues = len(store.data_issues())
    click.echo(f"Database:     {store.path}")
    click.echo(f"Votes from:   {cov.first_date} to {cov.last_date}")
    click.echo(f"Resolutions:  {cov.resolutions:,}")
    click.echo(f"Votes:        {cov.votes:,}")
    click.echo(f"Members:      {cov.members} (seats past and present)")
    click.echo(f"Source:       {cov.source}")
    click.echo(f"File date:    {cov.file_date}")
    click.echo(f"Imported at:  {cov.imported_at} ({cov.extra.get('importer_version', '?')})")
    click.echo(f"Checksum:     sha256 {cov.extra.get('sha256', '?')}")
    click.echo(f"Data issues:  {issues} (see `votebot data check`)")


def _open_store(path: Path):  # type: ignore[no-untyped-def]
    from bot.core.store import Store, StoreError

    try:
        return Store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


class _ProgressBar:
    """A tqdm bar on a terminal, created at the first update; silent otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total or None, unit="B", unit_scale=True, desc=self.label, leave=False
            )
        if total and self.bar.total != max(total, done):
            self.bar.total = max(total, done)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _print_summary(s) -> None:  # type: ignore[no-untyped-def]
    from collections import Counter

    click.echo(f"Imported {s.source} into {s.db_path} in {s.seconds:.1f} s")
    click.echo(f"  layout {s.layout}, file date {s.file_date}, sha256 {s.sha256[:16]}...")
    click.echo(
        f"  {s.rows:,} rows -> {s.resolutions:,} resolutions, {s.votes:,} votes, "
        f"{s.members} members, {s.first_date} to {s.last_date}"
    )
    if s.duplicates_collapsed:
        click.echo(f"  {s.duplicates_collapsed} identical duplicate row(s) collapsed")
    if s.skipped_without_vote:
        click.echo(
            f"  {s.skipped_without_vote} row(s) of resolutions adopted without a vote skipped"
        )
    kinds = Counter(issue.kind for issue in s.issues)
    if not s.issues:
        click.echo("  no data issues")
        return
    click.echo(
        f"  {len(s.issues)} data issue(s): "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    )
    for issue in s.issues[:10]:
        who = f"{issue.symbol} {issue.code}".strip()
        click.echo(f"    {who}: {issue.detail}")
    if len(s.issues) > 10:
        click.echo(f"    ... and {len(s.issues) - 10} more: `votebot data check`")


def _update_from(source: str, target: Path, settings: Settings, *, skip_same: bool) -> None:
    from bot.core.download import DownloadError, RemoteFile, update_database
    from bot.core.ingest import SourceError, WriteError

    def found(chosen: RemoteFile) -> None:
        click.echo(f"Newest file on the record: {chosen.name} ({chosen.date or 'undated'})")

    fetch, load = _ProgressBar("Downloading"), _ProgressBar("Importing")
    try:
        result = update_database(
            source,
            target,
            timeout=settings.http_timeout,
            skip_same=skip_same,
            progress=fetch,
            import_progress=load,
            on_found=found,
        )
    except (DownloadError, SourceError, WriteError) as exc:
        raise click.ClickException(f"{exc}\nThe database at {target} was not changed.") from None
    except OSError as exc:  # e.g. the downloads folder cannot be created
        raise click.ClickException(
            f"{exc.filename or target}: {exc.strerror or exc}\n"
            f"The database at {target} was not changed."
        ) from None
    except KeyboardInterrupt:
        raise click.ClickException(
            f"interrupted; the database at {target} was not changed."
        ) from None
    finally:
        fetch.close()
        load.close()
    if result.skipped:
        click.echo(
            f"Already up to date: {result.source} has the same sha256 "
            f"({result.sha256[:16]}...) as the database at {target}; nothing imported."
        )
    elif result.summary is not None:
        _print_summary(result.summary)


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
@db_option
def match_resolution(
    text: str | None, as_json: bool, from_stdin: bool, db_path: Path | None
) -> None:
    """Resolve TEXT to a resolution: symbols, drafts, titles, nicknames, a year."""
    from bot.core.match_resolution import ResolutionMatcher
    from bot.core.store import Store, StoreError

    queries = match_queries(text, from_stdin)
    aliases_dir = load_settings().aliases_dir
    try:
        store = Store(resolve_db(db_path))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    with store:
        matcher = ResolutionMatcher.from_store(store, aliases_dir=aliases_dir)
        for problem in matcher.alias_problems:
            click.echo(f"warning: {problem}", err=True)
        for query in queries:
            result = matcher.resolve(query)
            echo_match(result, as_json=as_json or from_stdin, id_field="symbol", name_field="title")


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
    import json

    from bot.core.render import render_json, render_text

    answers = open_answers(db_path)
    try:
        answer = answers.ask(" ".join(text))
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
    from bot.core.charts import chart_for

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


# --- discord: run and sync -----------------------------------------------------------


@cli.command()
@db_option
def run(db_path: Path | None) -> None:
    """Connect to Discord and answer until stopped (SIGTERM or Ctrl-C end it cleanly).

    The token comes from DISCORD_TOKEN. VOTEBOT_SHARD_COUNT and VOTEBOT_SHARD_IDS run a
    range of shards; VOTEBOT_DISCORD_API and VOTEBOT_DISCORD_GATEWAY point at proxies.
    """
    import dataclasses

    from bot.discord_app import runner

    settings = load_settings()
    if db_path is not None:
        settings = dataclasses.replace(settings, db_path=db_path)
    sys.exit(runner.run(settings))


@cli.command()
@click.option(
    "--guild",
    "guild_id",
    type=click.IntRange(min=1),
    default=None,
    help="Sync to this server only (changes show at once; for testing).",
)
def sync(guild_id: int | None) -> None:
    """Publish the slash commands to Discord (globally, or to one server with --guild).

    Run it after changing commands; the bot never syncs on start.
    """
    from bot.discord_app import runner

    sys.exit(runner.sync(load_settings(), guild_id=guild_id))


# --- start: the one command that does everything -------------------------------------


@cli.command()
@click.pass_context
def start(ctx: click.Context) -> None:
    """Build the database if there is none, then answer: on Discord with DISCORD_TOKEN,
    otherwise at an offline prompt.

    The database is built from $VOTEBOT_DATA_SOURCE (the official UN record by default;
    a local .csv, .csv.gz or .zip works too).
    """
    settings = load_settings()
    if not settings.db_path.exists():
        click.echo(
            f"No database at {settings.db_path} yet: building it from {settings.data_source}",
            err=True,
        )
        settings.db_path.parent.mkdir(parents=True, exist_ok=True)
        _update_from(settings.data_source, settings.db_path, settings, skip_same=False)
    if settings.discord_token:
        ctx.invoke(run)
    else:
        click.echo(
            "DISCORD_TOKEN is not set, so the bot stays offline: ask here instead.", err=True
        )
        ctx.invoke(prompt)


# --- health and refresh (the container's healthcheck and weekly data refresh) -----------


@cli.command()
@db_option
@click.option(
    "--max-heartbeat-age",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds after which the bot's heartbeat counts as stale (default 120).",
)
@click.option(
    "--bot/--no-bot",
    "expect_bot",
    default=None,
    help="Require a bot heartbeat (default: when DISCORD_TOKEN is set).",
)
def health(db_path: Path | None, max_heartbeat_age: float | None, expect_bot: bool | None) -> None:
    """Exit 0 when the database answers and the bot's heartbeat is fresh, else 1."""
    from bot.core.health import MAX_HEARTBEAT_AGE, check_health

    settings = load_settings()
    result = check_health(
        db_path if db_path is not None else settings.db_path,
        max_heartbeat_age=MAX_HEARTBEAT_AGE if max_heartbeat_age is None else max_heartbeat_age,
        require_heartbeat=bool(settings.discord_token) if expect_bot is None else expect_bot,
    )
    click.echo(str(result), err=not result.ok)
    sys.exit(0 if result.ok else 1)


@cli.command("refresh-loop")
@db_option
def refresh_loop(db_path: Path | None) -> None:
    """Run `votebot data update` every VOTEBOT_REFRESH_HOURS (168) until stopped."""
    import signal
    import subprocess
    import threading
    from datetime import UTC, datetime

    from bot.core.refresh import run_refresh_loop

    settings = load_settings()
    db = db_path if db_path is not None else settings.db_path
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def log(message: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        click.echo(f"{stamp} refresh: {message}", err=True)

    def update() -> int:
        env = {**os.environ, "VOTEBOT_DB": str(db)}
        command = [sys.executable, "-m", "bot", "data", "update"]
        child = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        while True:
            try:
                return child.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                if stop.is_set():
                    # An interrupted import leaves the current database as it was.
                    child.send_signal(signal.SIGINT)
                    return child.wait()

    run_refresh_loop(
        db,
        interval_hours=settings.refresh_interval_hours,
        update=update,
        wait=lambda seconds: not stop.wait(seconds),
        log=log,
    )


# --- entry point ----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="votebot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
