"""The `votebot` command line: a thin click layer over bot.core.

Each module adds its commands to the one click group in `base`.
"""

from __future__ import annotations

from bot.cli import ask, data, match, service  # noqa: F401  (registers the commands)
from bot.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="votebot")


if __name__ == "__main__":  # pragma: no cover
    main()
