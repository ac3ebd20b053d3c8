"""``/v2/instances/performance``: exactly the requested metrics, as ratios of sums, with
nulls where nothing carries a metric (seeds/later-instances-performance.txt, DOMAIN.md
section 2, spec Metrics x-mock-choice)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from mock_server.domain import formulas as f
from mock_server.specs import OPENAPI_SPECS

SUMMARY = "/v2/instances/performance"
POSTS = "/v2/posts/performance"
RANGE = "startDate=2025-01-01&endDate=2025-12-31"
SpecCheck = Callable[[str, str, Any], None]
VALID = yaml.safe_load(OPENAPI_SPECS["later"].read_text(encoding="utf-8"))["components"][
    "parameters"
]["Metrics"]["x-valid-metrics"]
EVERY = [m for m in VALID if m != "crosspostedFacebookOnlyViews"]


@pytest.fixture
def fetch(later_get: Callable[[str], Any]) -> Callable[[str], Any]:
    return later_get


def summary(fetch: Any, query: str, names: list[str]) -> dict[str, Any]:
    body = fetch(f"{SUMMARY}?{query}&metrics={','.join(names)}")
    assert body["nextCursor"] is None and list(body) == ["data", "nextCursor"]
    metrics: dict[str, Any] = body["data"]["metrics"]
    return metrics


def test_only_the_requested_metrics_come_back_in_the_spec_order(fetch: Any) -> None:
    got = summary(fetch, RANGE, ["cpm", "engagements", "cpm", "postsCount"])
    assert list(got) == ["engagements", "postsCount", "cpm"]


def test_array_forms_can_be_mixed_for_metrics(fetch: Any) -> None:
    body = fetch(f"{SUMMARY}?{RANGE}&metrics[]=engagements&metrics=impressions,reach")
    assert list(body["data"]["metrics"]) == ["engagements", "impressions", "reach"]


def test_ratios_are_ratios_of_the_sums(fetch: Any) -> None:
    m = summary(fetch, RANGE, EVERY + ["campaignsCost"])
    assert m["engagementRate"] == f.later_engagement_rate(m["engagements"], m["impressions"])
    assert m["cpe"] == f.later_cpe(m["campaignsCost"], m["engagements"])
    assert m["cpm"] == f.later_cpm(m["campaignsCost"], m["impressions"])
    assert m["returnOnInvestment"] == f.later_roi(m["estimatedValueGenerated"], m["campaignsCost"])
    assert m["paidEngagementRate"] == f.later_paid_engagement_rate(
        m["paidEngagements"], m["paidImpressions"]
    )
    assert m["paidCpe"] == f.later_paid_cpe(m["paidAdSpend"], m["paidEngagements"])
    assert m["paidCpm"] == f.later_paid_cpm(m["paidAdSpend"], m["paidImpressions"])


def test_realistic_magnitudes(fetch: Any) -> None:
    m = summary(fetch, RANGE, EVERY)
    assert m["reach"] <= m["impressions"]
    assert 1 < m["engagementRate"] < 15
    assert m["paidPostsCount"] < m["postsCount"]
    assert m["trackingLinksConversions"] < m["trackingLinksClicks"]


def test_posts_count_is_the_number_of_listed_posts(fetch: Any) -> None:
    m = summary(fetch, RANGE, ["postsCount", "paidPostsCount"])
    posts = fetch(f"{POSTS}?{RANGE}&pageSize=1")
    assert m["postsCount"] == posts["pagination"]["totalItems"]
    paid = fetch(f"{POSTS}?{RANGE}&pageSize=100&sortProperty=paidImpressions")
    promoted = [p for p in paid["data"] if p["paidImpressions"] is not None]
    assert m["paidPostsCount"] == len(promoted) < 100


def test_paid_metrics_are_null_where_no_post_is_promoted(fetch: Any) -> None:
    day = _a_day_without_promoted_posts(fetch)
    m = summary(fetch, f"startDate={day}&endDate={day}", EVERY)
    assert m["postsCount"] > 0 and m["paidPostsCount"] == 0
    paid = [k for k in EVERY if k.startswith("paid") and k != "paidPostsCount"]
    assert all(m[k] is None for k in paid)
    assert m["engagements"] is not None


def _a_day_without_promoted_posts(fetch: Any) -> str:
    for day in range(1, 29):
        query = f"startDate=2025-02-{day:02d}&endDate=2025-02-{day:02d}"
        posts = fetch(f"{POSTS}?{query}&pageSize=100")["data"]
        if posts and all(p["paidImpressions"] is None for p in posts):
            return f"2025-02-{day:02d}"
    raise AssertionError("every day of February 2025 has a promoted post")


def test_nothing_selected_gives_zero_counts_and_null_metrics(fetch: Any) -> None:
    m = summary(fetch, "startDate=2020-01-01&endDate=2020-12-31", EVERY)
    assert m["postsCount"] == 0 and m["paidPostsCount"] == 0
    assert all(v is None for k, v in m.items() if k not in ("postsCount", "paidPostsCount"))


def test_crossposted_views_for_reels_are_a_share_of_their_views(fetch: Any) -> None:
    m = summary(
        fetch, f"{RANGE}&contentType=instagram_reel", ["views", "crosspostedFacebookOnlyViews"]
    )
    assert 0 < m["crosspostedFacebookOnlyViews"] < m["views"]
