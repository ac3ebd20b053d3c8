"""Per-post accrual in one pass per quotient (query/later_sums.py ``accrued_rows``) equals the
accrual profile's digit split (world/later_profile.py ``accrued``) and the day-by-day sums.

The rewrite: a total ``t`` has thousands ``t // 1000``, tens ``t // 10 - 100 * (t // 1000)``
and units ``t - 10 * (t // 10)``; collecting the three digit profiles per quotient gives
``t * w1 + (t // 10) * w10 + (t // 1000) * w1000``.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.query.later_sums import DIGIT_WEIGHTS, accrued_rows
from mock_server.world.later_profile import ACCRUAL_DAYS, accrued, daily_values


def test_the_first_two_days_of_12345() -> None:
    # thousands 12 x (302 + 174) per mille = 5712, tens 34 x (4 + 1) tenths = 170, units 5
    assert sum(daily_values(12345)[:2]) == 12 * 476 + 34 * 5 + 5 == 5887
    w1, w10, w1000 = DIGIT_WEIGHTS[:, 2].tolist()
    assert (w1, w10, w1000) == (1, 5 - 10 * 1, 476 - 100 * 5) == (1, -5, -24)
    assert 12345 * w1 + 1234 * w10 + 12 * w1000 == 5887
    got = accrued_rows(np.array([[12345], [12345]]), np.array([0]), np.array([2]), [1])
    assert got[:, 0].tolist() == [5887, 12345]  # row 1 is booked on the publish day


def test_every_weight_of_all_sixty_days_gives_the_total() -> None:
    assert DIGIT_WEIGHTS[:, ACCRUAL_DAYS].tolist() == [1, 0, 0]
    assert DIGIT_WEIGHTS[:, 0].tolist() == [0, 0, 0]


def test_no_posts_give_no_values() -> None:
    none = np.zeros(0, np.int64)
    assert accrued_rows(np.zeros((2, 0), np.int32), none, none, [1]).shape == (2, 0)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5), st.integers(1, 6), st.data())
def test_accrued_rows_equal_the_digit_split(metrics: int, posts: int, data: st.DataObject) -> None:
    total = st.one_of(st.integers(0, 2**31 - 1), st.integers(0, 2000))
    rows = [data.draw(st.lists(total, min_size=posts, max_size=posts)) for _ in range(metrics)]
    totals = np.array(rows, np.int32)
    days = st.integers(-ACCRUAL_DAYS - 5, 2 * ACCRUAL_DAYS)
    first = np.array(data.draw(st.lists(days, min_size=posts, max_size=posts)), np.int64)
    stop = np.array(data.draw(st.lists(days, min_size=posts, max_size=posts)), np.int64)
    booked = data.draw(st.lists(st.integers(0, metrics - 1), unique=True))
    got = accrued_rows(totals, first, stop, booked)
    expected = accrued(totals, first, stop)
    if booked:
        expected[booked] = accrued(totals[booked], first, stop, on_publish=True)
    assert got.dtype == np.int64
    assert got.tolist() == expected.tolist()
    for row in range(metrics):
        for post in range(posts):
            lo = max(int(first[post]), 0)
            hi = max(min(int(stop[post]), ACCRUAL_DAYS), 0)
            daily = daily_values(int(totals[row, post]), row in booked)
            assert got[row, post] == sum(daily[lo:hi])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**31 - 1), min_size=1, max_size=8), st.integers(0, 3))
def test_posts_of_the_whole_profile_keep_their_totals(totals: list[int], late: int) -> None:
    """The shortcut: every post past its accrual (and none cut by the range) shows its total."""
    n = len(totals)
    first = np.full(n, -late, np.int64)
    stop = np.full(n, ACCRUAL_DAYS + late, np.int64)
    got = accrued_rows(np.array([totals], np.int32), first, stop, [])
    assert got.tolist() == [totals]
