"""`votebot data`: build, update and inspect the vote database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli.base import cli, db_option, load_settings, open_store, resolve_db
from bot.config import Settings

if TYPE_CHECKING:
    from tqdm import tqdm

    from bot.core.data.ingest import ImportSummary

ISSUES_SHOWN = 10  # data issues listed after an import; `votebot data check` lists all


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
    update_from(source, resolve_db(db_path), load_settings(), skip_same=False)


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
    update_from(settings.data_source, resolve_db(db_path), settings, skip_same=True)


@data.command("check")
@db_option
def data_check(db_path: Path | None) -> None:
    """List the data issues the import found (duplicates, tally mismatches, odd symbols).

    Exits 0 even when there are issues: they describe the source file, not a failure;
    1 when there is no readable database.
    """
    store = open_store(db_path)
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
    store = open_store(db_path)
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


class _ProgressBar:
    """A tqdm bar on a terminal, created at the first update; silent otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.bar: tqdm[Any] | None = None

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


def _print_summary(s: ImportSummary) -> None:
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
    for issue in s.issues[:ISSUES_SHOWN]:
        who = f"{issue.symbol} {issue.code}".strip()
        click.echo(f"    {who}: {issue.detail}")
    if len(s.issues) > ISSUES_SHOWN:
        click.echo(f"    ... and {len(s.issues) - ISSUES_SHOWN} more: `votebot data check`")


def update_from(source: str, target: Path, settings: Settings, *, skip_same: bool) -> None:
    from bot.core.data.download import DownloadError, RemoteFile, update_database
    from bot.core.data.ingest import SourceError, WriteError

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
        build_matcher_index(target, settings)


def build_matcher_index(target: Path, settings: Settings) -> None:
    """Build the resolution matcher's index beside a new database (its documents and
    embeddings), so that the bot and the command line start without building it."""
    import time

    from bot.core.data.store import Store, StoreError
    from bot.core.names.resolutions.build import open_index
    from bot.core.names.resolutions.knowledge import KnowledgeError

    started = time.perf_counter()
    try:
        with Store(target) as store:
            open_index(store, settings.aliases_dir).close()
    except (StoreError, KnowledgeError, OSError) as exc:
        click.echo(f"warning: the matcher's index was not built ({exc}); it is built at start")
        return
    click.echo(f"Built the matcher's index in {time.perf_counter() - started:.1f} s.")
