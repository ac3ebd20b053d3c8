"""``/v2/instances/performance-over-time``: calendar buckets with inclusive, clipped bounds,
empty ones left out, the rest paginated (seeds/later-instances-performance-over-time.txt,
DOMAIN.md section 4, spec x-mock-choice)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from mock_server.domain.calendar import Granularity, split_date_range

OVER_TIME = "/v2/instances/performance-over-time"
POSTS = "/v2/posts/performance"
SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture
def fetch(later_get: Callable[[str], Any]) -> Callable[[str], Any]:
    return later_get


def buckets(fetch: Any, query: str) -> list[dict[str, Any]]:
    first = fetch(f"{OVER_TIME}?{query}&pageSize=100")
    data = list(first["data"])
    for page in range(2, first["pagination"]["totalPages"] + 1):
        data += fetch(f"{OVER_TIME}?{query}&pageSize=100&pageNumber={page}")["data"]
    return data


def spans(data: list[dict[str, Any]]) -> list[tuple[date, date]]:
    return [(date.fromisoformat(b["startDate"]), date.fromisoformat(b["endDate"])) for b in data]


@pytest.mark.parametrize("granularity", ["day", "week", "month", "quarter", "year"])
def test_buckets_are_the_calendar_units_clipped_to_the_range(fetch: Any, granularity: str) -> None:
    start, end = date(2025, 2, 12), date(2026, 8, 19)
    data = buckets(fetch, f"startDate={start}&endDate={end}&granularity={granularity}")
    calendar = {
        (b.start_date, b.end_date) for b in split_date_range(start, end, Granularity(granularity))
    }
    got = spans(data)
    assert got and set(got) <= calendar
    assert got == sorted(got)  # ascending date order
    assert got[0][0] >= start and got[-1][1] <= end


def test_edge_buckets_are_partial_and_inner_ones_are_whole_months(fetch: Any) -> None:
    got = spans(buckets(fetch, "startDate=2025-02-12&endDate=2025-06-19&granularity=month"))
    assert got[0] == (date(2025, 2, 12), date(2025, 2, 28))
    assert (date(2025, 3, 1), date(2025, 3, 31)) in got
    assert got[-1] == (date(2025, 6, 1), date(2025, 6, 19))


def test_week_buckets_run_monday_to_sunday(fetch: Any) -> None:
    got = spans(buckets(fetch, "startDate=2025-03-05&endDate=2025-06-30&granularity=week"))
    assert got[0][0] == date(2025, 3, 5)  # a Wednesday: the clipped first week
    for first, last in got[1:]:
        assert first.isoweekday() == 1 and last - first <= timedelta(days=6)
    assert all(last.isoweekday() == 7 for _, last in got[:-1])


def test_quarter_and_year_buckets_follow_the_calendar(fetch: Any) -> None:
    quarters = spans(buckets(fetch, "startDate=2025-01-01&endDate=2025-12-31&granularity=quarter"))
    assert quarters == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2025, 12, 31)),
    ]
    years = spans(buckets(fetch, "startDate=2024-12-01&endDate=2025-12-31&granularity=year"))
    assert years == [
        (date(2024, 12, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 12, 31)),
    ]


def test_the_default_granularity_is_month(fetch: Any) -> None:
    assert spans(buckets(fetch, "startDate=2025-01-01&endDate=2025-03-31")) == [
        (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 31)),
    ]


def test_days_without_posts_are_left_out(fetch: Any) -> None:
    query = "startDate=2025-03-01&endDate=2025-04-30"
    days = spans(buckets(fetch, f"{query}&granularity=day"))
    posts = fetch(f"{POSTS}?{query}&pageSize=100")
    assert posts["pagination"]["totalPages"] == 1
    published = {date.fromisoformat(p["postDate"][:10]) for p in posts["data"]}
    assert {first for first, _ in days} == published
    assert len(days) < 61


def test_with_performance_date_every_day_with_recorded_metrics_is_a_bucket(fetch: Any) -> None:
    query = "startDate=2025-03-01&endDate=2025-04-30&granularity=day&dateBasis=performance_date"
    assert len(buckets(fetch, query)) == 61  # recent posts keep recording every day


def test_buckets_are_paginated_in_order(fetch: Any) -> None:
    query = "startDate=2025-01-01&endDate=2025-12-31&granularity=week"
    everything = buckets(fetch, query)
    first = fetch(f"{OVER_TIME}?{query}&pageSize=5")
    assert first["pagination"]["totalItems"] == len(everything)
    assert first["pagination"]["totalPages"] == -(-len(everything) // 5)
    second = fetch(f"{OVER_TIME}?{query}&pageSize=5&pageNumber=2")
    assert first["data"] + second["data"] == everything[:10]
    beyond = fetch(f"{OVER_TIME}?{query}&pageSize=5&pageNumber=500")
    assert beyond["data"] == [] and beyond["pagination"]["page"] == 500


def test_a_page_of_buckets_with_gaps_between_them_is_in_order(fetch: Any) -> None:
    """Days without posts are left out, so a page's buckets are not consecutive calendar
    days; each page is still its slice of the whole series."""
    query = "startDate=2025-03-01&endDate=2025-04-30&granularity=day"
    everything = buckets(fetch, query)
    days = [first for first, _ in spans(everything)]
    assert any(b - a > timedelta(days=1) for a, b in zip(days, days[1:12], strict=False))
    for number in (1, 2, 3):
        page = fetch(f"{OVER_TIME}?{query}&pageSize=4&pageNumber={number}")
        assert page["data"] == everything[4 * (number - 1) : 4 * number]


def test_bucket_engagements_are_likes_comments_shares_and_clicks(fetch: Any) -> None:
    for bucket in buckets(fetch, "startDate=2025-01-01&endDate=2025-12-31"):
        m = bucket["metrics"]
        assert m["engagements"] == m["likes"] + m["comments"] + m["shares"] + m["clicks"]
        assert list(m) == sorted(m)
        if m["paidEngagements"] is not None:
            assert m["paidEngagements"] > m["paidLikes"] + m["paidComments"] + m["paidShares"]


def test_a_range_far_from_any_post_has_no_buckets(fetch: Any) -> None:
    for query in (
        "startDate=9998-01-01&endDate=9999-12-31",
        "startDate=0001-01-01&endDate=0002-01-01",
    ):
        body = fetch(f"{OVER_TIME}?{query}&granularity=year")
        assert body["data"] == [] and body["pagination"]["totalItems"] == 0
