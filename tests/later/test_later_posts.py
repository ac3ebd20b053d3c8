"""``/v2/posts/performance``: every post in range, sorted by any of the 12 properties with
nulls last and ties by postId, paginated without overlap (seeds/later-posts-performance.txt,
spec SortProperty and PageNumber)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from mock_server.domain.sorting import order_indices

POSTS = "/v2/posts/performance"
RANGE = "startDate=2025-01-01&endDate=2026-10-31"
SORT_PROPERTIES = [
    "engagements", "impressions", "engagementRate", "estimatedValueGenerated", "cpe", "cpm",
    "postDate", "paidEngagements", "paidImpressions", "paidEngagementRate", "paidCpe", "paidCpm",
]  # fmt: skip
SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture
def fetch(later_get: Callable[[str], Any]) -> Callable[[str], Any]:
    """The posts endpoint's body for a query string."""
    return lambda query: later_get(f"{POSTS}?{query}")


def all_posts(fetch: Any, query: str) -> list[dict[str, Any]]:
    first = fetch(f"{query}&pageSize=100")
    posts = list(first["data"])
    for page in range(2, first["pagination"]["totalPages"] + 1):
        posts += fetch(f"{query}&pageSize=100&pageNumber={page}")["data"]
    return posts


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("prop", SORT_PROPERTIES)
def test_pages_follow_the_domain_order_with_nulls_last_and_ties_by_post_id(
    fetch: Any, prop: str, direction: str
) -> None:
    posts = all_posts(fetch, f"{RANGE}&sortProperty={prop}&sortDirection={direction}")
    ids = [p["postId"] for p in posts]
    assert len(ids) == len(set(ids)) > 300  # pages never overlap
    expected = order_indices([p[prop] for p in posts], ids, descending=direction == "DESC")
    assert [ids[i] for i in expected] == ids


def test_the_default_order_is_newest_first(fetch: Any) -> None:
    dates = [p["postDate"] for p in fetch(f"{RANGE}&pageSize=100")["data"]]
    assert dates == sorted(dates, reverse=True)


def test_pagination_counts_pages_and_a_page_past_the_last_is_empty(fetch: Any) -> None:
    first = fetch(f"{RANGE}&pageSize=7")
    total = first["pagination"]["totalItems"]
    pages = first["pagination"]["totalPages"]
    assert pages == math.ceil(total / 7)
    last = fetch(f"{RANGE}&pageSize=7&pageNumber={pages}")
    assert len(last["data"]) == total - 7 * (pages - 1)
    beyond = fetch(f"{RANGE}&pageSize=7&pageNumber={pages + 1}")
    assert beyond == {
        "data": [],
        "pagination": {"page": pages + 1, "pageSize": 7, "totalItems": total, "totalPages": pages},
    }


def test_a_range_without_posts_has_zero_pages(fetch: Any) -> None:
    body = fetch("startDate=2020-01-01&endDate=2020-12-31")
    assert body == {
        "data": [],
        "pagination": {"page": 1, "pageSize": 50, "totalItems": 0, "totalPages": 0},
    }


def test_zero_metric_posts_are_listed_too(fetch: Any) -> None:
    posts = all_posts(
        fetch, "startDate=2025-01-01&endDate=2026-10-31&sortProperty=impressions&sortDirection=ASC"
    )
    zero = [p for p in posts if p["impressions"] == 0]
    assert zero and all(p["engagements"] == 0 and p["engagementRate"] is None for p in zero)


def test_a_post_carries_the_documented_shape(fetch: Any) -> None:
    post = fetch(f"{RANGE}&pageSize=1")["data"][0]
    assert list(post) == sorted(post)  # alphabetical, as the vendor's example
    assert post["postDate"].endswith(".000Z") and len(post["postDate"]) == 24
    profile = post["creatorProfile"]
    assert profile["contentType"] == post["contentType"]
    assert profile["profileLink"].startswith("https://")
    assert post["engagementRate"] == round(post["engagements"] / post["impressions"] * 100, 2)


def test_paid_metrics_are_null_exactly_when_the_post_is_not_promoted(fetch: Any) -> None:
    posts = all_posts(fetch, RANGE)
    paid = [p for p in posts if p["paidImpressions"] is not None]
    organic = [p for p in posts if p["paidImpressions"] is None]
    assert paid and organic
    assert all(p["paidEngagements"] is not None for p in paid)
    keys = ("paidEngagements", "paidEngagementRate", "paidCpe", "paidCpm")
    assert all(p[k] is None for p in organic for k in keys)


def test_link_metrics_appear_only_on_posts_with_links(fetch: Any) -> None:
    posts = all_posts(fetch, RANGE)
    tracked = [p for p in posts if "trackingLinksClicks" in p]
    assert 0 < len(tracked) < len(posts)
    assert all("trackingLinksConversionValue" in p for p in tracked)
    affiliate = [p for p in posts if "affiliateLinksRoi" in p]
    assert 0 < len(affiliate) < len(posts)
