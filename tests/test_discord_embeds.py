"""The embed adapter keeps within Discord's limits and escapes what users typed."""

from __future__ import annotations

import pytest

from bot.core.ask.command import CommandCall
from bot.core.ask.commands import ASK, COMPARE, HISTORY
from bot.core.render.limits import EMBED_TOTAL_MAX, FIELD_VALUE_MAX, FIELDS_MAX, TITLE_MAX
from bot.core.render.text import EmbedData
from bot.core.text import clip
from bot.discord_app.cogs.mentions import question_text
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


def test_clip_marks_the_cut() -> None:
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"


def test_a_call_with_a_choice_replaces_only_the_ambiguous_text() -> None:
    call = CommandCall.of(COMPARE, a="Congo", b="France", since="2010")
    picked = call.with_choice("Congo", "COD")
    assert dict(picked.args) == {"a": "COD", "b": "France", "since": "2010"}
    assert dict(call.with_page(3).args) == {
        "a": "Congo",
        "b": "France",
        "since": "2010",
        "page": "3",
    }


def test_a_choice_leaves_another_option_that_reads_the_same() -> None:
    call = CommandCall.of(HISTORY, country="Guinea", topic="Guinea")
    assert dict(call.with_choice("Guinea", "GIN").args) == {"country": "GIN", "topic": "Guinea"}
    topic = CommandCall.of(COMPARE, a="Congo", b="France", topic="Congo")
    assert dict(topic.with_choice("Congo", "COG").args)["topic"] == "Congo"


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("how did congo vote on ES-11/1?", "congo", "how did COG vote on ES-11/1?"),
        ("/compare Korea France", "korea", "/compare COG France"),
        ("/howvoted congolese congo", "congo", "/howvoted congolese COG"),
    ],
)
def test_a_choice_replaces_the_ambiguous_words_of_a_typed_question(
    text: str, query: str, expected: str
) -> None:
    picked = CommandCall.of(ASK, question=text).with_choice(query, "COG")
    assert dict(picked.args) == {"question": expected}


def test_a_choice_the_question_does_not_contain_changes_nothing() -> None:
    call = CommandCall.of(ASK, question="how did congo vote?")
    assert call.with_choice("korea", "KOR") == call


def test_the_bot_mention_is_taken_out_of_a_question() -> None:
    assert question_text("<@42> how did Eritrea vote?", 42) == "how did Eritrea vote?"
    assert question_text("<@!42> compare <@7> and France", 42) == "compare <@7> and France"


def _resolution_answer(no: int, abstain: int, absent: int) -> object:
    from bot.core.models import CountryRef, Resolution, ResolutionAnswer

    def refs(prefix: str, n: int) -> tuple[CountryRef, ...]:
        return tuple(CountryRef(f"{prefix}{i:03d}", f"{prefix} Republic {i}") for i in range(n))

    resolution = Resolution(
        id=1,
        symbol="A/RES/1/1",
        date="2000-01-01",
        session="1",
        title="A long roll call",
        yes=193 - no - abstain - absent,
        no=no,
        abstain=abstain,
        non_voting=absent,
        total_members=193,
    )
    return ResolutionAnswer(
        resolution=resolution,
        no_votes=refs("Noland", no),
        abstentions=refs("Abstania", abstain),
        non_voting=refs("Absentia", absent),
    )


def test_lists_the_core_cut_short_are_paged_in_full() -> None:
    from bot.core.render.text import embed_data
    from bot.discord_app.pages import answer_pages

    answer = _resolution_answer(no=70, abstain=60, absent=20)
    first = embed_data(answer)
    assert "more" in first.description  # the core did cut the lists
    pages = answer_pages(answer, first)
    assert pages[0] == first  # the first page is what the core rendered
    assert len(pages) >= 3
    listed: list[str] = []
    for page in pages[1:]:
        for block in page.description.split("\n\n"):
            heading, _, names = block.partition("\n")
            assert heading.startswith("**") and heading.endswith("**")
            listed += names.split(", ")
    everyone = [*answer.no_votes, *answer.abstentions, *answer.non_voting]  # type: ignore[attr-defined]
    assert sorted(listed) == sorted(ref.name for ref in everyone)  # each exactly once
    for number, page in enumerate(pages[1:], start=2):
        assert len(page.description) <= 2000
        assert page.footer.endswith(f"page {number} of {len(pages)}")
        assert page.title == first.title
    assert "**Against (70)" in pages[1].description
    assert any("(continued)" in p.description for p in pages[2:])


def test_short_lists_are_not_paged() -> None:
    from bot.core.render.text import embed_data
    from bot.discord_app.pages import answer_pages

    answer = _resolution_answer(no=3, abstain=2, absent=0)
    first = embed_data(answer)
    assert answer_pages(answer, first) == [first]
