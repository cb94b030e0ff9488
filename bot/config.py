"""One Settings object, read from VOTEBOT_* environment variables and an optional .env file."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

OFFICIAL_RECORD_URL = "https://digitallibrary.un.org/record/4060887"
PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "votes.db"
MAX_REFRESH_HOURS = 24 * 366  # a year; far longer waits overflow the clock


class SettingsError(ValueError):
    """A missing or malformed setting; the message names it and never includes a secret."""


def _aliases_dir() -> Path:
    """Where the curated alias files live: the checkout's data/, or the installed copy."""
    import sys

    for candidate in (PROJECT_DIR / "data", Path(sys.prefix) / "share" / "votebot" / "data"):
        if (candidate / "countries.toml").exists():
            return candidate
    return PROJECT_DIR / "data"


@dataclass(frozen=True)
class Settings:
    db_path: Path = DEFAULT_DB
    data_source: str = OFFICIAL_RECORD_URL
    discord_token: str | None = field(default=None, repr=False)
    aliases_dir: Path = field(default_factory=_aliases_dir)
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    discord_api: str | None = None
    discord_gateway: str | None = None
    log_level: str = "INFO"
    http_timeout: float = 60.0
    refresh_interval_hours: float = 168.0  # weekly; 0 turns the refresh off

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, dotenv: Path | None = None
    ) -> Settings:
        """Read settings from `env` (default: os.environ) over the values of a .env file."""
        values: dict[str, str] = {}
        env_file = dotenv if dotenv is not None else Path(".env")
        if env is None and env_file.is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if env is None else env)

        def get(name: str) -> str | None:
            value = values.get(name)
            return value.strip() if value is not None and value.strip() else None

        kwargs: dict[str, object] = {}
        if (db := get("VOTEBOT_DB")) is not None:
            kwargs["db_path"] = Path(db)
        if (source := get("VOTEBOT_DATA_SOURCE")) is not None:
            kwargs["data_source"] = source
        if (token := get("DISCORD_TOKEN")) is not None:
            kwargs["discord_token"] = token
        if (aliases := get("VOTEBOT_ALIASES_DIR")) is not None:
            kwargs["aliases_dir"] = Path(aliases)
        if (count := get("VOTEBOT_SHARD_COUNT")) is not None:
            kwargs["shard_count"] = _positive_int("VOTEBOT_SHARD_COUNT", count)
        if (ids := get("VOTEBOT_SHARD_IDS")) is not None:
            kwargs["shard_ids"] = _shard_ids(ids)
        if (api := get("VOTEBOT_DISCORD_API")) is not None:
            kwargs["discord_api"] = _url("VOTEBOT_DISCORD_API", api, ("http://", "https://"))
        if (gateway := get("VOTEBOT_DISCORD_GATEWAY")) is not None:
            kwargs["discord_gateway"] = _url(
                "VOTEBOT_DISCORD_GATEWAY", gateway, ("ws://", "wss://")
            )
        if (level := get("VOTEBOT_LOG_LEVEL")) is not None:
            if level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
                raise SettingsError(
                    "VOTEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, "
                    f"not {level!r}"
                )
            kwargs["log_level"] = level.upper()
        if (timeout := get("VOTEBOT_HTTP_TIMEOUT")) is not None:
            kwargs["http_timeout"] = _positive_float("VOTEBOT_HTTP_TIMEOUT", timeout)
        if (refresh := get("VOTEBOT_REFRESH_HOURS")) is not None:
            hours = _non_negative_float("VOTEBOT_REFRESH_HOURS", refresh)
            if hours > MAX_REFRESH_HOURS:
                raise SettingsError(
                    f"VOTEBOT_REFRESH_HOURS must be at most {MAX_REFRESH_HOURS} "
                    f"(a year), or 0 to turn the refresh off, not {refresh!r}"
                )
            kwargs["refresh_interval_hours"] = hours
        settings = cls(**kwargs)  # type: ignore[arg-type]
        if settings.shard_ids is not None:
            if settings.shard_count is None:
                raise SettingsError("VOTEBOT_SHARD_IDS needs VOTEBOT_SHARD_COUNT as well")
            too_big = [i for i in settings.shard_ids if i >= settings.shard_count]
            if too_big:
                raise SettingsError(
                    f"VOTEBOT_SHARD_IDS has shard {too_big[0]}, but VOTEBOT_SHARD_COUNT is "
                    f"{settings.shard_count} (shards are numbered from 0)"
                )
        return settings


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, not {value}")
    return value


def _positive_float(name: str, raw: str) -> float:
    value = _non_negative_float(name, raw)
    if value == 0:
        raise SettingsError(f"{name} must be more than 0")
    return value


def _non_negative_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if not math.isfinite(value) or value < 0:
        raise SettingsError(f"{name} must be 0 or more, not {raw!r}")
    return value


def _shard_ids(raw: str) -> tuple[int, ...]:
    """Parse "0,1,2" or a range "0-3" (inclusive) or a mix: "0-3,8"."""
    ids: list[int] = []
    for part in raw.split(","):
        part = part.strip()
        try:
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                if hi < lo:
                    raise ValueError
                ids.extend(range(lo, hi + 1))
            else:
                ids.append(int(part))
        except ValueError:
            raise SettingsError(
                f"VOTEBOT_SHARD_IDS must look like 0,1,2 or 0-3, not {raw!r}"
            ) from None
    if any(i < 0 for i in ids):
        raise SettingsError("VOTEBOT_SHARD_IDS cannot contain negative shard numbers")
    return tuple(sorted(set(ids)))


def _url(name: str, raw: str, schemes: tuple[str, ...]) -> str:
    if not raw.startswith(schemes):
        raise SettingsError(f"{name} must start with {' or '.join(schemes)}, not {raw!r}")
    return raw.rstrip("/")
