"""The `votebot` command line: a thin click layer over bot.core."""

from __future__ import annotations

import os
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


# --- health and refresh (the container's healthcheck and weekly data refresh) -----------


@cli.command()
@db_option
@click.option(
    "--max-heartbeat-age",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds after which the bot's heartbeat counts as stale (default 120).",
)
def health(db_path: Path | None, max_heartbeat_age: float | None) -> None:
    """Exit 0 when the database answers and the bot's heartbeat is fresh, else 1."""
    from bot.core.health import MAX_HEARTBEAT_AGE, check_health

    result = check_health(
        resolve_db(db_path),
        max_heartbeat_age=MAX_HEARTBEAT_AGE if max_heartbeat_age is None else max_heartbeat_age,
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
        return subprocess.run(command, env=env, stdin=subprocess.DEVNULL).returncode

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
