"""The click group and the helpers every command module shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bot import __version__
from bot.config import Settings, SettingsError

if TYPE_CHECKING:
    from bot.core.data.store import Store


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Database file (default: $VOTEBOT_DB or data/votes.db).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else load_settings().db_path


def open_store(db_path: Path | None) -> Store:
    """The database at --db (or the configured one), or one clear error line."""
    from bot.core.data.store import Store, StoreError

    try:
        return Store(resolve_db(db_path))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="votebot")
def cli() -> None:
    """Answers questions about United Nations General Assembly votes."""
