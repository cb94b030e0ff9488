"""Mentions of the bot: the question taken out of the message (a unit test), and the reply,
end to end against the fake Discord."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.core.ask.commands import answer_question
from bot.discord_app.cogs.mentions import question_text
from tests.discord_app.helpers import assert_embed_is, make_bot
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import run, running


def test_the_bot_mention_is_taken_out_of_a_question() -> None:
    assert question_text("<@42> how did Eritrea vote?", 42) == "how did Eritrea vote?"
    assert question_text("<@!42> compare <@7> and France", 42) == "compare <@7> and France"


@pytest.mark.e2e
def test_a_mention_is_answered_like_ask(votes_db: Path, core: Any) -> None:
    question = "how did eritrea vote on ES-11/1?"
    answer = answer_question(core, question)

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                message = fake.mention_message(question)
                await fake.dispatch("MESSAGE_CREATE", message)
                channel = message["channel_id"]
                reply = await fake.wait_for_request(
                    lambda r: r.path == f"/channels/{channel}/messages" and r.method == "POST"
                )
                assert_embed_is(reply.json["embeds"][0], answer)
                assert str(reply.json["message_reference"]["message_id"]) == message["id"]
                assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
                # a message that does not mention the bot is left alone
                quiet = fake.mention_message(question, mention=False)
                await fake.dispatch("MESSAGE_CREATE", quiet)
                await asyncio.sleep(0.3)
                assert len(fake.requests_to(f"/channels/{channel}/messages", "POST")) == 1

    run(scenario)
