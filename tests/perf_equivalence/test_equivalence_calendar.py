"""Later's date buckets computed on day ordinals (domain.calendar.split_date_range) equal the
buckets of the datetime window splitter (split_window over ``[start 00:00, end + 1 day)``),
which is how split_date_range computed them before and stays the oracle."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.calendar import (
    LATER_GRANULARITIES,
    DateBucket,
    Granularity,
    split_date_range,
    split_window,
)

G = Granularity
ONE_DAY = timedelta(days=1)


def reference(start: date, end: date, g: Granularity) -> list[DateBucket]:
    """The buckets as split_window cuts the window of whole days."""
    since = datetime.combine(start, time(), tzinfo=UTC)
    until = datetime.combine(end, time(), tzinfo=UTC) + ONE_DAY
    return [
        DateBucket(b.start.date(), (b.end - ONE_DAY).date(), b.label_start.date())
        for b in split_window(since, until, g)
    ]


def test_a_year_by_month_with_both_edges_clipped() -> None:
    buckets = split_date_range(date(2025, 11, 2), date(2026, 11, 1), G.MONTH)
    assert len(buckets) == 13
    assert buckets[0] == DateBucket(date(2025, 11, 2), date(2025, 11, 30), date(2025, 11, 1))
    assert buckets[3] == DateBucket(date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 1))
    assert buckets[-1] == DateBucket(date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 1))


def test_the_last_buckets_of_the_calendar() -> None:
    # split_window cannot reach 10000-01-01; the ordinals can
    end = date(9999, 12, 31)
    assert split_date_range(date(9999, 12, 30), end, G.YEAR) == [
        DateBucket(date(9999, 12, 30), end, date(9999, 1, 1))
    ]
    assert split_date_range(date(9999, 11, 30), end, G.MONTH)[-1] == DateBucket(
        date(9999, 12, 1), end, date(9999, 12, 1)
    )
    assert split_date_range(date(1, 1, 1), date(1, 1, 9), G.WEEK)[1] == DateBucket(
        date(1, 1, 8), date(1, 1, 9), date(1, 1, 8)
    )


@pytest.mark.parametrize("g", LATER_GRANULARITIES)
def test_an_inverted_range_has_no_buckets(g: Granularity) -> None:
    # a Wednesday to the Tuesday before: both in one ISO week
    assert split_date_range(date(2026, 1, 7), date(2026, 1, 6), g) == []


@settings(max_examples=500, deadline=None)
@given(
    st.dates(date(1, 1, 1), date(9997, 1, 1)),
    st.one_of(st.integers(-3, 40), st.integers(0, 1200)),
    st.sampled_from(LATER_GRANULARITIES),
)
@example(date(2024, 2, 29), 0, G.WEEK)
@example(date(2020, 12, 28), 6, G.WEEK)
@example(date(2024, 12, 31), 1, G.MONTH)
@example(date(1, 1, 1), 400, G.QUARTER)
@example(date(2025, 11, 1), 364, G.MONTH)
def test_ordinal_buckets_equal_the_window_splitter(start: date, days: int, g: Granularity) -> None:
    end = start + timedelta(days=days)
    assert split_date_range(start, end, g) == reference(start, end, g)
