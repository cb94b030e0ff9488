"""Reading charts back: the PNG decoded, regions of one colour counted and measured; and
hand-made answers to draw.

Seats, cells and bars are drawn with exact colours and no antialiasing, so the tests
count connected regions of each colour and measure bar lengths in pixels.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import deque
from pathlib import Path

import numpy as np
from PIL import Image

from bot.core.models import (
    CountryRef,
    Coverage,
    HistoryAnswer,
    HistoryEntry,
    MemberVote,
    Resolution,
    ResolutionAnswer,
)
from bot.core.render.charts import Chart
from bot.core.render.charts.style import HIGHLIGHT, VOTE_ORDER, VOTE_STYLES

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


def ring_and_seat(pixels: np.ndarray) -> tuple[dict, tuple[int, int, int]]:
    rings = regions(mask_of(pixels, HIGHLIGHT))
    assert len(rings) == 1, f"expected one marked seat, found {len(rings)}"
    ring = rings[0]
    centre = pixels[int(round(ring["cy"])), int(round(ring["cx"]))]
    return ring, tuple(int(c) for c in centre)


def bar_lengths(pixels: np.ndarray, colour: str) -> list[dict]:
    bars = regions(mask_of(pixels, colour))
    for bar in bars:  # a bar is a solid rectangle
        assert bar["area"] == (bar["right"] - bar["left"] + 1) * (bar["bottom"] - bar["top"] + 1)
    return bars


def read_png(path: Path) -> np.ndarray:
    return decode(Chart(png=path.read_bytes(), filename=path.name, description=""))


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


# --- real resolutions, straight from the shared file ------------------------------------

REAL_SYMBOLS = (
    "A/RES/ES-11/1",  # Ukraine, 2022
    "A/RES/77/293",  # lists one abstainer fewer than it states
    "A/RES/ES-10/21",
    "A/RES/37/37",
    "A/RES/17(I)[RULE-73]",  # the first row of the file, 1946
)


def real_resolution_answers(shared_csv: Path) -> dict[str, ResolutionAnswer]:
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
