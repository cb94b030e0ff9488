"""Charts: read the PNG back and check what it shows, not just that it exists.

Seats, cells and bars are drawn with exact colours and no antialiasing, so the
tests count connected regions of each colour and measure bar lengths in pixels.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import math
import threading
from collections import Counter, deque
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bot.cli import cli
from bot.core.models import (
    AlliesAnswer,
    AllyScore,
    CompareAnswer,
    CountryRef,
    Coverage,
    HistoryAnswer,
    HistoryEntry,
    HowVotedAnswer,
    MemberVote,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
    YearAgreement,
)
from bot.core.render.charts import Chart, chart_for, strip
from bot.core.render.charts import bars as bar_charts
from bot.core.render.charts.hemicycle import layout
from bot.core.render.charts.style import (
    BACKGROUND,
    HIGHLIGHT,
    VOTE_ORDER,
    VOTE_STYLES,
    footer_text,
    pretty_date,
)
from bot.core.render.limits import ATTACHMENT_DESCRIPTION_MAX
from tests.test_answers import FIXTURE as ANSWERS_FIXTURE
from tests.test_answers import import_csv

MAX_PNG_BYTES = 200_000
MIN_REGION_PX = 40  # smaller specks of a colour are not seats, cells or bars
LEGEND_KEYS = 1  # every chart with a legend shows one key of each vote colour

COVERAGE = Coverage(
    first_date="1946-01-24",
    last_date="2026-06-30",
    resolutions=6000,
    votes=948_836,
    members=193,
    source="UN General Assembly Voting Data",
    file_date="2026-02-06",
    imported_at="2026-11-22T10:00:00",
)


# --- reading pictures -----------------------------------------------------------------


def decode(chart: Chart) -> np.ndarray:
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    return np.asarray(image.convert("RGB"))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mask_of(pixels: np.ndarray, hex_colour: str) -> np.ndarray:
    return np.all(pixels == np.array(rgb(hex_colour), dtype=pixels.dtype), axis=-1)


def regions(mask: np.ndarray, *, min_px: int = MIN_REGION_PX) -> list[dict]:
    """Connected regions (8-neighbour) of a boolean mask: area, bounding box, centre."""
    seen = np.zeros_like(mask, dtype=bool)
    height, width = mask.shape
    found = []
    for y0, x0 in zip(*np.nonzero(mask), strict=True):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        queue = deque([(int(y0), int(x0))])
        ys, xs = [], []
        while queue:
            y, x = queue.popleft()
            ys.append(y)
            xs.append(x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < height and 0 <= nx < width and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        if len(ys) >= min_px:
            found.append(
                {
                    "area": len(ys),
                    "top": min(ys),
                    "bottom": max(ys),
                    "left": min(xs),
                    "right": max(xs),
                    "cy": (min(ys) + max(ys)) / 2,
                    "cx": (min(xs) + max(xs)) / 2,
                }
            )
    return found


def count_by_vote(pixels: np.ndarray, votes=VOTE_ORDER) -> dict[str, int]:
    return {v: len(regions(mask_of(pixels, VOTE_STYLES[v].colour))) for v in votes}


# --- hand-made answers ------------------------------------------------------------------


def make_resolution(yes: int, no: int, abstain: int, non_voting: int, **extra) -> Resolution:
    fields = dict(
        id=1,
        symbol="A/RES/ES-11/1",
        date="2022-03-02",
        session="ES-11",
        title="Aggression against Ukraine",
        yes=yes,
        no=no,
        abstain=abstain,
        non_voting=non_voting,
        total_members=yes + no + abstain + non_voting,
    )
    fields.update(extra)
    return Resolution(**fields)


def refs(prefix: str, n: int) -> tuple[CountryRef, ...]:
    return tuple(CountryRef(f"{prefix}{i:02d}", f"{prefix} member {i}") for i in range(n))


def resolution_answer(yes: int, no: int, abstain: int, non_voting: int) -> ResolutionAnswer:
    return ResolutionAnswer(
        resolution=make_resolution(yes, no, abstain, non_voting),
        no_votes=refs("N", no),
        abstentions=refs("A", abstain),
        non_voting=refs("X", non_voting),
        yes_votes=refs("Y", yes),
    )


TALLIES = [
    (141, 5, 35, 12),  # ES-11/1
    (40, 3, 5, 3),  # a 1946-sized assembly
    (193, 0, 0, 0),  # everyone yes
    (100, 60, 20, 13),
    (1, 1, 1, 1),
    (120, 9, 58, 6),
]


# --- hemicycle --------------------------------------------------------------------------


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


def ring_and_seat(pixels: np.ndarray) -> tuple[dict, tuple[int, int, int]]:
    rings = regions(mask_of(pixels, HIGHLIGHT))
    assert len(rings) == 1, f"expected one marked seat, found {len(rings)}"
    ring = rings[0]
    centre = pixels[int(round(ring["cy"])), int(round(ring["cx"]))]
    return ring, tuple(int(c) for c in centre)


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


# --- bars -------------------------------------------------------------------------------


def bar_lengths(pixels: np.ndarray, colour: str) -> list[dict]:
    bars = regions(mask_of(pixels, colour))
    for bar in bars:  # a bar is a solid rectangle
        assert bar["area"] == (bar["right"] - bar["left"] + 1) * (bar["bottom"] - bar["top"] + 1)
    return bars


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


# --- strip ------------------------------------------------------------------------------

STRIP_VOTES: list[MemberVote] = ["yes", "no", "abstain", "non_voting", "yes", "yes", "no"]


def history_answer(votes: list[MemberVote]) -> HistoryAnswer:
    entries = [
        HistoryEntry(
            make_resolution(1, 1, 1, 1, symbol=f"A/RES/{50 + i}/7", date=f"{1995 + i}-12-10"),
            vote,
            changed=i > 0 and vote != votes[i - 1],
        )
        for i, vote in enumerate(votes)
    ]
    entries.reverse()  # the chart puts them in date order itself
    india = CountryRef("IND", "India")
    return HistoryAnswer(country=india, topic="nuclear", entries=tuple(entries))


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


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("UN General Assembly Voting Data", "Source: UN General Assembly Voting Data, file of"),
        ("../shared/data/unga-votes.csv.gz", "(UN Digital Library), unga-votes.csv.gz, file of"),
        (
            "https://digitallibrary.un.org/record/4060887/files/2026_02_06_ga_voting.csv",
            "(UN Digital Library), 2026_02_06_ga_voting.csv, file of",
        ),
    ],
)
def test_the_footer_names_the_source_file_not_its_path(source, shown):
    text = footer_text(replace(COVERAGE, source=source))
    assert shown in text and text.endswith("2026-02-06")
    assert "/" not in text.removeprefix("Source: ")


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


# --- palette ----------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB
CVD_SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
}  # fmt: skip


def linear(hex_colour: str) -> np.ndarray:
    c = np.array(rgb(hex_colour)) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb255(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0, 1)
    return np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055) * 255


def contrast(a: str, b: str) -> float:
    la, lb = (float(linear(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


@pytest.mark.parametrize("vote", VOTE_ORDER)
def test_vote_colours_stand_out_from_the_card(vote):
    # WCAG's 3:1 for graphics that carry meaning
    assert contrast(VOTE_STYLES[vote].colour, BACKGROUND) >= 3.0


@pytest.mark.parametrize("simulation", sorted(CVD_SIMULATIONS))
def test_vote_colours_stay_apart_for_colour_blind_readers(simulation):
    matrix = np.array(CVD_SIMULATIONS[simulation])
    seen = {v: to_srgb255(matrix @ linear(VOTE_STYLES[v].colour)) for v in VOTE_ORDER}
    for a, b in itertools.combinations(VOTE_ORDER, 2):
        assert np.linalg.norm(seen[a] - seen[b]) >= 30, (a, b)
    # and shape tells them apart without any colour
    assert len({(VOTE_STYLES[v].marker, VOTE_STYLES[v].hollow) for v in VOTE_ORDER}) == 4


# --- no chart, and concurrency ----------------------------------------------------------


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


# --- real resolutions -------------------------------------------------------------------

REAL_SYMBOLS = (
    "A/RES/ES-11/1",  # Ukraine, 2022
    "A/RES/77/293",  # lists one abstainer fewer than it states
    "A/RES/ES-10/21",
    "A/RES/37/37",
    "A/RES/17(I)[RULE-73]",  # the first row of the file, 1946
)


@pytest.fixture(scope="session")
def real_answers(shared_csv) -> dict[str, ResolutionAnswer]:
    """ResolutionAnswers built straight from the rows of the shared file."""
    rows: dict[str, list[dict[str, str]]] = {s: [] for s in REAL_SYMBOLS}
    with gzip.open(shared_csv, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["resolution"] in rows:
                rows[row["resolution"]].append(row)
    answers = {}
    for symbol, found in rows.items():
        assert found, f"{symbol} is not in the shared file"
        first = found[0]
        resolution = Resolution(
            id=len(answers) + 1,
            symbol=symbol,
            date=first["date"],
            session=first["session"],
            title=first["title"].split(" : resolution")[0],
            yes=int(first["total_yes"]),
            no=int(first["total_no"]),
            abstain=int(first["total_abstentions"]),
            non_voting=int(first["total_non_voting"]),
            total_members=int(first["total_ms"]),
        )
        by_vote: dict[str, list[CountryRef]] = {"Y": [], "N": [], "A": [], "X": []}
        seen = set()
        for row in found:
            if row["ms_code"] not in seen:
                seen.add(row["ms_code"])
                by_vote[row["ms_vote"]].append(CountryRef(row["ms_code"], row["ms_name"]))
        answers[symbol] = ResolutionAnswer(
            resolution=resolution,
            yes_votes=tuple(by_vote["Y"]),
            no_votes=tuple(by_vote["N"]),
            abstentions=tuple(by_vote["A"]),
            non_voting=tuple(by_vote["X"]),
        )
    return answers


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


# --- votebot ask --chart ----------------------------------------------------------------


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_csv(ANSWERS_FIXTURE, tmp_path_factory.mktemp("charts") / "votes.db")


def ask_with_chart(db: Path, text: str, chart: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["ask", text, "--db", str(db), "--chart", str(chart), *extra])
    assert "Traceback" not in result.output + result.stderr
    return result


def read_png(path: Path) -> np.ndarray:
    return decode(Chart(png=path.read_bytes(), filename=path.name, description=""))


def test_ask_draws_the_howvoted_chart_of_the_answer(small_db: Path, tmp_path: Path):
    out = tmp_path / "eritrea.png"
    result = ask_with_chart(small_db, "/howvoted Eritrea ES-11/1", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the chart's message goes to stderr only
    tally = data["resolution"]
    pixels = read_png(out)
    assert count_by_vote(pixels) == {
        "yes": tally["yes"] + LEGEND_KEYS,
        "no": tally["no"] + LEGEND_KEYS,
        "abstain": tally["abstain"] + LEGEND_KEYS,
        "non_voting": tally["non_voting"] + LEGEND_KEYS,
    }
    _, centre = ring_and_seat(pixels)
    assert centre == rgb(VOTE_STYLES[data["vote"]].colour)
    assert f"Chart written to {out}" in result.stderr
    assert out.stat().st_size < MAX_PNG_BYTES


def test_ask_without_a_picture_writes_no_file(small_db: Path, tmp_path: Path):
    out = tmp_path / "search.png"
    result = ask_with_chart(small_db, "/search ukraine", out)
    assert result.exit_code == 0
    assert not out.exists()
    assert "No chart for this answer" in result.stderr


def test_ask_reports_a_chart_file_it_cannot_write(small_db: Path, tmp_path: Path):
    out = tmp_path / "no-such-folder" / "chart.png"
    result = ask_with_chart(small_db, "/resolution ES-11/1", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot write the chart to {out}")


@pytest.fixture(scope="module")
def real_db(shared_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_csv(shared_csv, tmp_path_factory.mktemp("charts-real") / "votes.db")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "symbol"),
    [
        ("/resolution ES-11/1", "A/RES/ES-11/1"),
        ("/resolution A/RES/77/293", "A/RES/77/293"),
        ("/howvoted Eritrea ES-11/1", "A/RES/ES-11/1"),
        ("/howvoted Russia ES-10/21", "A/RES/ES-10/21"),
    ],
)
def test_real_answers_draw_their_stated_tally(real_db, real_answers, tmp_path, question, symbol):
    out = tmp_path / "chart.png"
    result = ask_with_chart(real_db, question, out)
    assert result.exit_code == 0, result.output
    stated = real_answers[symbol].resolution  # from the file's own total_* columns
    assert count_by_vote(read_png(out)) == {
        "yes": stated.yes + LEGEND_KEYS,
        "no": stated.no + LEGEND_KEYS,
        "abstain": stated.abstain + LEGEND_KEYS,
        "non_voting": stated.non_voting + LEGEND_KEYS,
    }
    if symbol == "A/RES/77/293":  # the roll call differs from the tally: said, not hidden
        assert "Roll call and stated tally differ" in result.stderr
