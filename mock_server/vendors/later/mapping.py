"""Query results -> Later's JSON (seeds/later-*.txt example responses).

Key order follows the seeds: posts and buckets list their keys alphabetically, as the
vendor's examples do; the summary lists the requested metrics in x-valid-metrics order.
Tracking- and affiliate-link fields appear on a post only when it has such links (spec,
PostPerformance). Pages are written column by column (one list per field, metrics from the
query layer's array twins) into JSON text row templates (vendors/json_rows.py).
"""

from __future__ import annotations

from itertools import chain
from typing import Any, cast

import numpy as np

from mock_server.domain.pagination import PageInfo
from mock_server.http.memo import Memo
from mock_server.query.later_metrics import Value, stored_names
from mock_server.query.later_posts import PostsPage
from mock_server.query.later_series import SeriesPage
from mock_server.query.later_table import columns, plan
from mock_server.query.vectorised import utc_millis
from mock_server.vendors.json_rows import (
    NULL,
    RowTemplate,
    array,
    dumps,
    float_texts,
    members,
    strings,
)
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
POST_FIELDS = (
    "postId", "instanceId", "campaignId", "creatorId", "creatorProfile", "postDate",
    "contentType", "contentUrl", "contentImageUrl",
)  # fmt: skip

BASE_KEYS = tuple(sorted(POST_FIELDS + POST_METRICS))
AFFILIATE_KEYS, TRACKING_KEYS = tuple(sorted(AFFILIATE)), tuple(sorted(TRACKING))
if tuple(sorted(BASE_KEYS + AFFILIATE_KEYS + TRACKING_KEYS)) != (
    AFFILIATE_KEYS + BASE_KEYS + TRACKING_KEYS
):  # the optional link fields must sort first and last for the template below
    raise AssertionError("affiliate keys must sort first and tracking keys last")
POST_TEXT = "{%s" + members(BASE_KEYS) + "%s}"
"""A post: the affiliate members (with a trailing comma) or nothing, the fields every post
has, then the tracking members (with a leading comma) or nothing: keys stay sorted."""
METRIC_KEYS = tuple(k for k in AFFILIATE_KEYS + BASE_KEYS + TRACKING_KEYS if k not in POST_FIELDS)
AFFILIATE_TEXT = members(AFFILIATE_KEYS) + ","
TRACKING_TEXT = "," + members(TRACKING_KEYS)
BUCKET_RATIOS = frozenset(i for i, (ratio, _) in enumerate(plan(BUCKET_METRICS).out) if ratio)
"""Which of BUCKET_METRICS are ratios (floats or null, written by ``float_texts``)."""
BUCKET_TEXT = '{"endDate":"%s","metrics":' + RowTemplate(BUCKET_METRICS).text + ',"startDate":"%s"}'
"""A bucket: ISO dates need no escaping."""

POST_STORED = tuple(
    dict.fromkeys(s for name in POST_METRICS + AFFILIATE + TRACKING for s in stored_names(name))
)
"""The stored metrics a post's JSON is computed from."""

ROW_MEMO_LIMIT = 20_000
"""Posts whose JSON a renderer remembers (about 0.8 KB each at scale large: 16 MB)."""

Person = tuple[int | None, str, str | None]
"""creatorId, creatorProfile as JSON text, and the handle shown with a post."""


def pagination(info: PageInfo) -> dict[str, int]:
    return {
        "page": info.page,
        "pageSize": info.page_size,
        "totalItems": info.total_items,
        "totalPages": info.total_pages,
    }


def _page_text(rows: list[str], info: PageInfo) -> str:
    """``{"data": [...], "pagination": {...}}`` as compact JSON."""
    return '{"data":' + array(rows) + ',"pagination":' + dumps(pagination(info)) + "}"


