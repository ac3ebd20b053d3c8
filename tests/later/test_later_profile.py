"""The accrual profile: how a Later post's final totals are recorded day by day
(world/later_profile.py), so that dateBasis=performance_date has exact integer data."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from mock_server.world.later_profile import (
    ACCRUAL_DAYS,
    CUMULATIVE,
    DAILY,
    accrued,
    daily_values,
    spread_by_publish_day,
    staircase,
)

totals = st.integers(min_value=0, max_value=2**31 - 1)


def test_each_level_of_the_profile_sums_to_its_radix() -> None:
    assert [int(v) for v in CUMULATIVE[:, -1]] == [1000, 10, 1]


def test_the_profile_is_front_loaded_and_never_increases() -> None:
    thousands = DAILY[0]
    assert thousands[0] == 302 and thousands[1] == 174
    assert all(a >= b for a, b in zip(thousands, thousands[1:], strict=False))
    assert CUMULATIVE[0, 30] == 940  # 94% of the thousands within 30 days


def test_day_36_still_records_two_per_thousand_so_feb_10_follows_jan_5() -> None:
    # seeds/later-*.txt: a post published Jan 5 receives engagement on Feb 10 (day 36).
    assert DAILY[0, 36] == 2
    assert daily_values(5000)[36] == 10


@given(totals)
@example(1234)
@example(999)
def test_the_days_of_a_post_sum_exactly_to_its_final_total(total: int) -> None:
    days = daily_values(total)
    assert len(days) == ACCRUAL_DAYS
    assert all(v >= 0 for v in days)
    assert sum(days) == total


def test_a_total_of_1234_is_split_by_digits() -> None:
    # one thousand over 60 days, 23 tens over a week, 4 units on the publish day
    days = daily_values(1234)
    assert days[0] == 302 + 23 * 4 + 4
    assert days[1] == 174 + 23
    assert days[7] == 14
    assert days[59] == 2


def test_costs_are_booked_in_full_on_the_publish_day() -> None:
    assert daily_values(1500, on_publish=True) == [1500] + [0] * (ACCRUAL_DAYS - 1)


@given(totals, st.integers(-5, 70), st.integers(-5, 70), st.integers(-5, 70))
def test_accrued_over_adjacent_runs_adds_up(total: int, a: int, b: int, c: int) -> None:
    lo, mid, hi = sorted((a, b, c))
    values = np.array([total], dtype=np.int64)

    def run(x: int, y: int) -> int:
        return int(accrued(values, np.array([x]), np.array([y]))[0])

    assert run(lo, mid) + run(mid, hi) == run(lo, hi)
    assert run(lo, hi) == sum(daily_values(total)[max(lo, 0) : max(min(hi, ACCRUAL_DAYS), 0)])


def test_the_staircase_rebuilds_each_level() -> None:
    for level in range(3):
        rebuilt = np.zeros(ACCRUAL_DAYS, dtype=np.int64)
        for length, height in staircase(level):
            rebuilt[:length] += height
        assert rebuilt.tolist() == DAILY[level].tolist()


def test_group_spreading_equals_summing_each_posts_days() -> None:
    rng = np.random.default_rng(7)
    publish = rng.integers(0, 90, 40)
    totals_ = rng.integers(0, 50_000, 40)
    cells = np.zeros((3, 1, 100), dtype=np.int64)
    for day, total in zip(publish, totals_, strict=True):
        cells[:, 0, day] += [total // 1000, total % 1000 // 10, total % 10]
    spread = spread_by_publish_day(cells, recorded_days=95)[0]
    expected = np.zeros(100, dtype=np.int64)
    for day, total in zip(publish, totals_, strict=True):
        values = daily_values(int(total))
        for k in range(ACCRUAL_DAYS):
            if day + k < 95:
                expected[day + k] += values[k]
    assert spread.tolist() == expected.tolist()
