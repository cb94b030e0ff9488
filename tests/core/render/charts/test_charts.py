"""chart_for: which answers get a picture, what every chart's alt text and footer carry,
text the font cannot draw, and charts drawn from several threads at once."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import pytest

from bot.core.models import (
    AlliesAnswer,
    AllyScore,
    CountryRef,
    HistoryAnswer,
    HowVotedAnswer,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
)
from bot.core.render.charts import Chart, chart_for
from tests.core.render.charts.pictures import (
    COVERAGE,
    MAX_PNG_BYTES,
    STRIP_VOTES,
    TALLIES,
    decode,
    history_answer,
    make_resolution,
    resolution_answer,
)


@pytest.mark.parametrize(
    "answer",
    [
        resolution_answer(141, 5, 35, 12),
        AlliesAnswer(
            country=CountryRef("FRA", "France"),
            most=(AllyScore(CountryRef("BEL", "Belgium"), 0.9, 10),),
            least=(),
        ),
    ],
    ids=["hemicycle", "bars"],
)
def test_the_footer_carries_the_data_date_and_nothing_else_changes(answer):
    with_date, without = chart_for(answer, coverage=COVERAGE), chart_for(answer)
    assert with_date is not None and without is not None
    a, b = decode(with_date), decode(without)
    assert a.shape == b.shape
    changed_rows = np.nonzero(np.any(a != b, axis=(1, 2)))[0]
    assert len(changed_rows) > 0
    assert changed_rows.min() >= a.shape[0] - 25  # only the footer line at the bottom
    assert "file of 2026-02-06" in with_date.description
    assert "2026-02-06" not in without.description


def test_answer_notes_reach_the_alt_text():
    answer = replace(resolution_answer(141, 5, 35, 12), notes=("Recorded as adopted.",))
    chart = chart_for(answer)
    assert chart is not None and "Recorded as adopted." in chart.description


def test_answers_without_a_picture_get_none():
    assert chart_for(SearchAnswer(topic="x", results=(), page=1, pages=1, total=0)) is None
    assert chart_for(Unresolved(kind="country", match=None, message="no such country")) is None
    empty = HistoryAnswer(country=CountryRef("IND", "India"), topic="x", entries=())
    assert chart_for(empty) is None
    assert chart_for(AlliesAnswer(country=CountryRef("IND", "India"), most=(), least=())) is None
    no_tally = make_resolution(0, 0, 0, 0)
    assert chart_for(ResolutionAnswer(no_tally, (), (), ())) is None
    assert chart_for(HowVotedAnswer(CountryRef("IND", "India"), no_tally, "yes", (), ())) is None


def test_titles_with_dollar_signs_are_drawn_as_text():
    answer = resolution_answer(10, 1, 1, 1)
    answer = replace(
        answer, resolution=replace(answer.resolution, title="Budget of $5 million for $x$")
    )
    chart = chart_for(answer)
    assert chart is not None and len(chart.png) < MAX_PNG_BYTES


def test_text_the_font_cannot_draw_is_replaced_not_warned_about():
    # pytest turns warnings into errors here, so a "Glyph missing" warning would fail
    answer = replace(history_answer(STRIP_VOTES), topic="核 disarmament 🕊")
    chart = chart_for(answer)
    assert chart is not None
    assert "核 disarmament 🕊" in chart.description  # the words keep what the user typed


def test_charts_rendered_in_threads_match_charts_rendered_alone():
    answers = [resolution_answer(*tally) for tally in TALLIES[:4]]
    alone = [chart_for(a) for a in answers]
    results: dict[int, Chart | None] = {}

    def render(i: int) -> None:
        results[i] = chart_for(answers[i % len(answers)])

    threads = [threading.Thread(target=render, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, chart in results.items():
        assert chart == alone[i % len(answers)]
