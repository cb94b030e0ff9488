"""Charts of real resolutions, built straight from the rows of the shared file (slow).

The answers (`real_answers`) are built once per run, in tests/conftest.py.
"""

from __future__ import annotations

import pytest

from bot.core.models import (
    CountryRef,
    HowVotedAnswer,
)
from bot.core.render.charts import chart_for
from bot.core.render.charts.style import (
    VOTE_STYLES,
)
from tests.core.render.charts.pictures import (
    COVERAGE,
    LEGEND_KEYS,
    MAX_PNG_BYTES,
    REAL_SYMBOLS,
    count_by_vote,
    decode,
    rgb,
    ring_and_seat,
)


@pytest.mark.slow
@pytest.mark.parametrize("symbol", REAL_SYMBOLS)
def test_real_resolutions_show_their_stated_tally(real_answers, symbol):
    answer = real_answers[symbol]
    res = answer.resolution
    chart = chart_for(answer, coverage=COVERAGE)
    assert chart is not None
    counted = count_by_vote(decode(chart))
    assert counted == {
        "yes": res.yes + LEGEND_KEYS,
        "no": res.no + LEGEND_KEYS,
        "abstain": res.abstain + LEGEND_KEYS,
        "non_voting": res.non_voting + LEGEND_KEYS,
    }
    listed = (
        len(answer.yes_votes),
        len(answer.no_votes),
        len(answer.abstentions),
        len(answer.non_voting),
    )
    agrees = listed == (res.yes, res.no, res.abstain, res.non_voting)
    assert ("differ" not in chart.description) == agrees
    assert len(chart.png) < MAX_PNG_BYTES


@pytest.mark.slow
def test_the_known_tally_quirk_is_said_on_the_chart(real_answers):
    chart = chart_for(real_answers["A/RES/77/293"])
    assert chart is not None
    assert "Abstained 58 listed, 59 stated" in chart.description


@pytest.mark.slow
def test_real_howvoted_marks_the_asked_seat(real_answers):
    answer = real_answers["A/RES/ES-11/1"]
    eritrea = next(c for c in answer.no_votes if c.code == "ERI")
    chart = chart_for(
        HowVotedAnswer(
            country=CountryRef(eritrea.code, "Eritrea"),
            resolution=answer.resolution,
            vote="no",
            sided_with=(),
            opposed_by=(),
        )
    )
    assert chart is not None
    _, centre = ring_and_seat(decode(chart))
    assert centre == rgb(VOTE_STYLES["no"].colour)
