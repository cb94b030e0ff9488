"""The embed adapter keeps within Discord's limits and escapes what users typed."""

from __future__ import annotations

import pytest

from bot.core.render.limits import EMBED_TOTAL_MAX, FIELD_VALUE_MAX, FIELDS_MAX, TITLE_MAX
from bot.core.render.text import EmbedData
from bot.discord_app.embeds import (
    escape_echoes,
    link_buttons,
    to_embed,
)


def _data(**overrides: object) -> EmbedData:
    values: dict[str, object] = {
        "title": "Eritrea: No on A/RES/ES-11/1",
        "description": "Aggression against Ukraine",
        "colour": 0xE74C3C,
        "fields": [("Yes", "141", True), ("No", "5", True)],
        "url": "https://digitallibrary.un.org/record/1",
        "footer": "UN General Assembly recorded votes",
        "buttons": [("UN record", "https://digitallibrary.un.org/record/1")],
    }
    values.update(overrides)
    return EmbedData(**values)  # type: ignore[arg-type]


def test_embed_carries_everything_rendered() -> None:
    embed = to_embed(_data()).to_dict()
    assert embed["title"] == "Eritrea: No on A/RES/ES-11/1"
    assert embed["color"] == 0xE74C3C
    assert [(f["name"], f["value"], f["inline"]) for f in embed["fields"]] == [
        ("Yes", "141", True),
        ("No", "5", True),
    ]
    assert embed["footer"]["text"] == "UN General Assembly recorded votes"


def test_oversized_parts_are_cut_to_discord_limits() -> None:
    embed = to_embed(
        _data(title="T" * 400, fields=[(f"f{i}", "v" * 2000, False) for i in range(40)])
    )
    assert len(embed.title or "") == TITLE_MAX
    assert len(embed.fields) <= FIELDS_MAX
    assert all(len(f.value or "") <= FIELD_VALUE_MAX for f in embed.fields)
    assert len(embed) <= EMBED_TOTAL_MAX


def test_link_buttons_only_for_web_links() -> None:
    data = _data(buttons=[("UN record", "https://un.org/x"), ("bad", "javascript:alert(1)")])
    assert [b.label for b in link_buttons(data)] == ["UN record"]


@pytest.mark.parametrize(
    ("echo", "must_not_contain"),
    [("**bold**", "**bold**"), ("@everyone", "@everyone"), ("`code`", "`code`")],
)
def test_user_text_echoed_in_a_reply_is_escaped(echo: str, must_not_contain: str) -> None:
    text = escape_echoes(f"I could not find a country called “{echo}”.", [echo])
    assert must_not_contain not in text


@pytest.mark.parametrize(
    ("question", "reply", "must_not_contain"),
    [
        ("/history Russia ||spoiler|| `x`", "Russia on “||spoiler|| `x`”:", "||spoiler||"),
        ("/search [x](https://e.com) gaza", "Nothing about “[x](https://e.com) gaza”.", "“[x]("),
        ("/search **a** b", "About “**a** b”: “**Title**” (2001)", "**a**"),
    ],
)
def test_a_quoted_part_of_a_longer_question_is_escaped(
    question: str, reply: str, must_not_contain: str
) -> None:
    assert must_not_contain not in escape_echoes(reply, [question])


def test_text_the_user_did_not_type_keeps_its_markdown() -> None:
    reply = "**Adopted** “Aggression against Ukraine” for “**x**”"
    escaped = escape_echoes(reply, ["/resolution **x**"])
    assert escaped.startswith("**Adopted** “Aggression against Ukraine”")
    assert "“**x**”" not in escaped


def test_an_echo_is_escaped_once() -> None:
    assert escape_echoes("“*a*” and *a*", ["*a*", "a*"]) == r"“\*a\*” and \*a\*"
