"""Long-running commands: start, run, sync, health and the data refresh loop."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bot.cli.ask import prompt
from bot.cli.base import cli, db_option, load_settings
from bot.cli.data import update_from
from bot.core.data.health import MAX_HEARTBEAT_AGE


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
        update_from(settings.data_source, settings.db_path, settings, skip_same=False)
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
    help=f"Seconds after which the bot's heartbeat is stale (default {MAX_HEARTBEAT_AGE:.0f}).",
)
@click.option(
    "--bot/--no-bot",
    "expect_bot",
    default=None,
    help="Require a bot heartbeat (default: when DISCORD_TOKEN is set).",
)
def health(db_path: Path | None, max_heartbeat_age: float | None, expect_bot: bool | None) -> None:
    """Exit 0 when the database answers and the bot's heartbeat is fresh, else 1."""
    from bot.core.data.health import check_health

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

    from bot.core.data.refresh import run_refresh_loop

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