class PostRenderer:
    """Later posts as JSON text, with per-world lookups made once: campaigns at start, each
    (creator, content type) on first use (at most 4,000 creators x 10 types).

    With dateBasis=post_date a post's JSON is the same in every request (its metrics are
    as of the world's clock): the text of up to :data:`ROW_MEMO_LIMIT` posts is
    remembered by index position, and only the others are written. A remembered row is
    exactly what writing it again gives, so which request came first changes nothing.
    """

    def __init__(self, world: LaterWorld, seed: int) -> None:
        self.world, self.seed = world, seed
        self.instance_ids = strings(c.instance_id for c in world.campaigns)
        self.campaign_ids = [c.campaign_id for c in world.campaigns]
        self.content_types = strings(CONTENT_TYPES)
        self.people: dict[tuple[int, int], Person] = {}
        self.rows: Memo[int, str] = Memo(ROW_MEMO_LIMIT)

    def person(self, creator_at: int, content_type: int) -> Person:
        """Who a post of ``content_type`` by the creator at ``creator_at`` shows (cached)."""
        key = (creator_at, content_type)
        if key not in self.people:
            self.people[key] = self._person(creator_at, CONTENT_TYPES[content_type])
        return self.people[key]

    def _person(self, creator_at: int, content_type: str) -> Person:
        if creator_at < 0:
            return None, "null", None
        creator = self.world.creators[creator_at]
        profile = creator.profile(NETWORK_OF[content_type])
        if profile is None:
            return creator.creator_id, "null", None
        shown = {
            "contentType": content_type,
            "fullName": creator.full_name,
            "handleName": profile.handle,
            "profileImage": profile_image(creator.creator_id, profile.network),
            "profileLink": profile_link(profile.network, profile.handle),
        }
        return creator.creator_id, dumps(shown), profile.handle

    def fields(self, page: PostsPage) -> dict[str, list[Any]]:
        """The non-metric fields of the page's posts, one list of ready values per field."""
        posts, at = self.world.index.posts, page.positions
        post_ids = posts.post_id[at].tolist()
        types = posts.content_type[at].tolist()
        campaigns = posts.campaign[at].tolist()
        people = [self.person(c, t) for c, t in zip(posts.creator[at].tolist(), types, strict=True)]
        urls = [
            content_url(self.seed, post_id, CONTENT_TYPES[t], p[2])
            for post_id, t, p in zip(post_ids, types, people, strict=True)
        ]
        return {
            "postId": post_ids,
            "instanceId": [self.instance_ids[c] for c in campaigns],
            "campaignId": [self.campaign_ids[c] for c in campaigns],
            "creatorId": [NULL if p[0] is None else p[0] for p in people],
            "creatorProfile": [p[1] for p in people],
            "postDate": strings(utc_millis(posts.posted_at[at])),
            "contentType": [self.content_types[t] for t in types],
            "contentUrl": strings(urls),
            "contentImageUrl": strings(map(content_image_url, post_ids)),
        }

    def posts(self, page: PostsPage) -> list[str]:
        """One JSON object per post (:meth:`write`), remembered where it is as of the clock."""
        if not page.as_of_clock:
            return self.write(page)
        keys = page.positions.tolist()
        rows = list(map(self.rows.get, keys))
        missing = [i for i, row in enumerate(rows) if row is None]
        if missing:
            written = self.write(page.pick(np.array(missing, np.intp)))
            for i, row in zip(missing, written, strict=True):
                rows[i] = self.rows.remember(keys[i], row)
        return cast(list[str], rows)

    def write(self, page: PostsPage) -> list[str]:
        """One JSON object per post, keys sorted, link fields only where the post has links."""
        metrics = columns(page.stored, METRIC_KEYS, NULL)
        by_key: dict[str, list[Any]] = dict(zip(METRIC_KEYS, metrics, strict=True))
        by_key.update(self.fields(page))
        has_affiliate = (~page.stored("affiliateLinksClicks").null).tolist()
        has_tracking = (~page.stored("trackingLinksClicks").null).tolist()
        affiliate = _optional(AFFILIATE_TEXT, [by_key[k] for k in AFFILIATE_KEYS], has_affiliate)
        tracking = _optional(TRACKING_TEXT, [by_key[k] for k in TRACKING_KEYS], has_tracking)
        values = zip(affiliate, *(by_key[k] for k in BASE_KEYS), tracking, strict=True)
        return [POST_TEXT % row for row in values]


def _optional(text: str, values: list[list[Any]], present: list[bool]) -> list[str]:
    """Per row, ``text`` filled with the row's values where ``present``, else nothing."""
    rows = zip(*values, strict=True)
    return [text % row if shown else "" for row, shown in zip(rows, present, strict=True)]


def posts_text(renderer: PostRenderer, page: PostsPage, info: PageInfo) -> str:
    """``{"data": [post...], "pagination": {...}}``."""
    return _page_text(renderer.posts(page), info)


def series_text(page: SeriesPage, info: PageInfo) -> str:
    """``{"data": [bucket...], "pagination": {...}}``, bucket keys and metrics sorted."""
    metrics = columns(page.stored, BUCKET_METRICS, NULL)
    metrics = [float_texts(m) if i in BUCKET_RATIOS else m for i, m in enumerate(metrics)]
    values = tuple(chain.from_iterable(zip(page.ends, *metrics, page.starts, strict=True)))
    every_bucket = ",".join([BUCKET_TEXT] * len(page.ends)) % values  # one % for the page
    return _page_text([every_bucket] if values else [], info)


def summary_body(values: dict[str, Value]) -> dict[str, Any]:
    """``{"data": {"metrics": {...}}, "nextCursor": null}``."""
    return {"data": {"metrics": values}, "nextCursor": None}
