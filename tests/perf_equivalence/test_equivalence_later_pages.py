"""Later pages written from arrays equal the pages written one post (one bucket) at a time.

The reference renders each post as the mapping did before it was vectorised: its stored
metrics summed from the accrual profile day by day (``daily_values``), each reported metric
through the domain's formulas, a dict with sorted keys, ``json.dumps``. The array path must
give the same bytes for every basis, sort, page and world (generated and fixture).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from mock_server.domain.pagination import PageInfo
from mock_server.domain.timestamps import format_utc_millis
from mock_server.query.later_filters import PERFORMANCE_DATE, POST_DATE, LaterFilter, select
from mock_server.query.later_posts import posts_page
from mock_server.query.later_series import SeriesPage, series_page
from mock_server.vendors.later import mapping, post_rows
from mock_server.world.later import LaterWorld
from mock_server.world.later_content import (
    content_image_url,
    content_url,
    profile_image,
    profile_link,
)
from mock_server.world.later_model import CONTENT_TYPES, METRIC_INDEX, METRICS, NETWORK_OF
from mock_server.world.later_profile import ACCRUAL_DAYS, daily_values
from tests.perf_equivalence.test_equivalence_later_metrics import scalar

SEED = 42


@pytest.fixture(scope="module")
def world(later_world: LaterWorld) -> LaterWorld:
    return later_world


def _stored(world: LaterWorld, i: int, scope: LaterFilter, name: str) -> int | None:
    """One post's stored metric over the scope's days, from its day-by-day values."""
    posts, index = world.index.posts, world.index
    metric = METRICS[METRIC_INDEX[name]]
    if not all(posts.flags[f][i] for f in metric.needs):
        return None
    published = int(index.day[i])
    recorded = index.clock_day - published
    if scope.basis == POST_DATE:
        lo, hi = 0, recorded
    else:
        first = scope.start.toordinal() - date(1970, 1, 1).toordinal() - index.origin
        last = scope.end.toordinal() - date(1970, 1, 1).toordinal() - index.origin
        lo, hi = first - published, min(last + 1 - published, recorded)
    lo, hi = max(lo, 0), max(min(hi, ACCRUAL_DAYS), 0)
    return sum(daily_values(int(posts.metrics[name][i]), metric.on_publish)[lo:hi])


def _reference_post(world: LaterWorld, i: int, scope: LaterFilter) -> dict[str, Any]:
    posts = world.index.posts
    campaign = world.campaigns[int(posts.campaign[i])]
    content_type = CONTENT_TYPES[int(posts.content_type[i])]
    post_id = int(posts.post_id[i])
    creator_at = int(posts.creator[i])
    creator = world.creators[creator_at] if creator_at >= 0 else None
    profile = creator.profile(NETWORK_OF[content_type]) if creator else None
    item: dict[str, Any] = {
        "postId": post_id,
        "instanceId": campaign.instance_id,
        "campaignId": campaign.campaign_id,
        "creatorId": creator.creator_id if creator else None,
        "creatorProfile": None,
        "postDate": format_utc_millis(datetime.fromtimestamp(int(posts.posted_at[i]), UTC)),
        "contentType": content_type,
        "contentUrl": content_url(SEED, post_id, content_type, profile.handle if profile else None),
        "contentImageUrl": content_image_url(post_id),
    }
    if creator is not None and profile is not None:
        item["creatorProfile"] = {
            "contentType": content_type,
            "fullName": creator.full_name,
            "handleName": profile.handle,
            "profileImage": profile_image(creator.creator_id, profile.network),
            "profileLink": profile_link(profile.network, profile.handle),
        }

    def get(name: str) -> int | None:
        return _stored(world, i, scope, name)

    names = list(mapping.POST_METRICS)
    names += list(mapping.TRACKING) if get("trackingLinksClicks") is not None else []
    names += list(mapping.AFFILIATE) if get("affiliateLinksClicks") is not None else []
    item.update({name: scalar(get, name) for name in names})
    return dict(sorted(item.items()))


def _dumps(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _pagination(info: PageInfo) -> dict[str, int]:
    return {
        "page": info.page,
        "pageSize": info.page_size,
        "totalItems": info.total_items,
        "totalPages": info.total_pages,
    }


SCOPES = [
    (date(2025, 1, 1), date(2025, 12, 31), POST_DATE),
    (date(2026, 1, 1), date(2026, 3, 31), POST_DATE),
    (date(2026, 8, 15), date(2026, 10, 31), POST_DATE),
    (date(2026, 2, 1), date(2026, 2, 28), PERFORMANCE_DATE),
    (date(2026, 9, 1), date(2026, 11, 30), PERFORMANCE_DATE),
]
SORTS = [("impressions", True, 1, 30), ("paidCpm", False, 2, 20), ("cpe", True, 1, 100)]


@pytest.mark.parametrize(("start", "end", "basis"), SCOPES)
@pytest.mark.parametrize(("prop", "descending", "number", "size"), SORTS)
def test_a_posts_page_is_byte_for_byte_the_per_post_rendering(
    world: LaterWorld,
    start: date,
    end: date,
    basis: str,
    prop: str,
    descending: bool,
    number: int,
    size: int,
) -> None:
    for client in world.clients:
        scope = LaterFilter(start, end, client.instance_ids, basis=basis)
        page = posts_page(select(world, scope), prop, descending, number, size, mapping.POST_STORED)
        info = PageInfo.of(page.total, number, size)
        posts = [_reference_post(world, int(i), scope) for i in page.positions]
        expected = _dumps({"data": posts, "pagination": _pagination(info)})
        assert (
            post_rows.posts_text(mapping.PostRenderer(world, SEED), page, info) == expected.encode()
        )


@pytest.mark.parametrize(("start", "end", "basis"), SCOPES)
@pytest.mark.parametrize("granularity", ["day", "week", "month", "quarter", "year"])
def test_a_series_page_is_byte_for_byte_the_per_bucket_rendering(
    world: LaterWorld, start: date, end: date, basis: str, granularity: str
) -> None:
    for client in world.clients:
        scope = LaterFilter(start, end, client.instance_ids, basis=basis)
        page = series_page(select(world, scope), granularity, 1, 100)
        info = PageInfo.of(page.total, 1, 100)
        buckets = []
        for row, bucket in enumerate(page.buckets):

            def get(name: str, row: int = row, page: SeriesPage = page) -> int | None:
                value = page.stored(name)
                return None if value.null[row] else int(value.values[row])

            metrics = {name: scalar(get, name) for name in mapping.BUCKET_METRICS}
            buckets.append(
                {
                    "endDate": bucket.end_date.isoformat(),
                    "metrics": metrics,
                    "startDate": bucket.start_date.isoformat(),
                }
            )
        expected = _dumps({"data": buckets, "pagination": _pagination(info)})
        assert mapping.series_text(page, info) == expected
