"""The resolution fixtures: a small slice of the vote file (fixtures/resolutions_mini.csv),
the test nicknames that fit it, and those nicknames with interchangeable words added."""

from __future__ import annotations

import textwrap

from tests.paths import FIXTURES

FIXTURE_CSV = FIXTURES / "resolutions_mini.csv"

NICKNAMES = textwrap.dedent(
    """
    [[nickname]]
    names = ["crimea", "crimea vote"]
    symbol = "A/RES/68/262"

    [[nickname]]
    names = ["cuba embargo"]
    series = "A/RES/80/4"

    [[nickname]]
    names = ["gaza ceasefire"]
    symbols = ["A/RES/ES-10/21", "A/RES/ES-10/22"]

    [[nickname]]
    names = ["not in the data"]
    symbol = "A/RES/99/999"
    """
)

# Interchangeable words ([alike]), dropped words ([words]) and nicknames found within a query.
# --- interchangeable words and nicknames found within a query ------------------------

ALIKE = NICKNAMES + textwrap.dedent(
    """
    [[nickname]]
    names = ["taiwan expulsion", "revoke china seat"]
    symbol = "A/RES/2758(XXVI)"

    [words]
    condemning = ""

    [alike]
    groups = [["embargo", "blockade"], ["expulsion", "expel", "kicked"],
              ["revoke", "revocation", "repeal"]]
    """
)
