"""What the end-to-end Discord tests share: the bot made against the fake Discord, a
command sent and its reply read back, and the core's own answer to compare it with.

The database is built from a small hand-written CSV (tests/fake_discord/votes.csv) with
`votebot data import`, as an operator would (the `votes_db` fixture, conftest.py).

A reply is read as a `Reply` (tests/fake_discord/recording.py): the bot answers in the
callback when the core is quick and defers first when it takes over a second, which a
busy machine decides, not the test.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image

from tests.fake_discord import FakeDiscord, Reply, UploadedFile
from tests.fake_discord.harness import GUILD_READY_TIMEOUT, settings_for
from tests.fake_discord.payloads import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    UPDATE_MESSAGE,
)
from tests.paths import PROJECT, TESTS

VOTES_CSV = TESTS / "fake_discord" / "votes.csv"
LINK_STYLE = 5
T = TypeVar("T")


def build_db(csv: Path, db: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "data", "import", str(csv), "--db", str(db)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return db


def make_bot(fake: FakeDiscord, db: Path, **options: Any) -> Any:
    from bot.discord_app.answers_holder import AnswersHolder
    from bot.discord_app.client import make_bot as make

    settings = settings_for(fake, db)
    holder = AnswersHolder(db, settings.aliases_dir)
    return make(settings, holder, guild_ready_timeout=GUILD_READY_TIMEOUT, **options)


async def ask(fake: FakeDiscord, name: str, options: dict[str, Any], **where: Any) -> Any:
    """Send a command; the interaction and the bot's reply to it, deferred or not."""
    interaction = fake.command_interaction(name, options, **where)
    await fake.send_interaction(interaction)
    return interaction, await fake.wait_answer(interaction)


async def click(fake: FakeDiscord, message_id: int, custom_id: str, **options: Any) -> Reply:
    """Click a component of a message the bot sent; the bot's reply to the click."""
    interaction = fake.component_interaction(message_id, custom_id, **options)
    await fake.send_interaction(interaction)
    return await fake.wait_answer(interaction)


def assert_answered(reply: Reply) -> None:
    """A new message answers the command: sent in the callback, or deferred and then edited
    into the original response."""
    assert reply.kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE), reply.callback.json
    assert reply.direct or reply.edited_in, reply.followup


def assert_updated(reply: Reply) -> None:
    """The clicked message shows the new answer: updated in the callback, or deferred and then
    edited."""
    assert reply.kind in (UPDATE_MESSAGE, DEFERRED_UPDATE_MESSAGE), reply.callback.json
    assert reply.kind == UPDATE_MESSAGE or reply.edited_in, reply.followup


def callback_message_id(fake: FakeDiscord, interaction: dict[str, Any]) -> int:
    return fake.originals[interaction["token"]]


def expected(answer: Any) -> Any:
    from bot.core.render.text import embed_data

    return embed_data(answer)


def assert_embed_is(embed: dict[str, Any], answer: Any) -> None:
    """The embed carries exactly the facts the core rendered for the answer."""
    data = expected(answer)
    assert embed["title"] == data.title
    assert embed.get("description", "") == data.description
    assert embed["color"] == data.colour
    assert embed.get("url") == data.url
    assert embed["footer"]["text"] == data.footer
    fields = [(f["name"], f["value"], f["inline"]) for f in embed.get("fields", [])]
    assert fields == [tuple(f) for f in data.fields]


def expected_chart(core: Any, answer: Any) -> Any:
    from bot.core.render.charts import chart_for

    return chart_for(answer, coverage=core.coverage())


def assert_carries_chart(
    message: dict[str, Any], uploads: list[UploadedFile], chart: Any, size_limit: int
) -> None:
    (upload,) = uploads
    assert upload.filename == chart.filename
    assert upload.description == chart.description
    assert upload.data == chart.png  # the same drawing the core makes for the answer
    assert len(upload.data) <= size_limit
    with Image.open(io.BytesIO(upload.data)) as sent, Image.open(io.BytesIO(chart.png)) as own:
        assert sent.format == "PNG"
        assert sent.size == own.size
        sent.load()  # decodes the whole picture: a truncated upload fails here
    (embed,) = message["embeds"]
    assert embed["image"]["url"] == f"attachment://{chart.filename}"


def buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in payload.get("components", []) for c in row["components"]]


def assert_links_are(payload: dict[str, Any], answer: Any) -> None:
    links = [(b["label"], b["url"]) for b in buttons(payload) if b.get("style") == LINK_STYLE]
    assert links == list(expected(answer).buttons)


async def eventually(predicate: Callable[[], T], *, what: str, timeout: float = 15) -> T:
    """Poll until `predicate()` is true and return it: for what the bot does in its own time
    (a heartbeat, a reload), so that a busy machine makes the test slower, not red."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.02)
    return value
