"""Bar charts of agreement: allies on one scale, and two countries year by year."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.core.models import (
    AlliesAnswer,
    AllyScore,
    CompareAnswer,
    CountryRef,
    YearAgreement,
)
from bot.core.render.charts import bars as bar_charts
from bot.core.render.charts import chart_for
from tests.core.render.charts.pictures import (
    COVERAGE,
    MAX_PNG_BYTES,
    bar_lengths,
    decode,
)


def test_allies_bar_lengths_follow_the_agreement_figures():
    most = [("BEL", 0.97), ("LUX", 0.93), ("NLD", 0.81), ("DEU", 0.75), ("ITA", 0.62)]
    least = [("SYR", 0.12), ("PRK", 0.27), ("CUB", 0.4)]
    answer = AlliesAnswer(
        country=CountryRef("FRA", "France"),
        most=tuple(AllyScore(CountryRef(c, c), a, 1200) for c, a in most),
        least=tuple(AllyScore(CountryRef(c, c), a, 900) for c, a in least),
        since="2000",
    )
    chart = chart_for(answer, coverage=COVERAGE)
    assert chart is not None
    pixels = decode(chart)
    top = sorted(bar_lengths(pixels, bar_charts.MOST_COLOUR), key=lambda b: b["top"])
    bottom = sorted(bar_lengths(pixels, bar_charts.LEAST_COLOUR), key=lambda b: b["top"])
    assert len(top) == len(most) and len(bottom) == len(least)
    drawn = top + bottom
    figures = [a for _, a in most + least]
    # one scale for both panels: the pixel length per unit of agreement is the same
    widths = [b["right"] - b["left"] + 1 for b in drawn]
    scale = widths[0] / figures[0]
    for width, figure in zip(widths, figures, strict=True):
        assert abs(width - figure * scale) <= 2, (width, figure * scale)
    assert len({b["left"] for b in drawn}) == 1  # all start at the same zero line
    assert "Belgium" not in chart.description  # names come from the answer: BEL here
    assert "BEL 97%" in chart.description and "SYR 12%" in chart.description
    assert len(chart.png) < MAX_PNG_BYTES


def test_compare_by_year_bar_heights_follow_the_agreement_figures():
    figures = {1995: 0.55, 1996: 0.9, 1998: 0.3, 1999: 1.0, 2003: 0.66, 2004: 0.05}
    answer = CompareAnswer(
        a=CountryRef("USA", "United States"),
        b=CountryRef("ISR", "Israel"),
        agreement=0.61,
        coincidence=0.7,
        votes=600,
        yes_no_votes=500,
        latest_disagreements=(),
        by_year=tuple(YearAgreement(y, a, 100) for y, a in reversed(figures.items())),
    )
    chart = chart_for(answer, coverage=COVERAGE)
    assert chart is not None
    pixels = decode(chart)
    found = bar_lengths(pixels, bar_charts.YEAR_COLOUR)
    baseline = Counter(b["bottom"] for b in found).most_common(1)[0][0]  # the 0 % line
    bars = sorted((b for b in found if b["bottom"] == baseline), key=lambda b: b["left"])
    assert len(bars) == len(figures)  # the legend key sits elsewhere
    heights = [b["bottom"] - b["top"] + 1 for b in bars]
    scale = heights[3] / 1.0
    for height, figure in zip(heights, figures.values(), strict=True):
        assert abs(height - figure * scale) <= 2, (height, figure * scale)
    # a gap where a year is missing: 1997 and 1999-2003 leave room between bars
    pitch = bars[1]["left"] - bars[0]["left"]
    assert bars[2]["left"] - bars[1]["left"] == pytest.approx(2 * pitch, abs=2)
    assert "lowest 5% in 2004" in chart.description
    assert "highest 100% in 1999" in chart.description


def test_compare_without_years_shows_the_two_overall_figures():
    answer = CompareAnswer(
        a=CountryRef("FRA", "France"),
        b=CountryRef("DEU", "Germany"),
        agreement=0.8,
        coincidence=0.4,
        votes=300,
        yes_no_votes=120,
        latest_disagreements=(),
    )
    chart = chart_for(answer)
    assert chart is not None
    bars = sorted(bar_lengths(decode(chart), bar_charts.YEAR_COLOUR), key=lambda b: b["top"])
    widths = [b["right"] - b["left"] + 1 for b in bars]
    assert len(widths) == 2
    assert widths[0] == pytest.approx(2 * widths[1], abs=2)
