"""Buffer's PostMetricType catalogue: the enum, which networks report what, labels and units.

Source: seeds/buffer-post-metrics.txt ("Normalized metric names", "Deprecated metric types to
avoid") and DOMAIN.md section 4 (the live PostMetricType and Service enums from Buffer's
public schema). The seed lists only the network-specific types; which common types each
network reports is a mock choice, written down in :data:`NETWORK_METRICS`. Everything here
is an immutable mapping or a tuple in a fixed order, so outputs never depend on set order.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

POST_METRIC_TYPES: tuple[str, ...] = (
    "reactions",
    "comments",
    "shares",
    "reposts",
    "reach",
    "impressions",
    "views",
    "clicks",
    "engagementRate",
    "saves",
    "follows",
    "quotes",
    "viewers",
    "totalTimeWatched",
    "likes",
    "postCount",
)
"""Live PostMetricType values in the schema's enum order: the canonical output order."""

SERVICES: tuple[str, ...] = (
    "instagram",
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "tiktok",
    "googlebusiness",
    "startPage",
    "mastodon",
    "youtube",
    "threads",
    "bluesky",
)
"""Buffer's Service enum (DOMAIN.md section 4)."""

BASELINE: tuple[str, ...] = ("postCount", "reactions", "comments")
"""Always present on aggregates ("Baseline metrics and the postCount entry")."""

COMPUTED: tuple[str, ...] = ("engagementRate",)
"""Types the mock derives from other counts instead of reading them from a network."""


def _table(rows: dict[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    for service, types in rows.items():
        unknown = [t for t in types if t not in POST_METRIC_TYPES]
        assert not unknown, f"{service}: unknown types {unknown}"
        order = [POST_METRIC_TYPES.index(t) for t in types]
        assert order == sorted(order), f"{service}: types not in canonical order"
    return MappingProxyType(rows)


NETWORK_METRICS: Mapping[str, tuple[str, ...]] = _table(
    {
        "instagram": (
            "reactions", "comments", "shares", "reach", "impressions", "views",
            "engagementRate", "saves", "follows",
        ),
        "facebook": (
            "reactions", "comments", "shares", "reach", "impressions", "views", "clicks",
            "engagementRate", "likes",
        ),
        "twitter": ("reactions", "comments", "reposts", "impressions", "clicks", "engagementRate"),
        "linkedin": (
            "reactions", "comments", "shares", "reach", "impressions", "clicks",
            "engagementRate", "viewers", "totalTimeWatched",
        ),
        "pinterest": ("reactions", "comments", "impressions", "clicks", "engagementRate", "saves"),
        "tiktok": ("reactions", "comments", "shares", "reach", "views"),
        "googlebusiness": ("views", "clicks"),
        "startPage": ("views", "clicks"),
        "mastodon": ("reactions", "comments", "reposts"),
        "youtube": ("reactions", "comments", "views"),
        "threads": ("reactions", "comments", "reposts", "views", "quotes"),
        "bluesky": ("reactions", "comments", "reposts"),
    }
)  # fmt: skip
"""PostMetricTypes each Service reports per post, in canonical order (mock choice).

Follows the seed's network-only rules: saves only Instagram and Pinterest, follows only
Instagram, quotes only Threads, viewers and totalTimeWatched only LinkedIn, likes only
Facebook (the Like sub-count of reactions). engagementRate appears exactly for the networks
that report impressions, because the mock computes it from them. Google Business and Start
Page track neither reactions nor comments ("Posts on networks that don't track reactions or
comments contribute 0 to those totals"). postCount is aggregate-only.
"""

NETWORK_RAW_NAMES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "instagram": MappingProxyType({"likes": "reactions", "saved": "saves", "plays": "views"}),
        "facebook": MappingProxyType({"post_clicks": "clicks", "video_views": "views"}),
        "twitter": MappingProxyType(
            {
                "likes": "reactions",
                "favorites": "reactions",
                "favourites": "reactions",
                "retweets": "reposts",
                "replies": "comments",
            }
        ),
        "linkedin": MappingProxyType({"likes": "reactions"}),
        "pinterest": MappingProxyType({"pin_clicks": "clicks"}),
        "tiktok": MappingProxyType({"likes": "reactions", "video_views": "views"}),
        "googlebusiness": MappingProxyType({}),
        "startPage": MappingProxyType({"link_clicks": "clicks"}),
        "mastodon": MappingProxyType(
            {"favourites": "reactions", "favorites": "reactions", "reblogs": "reposts",
             "replies": "comments"}
        ),
        "youtube": MappingProxyType({"likes": "reactions"}),
        "threads": MappingProxyType({"likes": "reactions", "replies": "comments"}),
        "bluesky": MappingProxyType({"likes": "reactions", "replies": "comments"}),
    }
)  # fmt: skip
"""Raw network field name -> normalised PostMetricType, per Service.

seeds/buffer-post-metrics.txt: "Instagram and Twitter likes, Mastodon favorites ... normalize
into reactions"; "Twitter retweets, Mastodon reblogs, and Threads reposts ... into reposts";
"Threads replies normalizes" into comments. The other raw names are mock choices. A raw name
that is already a normalised type of the service needs no entry.
"""

