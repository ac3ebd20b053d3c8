"""Calendar buckets: half-open UTC windows (Layers) and inclusive date ranges (Later)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.calendar import (
    Bucket,
    DateBucket,
    Granularity,
    bucket_index,
    bucket_start,
    next_bucket_start,
    split_date_range,
    split_window,
)

G = Granularity


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0, us: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, sec, us, tzinfo=UTC)


# --- bucket_start / next_bucket_start ---------------------------------------------------

BUCKET_STARTS = [
    # leap day
    (utc(2024, 2, 29, 13, 45, 10), G.HOUR, utc(2024, 2, 29, 13)),
    (utc(2024, 2, 29, 13, 45), G.DAY, utc(2024, 2, 29)),
    (utc(2024, 2, 29, 13, 45), G.WEEK, utc(2024, 2, 26)),
    (utc(2024, 2, 29, 13, 45), G.MONTH, utc(2024, 2, 1)),
    (utc(2024, 2, 29, 13, 45), G.QUARTER, utc(2024, 1, 1)),
    (utc(2024, 2, 29, 13, 45), G.YEAR, utc(2024, 1, 1)),
    # ISO week 53 of 2020 runs Mon 2020-12-28 .. Sun 2021-01-03
    (utc(2020, 12, 28), G.WEEK, utc(2020, 12, 28)),
    (utc(2021, 1, 3, 23, 59, 59), G.WEEK, utc(2020, 12, 28)),
    (utc(2021, 1, 4), G.WEEK, utc(2021, 1, 4)),
    # year end
    (utc(2020, 12, 31, 23, 59, 59), G.HOUR, utc(2020, 12, 31, 23)),
    (utc(2020, 12, 31, 23, 59, 59), G.YEAR, utc(2020, 1, 1)),
    # quarter boundaries
    (utc(2024, 3, 31, 23, 59, 59), G.QUARTER, utc(2024, 1, 1)),
    (utc(2024, 4, 1), G.QUARTER, utc(2024, 4, 1)),
    (utc(2024, 9, 30, 12), G.QUARTER, utc(2024, 7, 1)),
    (utc(2024, 12, 1), G.QUARTER, utc(2024, 10, 1)),
    # an aware non-UTC instant is bucketed by its UTC time
    (datetime(2024, 1, 1, 1, tzinfo=timezone(timedelta(hours=2))), G.DAY, utc(2023, 12, 31)),
]


@pytest.mark.parametrize(("ts", "g", "expected"), BUCKET_STARTS)
def test_bucket_start_is_the_utc_calendar_start(ts: datetime, g: G, expected: datetime) -> None:
    assert bucket_start(ts, g) == expected


NEXT_STARTS = [
    (utc(2024, 2, 28, 23), G.HOUR, utc(2024, 2, 29)),
    (utc(2024, 2, 28), G.DAY, utc(2024, 2, 29)),
    (utc(2020, 12, 28), G.WEEK, utc(2021, 1, 4)),
    (utc(2024, 1, 31, 8), G.MONTH, utc(2024, 2, 1)),
    (utc(2024, 2, 1), G.MONTH, utc(2024, 3, 1)),
    (utc(2024, 12, 15), G.MONTH, utc(2025, 1, 1)),
    (utc(2024, 11, 1), G.QUARTER, utc(2025, 1, 1)),
    (utc(2024, 12, 31, 23, 59), G.YEAR, utc(2025, 1, 1)),
]


@pytest.mark.parametrize(("start", "g", "expected"), NEXT_STARTS)
def test_next_bucket_start_steps_one_calendar_bucket(
    start: datetime, g: G, expected: datetime
) -> None:
    assert next_bucket_start(start, g) == expected


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        bucket_start(datetime(2024, 1, 1), G.DAY)


# --- split_window examples --------------------------------------------------------------


def test_a_window_shorter_than_one_bucket_is_one_clipped_bucket() -> None:
    (only,) = split_window(utc(2024, 2, 29, 10), utc(2024, 2, 29, 11, 30), G.DAY)
    assert only == Bucket(utc(2024, 2, 29, 10), utc(2024, 2, 29, 11, 30), utc(2024, 2, 29),
                          utc(2024, 3, 1))  # fmt: skip
    assert only.is_partial


@pytest.mark.parametrize("g", list(G))
@pytest.mark.parametrize("offset", [timedelta(0), timedelta(seconds=-1)])
def test_an_empty_or_inverted_window_has_no_buckets(g: G, offset: timedelta) -> None:
    assert split_window(utc(2024, 1, 1) + offset, utc(2024, 1, 1) + 2 * offset, g) == []


def test_the_layers_seed_window_has_seventeen_full_day_buckets() -> None:
    buckets = split_window(utc(2026, 4, 1), utc(2026, 4, 18), G.DAY)
    assert len(buckets) == 17
    assert not any(b.is_partial for b in buckets)


def test_weeks_across_year_end_follow_iso_week_53() -> None:
    buckets = split_window(utc(2020, 12, 30, 6), utc(2021, 1, 6), G.WEEK)
    assert [(b.start, b.end, b.label_start) for b in buckets] == [
        (utc(2020, 12, 30, 6), utc(2021, 1, 4), utc(2020, 12, 28)),
        (utc(2021, 1, 4), utc(2021, 1, 6), utc(2021, 1, 4)),
    ]


def test_bucket_index_finds_the_bucket_or_none_outside_the_window() -> None:
    buckets = split_window(utc(2024, 1, 1, 12), utc(2024, 1, 3, 12), G.DAY)
    assert bucket_index(buckets, utc(2024, 1, 1, 12)) == 0
    assert bucket_index(buckets, utc(2024, 1, 2)) == 1
    assert bucket_index(buckets, utc(2024, 1, 3, 11, 59, 59)) == 2
    assert bucket_index(buckets, utc(2024, 1, 3, 12)) is None
    assert bucket_index(buckets, utc(2024, 1, 1, 11, 59, 59)) is None


# --- split_window laws ------------------------------------------------------------------

MAX_SPAN = {
    G.HOUR: timedelta(days=10),
    G.DAY: timedelta(days=400),
    G.WEEK: timedelta(days=1200),
    G.MONTH: timedelta(days=3000),
    G.QUARTER: timedelta(days=5000),
    G.YEAR: timedelta(days=9000),
}
instants = st.datetimes(datetime(1999, 1, 1), datetime(2040, 1, 1), timezones=st.just(UTC))


@st.composite
def windows(draw: st.DrawFn) -> tuple[datetime, datetime, G]:
    g = draw(st.sampled_from(list(G)))
    since = draw(instants)
    span = draw(st.timedeltas(timedelta(0), MAX_SPAN[g]))
    return since, since + span, g


@settings(deadline=None)
@given(windows())
@example((utc(2024, 2, 28, 12), utc(2024, 3, 1, 12), G.DAY))  # leap day
@example((utc(2020, 12, 27), utc(2021, 1, 5), G.WEEK))  # ISO week 53
@example((utc(2024, 12, 31, 23, 30), utc(2025, 1, 1, 0, 30), G.HOUR))  # year end
@example((utc(2024, 2, 15), utc(2024, 7, 10), G.QUARTER))  # quarter boundaries
@example((utc(2024, 2, 29, 12), utc(2024, 2, 29, 12), G.DAY))  # empty window inside a bucket
def test_buckets_partition_the_window_exactly(window: tuple[datetime, datetime, G]) -> None:
    since, until, g = window
    buckets = split_window(since, until, g)
    assert [b.start for b in buckets[:1]] == [since][: len(buckets)]
    assert [b.end for b in buckets[-1:]] == [until][: len(buckets)]
    assert all(a.end == b.start for a, b in zip(buckets, buckets[1:], strict=False))
    for b in buckets:
        assert b.label_start <= b.start < b.end <= b.label_end
        assert b.label_start == bucket_start(b.start, g)
        assert b.label_end == next_bucket_start(b.label_start, g)
    assert not any(b.is_partial for b in buckets[1:-1])


@settings(deadline=None)
@given(windows(), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 10**6)), max_size=40))
@example((utc(2024, 2, 29), utc(2024, 3, 1), G.HOUR), [(0.0, 1), (0.999, 2)])
def test_sums_over_buckets_equal_the_sum_over_the_window(
    window: tuple[datetime, datetime, G], points: list[tuple[float, int]]
) -> None:
    since, until, g = window
    buckets = split_window(since, until, g)
    per_bucket = [0] * len(buckets)
    inside = [(since + (until - since) * f, v) for f, v in points]
    inside = [(ts, v) for ts, v in inside if since <= ts < until]
    for ts, value in inside:
        i = bucket_index(buckets, ts)
        assert i is not None and buckets[i].label_start == bucket_start(ts, g)
        per_bucket[i] += value
    assert sum(per_bucket) == sum(v for _, v in inside)


# --- Later inclusive date ranges --------------------------------------------------------


def spans(buckets: list[DateBucket]) -> list[tuple[str, str]]:
    return [(b.start_date.isoformat(), b.end_date.isoformat()) for b in buckets]


DATE_RANGES = [
    # the over-time seed: month buckets of 2024, February ends on the leap day
    (date(2024, 1, 1), date(2024, 2, 29), G.MONTH,
     [("2024-01-01", "2024-01-31"), ("2024-02-01", "2024-02-29")]),
    # ISO week 53 of 2020, clipped at both edges
    (date(2020, 12, 30), date(2021, 1, 5), G.WEEK,
     [("2020-12-30", "2021-01-03"), ("2021-01-04", "2021-01-05")]),
    (date(2020, 12, 28), date(2021, 1, 3), G.WEEK, [("2020-12-28", "2021-01-03")]),
    # quarter boundaries
    (date(2024, 2, 15), date(2024, 7, 10), G.QUARTER,
     [("2024-02-15", "2024-03-31"), ("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-07-10")]),
    # year end
    (date(2024, 12, 31), date(2025, 1, 1), G.YEAR,
     [("2024-12-31", "2024-12-31"), ("2025-01-01", "2025-01-01")]),
    (date(2024, 12, 31), date(2025, 1, 1), G.DAY,
     [("2024-12-31", "2024-12-31"), ("2025-01-01", "2025-01-01")]),
    # shorter than one bucket
    (date(2024, 2, 29), date(2024, 2, 29), G.YEAR, [("2024-02-29", "2024-02-29")]),
    # inverted
    (date(2024, 3, 1), date(2024, 2, 29), G.DAY, []),
]  # fmt: skip


@pytest.mark.parametrize(("start", "end", "g", "expected"), DATE_RANGES)
def test_split_date_range_clips_inclusive_buckets(
    start: date, end: date, g: G, expected: list[tuple[str, str]]
) -> None:
    assert spans(split_date_range(start, end, g)) == expected


def test_later_has_no_hourly_buckets() -> None:
    with pytest.raises(ValueError, match="hour"):
        split_date_range(date(2024, 1, 1), date(2024, 1, 2), G.HOUR)


later_granularities = st.sampled_from([G.DAY, G.WEEK, G.MONTH, G.QUARTER, G.YEAR])


@settings(deadline=None)
@given(st.dates(date(1999, 1, 1), date(2040, 1, 1)), st.integers(0, 800), later_granularities)
@example(date(2024, 2, 29), 0, G.WEEK)  # leap day
@example(date(2020, 12, 28), 6, G.WEEK)  # ISO week 53
@example(date(2024, 12, 31), 1, G.MONTH)  # year end
def test_date_buckets_partition_the_range(start: date, days: int, g: G) -> None:
    end = start + timedelta(days=days)
    buckets = split_date_range(start, end, g)
    assert buckets[0].start_date == start and buckets[-1].end_date == end
    for a, b in zip(buckets, buckets[1:], strict=False):
        assert b.start_date == a.end_date + timedelta(days=1)
    for b in buckets:
        assert b.label_start <= b.start_date <= b.end_date
        assert bucket_start(utc(b.end_date.year, b.end_date.month, b.end_date.day), g).date() == (
            b.label_start
        )
    assert sum(b.days for b in buckets) == days + 1
