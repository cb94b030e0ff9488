"""The resolution fixtures: a small slice of the vote file (fixtures/resolutions_mini.csv),
landmark entries that fit it, and words people use alike."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.paths import FIXTURES

FIXTURE_CSV = FIXTURES / "resolutions_mini.csv"

LANDMARKS = textwrap.dedent(
    """
    [[vote]]
    symbol = "A/RES/68/262"
    names = ["crimea", "crimea vote"]
    event = "Russia's annexation of Crimea"

    [[series]]
    id = "cuba-embargo"
    symbols = ["A/RES/80/4"]
    names = ["cuba embargo"]

    [[series]]
    id = "gaza-ceasefire"
    symbols = ["A/RES/ES-10/21", "A/RES/ES-10/22"]
    names = ["gaza ceasefire"]

    [[vote]]
    symbol = "A/RES/99/999"
    names = ["not in the data"]
    """
)

# Interchangeable words ([alike]), dropped words ([words]) and one more landmark.
MORE_LANDMARKS = LANDMARKS + textwrap.dedent(
    """
    [[vote]]
    symbol = "A/RES/2758(XXVI)"
    names = ["taiwan expulsion", "revoke china seat"]
    """
)
WORDS = textwrap.dedent(
    """
    [words]
    condemning = ""

    [alike]
    groups = [["embargo", "blockade"], ["expulsion", "expel", "kicked"],
              ["revoke", "revocation", "repeal"]]
    """
)


def write_data(folder: Path, *, landmarks: str = LANDMARKS, words: str = "") -> Path:
    """A data folder with these landmark and words files (and the shipped country names)."""
    from tests.paths import DATA

    (folder / "landmarks").mkdir(parents=True, exist_ok=True)
    (folder / "landmarks" / "test.toml").write_text(landmarks, encoding="utf-8")
    if words:
        (folder / "words.toml").write_text(words, encoding="utf-8")
    (folder / "countries.toml").write_text(
        (DATA / "countries.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder
