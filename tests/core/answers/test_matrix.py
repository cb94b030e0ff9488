"""The vote matrix against plain loops over the rows it was built from."""

from __future__ import annotations

import csv
import dataclasses
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answers.matrix import MIN_SHARED_SHARE, MIN_SHARED_VOTES, VoteMatrix
from bot.core.models import Resolution
from tests.answers_fixture import FIXTURE

NAMES = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}


def load_fixture() -> tuple[list[Resolution], dict[tuple[str, str], str]]:
    resolutions: dict[str, Resolution] = {}
    votes: dict[tuple[str, str], str] = {}
    with FIXTURE.open(newline="") as fh:
        for row in csv.DictReader(fh):
            symbol = row["resolution"]
            if symbol not in resolutions:
                resolutions[symbol] = Resolution(
                    id=len(resolutions) + 1,
                    symbol=symbol,
                    date=row["date"],
                    session=row["session"],
                    title=row["title"],
                    yes=int(row["total_yes"]),
                    no=int(row["total_no"]),
                    abstain=int(row["total_abstentions"]),
                    non_voting=int(row["total_non_voting"]),
                    total_members=int(row["total_ms"]),
                )
            votes[(symbol, row["ms_code"])] = row["ms_vote"]
    return list(resolutions.values()), votes


@pytest.fixture(scope="module")
def fixture() -> tuple[VoteMatrix, list[Resolution], dict[tuple[str, str], str], list[str]]:
    resolutions, votes = load_fixture()
    by_symbol = {r.symbol: r for r in resolutions}
    codes = sorted({code for _, code in votes})
    # Feed the votes in reverse date order: the matrix must not depend on input order.
    feed = [(by_symbol[s].id, c, v) for (s, c), v in sorted(votes.items(), reverse=True)]
    return VoteMatrix(list(reversed(resolutions)), codes, feed), resolutions, votes, codes


def expected_pair(
    votes: dict[tuple[str, str], str], symbols: list[str], a: str, b: str
) -> tuple[float, float, int, int]:
    both = same = yn = same_yn = 0
    for s in symbols:
        va, vb = votes.get((s, a)), votes.get((s, b))
        if va in ("Y", "N", "A") and vb in ("Y", "N", "A"):
            both += 1
            same += va == vb
            if va in ("Y", "N") and vb in ("Y", "N"):
                yn += 1
                same_yn += va == vb
    return (same / both if both else 0.0, same_yn / yn if yn else 0.0, both, yn)


def test_vote_of_every_cell_including_not_member(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, votes, codes = fixture
    for r in resolutions:
        for code in codes:
            want = NAMES[votes[(r.symbol, code)]] if (r.symbol, code) in votes else "not_member"
            assert matrix.vote(r.id, code) == want, (r.symbol, code)


def test_rows_are_in_date_order_and_periods_are_inclusive(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, _, _ = fixture
    dates = [matrix.resolutions[i].date for i in matrix.rows()]
    assert dates == sorted(r.date for r in resolutions)
    for since, until in [
        ("1991", "2014"),
        ("1991-10-20", "2022-03-02"),
        ("2023", None),
        ("1900", "1950"),
    ]:
        want = [
            r.date
            for r in resolutions
            if r.date >= since and (until is None or r.date[: len(until)] <= until)
        ]
        got = [matrix.resolutions[i].date for i in matrix.rows(since=since, until=until)]
        assert got == sorted(want), (since, until)


def test_pair_matches_plain_counting_for_every_pair(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, votes, codes = fixture
    symbols = [r.symbol for r in resolutions]
    rows = matrix.rows()
    for a, b in combinations(codes, 2):
        stats = matrix.pair(a, b, rows)
        agreement, coincidence, both, yn = expected_pair(votes, symbols, a, b)
        assert (stats.votes, stats.yes_no_votes) == (both, yn), (a, b)
        assert stats.agreement == pytest.approx(agreement), (a, b)
        assert stats.coincidence == pytest.approx(coincidence), (a, b)
        assert sum(n for _, _, n in stats.by_year) == both


def test_pair_disagreements_are_the_latest_differing_votes(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, votes, _ = fixture
    stats = matrix.pair("USA", "CUB", matrix.rows(), disagreements=2)
    differing = [
        r.symbol
        for r in sorted(resolutions, key=lambda r: r.date, reverse=True)
        if votes.get((r.symbol, "USA"), "X") in "YNA"
        and votes.get((r.symbol, "CUB"), "X") in "YNA"
        and votes[(r.symbol, "USA")] != votes[(r.symbol, "CUB")]
    ]
    assert [matrix.resolutions[i].symbol for i in stats.disagreements] == differing[:2]


def test_topic_filter_restricts_the_rows(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, votes, _ = fixture
    ukraine = [r for r in resolutions if "Ukraine" in r.title]
    rows = matrix.rows(resolution_ids=[r.id for r in ukraine])
    stats = matrix.pair("CHN", "IND", rows)
    assert stats.agreement == pytest.approx(
        expected_pair(votes, [r.symbol for r in ukraine], "CHN", "IND")[0]
    )
    assert stats.votes == 2


def test_allies_rank_every_seat_with_enough_shared_votes(fixture) -> None:  # type: ignore[no-untyped-def]
    matrix, resolutions, votes, codes = fixture
    symbols = [r.symbol for r in resolutions]
    scores, minimum = matrix.allies("CUB", matrix.rows())
    cast = sum(votes.get((s, "CUB")) in ("Y", "N", "A") for s in symbols)
    assert minimum == max(MIN_SHARED_VOTES, int(MIN_SHARED_SHARE * cast))
    # The fixture is small, so nobody reaches the minimum: the list is empty, not padded.
    assert scores == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("YNAX-"), min_size=4, max_size=4), min_size=1, max_size=40)
)
def test_allies_and_pair_agree_with_brute_force(grid: list[list[str]]) -> None:
    codes = ["AAA", "BBB", "CCC", "DDD"]
    resolutions = [
        Resolution(i + 1, f"A/RES/{i}", f"{1950 + i}-01-01", "1", "t", 0, 0, 0, 0, 4)
        for i in range(len(grid))
    ]
    votes = {
        (f"A/RES/{i}", code): v
        for i, row in enumerate(grid)
        for code, v in zip(codes, row, strict=True)
        if v != "-"
    }
    matrix = VoteMatrix(
        resolutions, codes, [(int(s.split("/")[-1]) + 1, c, v) for (s, c), v in votes.items()]
    )
    symbols = [r.symbol for r in resolutions]
    scores, minimum = matrix.allies("AAA", matrix.rows())
    expected = {}
    for other in codes[1:]:
        agreement, _, both, _ = expected_pair(votes, symbols, "AAA", other)
        if both >= minimum:
            expected[other] = (agreement, both)
    assert {s.code: (pytest.approx(s.agreement), s.votes) for s in scores} == expected
    assert [s.agreement for s in scores] == sorted((s.agreement for s in scores), reverse=True)
    for other in codes[1:]:
        stats = matrix.pair("AAA", other, matrix.rows())
        assert stats.agreement == pytest.approx(expected_pair(votes, symbols, "AAA", other)[0])


def test_a_record_repeating_an_adopted_vote_is_counted_once() -> None:
    resolutions, votes = load_fixture()
    original = resolutions[-1]
    repeat = dataclasses.replace(
        original, id=original.id + 1000, symbol="A/77/L.99", repeat_of=original.symbol
    )
    codes = sorted({code for _, code in votes})
    feed = [(r.id, c, v) for r in resolutions for (s, c), v in votes.items() if s == r.symbol]
    plain = VoteMatrix(resolutions, codes, feed)
    feed += [(repeat.id, c, v) for (s, c), v in votes.items() if s == original.symbol]
    doubled = VoteMatrix([*resolutions, repeat], codes, feed)
    assert list(doubled.rows()) == list(plain.rows())
    assert doubled.rows(resolution_ids=[repeat.id]).size == 0
    assert doubled.vote(repeat.id, codes[0]) == plain.vote(original.id, codes[0])
    a, b = codes[0], codes[1]
    assert doubled.pair(a, b, doubled.rows()) == plain.pair(a, b, plain.rows())
