from pathlib import Path

import pytest

from bot.config import Settings, SettingsError


def test_defaults_without_environment() -> None:
    s = Settings.from_env({})
    assert s.db_path == Path("data/votes.db")
    assert s.discord_token is None
    assert s.shard_ids is None


def test_token_never_in_repr() -> None:
    s = Settings.from_env({"DISCORD_TOKEN": "secret-token-value"})
    assert s.discord_token == "secret-token-value"
    assert "secret-token-value" not in repr(s)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VOTEBOT_SHARD_COUNT": "zero"}, "whole number"),
        ({"VOTEBOT_SHARD_COUNT": "0"}, "at least 1"),
        ({"VOTEBOT_SHARD_IDS": "0-3"}, "needs VOTEBOT_SHARD_COUNT"),
        ({"VOTEBOT_SHARD_COUNT": "2", "VOTEBOT_SHARD_IDS": "0-3"}, "numbered from 0"),
        ({"VOTEBOT_SHARD_COUNT": "4", "VOTEBOT_SHARD_IDS": "3-1"}, "0,1,2 or 0-3"),
        ({"VOTEBOT_DISCORD_GATEWAY": "http://x"}, "ws://"),
        ({"VOTEBOT_LOG_LEVEL": "loud"}, "VOTEBOT_LOG_LEVEL"),
        ({"VOTEBOT_REFRESH_HOURS": "-1"}, "0 or more"),
        ({"VOTEBOT_REFRESH_HOURS": "inf"}, "0 or more"),
        ({"VOTEBOT_REFRESH_HOURS": "1e300"}, "at most"),
        ({"VOTEBOT_HTTP_TIMEOUT": "nan"}, "VOTEBOT_HTTP_TIMEOUT"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_shard_ranges() -> None:
    s = Settings.from_env({"VOTEBOT_SHARD_COUNT": "16", "VOTEBOT_SHARD_IDS": "0-3, 8"})
    assert s.shard_ids == (0, 1, 2, 3, 8)
