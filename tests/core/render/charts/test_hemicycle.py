"""The hemicycle of a resolution's vote: one seat per member in each vote's colour, and the
asked country's seat marked. Read back from the PNG (pictures.py)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.models import (
    CountryRef,
    HowVotedAnswer,
    MemberVote,
    ResolutionAnswer,
)
from bot.core.render.charts import chart_for
from bot.core.render.charts.hemicycle import layout
from bot.core.render.charts.style import (
    BACKGROUND,
    HIGHLIGHT,
    VOTE_ORDER,
    VOTE_STYLES,
)
from bot.core.render.limits import ATTACHMENT_DESCRIPTION_MAX
from tests.core.render.charts.pictures import (
    COVERAGE,
    LEGEND_KEYS,
    MAX_PNG_BYTES,
    MIN_REGION_PX,
    TALLIES,
    count_by_vote,
    decode,
    make_resolution,
    mask_of,
    regions,
    resolution_answer,
    rgb,
    ring_and_seat,
)


@pytest.mark.parametrize("tally", TALLIES)
def test_hemicycle_shows_one_seat_per_member_in_each_vote_colour(tally):
    answer = resolution_answer(*tally)
    chart = chart_for(answer, coverage=COVERAGE)
    assert chart is not None
    counted = count_by_vote(decode(chart))
    expected = {v: n + LEGEND_KEYS for v, n in zip(VOTE_ORDER, tally, strict=True)}
    assert counted == expected
    assert len(chart.png) < MAX_PNG_BYTES


def test_hemicycle_description_gives_the_tally_in_words():
    chart = chart_for(resolution_answer(141, 5, 35, 12), coverage=COVERAGE)
    assert chart is not None
    text = chart.description
    for phrase in ("A/RES/ES-11/1", "141 yes", "5 no", "35 abstained", "12 did not vote"):
        assert phrase in text
    assert "UN General Assembly Voting Data" in text and "2026-02-06" in text
    assert len(text) <= ATTACHMENT_DESCRIPTION_MAX
    assert chart.filename.endswith(".png") and "/" not in chart.filename


def test_seats_come_from_the_stated_tally_and_a_differing_roll_call_is_said():
    # the data lists 58 abstainers where the stated tally says 59 (A/RES/77/293 does this)
    answer = resolution_answer(87, 26, 58, 22)
    answer = replace(answer, resolution=replace(answer.resolution, abstain=59))
    chart = chart_for(answer)
    assert chart is not None
    counted = count_by_vote(decode(chart))
    assert counted["abstain"] == 59 + LEGEND_KEYS
    assert "differ" in chart.description
    assert "Abstained 58 listed, 59 stated" in chart.description
    agreeing = chart_for(resolution_answer(87, 26, 59, 22))
    assert agreeing is not None and "differ" not in agreeing.description


def test_a_missing_roll_call_is_said():
    answer = ResolutionAnswer(
        resolution=make_resolution(100, 10, 20, 3),
        no_votes=(),
        abstentions=(),
        non_voting=(),
    )
    chart = chart_for(answer)
    assert chart is not None
    assert "no roll call" in chart.description
    assert count_by_vote(decode(chart))["no"] == 10 + LEGEND_KEYS


@pytest.mark.parametrize("vote", ["yes", "no", "abstain"])
def test_howvoted_marks_the_countrys_seat_in_its_vote_group(vote: MemberVote):
    answer = HowVotedAnswer(
        country=CountryRef("ERI", "Eritrea"),
        resolution=make_resolution(141, 5, 35, 12),
        vote=vote,
        sided_with=(),
        opposed_by=(),
    )
    chart = chart_for(answer, coverage=COVERAGE)
    assert chart is not None
    pixels = decode(chart)
    _, centre = ring_and_seat(pixels)
    assert centre == rgb(VOTE_STYLES[vote].colour)
    # marking a seat does not add, hide or split one
    assert count_by_vote(pixels) == {
        "yes": 142,
        "no": 6,
        "abstain": 36,
        "non_voting": 13,
    }
    assert f"Eritrea's seat is marked with a ring and labelled: {VOTE_STYLES[vote].label}" in (
        chart.description
    )


def test_howvoted_marks_a_hollow_seat_for_did_not_vote():
    answer = HowVotedAnswer(
        country=CountryRef("VEN", "Venezuela"),
        resolution=make_resolution(141, 5, 35, 12),
        vote="non_voting",
        sided_with=(),
        opposed_by=(),
    )
    chart = chart_for(answer)
    assert chart is not None
    pixels = decode(chart)
    ring, centre = ring_and_seat(pixels)
    assert centre == rgb(BACKGROUND)
    grey = mask_of(pixels, VOTE_STYLES["non_voting"].colour)
    inside = grey[ring["top"] : ring["bottom"] + 1, ring["left"] : ring["right"] + 1]
    assert inside.sum() >= MIN_REGION_PX  # the hollow seat's own ring, inside the mark
    assert count_by_vote(pixels)["non_voting"] == 13


def test_a_lone_vote_is_still_marked_in_the_outer_row():
    answer = HowVotedAnswer(
        country=CountryRef("ISR", "Israel"),
        resolution=make_resolution(150, 1, 30, 12),
        vote="no",
        sided_with=(),
        opposed_by=(),
    )
    chart = chart_for(answer)
    assert chart is not None
    pixels = decode(chart)
    _, centre = ring_and_seat(pixels)
    assert centre == rgb(VOTE_STYLES["no"].colour)
    assert count_by_vote(pixels) == {"yes": 151, "no": 2, "abstain": 31, "non_voting": 13}


def test_howvoted_for_a_non_member_marks_no_seat_and_says_why():
    answer = HowVotedAnswer(
        country=CountryRef("SSD", "South Sudan"),
        resolution=make_resolution(100, 10, 20, 3, date="1990-12-01"),
        vote="not_member",
        sided_with=(),
        opposed_by=(),
    )
    chart = chart_for(answer)
    assert chart is not None
    pixels = decode(chart)
    assert regions(mask_of(pixels, HIGHLIGHT)) == []
    assert "South Sudan was not a member then" in chart.description
    # the answer's own note (when the seat's votes begin) is said once, beside ours
    precise = "South Sudan's first recorded vote was on 2011-07-14, after this resolution."
    told = chart_for(replace(answer, notes=(precise,)))
    assert told is not None
    assert told.description.count(precise) == 1
    assert told.description.count("South Sudan was not a member then") == 1


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 200),
    st.integers(0, 60),
    st.integers(0, 80),
    st.integers(0, 40),
    st.sampled_from(VOTE_ORDER),
)
def test_layout_keeps_counts_and_never_overlaps_seats(yes, no, abstain, non_voting, highlight):
    counts = {"yes": yes, "no": no, "abstain": abstain, "non_voting": non_voting}
    hemi = layout(counts, highlight=highlight)
    for vote, n in counts.items():
        assert sum(1 for s in hemi.seats if s.vote == vote) == n
    points = np.array([(s.x, s.y) for s in hemi.seats])
    if len(points) > 1:
        gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
        np.fill_diagonal(gaps, np.inf)
        assert gaps.min() > hemi.diameter * 1.2
    if counts[highlight]:
        assert hemi.highlighted is not None
        seat = hemi.seats[hemi.highlighted]
        assert seat.vote == highlight and seat.row == hemi.rows - 1
        assert math.isclose(math.hypot(seat.x, seat.y), 1.0)
