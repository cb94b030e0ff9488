"""Renderers over hand-built answers: limits, JSON shape, colours and links."""

from __future__ import annotations

import json

import pytest

from bot.core.models import (
    AlliesAnswer,
    AllyScore,
    CompareAnswer,
    CountryRef,
    Disagreement,
    HistoryAnswer,
    HistoryEntry,
    HowVotedAnswer,
    Match,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
)
from bot.core.render.limits import MESSAGE_MAX
from bot.core.render.text import (
    AMBER,
    GREEN,
    GREY,
    RED,
    embed_data,
    render_json,
    render_text,
)

ES_11_1 = Resolution(
    7, "A/RES/ES-11/1", "2022-03-02", "ES-11", "Aggression against Ukraine", 141, 5, 35, 12, 193
)
LINKED = Resolution(
    3,
    "A/RES/68/262",
    "2014-03-27",
    "68",
    "Territorial integrity of Ukraine",
    100,
    11,
    58,
    24,
    193,
    link="https://digitallibrary.un.org/record/767565",
)


def ref(code: str, name: str | None = None, former: bool = False) -> CountryRef:
    return CountryRef(code, name or code.title(), former)


MANY = tuple(ref(f"C{i:02d}", f"Country with a rather long name number {i}") for i in range(190))


def howvoted(vote: str, sided: tuple[CountryRef, ...], opposed=(), notable=()) -> HowVotedAnswer:  # type: ignore[no-untyped-def]
    return HowVotedAnswer(ref("ERI", "Eritrea"), ES_11_1, vote, sided, opposed, notable=notable)  # type: ignore[arg-type]


def test_lonely_minority_names_every_member_of_the_group() -> None:
    sided = (ref("RUS", "Russia"), ref("BLR", "Belarus"), ref("PRK", "DPRK"), ref("SYR", "Syria"))
    text = render_text(howvoted("no", sided, opposed=MANY[:141]))
    assert "Eritrea was one of 5 against, with Russia, Belarus, DPRK, Syria." in text
    assert "141 in favour" in text


def test_a_group_of_fourteen_is_named_in_full() -> None:
    # A/RES/ES-10/21 from the United States' side: 14 against, none of them notable
    # for it; a bare "One of 14 against." would hide the answer people ask for.
    sided = tuple(ref(f"N{i:02d}", f"Member {i}") for i in range(13))
    text = render_text(howvoted("no", sided, opposed=MANY[:120]))
    assert "Eritrea was one of 14 against, with" in text
    assert all(f"Member {i}," in text or f"Member {i}." in text for i in range(13))


def test_large_group_names_only_the_notable_ones() -> None:
    text = render_text(howvoted("yes", MANY[:140], notable=("C03", "C07")))
    assert "One of 141 in favour, including" in text
    assert "number 3," in text and "number 7." in text
    assert "number 4" not in text


@pytest.mark.parametrize(
    ("vote", "colour", "phrase"),
    [
        ("yes", GREEN, "voted Yes on"),
        ("no", RED, "voted No on"),
        ("abstain", AMBER, "abstained on"),
        ("non_voting", GREY, "did not vote on"),
        ("not_member", GREY, "was not a UN member then"),
    ],
)
def test_every_vote_kind_has_words_and_a_colour(vote: str, colour: int, phrase: str) -> None:
    answer = howvoted(vote, ())
    assert phrase in render_text(answer)
    embed = embed_data(answer)
    assert embed.colour == colour
    assert embed.buttons and embed.buttons[0][1] == embed.url
    assert render_json(answer)["vote"] == vote


def test_link_falls_back_to_a_library_search_by_symbol() -> None:
    assert "search?ln=en&p=A%2FRES%2FES-11%2F1" in render_text(howvoted("yes", ()))
    answer = ResolutionAnswer(LINKED, (), (), ())
    assert "https://digitallibrary.un.org/record/767565" in render_text(answer)
    assert render_json(answer)["resolution"]["link"] == LINKED.link


def test_howvoted_json_has_the_documented_fields() -> None:
    answer = howvoted("no", (ref("RUS", "Russia"),), opposed=(ref("USA"), ref("FRA")))
    data = json.loads(json.dumps(render_json(answer)))
    assert data["kind"] == "howvoted"
    assert data["country"] == {"code": "ERI", "name": "Eritrea", "former": False}
    assert {k: data["resolution"][k] for k in ("symbol", "date", "yes", "no", "abstain")} == {
        "symbol": "A/RES/ES-11/1",
        "date": "2022-03-02",
        "yes": 141,
        "no": 5,
        "abstain": 35,
    }
    assert data["resolution"]["non_voting"] == 12
    assert data["resolution"]["title"] == "Aggression against Ukraine"
    assert data["sided_with"] == ["RUS"]
    assert data["opposed_by"] == ["USA", "FRA"]


