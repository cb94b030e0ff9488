"""One Settings object, read from VOTEBOT_* environment variables and an optional .env file."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
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
        for name, (field_name, parse) in _READERS.items():
            if (raw := get(name)) is not None:
                kwargs[field_name] = parse(name, raw)
        settings = cls(**kwargs)  # type: ignore[arg-type]
        _check_shards(settings)
        return settings


def _check_shards(settings: Settings) -> None:
    if settings.shard_ids is not None:
        if settings.shard_count is None:
            raise SettingsError("VOTEBOT_SHARD_IDS needs VOTEBOT_SHARD_COUNT as well")
        too_big = [i for i in settings.shard_ids if i >= settings.shard_count]
        if too_big:
            raise SettingsError(
                f"VOTEBOT_SHARD_IDS has shard {too_big[0]}, but VOTEBOT_SHARD_COUNT is "
                f"{settings.shard_count} (shards are numbered from 0)"
            )


def _text(_name: str, raw: str) -> str:
    return raw


def _path(_name: str, raw: str) -> Path:
    return Path(raw)


def _log_level(name: str, raw: str) -> str:
    if raw.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"{name} must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {raw!r}")
    return raw.upper()


def _refresh_hours(name: str, raw: str) -> float:
    hours = _non_negative_float(name, raw)
    if hours > MAX_REFRESH_HOURS:
        raise SettingsError(
            f"{name} must be at most {MAX_REFRESH_HOURS} "
            f"(a year), or 0 to turn the refresh off, not {raw!r}"
        )
    return hours


def _http_url(name: str, raw: str) -> str:
    return _url(name, raw, ("http://", "https://"))


def _ws_url(name: str, raw: str) -> str:
    return _url(name, raw, ("ws://", "wss://"))


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


def _shard_ids(_name: str, raw: str) -> tuple[int, ...]:
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


# Each setting: its environment variable, the Settings field it fills, and how it is read.
_READERS: dict[str, tuple[str, Callable[[str, str], object]]] = {
    "VOTEBOT_DB": ("db_path", _path),
    "VOTEBOT_DATA_SOURCE": ("data_source", _text),
    "DISCORD_TOKEN": ("discord_token", _text),
    "VOTEBOT_ALIASES_DIR": ("aliases_dir", _path),
    "VOTEBOT_SHARD_COUNT": ("shard_count", _positive_int),
    "VOTEBOT_SHARD_IDS": ("shard_ids", _shard_ids),
    "VOTEBOT_DISCORD_API": ("discord_api", _http_url),
    "VOTEBOT_DISCORD_GATEWAY": ("discord_gateway", _ws_url),
    "VOTEBOT_LOG_LEVEL": ("log_level", _log_level),
    "VOTEBOT_HTTP_TIMEOUT": ("http_timeout", _positive_float),
    "VOTEBOT_REFRESH_HOURS": ("refresh_interval_hours", _refresh_hours),
}
