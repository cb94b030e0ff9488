"""The charts' style: the footer's source line, and vote colours that stand out from the
card and stay apart for colour-blind readers."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from bot.core.render.charts.style import (
    BACKGROUND,
    VOTE_ORDER,
    VOTE_STYLES,
    footer_text,
)
from tests.core.render.charts.pictures import (
    COVERAGE,
    rgb,
)


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
