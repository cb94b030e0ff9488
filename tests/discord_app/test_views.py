"""The buttons and menus under an answer, end to end: paging a search, picking one of the
candidates of an ambiguous name, and the controls disabled when the view times out.

A click that asks the core may be answered in the callback (UPDATE_MESSAGE) or deferred
(DEFERRED_UPDATE_MESSAGE) and then edited in; `click` (helpers.py) reads either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.ask.commands import HOWVOTED, RESOLUTION
from tests.discord_app.helpers import (
    ask,
    assert_answered,
    assert_embed_is,
    assert_updated,
    buttons,
    callback_message_id,
    click,
    make_bot,
)
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import run, running
from tests.fake_discord.payloads import CHANNEL_MESSAGE

pytestmark = pytest.mark.e2e


def test_search_pages_with_buttons(votes_db: Path, core: Any) -> None:
    first = core.search("nuclear")
    assert first.pages >= 2, "the fixture should need two pages for this topic"
    second = core.search("nuclear", page=2)

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, reply = await ask(fake, "search", {"topic": "nuclear"})
                assert_answered(reply)
                assert_embed_is(reply.embed, first)
                ids = {b["custom_id"]: b for b in buttons(reply.message) if "custom_id" in b}
                assert ids["page:previous"]["disabled"] is True
                assert ids["page:next"]["disabled"] is False
                message_id = callback_message_id(fake, interaction)
                user = interaction["member"]["user"]
                update = await click(fake, message_id, "page:next", user=user)
                assert_updated(update)
                assert_embed_is(update.embed, second)
                # someone else cannot turn the pages of this answer
                refused = await click(fake, message_id, "page:previous")
                assert refused.kind == CHANNEL_MESSAGE
                assert refused.ephemeral

    run(scenario)


def _ambiguous(core: Any, texts: list[str], *, min_candidates: int, max_candidates: int):  # type: ignore[no-untyped-def]
    from bot.core.models import Unresolved

    for text in texts:
        answer = HOWVOTED.run(core, {"country": text, "resolution": "ES-11/1"})
        if isinstance(answer, Unresolved) and answer.match is not None:
            count = len(answer.match.candidates[:25])
            if min_candidates <= count <= max_candidates:
                return text, answer
    raise AssertionError(
        f"none of {texts} is ambiguous with {min_candidates}-{max_candidates} candidates"
    )


def test_an_ambiguous_name_offers_buttons_and_the_pick_answers(votes_db: Path, core: Any) -> None:
    text, unresolved = _ambiguous(
        core, ["Congo", "Korea", "Germany"], min_candidates=2, max_candidates=5
    )
    pick = unresolved.match.candidates[1]
    answer = HOWVOTED.run(core, {"country": pick.id, "resolution": "ES-11/1"})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                options = {"country": text, "resolution": "ES-11/1"}
                interaction, reply = await ask(fake, "howvoted", options)
                assert_answered(reply)
                assert_embed_is(reply.embed, unresolved)
                choices = [b for b in buttons(reply.message) if "custom_id" in b]
                assert [b["label"] for b in choices] == [
                    c.name for c in unresolved.match.candidates
                ]
                message_id = callback_message_id(fake, interaction)
                user = interaction["member"]["user"]
                update = await click(fake, message_id, choices[1]["custom_id"], user=user)
                assert_updated(update)
                assert_embed_is(update.embed, answer)

    run(scenario)


async def pick_in_menu(
    fake: Any, interaction: Any, reply: Any, offered: list[str], pick: str, answer: Any
) -> None:
    """The reply's select menu offers exactly `offered`; choosing `pick` in it updates
    the same message with `answer`."""
    (menu,) = [c for c in buttons(reply.message) if c["type"] == 3]
    assert [o["value"] for o in menu["options"]] == offered
    message_id = callback_message_id(fake, interaction)
    user = interaction["member"]["user"]
    update = await click(fake, message_id, menu["custom_id"], values=[pick], user=user)
    assert_updated(update)
    assert_embed_is(update.embed, answer)


def test_ambiguous_resolutions_come_as_a_select_menu(votes_db: Path, core: Any) -> None:
    from bot.core.models import Unresolved

    unresolved = None
    for text in ["ukraine", "nuclear", "embargo"]:
        candidate = RESOLUTION.run(core, {"query": text})
        if isinstance(candidate, Unresolved) and candidate.match and candidate.match.candidates:
            unresolved = candidate
            break
    assert unresolved is not None, "the fixture should have an ambiguous resolution query"
    query = unresolved.match.query
    pick = unresolved.match.candidates[-1]
    answer = RESOLUTION.run(core, {"query": pick.id})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, reply = await ask(fake, "resolution", {"query": query})
                assert_answered(reply)
                offered = [c.id for c in unresolved.match.candidates[:25]]
                await pick_in_menu(fake, interaction, reply, offered, pick.id, answer)

    run(scenario)


def test_a_best_guess_offers_the_other_readings_in_a_menu(votes_db: Path, core: Any) -> None:
    """An answer given for a best guess says so and lists the runners-up; picking one
    answers for it in the same message."""
    from bot.core.models import ResolutionAnswer

    guessed = None
    for text in ["ukraine war", "the ukraine one", "nuclear weapons ban", "embargo cuba"]:
        candidate = RESOLUTION.run(core, {"query": text})
        if isinstance(candidate, ResolutionAnswer) and candidate.guess is not None:
            if candidate.guess.candidates:
                guessed = candidate
                break
    assert guessed is not None and guessed.guess is not None, "the fixture should give a guess"
    assert any(n.startswith("Taking “") for n in guessed.notes)
    query = guessed.guess.query
    pick = guessed.guess.candidates[0]
    answer = RESOLUTION.run(core, {"query": pick.id})

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, reply = await ask(fake, "resolution", {"query": query})
                assert_answered(reply)
                assert_embed_is(reply.embed, guessed)
                offered = [c.id for c in guessed.guess.candidates]  # type: ignore[union-attr]
                await pick_in_menu(fake, interaction, reply, offered, pick.id, answer)

    run(scenario)


def test_buttons_are_disabled_when_the_view_times_out(
    votes_db: Path, core: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.discord_app import views

    monkeypatch.setattr(views, "VIEW_TIMEOUT", 0.3)
    assert core.search("nuclear").pages >= 2

    async def scenario() -> None:
        async with FakeDiscord() as fake:
            async with running(make_bot(fake, votes_db), fake):
                interaction, reply = await ask(fake, "search", {"topic": "nuclear"})
                assert_answered(reply)
                original = (
                    f"/webhooks/{fake.application_id}/{interaction['token']}/messages/@original"
                )
                # a deferred answer is itself an edit of the original: wait for the next one
                edit = await fake.wait_for_request(
                    lambda r: (
                        r.path == original and r.method == "PATCH" and r is not reply.followup
                    ),
                    timeout=5,
                )
                controls = [b for b in buttons(edit.json) if "custom_id" in b]
                assert controls and all(b["disabled"] for b in controls)

    run(scenario)