def every_kind_at_its_largest() -> list[object]:
    res = [
        Resolution(i, f"A/RES/{i}", f"{1950 + i % 70}-01-01", "1", "T" * 400, 1, 2, 3, 4, 10)
        for i in range(300)
    ]
    scores = tuple(AllyScore(r, 0.5, 100) for r in MANY[:10])
    return [
        howvoted("yes", MANY, opposed=MANY, notable=tuple(r.code for r in MANY)),
        howvoted("no", MANY[:11], opposed=MANY),
        RecentVotesAnswer(ref("ERI"), tuple((r, "yes") for r in res[:5]), ()),
        ResolutionAnswer(res[0], MANY, MANY, MANY, MANY, notes=("n" * 500,) * 5),
        CompareAnswer(
            ref("RUS"),
            ref("CHN"),
            0.5,
            0.6,
            100,
            80,
            tuple(Disagreement(r, "yes", "no") for r in res[:5]),
            topic="x" * 300,
        ),
        AlliesAnswer(ref("ERI"), scores, scores, topic="y" * 300, min_votes=10),
        HistoryAnswer(
            ref("ERI"),
            "ukraine",
            tuple(HistoryEntry(r, "yes" if i % 3 else "no", i > 0) for i, r in enumerate(res)),
        ),
        SearchAnswer("gaza", tuple(res[:10]), 1, 30, 300),
        Unresolved("country", Match("zz", "none"), "m" * 3000),
    ]


@pytest.mark.parametrize("answer", every_kind_at_its_largest(), ids=lambda a: type(a).__name__)
def test_text_always_fits_one_message_and_json_is_serialisable(answer) -> None:  # type: ignore[no-untyped-def]
    text = render_text(answer)
    assert 0 < len(text) <= MESSAGE_MAX
    data = render_json(answer)
    assert data["kind"] == answer.kind_name
    json.dumps(data)
    embed = embed_data(answer)
    assert len(embed.title) <= 256 and len(embed.description) <= 4096
    assert all(len(v) <= 1024 for _, v, _ in embed.fields)


def test_compare_states_its_method_and_counts() -> None:
    answer = every_kind_at_its_largest()[4]
    text = render_text(answer)  # type: ignore[arg-type]
    assert "Agreement 50.0% over 100 votes" in text
    assert "Coincidence 60.0% over 80 Yes/No votes" in text
    assert "State Department" in text
    data = render_json(answer)  # type: ignore[arg-type]
    assert (data["agreement"], data["coincidence"], data["votes"]) == (0.5, 0.6, 100)


def test_allies_json_lists_code_agreement_and_votes() -> None:
    answer = every_kind_at_its_largest()[5]
    data = render_json(answer)  # type: ignore[arg-type]
    assert data["most"][0] == {"code": "C00", "name": MANY[0].name, "agreement": 0.5, "votes": 100}
    assert len(data["least"]) == 10


def test_unresolved_json_carries_status_and_candidates() -> None:
    from bot.core.models import Candidate

    match = Match(
        "congo",
        "ambiguous",
        None,
        (Candidate("COG", "Congo", 90), Candidate("COD", "DR Congo", 88)),
    )
    data = render_json(Unresolved("country", match, "Which Congo?"))
    assert data["kind"] == "unresolved"
    assert data["status"] == "ambiguous"
    assert [c["id"] for c in data["candidates"]] == ["COG", "COD"]


def test_former_states_are_named_as_such() -> None:
    answer = howvoted("no", (ref("SUN", "USSR", former=True),))
    assert "USSR (former)" in render_text(answer)
    assert render_json(answer)["sided_with"] == ["SUN"]


@pytest.mark.parametrize(
    ("since", "until", "topic", "phrase"),
    [
        ("1980", "1989", None, "from 1980 to 1989"),
        ("2022", "2022", None, "in 2022"),
        ("2000", None, "human rights", "since 2000, on “human rights”"),
        (None, "1991", None, "until 1991"),
    ],
)
def test_a_period_reads_as_people_say_it(
    since: str | None, until: str | None, topic: str | None, phrase: str
) -> None:
    usa, sun = ref("USA", "United States"), ref("SUN", "USSR", former=True)
    answer = CompareAnswer(sun, usa, 0.1, 0.1, 10, 10, (), since=since, until=until, topic=topic)
    assert render_text(answer).startswith(f"USSR and United States, {phrase}:")


def test_a_former_state_voted_with_its_allies_in_the_past_tense() -> None:
    sun = ref("SUN", "USSR", former=True)
    answer = AlliesAnswer(sun, (AllyScore(ref("BLR", "Belarus"), 0.99, 2800),), ())
    assert render_text(answer).startswith("Who USSR voted with, over all recorded votes:")


def test_a_small_group_in_favour_is_named() -> None:
    few = tuple(ref(f"Y{i:02d}", f"Supporter {i}") for i in range(6))
    r = Resolution(9, "A/RES/1/1", "1946-01-01", "1", "Small", 6, 20, 3, 0, 29)
    text = render_text(ResolutionAnswer(r, MANY[:20], MANY[20:23], (), yes_votes=few))
    assert "In favour (6): Supporter 0, Supporter 1" in text
    text = render_text(ResolutionAnswer(ES_11_1, (), (), (), yes_votes=MANY[:141]))
    assert "In favour (141)" not in text  # a large majority is the tally, not a list


def test_a_resolution_nobody_opposed_says_so() -> None:
    r = Resolution(9, "A/RES/1514(XV)", "1960-12-14", "15", "Decolonisation", 89, 0, 9, 1, 99)
    text = render_text(ResolutionAnswer(r, (), MANY[:9], MANY[9:10]))
    assert "No one voted against." in text
    assert "No one voted against." not in render_text(ResolutionAnswer(ES_11_1, MANY[:5], (), ()))
