"""Query results -> Later's JSON (seeds/later-*.txt example responses).

Key order follows the seeds: posts and buckets list their keys alphabetically, as the
vendor's examples do; the summary lists the requested metrics in x-valid-metrics order.
Tracking- and affiliate-link fields appear on a post only when it has such links (spec,
PostPerformance). Pages are written column by column (one list per field, metrics from the
query layer's array twins) into JSON text row templates (vendors/json_rows.py); a post's
template is one of :data:`POST_TEXTS`, by its content type and links.
"""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import PageInfo
from mock_server.query.later_metrics import Value, stored_names
from mock_server.query.later_posts import PostsPage
from mock_server.query.later_series import SeriesPage
from mock_server.query.later_table import columns, plan
from mock_server.query.vectorised import utc_millis
from mock_server.vendors.json_rows import (
    NULL,
    RowTemplate,
    dumps,
    filled,
    float_texts,
    members,
    strings,
)
from mock_server.world.later import LaterWorld
from mock_server.world.later_content import (
    DEFAULT_HANDLE,
    LINK_TEXTS,
    POST_IMAGE_TEXT,
    link_table,
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
PAGINATION_KEYS = ("page", "pageSize", "totalItems", "totalPages")
"""Later's pagination block, in the order of :class:`.PageInfo` (and the seeds)."""
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

LINK_PARTS = ("contentUrl:code", "contentUrl:handle", "contentUrl:group", "contentUrl:number")
"""The values a post's content link is written from (:data:`.later_content.LINK_TEXTS`)."""
WRITTEN_FROM = {"contentUrl": LINK_PARTS, "contentImageUrl": ("postId",), "contentType": ()}
"""Members whose text the template writes around other values, or whole (:func:`_member`)."""
ROW_VALUES = tuple(
    value
    for key in AFFILIATE_KEYS + BASE_KEYS + TRACKING_KEYS
    for value in WRITTEN_FROM.get(key, (key,))
)
"""A post's values in the order its template takes them: by key, as :data:`WRITTEN_FROM`."""
NULL_TEXT = "null"
"""A post's null metric, written as it is (the object itself: templates test for it)."""
AFFILIATE_CLICKS, TRACKING_CLICKS = "affiliateLinksClicks", "trackingLinksClicks"
"""A post has affiliate (tracking) links where its clicks metric is not null."""
SKIP = "%.0s"
"""A slot that takes its value and writes nothing."""


def _member(key: str, content_type: str) -> str:
    """``"key":`` and its value's slots in a post of ``content_type``: the content type
    itself, and the links around their variable parts, which is what ``strings`` writes for
    the whole link (JSON escapes character by character, and the parts come escaped:
    :func:`link_handle`); postDate's ISO text is quoted as it is, having nothing to escape."""
    slots = {
        "contentType": encode_basestring(content_type),
        "contentUrl": encode_basestring(LINK_TEXTS[content_type]),
        "contentImageUrl": encode_basestring(POST_IMAGE_TEXT),
        "postDate": '"%s"',
    }
    return members((key,)).removesuffix("%s") + slots.get(key, "%s")


def _post_text(content_type: str, affiliate: bool, tracking: bool) -> str:
    """A post's JSON with a slot for each of :data:`ROW_VALUES`, keys sorted; where the
    post has no affiliate (tracking) links, :data:`SKIP` slots instead of those members."""
    head = AFFILIATE_TEXT if affiliate else SKIP * len(AFFILIATE_KEYS)
    base = ",".join(_member(key, content_type) for key in BASE_KEYS)
    tail = TRACKING_TEXT if tracking else SKIP * len(TRACKING_KEYS)
    return "{" + head + base + tail + "}"


POST_TEXTS = tuple(
    _post_text(content_type, affiliate, tracking)
    for content_type in CONTENT_TYPES
    for affiliate in (False, True)
    for tracking in (False, True)
)
"""Indexed by content type * 4 + has affiliate links * 2 + has tracking links."""
if any(text.count("%") != len(ROW_VALUES) for text in POST_TEXTS):
    raise AssertionError("a post template must have one slot per value")

Person = tuple[int | str, str, str]
"""creatorId (an int or ``null``), creatorProfile as JSON text, and the handle its post's
link shows, escaped for a JSON string."""


PAGE_HEAD = '{"data":'
"""A page's first member, its data array's text following."""
PAGINATION_TEXT = ',"pagination":{' + members(PAGINATION_KEYS) + "}}"
"""The rest of a page: the pagination block's four whole numbers."""


def pagination_text(info: PageInfo) -> str:
    """``,"pagination":{...}}``: what follows a page's data array."""
    return PAGINATION_TEXT % (info.page, info.page_size, info.total_items, info.total_pages)


def page_text(data: str, info: PageInfo) -> str:
    """``{"data": [...], "pagination": {...}}`` as compact JSON, ``data`` the array's text."""
    return PAGE_HEAD + data + pagination_text(info)


class PostRenderer:
    """Later posts as JSON text, with per-world lookups made once: campaigns at start, each
    (creator, content type) on first use (at most 4,000 creators x 10 types), the posts'
    content-link parts (:func:`.later_content.link_table`) on the first page.

    With dateBasis=post_date a post's JSON is the same in every request (its metrics are
    as of the world's clock): :mod:`.post_rows` writes every post once with this renderer
    and serves those pages from that; the others are written here, a page at a time.
    """

    def __init__(self, world: LaterWorld, seed: int) -> None:
        self.world, self.seed = world, seed
        self.instance_ids = strings(c.instance_id for c in world.campaigns)
        self.campaign_ids = [c.campaign_id for c in world.campaigns]
        self.people = _People(world)

    def fields(self, page: PostsPage) -> dict[str, Sequence[Any]]:
        """The non-metric values of the page's posts, one sequence of ready values per field
        (:data:`LINK_PARTS` for contentUrl), each looked up or computed a page at a time."""
        posts, at = self.world.index.posts, page.positions
        post_ids = posts.post_id[at].tolist()
        campaigns = posts.campaign[at].tolist()
        people = self.people.of(posts.creator[at], posts.content_type[at])
        creator_ids, profiles, handles = zip(*people, strict=True)
        codes, groups, numbers = link_table(self.seed, posts.post_id).parts(at)
        return {
            "postId": post_ids,
            "instanceId": list(map(self.instance_ids.__getitem__, campaigns)),
            "campaignId": list(map(self.campaign_ids.__getitem__, campaigns)),
            "creatorId": creator_ids,
            "creatorProfile": profiles,
            "postDate": utc_millis(posts.posted_at[at]),
            "contentUrl:code": codes,
            "contentUrl:handle": handles,
            "contentUrl:group": groups,
            "contentUrl:number": numbers,
        }

    def write(self, page: PostsPage) -> list[str]:
        """One JSON object per post, keys sorted, link fields only where the post has links:
        its template (:data:`POST_TEXTS`) filled with its values, its metrics computed from
        the page's stored metrics."""
        if not page.positions.size:
            return []
        metrics = columns(page.stored, METRIC_KEYS, NULL_TEXT)
        values = dict(zip(METRIC_KEYS, metrics, strict=True)) | self.fields(page)
        rows = zip(*(values[v] for v in ROW_VALUES), strict=True)
        return [text % row for text, row in zip(self.templates(page, values), rows, strict=True)]

    def templates(self, page: PostsPage, values: dict[str, Sequence[Any]]) -> list[str]:
        """Each post's template in :data:`POST_TEXTS`: by its content type and whether it
        has affiliate and tracking links (a clicks metric that is not null)."""
        content_types = self.world.index.posts.content_type[page.positions].tolist()
        kinds = zip(content_types, values[AFFILIATE_CLICKS], values[TRACKING_CLICKS], strict=True)
        return [
            POST_TEXTS[c * 4 + (a is not NULL_TEXT) * 2 + (t is not NULL_TEXT)] for c, a, t in kinds
        ]


class _People(dict[int, Person]):
    """:data:`Person` by creator position * len(CONTENT_TYPES) + content type (position -1:
    no creator), looked up on first use."""

    def __init__(self, world: LaterWorld) -> None:
        super().__init__()
        self.world = world

    def of(self, creators: NDArray[np.int32], content_types: NDArray[np.int8]) -> list[Person]:
        """The person each post shows."""
        keys = creators.astype(np.int64) * len(CONTENT_TYPES) + content_types
        return list(map(self.__getitem__, keys.tolist()))

    def __missing__(self, key: int) -> Person:
        creator_at, content_type = divmod(key, len(CONTENT_TYPES))
        person = self[key] = self._person(creator_at, CONTENT_TYPES[content_type])
        return person

    def _person(self, creator_at: int, content_type: str) -> Person:
        if creator_at < 0:
            return "null", "null", link_handle(None)
        creator = self.world.creators[creator_at]
        profile = creator.profile(NETWORK_OF[content_type])
        if profile is None:
            return creator.creator_id, "null", link_handle(None)
        shown = {
            "contentType": content_type,
            "fullName": creator.full_name,
            "handleName": profile.handle,
            "profileImage": profile_image(creator.creator_id, profile.network),
            "profileLink": profile_link(profile.network, profile.handle),
        }
        return creator.creator_id, dumps(shown), link_handle(profile.handle)


def link_handle(handle: str | None) -> str:
    """The handle a post's content link shows (as :func:`.later_content.content_url` picks
    it), escaped for a JSON string, as the link around it is in :data:`POST_TEXTS`."""
    return encode_basestring(handle or DEFAULT_HANDLE)[1:-1]


def series_text(page: SeriesPage, info: PageInfo) -> str:
    """``{"data": [bucket...], "pagination": {...}}``, bucket keys and metrics sorted."""
    metrics = columns(page.stored, BUCKET_METRICS, NULL)
    metrics = [float_texts(m) if i in BUCKET_RATIOS else m for i, m in enumerate(metrics)]
    buckets = filled(BUCKET_TEXT, [page.ends, *metrics, page.starts])
    return page_text("[" + buckets + "]", info)


def summary_body(values: dict[str, Value]) -> dict[str, Any]:
    """``{"data": {"metrics": {...}}, "nextCursor": null}``."""
    return {"data": {"metrics": values}, "nextCursor": None}
