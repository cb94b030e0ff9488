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


# --- entry point ----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="votebot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