DEPRECATED: Mapping[str, str | None] = MappingProxyType(
    {
        "favorites": "reactions",
        "retweets": "reposts",
        "reblogs": "reposts",
        "repins": None,
        "replies": "comments",
        "link_clicks": None,
        "other": None,
    }
)
"""Deprecated PostMetricType -> replacement (None: no replacement). Never emitted."""

DEPRECATION_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "favorites": "Use reactions. Will be removed on 2026-07-31.",
        "retweets": "Use reposts. Will be removed on 2026-07-31.",
        "reblogs": "Use reposts. Will be removed on 2026-07-31.",
        "repins": "No replacement; never emitted. Will be removed on 2026-07-31.",
        "replies": "Use comments. Will be removed on 2026-07-31.",
        "link_clicks": "No replacement (StartPage-only). Will be removed on 2026-07-31.",
        "other": "No replacement; never emitted. Will be removed on 2026-07-31.",
    }
)
"""``@deprecated(reason: ...)`` texts for the SDL (seeds/buffer-post-metrics.txt table)."""

METRIC_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "reactions": "Reactions",
        "comments": "Comments",
        "shares": "Shares",
        "reposts": "Reposts",
        "reach": "Reach",
        "impressions": "Impressions",
        "views": "Views",
        "clicks": "Clicks",
        "engagementRate": "Engagement Rate",
        "saves": "Saves",
        "follows": "Follows",
        "quotes": "Quotes",
        "viewers": "Viewers",
        "totalTimeWatched": "Total Time Watched",
        "likes": "Likes",
        "postCount": "Post Count",
    }
)
"""Human-readable ``PostMetric.name`` per type ("Reactions", "Impressions" in the seed)."""

METRIC_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "reactions": "Positive reactions on the post (likes, favourites and similar).",
        "comments": "Replies and comments on the post.",
        "shares": "Explicit share or forward actions.",
        "reposts": "Shares by reposting as new content (retweets, reblogs, reposts).",
        "reach": "Unique people who saw the post.",
        "impressions": "Times the post was shown; may count repeat viewers.",
        "views": "Views, reported by networks that count video or page views separately.",
        "clicks": "Clicks on the post or its link.",
        "engagementRate": "Reactions, comments, shares and reposts per 100 impressions.",
        "saves": "Saves of the post (Instagram, Pinterest).",
        "follows": "New followers attributed to the post (Instagram).",
        "quotes": "Quote posts (Threads).",
        "viewers": "Unique video viewers (LinkedIn).",
        "totalTimeWatched": "Total watch time in minutes (LinkedIn).",
        "likes": "Like-reaction sub-count of reactions (Facebook).",
        "postCount": "Number of posts that matched the filter (aggregates only).",
    }
)
"""``PostMetric.description`` per type, paraphrasing seeds/buffer-post-metrics.txt."""

UNITS: Mapping[str, str] = MappingProxyType(
    {t: ("percentage" if t == "engagementRate" else "count") for t in POST_METRIC_TYPES}
)
"""``PostMetricUnit`` per type: engagementRate is a percentage 0..100, the rest counts."""
