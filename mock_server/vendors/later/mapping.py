"""Query results -> Later's JSON (seeds/later-*.txt example responses).

Key order follows the seeds: posts and buckets list their keys alphabetically, as the
vendor's examples do; the summary lists the requested metrics in x-valid-metrics order.
Tracking- and affiliate-link fields appear on a post only when it has such links (spec,
PostPerformance).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mock_server.domain.calendar import DateBucket
from mock_server.domain.pagination import PageInfo
from mock_server.domain.timestamps import format_utc_millis
from mock_server.query.later_metrics import Value, metrics
from mock_server.query.later_posts import PostsPage
from mock_server.query.later_sums import Totals
from mock_server.world.later import LaterWorld
from mock_server.world.later_content import (
    content_image_url,
    content_url,
    profile_image,
    profile_link,
)
from mock_server.world.later_model import CONTENT_TYPES, NETWORK_OF

POST_METRICS = (
    "engagements", "impressions", "engagementRate", "estimatedValueGenerated", "cpe", "cpm",
    "paidEngagements", "paidImpressions", "paidEngagementRate", "paidCpe", "paidCpm",
)  # fmt: skip
TRACKING = ("trackingLinksClicks", "trackingLinksConversions", "trackingLinksConversionValue")
AFFILIATE = (
    "affiliateLinksClicks", "affiliateLinksConversions", "affiliateLinksSales",
    "affiliateLinksRoi",
)  # fmt: skip
BUCKET_METRICS = (
    "clicks", "comments", "cpe", "cpm", "engagementRate", "engagements",
    "estimatedValueGenerated", "impressions", "likes", "paidComments", "paidEngagementRate",
    "paidEngagements", "paidImpressions", "paidLikes", "paidShares", "shares",
)  # fmt: skip


def pagination(info: PageInfo) -> dict[str, int]:
    return {
        "page": info.page,
        "pageSize": info.page_size,
        "totalItems": info.total_items,
        "totalPages": info.total_pages,
    }


def posts_body(world: LaterWorld, seed: int, page: PostsPage, info: PageInfo) -> dict[str, Any]:
    """``{"data": [post...], "pagination": {...}}``."""
    items = [_post(world, seed, page, row) for row in range(page.positions.size)]
    return {"data": items, "pagination": pagination(info)}


def _post(world: LaterWorld, seed: int, page: PostsPage, row: int) -> dict[str, Any]:
    posts = world.index.posts
    i = int(page.positions[row])
    get = page.getter(row)
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
        "contentUrl": content_url(seed, post_id, content_type, profile.handle if profile else None),
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
    item.update(metrics(get, POST_METRICS))
    if get("trackingLinksClicks") is not None:
        item.update(metrics(get, TRACKING))
    if get("affiliateLinksClicks") is not None:
        item.update(metrics(get, AFFILIATE))
    return dict(sorted(item.items()))


def series_body(buckets: list[tuple[DateBucket, Totals]], info: PageInfo) -> dict[str, Any]:
    """``{"data": [bucket...], "pagination": {...}}``."""
    data = [
        {
            "endDate": bucket.end_date.isoformat(),
            "metrics": metrics(totals.get, BUCKET_METRICS),
            "startDate": bucket.start_date.isoformat(),
        }
        for bucket, totals in buckets
    ]
    return {"data": data, "pagination": pagination(info)}


def summary_body(values: dict[str, Value]) -> dict[str, Any]:
    """``{"data": {"metrics": {...}}, "nextCursor": null}``."""
    return {"data": {"metrics": values}, "nextCursor": None}
