"""One world, three views (DOMAIN.md section 5): for any filter, summing the posts, summing
the time buckets and the summary give the same totals for every additive metric."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SpecCheck = Callable[[str, str, Any], None]
FIRST_DAY = date(2024, 10, 1)
SHARED = [
    "engagements", "impressions", "estimatedValueGenerated", "paidEngagements", "paidImpressions",
]  # fmt: skip
POST_ONLY = [
    "trackingLinksClicks", "trackingLinksConversions", "trackingLinksConversionValue",
    "affiliateLinksClicks", "affiliateLinksConversions", "affiliateLinksSales",
]  # fmt: skip
CONTENT_TYPES = [
    "instagram_post", "instagram_reel", "instagram_story", "facebook_post", "facebook_live",
    "facebook_group", "facebook_reel", "tiktok", "youtube_video", "youtube_shorts",
]  # fmt: skip
PLATFORMS = ["instagram", "tiktok", "facebook", "youtube", "twitter"]


def total(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


@st.composite
def filters(draw: st.DrawFn, world: Any) -> tuple[int, str]:
    n = draw(st.integers(0, 2))
    client = world.clients[n]
    start = FIRST_DAY + timedelta(days=draw(st.integers(0, 780)))
    end = start + timedelta(days=draw(st.integers(0, 400)))
    parts = [f"startDate={start}", f"endDate={end}"]
    instances = draw(st.lists(st.sampled_from(client.instance_ids), max_size=2, unique=True))
    if instances:
        parts.append("instanceIds=" + ",".join(instances))
    mine = [c.campaign_id for c in world.campaigns if c.instance_id in client.instance_ids]
    campaigns = draw(st.lists(st.sampled_from([*mine, 1, 999]), max_size=4, unique=True))
    if campaigns:
        parts.append("&".join(f"campaignIds[]={c}" for c in campaigns))
    kind = draw(st.sampled_from(["none", "platform", "contentType"]))
    if kind != "none":
        pool = PLATFORMS if kind == "platform" else CONTENT_TYPES
        values = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        parts.append(f"{kind}={','.join(values)}")
    parts.append("dateBasis=" + draw(st.sampled_from(["post_date", "performance_date"])))
    return n, "&".join(parts)


def _collect(get: Callable[[str], Any], path: str) -> list[dict[str, Any]]:
    first = get(f"{path}&pageSize=100")
    items = list(first["data"])
    for page in range(2, first["pagination"]["totalPages"] + 1):
        items += get(f"{path}&pageSize=100&pageNumber={page}")["data"]
    assert len(items) == first["pagination"]["totalItems"]
    return items


def _world(app: Flask) -> Any:
    return app.extensions["metrics_mock"].world.later


def check_agreement(
    app: Flask, spec_check: SpecCheck, n: int, query: str, granularity: str
) -> None:
    """Posts summed == buckets summed == summary, for one client and query."""
    client = app.test_client()
    token = _world(app).clients[n].token

    def get(path: str) -> Any:
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        if "pageNumber" not in path:
            spec_check("later", path, response)
        assert response.status_code == 200, (path, response.get_data(as_text=True))
        return response.get_json()

    posts = _collect(get, f"/v2/posts/performance?{query}")
    over_time = f"/v2/instances/performance-over-time?{query}&granularity={granularity}"
    buckets = _collect(get, over_time)
    names = ",".join([*SHARED, *POST_ONLY, "postsCount", "paidPostsCount"])
    summary = get(f"/v2/instances/performance?{query}&metrics={names}")["data"]["metrics"]
    for name in SHARED:
        from_posts = total([p[name] for p in posts])
        from_buckets = total([b["metrics"][name] for b in buckets])
        assert from_posts == from_buckets == summary[name], (name, query)
    for name in POST_ONLY:
        assert total([p.get(name) for p in posts]) == summary[name], (name, query)
    assert summary["postsCount"] == len(posts)
    assert summary["paidPostsCount"] == sum(p["paidImpressions"] is not None for p in posts)
    assert bool(buckets) == bool(posts)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), granularity=st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_posts_buckets_and_summary_agree_for_any_filter(
    app: Flask, spec_check: SpecCheck, data: Any, granularity: str
) -> None:
    n, query = data.draw(filters(_world(app)))
    check_agreement(app, spec_check, n, query, granularity)


def test_they_agree_over_the_whole_world_with_either_basis(
    app: Flask, spec_check: SpecCheck
) -> None:
    for basis in ("post_date", "performance_date"):
        query = f"startDate=2024-11-01&endDate=2026-10-31&dateBasis={basis}"
        for n in range(3):
            check_agreement(app, spec_check, n, query, "month")
