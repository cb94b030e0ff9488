"""The bot's connection to Discord: sync, gateway session, resume, rate limits, shards.

These run the real discord.py client against the fake Discord in tests/fake_discord.
/help needs no database, so it is the command used to check that the bot answers.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.discord_app.client import ShardedVoteBot, VoteBot, make_bot
from tests.discord_app.helpers import eventually
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import (
    GUILD_READY_TIMEOUT,
    bot_env,
    finish,
    run,
    running,
    settings_for,
    start_cli,
)
from tests.fake_discord.payloads import (
    BOT_DM,
    EPHEMERAL,
    GUILD,
    PRIVATE_CHANNEL,
    PRIVILEGED_INTENTS,
)

pytestmark = pytest.mark.e2e

COMMANDS = {
    "howvoted",
    "resolution",
    "compare",
    "allies",
    "history",
    "search",
    "ask",
    "about",
    "help",
}
STRING, BOOLEAN = 3, 5


def _bot(fake: FakeDiscord, tmp_path: Path, **overrides: object):  # type: ignore[no-untyped-def]
    settings = settings_for(fake, tmp_path / "votes.db", **overrides)
    return make_bot(settings, None, guild_ready_timeout=GUILD_READY_TIMEOUT)


def _help_lines(callback_json: dict) -> list[str]:  # type: ignore[type-arg]
    description = callback_json["data"]["embeds"][0]["description"]
    return [line for line in description.splitlines() if line.startswith("**/")]


def test_sync_publishes_every_command_for_guild_and_user_installs(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            process = await start_cli("sync", env=bot_env(fake, tmp_path / "votes.db"))
            code, output = await finish(process)
            assert code == 0, output
            assert "Synced 9 commands globally" in output
            (put,) = fake.requests_to(rf"/applications/{fake.application_id}/commands", "PUT")
            commands = {c["name"]: c for c in put.json}
            assert set(commands) == COMMANDS
            for command in put.json:
                assert command["integration_types"] == [0, 1], command["name"]
                assert command["contexts"] == [0, 1, 2], command["name"]
                assert 1 <= len(command["description"]) <= 100
                for option in command.get("options", []):
                    assert 1 <= len(option["description"]) <= 100, (command["name"], option)
            howvoted = {o["name"]: o for o in commands["howvoted"]["options"]}
            assert howvoted["country"]["type"] == STRING
            assert howvoted["country"]["required"] is True
            assert howvoted["country"]["autocomplete"] is True
            assert howvoted["resolution"]["required"] is False
            assert howvoted["resolution"]["autocomplete"] is True
            assert howvoted["private"]["type"] == BOOLEAN
            compare = [o["name"] for o in commands["compare"]["options"]]
            assert compare[:5] == ["a", "b", "since", "until", "topic"]
            charted = {"howvoted", "resolution", "compare", "allies", "history", "ask"}
            for name in COMMANDS:
                options = {o["name"]: o for o in commands[name].get("options", [])}
                if name in charted:
                    assert options["chart"]["type"] == BOOLEAN, name
                    assert options["chart"]["required"] is False, name
                else:
                    assert "chart" not in options, name
            # the token is never printed
            assert fake.token not in output

    run(scenario)


def test_sync_to_one_guild(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            guild = fake.guild_ids[0]
            env = bot_env(fake, tmp_path / "votes.db")
            code, output = await finish(await start_cli("sync", "--guild", str(guild), env=env))
            assert code == 0, output
            path = rf"/applications/{fake.application_id}/guilds/{guild}/commands"
            (put,) = fake.requests_to(path, "PUT")
            assert {c["name"] for c in put.json} == COMMANDS
            assert not fake.requests_to(rf"/applications/{fake.application_id}/commands", "PUT")

    run(scenario)


def test_sync_with_a_rejected_token_is_one_clear_line(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            env = bot_env(fake, tmp_path / "votes.db", DISCORD_TOKEN="not-the-right-token")
            code, output = await finish(await start_cli("sync", env=env))
            assert code != 0
            assert output.strip().splitlines()[-1] == (
                "votebot: Discord rejected the token in DISCORD_TOKEN (401 Unauthorized)"
            )
            assert "not-the-right-token" not in output
            assert "Traceback" not in output

    run(scenario)


def test_connects_without_privileged_intents_and_answers_help(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord(heartbeat_interval_ms=200) as fake:
            bot = _bot(fake, tmp_path)
            assert isinstance(bot, VoteBot)
            async with running(bot, fake):
                (identify,) = fake.identifies
                assert identify["intents"] & PRIVILEGED_INTENTS == 0
                for context in (GUILD, BOT_DM, PRIVATE_CHANNEL):
                    interaction = fake.command_interaction("help", context=context)
                    await fake.send_interaction(interaction)
                    callback = await fake.wait_callback(interaction)
                    assert callback.json["type"] == 4
                    assert callback.json["data"]["flags"] & EPHEMERAL
                    assert callback.json["data"]["allowed_mentions"] == {"parse": []}
                    names = {line[3:].split("**")[0] for line in _help_lines(callback.json)}
                    assert names == COMMANDS
                # the client keeps the session alive (every 0.2 s here)
                await eventually(lambda: fake.heartbeats >= 2, what="two heartbeats")

    run(scenario)


def test_resumes_after_the_gateway_drops_and_gets_missed_events(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(_bot(fake, tmp_path), fake):
                session = fake.by_shard[0]
                await fake.close_gateway(0)
                # sent while the bot is away: Discord replays it after RESUME
                missed = fake.command_interaction("help")
                await fake.send_interaction(missed)
                await fake.wait_connected()
                assert session.resumes == 1
                assert len(fake.identifies) == 1  # resumed, not a new session
                await fake.wait_callback(missed)
                after = fake.command_interaction("help")
                await fake.send_interaction(after)
                await fake.wait_callback(after)
                await asyncio.sleep(0.2)
                callbacks = fake.requests_to(r"/interactions/\d+/[^/]+/callback", "POST")
                assert len(callbacks) == 2  # each answered once

    run(scenario)


@pytest.mark.parametrize("shards", ["one", "ranged", "auto"])
def test_every_connection_and_resume_goes_through_the_configured_gateway(
    tmp_path: Path, shards: str
) -> None:
    """A gateway proxy may pass READY (resume_gateway_url) and GET /gateway/bot on
    unchanged, naming Discord's own host: the bot must still connect and resume through
    the proxy it was configured with."""

    async def scenario() -> None:
        async with FakeDiscord(discord_gateway_path="/discord-host") as fake:
            settings = settings_for(fake, tmp_path / "votes.db")
            if shards == "ranged":
                settings = settings_for(fake, tmp_path / "votes.db", shard_count=1, shard_ids=(0,))
            options = {"guild_ready_timeout": GUILD_READY_TIMEOUT}
            bot = (
                ShardedVoteBot(settings, None, **options)
                if shards == "auto"  # asks GET /gateway/bot for the count and the URL
                else make_bot(settings, None, **options)
            )
            async with running(bot, fake):
                session = fake.by_shard[0]
                await fake.close_gateway(0)
                await fake.wait_connected()
                interaction = fake.command_interaction("help")
                await fake.send_interaction(interaction)
                await fake.wait_callback(interaction)
                assert session.resumes == 1
                assert len(fake.identifies) == 1
                assert fake.gateway_paths == ["/gateway", "/gateway"]

    run(scenario)


def test_a_429_from_rest_is_waited_out_and_retried(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(_bot(fake, tmp_path), fake):
                fake.rate_limit("POST", r"/interactions/\d+/[^/]+/callback", retry_after=0.4)
                interaction = fake.command_interaction("help")
                await fake.send_interaction(interaction)
                await fake.wait_callback(interaction)
                path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
                attempts = fake.requests_to(path, "POST")
                assert [a.status for a in attempts] == [429, 200]
                assert attempts[1].at - attempts[0].at >= 0.4

    run(scenario)


def test_sharded_start_runs_the_configured_shards(tmp_path: Path) -> None:
    async def scenario() -> None:
        # guild ids whose shard (id >> 22) % 4 is 0, 1, 2 and 3
        base = 1_300_000_000_000_000_000 >> 22 << 22
        guilds = tuple(base + (i << 22) for i in range(4))
        async with FakeDiscord(guild_ids=guilds) as fake:
            bot = _bot(fake, tmp_path, shard_count=4, shard_ids=(1, 3))
            assert isinstance(bot, ShardedVoteBot)
            async with running(bot, fake):
                assert sorted(i["shard"] for i in fake.identifies) == [[1, 4], [3, 4]]
                assert sorted(bot.shards) == [1, 3]
                assert {g.id for g in bot.guilds} == {guilds[1], guilds[3]}
                interaction = fake.command_interaction("help", guild_id=guilds[3])
                assert fake.shard_for(guilds[3]) == 3
                await fake.send_interaction(interaction)
                await fake.wait_callback(interaction)

    run(scenario)


def test_sharded_bot_without_a_count_takes_discords_recommendation(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord(shards=2) as fake:
            settings = settings_for(fake, tmp_path / "votes.db")
            bot = ShardedVoteBot(settings, None, guild_ready_timeout=GUILD_READY_TIMEOUT)
            async with running(bot, fake):
                assert fake.requests_to("/gateway/bot", "GET")
                assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
                assert bot.shard_count == 2

    run(scenario)


def test_a_rest_proxy_root_gets_the_api_version_added(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            root = fake.api_base.rsplit("/api/", 1)[0]
            bot = _bot(fake, tmp_path, discord_api=root)
            async with running(bot, fake):
                assert fake.requests_to("/users/@me", "GET")

    run(scenario)
