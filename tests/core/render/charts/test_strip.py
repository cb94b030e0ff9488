"""The strip of a country's votes over time: one cell per resolution, in date order."""

from __future__ import annotations

import pytest

from bot.core.models import (
    CountryRef,
    RecentVotesAnswer,
)
from bot.core.render.charts import chart_for, strip
from bot.core.render.charts.style import (
    VOTE_ORDER,
    VOTE_STYLES,
    footer_text,
    pretty_date,
)
from bot.core.render.limits import ATTACHMENT_DESCRIPTION_MAX
from tests.core.render.charts.pictures import (
    COVERAGE,
    LEGEND_KEYS,
    MAX_PNG_BYTES,
    STRIP_VOTES,
    count_by_vote,
    decode,
    history_answer,
    make_resolution,
    mask_of,
    regions,
)


@pytest.mark.parametrize("repeat", [1, 6, 50])  # labelled cells, wrapped rows, many rows
def test_history_strip_has_one_cell_per_resolution_in_date_order(repeat):
    votes = STRIP_VOTES * repeat
    chart = chart_for(history_answer(votes), coverage=COVERAGE)
    assert chart is not None
    pixels = decode(chart)
    counted = count_by_vote(pixels)
    for vote in VOTE_ORDER:
        assert counted[vote] == votes.count(vote) + LEGEND_KEYS
    # reading order (rows top to bottom, cells left to right) follows the dates
    cells = []
    for vote in VOTE_ORDER:
        for cell in regions(mask_of(pixels, VOTE_STYLES[vote].colour)):
            cells.append((cell, vote))
    legend_row = max(c["top"] for c, _ in cells)
    cells = [(c, v) for c, v in cells if c["top"] != legend_row]
    cells.sort(key=lambda cv: (cv[0]["top"] // 5, cv[0]["left"]))
    assert [v for _, v in cells] == votes
    assert len(chart.png) < MAX_PNG_BYTES
    assert len(chart.description) <= ATTACHMENT_DESCRIPTION_MAX


def test_a_long_history_draws_the_latest_cells_and_says_so():
    votes = STRIP_VOTES * 80
    chart = chart_for(history_answer(votes))
    assert chart is not None
    counted = count_by_vote(decode(chart))
    latest = votes[-strip.MAX_CELLS :]
    assert counted == {v: latest.count(v) + LEGEND_KEYS for v in VOTE_ORDER}
    first_drawn = f"{1995 + len(votes) - strip.MAX_CELLS}-12-10"
    assert f"The chart shows the latest {strip.MAX_CELLS}, from {pretty_date(first_drawn)}" in (
        chart.description
    )
    assert len(chart.description) <= ATTACHMENT_DESCRIPTION_MAX
    assert chart.description.endswith(f"{footer_text(None)}.")


def test_history_description_lists_votes_in_words():
    chart = chart_for(history_answer(STRIP_VOTES))
    assert chart is not None
    text = chart.description
    assert "3 yes, 2 no, 1 abstained, 1 did not vote" in text
    assert "the vote changed 5 times" in text
    assert text.index("56/7 (2001-12-10) No") < text.index("50/7 (1995-12-10) Yes")


def test_recent_votes_get_a_strip():
    items = tuple(
        (make_resolution(1, 1, 1, 1, symbol=f"A/RES/80/{i}", date=f"2025-12-{10 + i}"), v)
        for i, v in enumerate(["yes", "abstain", "no"])
    )
    answer = RecentVotesAnswer(country=CountryRef("IND", "India"), recent=items, minority=())
    chart = chart_for(answer)
    assert chart is not None
    counted = count_by_vote(decode(chart), votes=("yes", "no", "abstain"))
    assert counted == {"yes": 2, "no": 2, "abstain": 2}
