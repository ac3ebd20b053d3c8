"""The Later world's records and columns: instances, campaigns, creators and posts.

Vocabulary from seeds/later-*.txt: ten content types on four networks, post metrics
(organic, paid, tracking links, affiliate links) that are null when "not available for the
given data". Every stored metric is a post's *final* integer total (see
:mod:`.later_profile` for how it accrues); availability is a per-post flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

CONTENT_TYPES: tuple[str, ...] = (
    "instagram_post",
    "instagram_reel",
    "instagram_story",
    "facebook_post",
    "facebook_live",
    "facebook_group",
    "facebook_reel",
    "tiktok",
    "youtube_video",
    "youtube_shorts",
)
"""seeds/later-posts-performance.txt, contentType; the index is the stored code."""

NETWORK_OF: dict[str, str] = {ct: ct.split("_")[0] if "_" in ct else ct for ct in CONTENT_TYPES}
NETWORKS: tuple[str, ...] = ("instagram", "facebook", "tiktok", "youtube")

ALWAYS_VIDEO = frozenset(
    {
        "instagram_reel",
        "facebook_live",
        "facebook_reel",
        "tiktok",
        "youtube_video",
        "youtube_shorts",
    }
)
"""Content types that always have views; the others have views only when a video."""

FLAGS: tuple[str, ...] = ("video", "paid", "tracking", "affiliate", "crossposted")
"""Per-post availability: video (views), promoted (paid media), tracking links, affiliate
links, an Instagram Reel crossposted to Facebook (crosspostedFacebookOnlyViews)."""


@dataclass(frozen=True)
class MetricSpec:
    """A stored metric: its name, the flag(s) that make it available, its accrual."""

    name: str
    needs: tuple[str, ...] = ()
    on_publish: bool = False


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("likes"),
    MetricSpec("comments"),
    MetricSpec("shares"),
    MetricSpec("clicks"),
    MetricSpec("impressions"),
    MetricSpec("reach"),
    MetricSpec("views", ("video",)),
    MetricSpec("estimatedValueGenerated"),
    MetricSpec("cost", on_publish=True),
    MetricSpec("estimatedContentCost", on_publish=True),
    MetricSpec("paidLikes", ("paid",)),
    MetricSpec("paidComments", ("paid",)),
    MetricSpec("paidShares", ("paid",)),
    MetricSpec("paidClicks", ("paid",)),
    MetricSpec("paidImpressions", ("paid",)),
    MetricSpec("paidViews", ("paid", "video")),
    MetricSpec("paidAdSpend", ("paid",)),
    MetricSpec("paidConversionValue", ("paid",)),
    MetricSpec("trackingLinksClicks", ("tracking",)),
    MetricSpec("trackingLinksConversions", ("tracking",)),
    MetricSpec("trackingLinksConversionValue", ("tracking",)),
    MetricSpec("affiliateLinksClicks", ("affiliate",)),
    MetricSpec("affiliateLinksConversions", ("affiliate",)),
    MetricSpec("affiliateLinksSales", ("affiliate",)),
    MetricSpec("crosspostedFacebookOnlyViews", ("crossposted",)),
)
METRIC_NAMES: tuple[str, ...] = tuple(m.name for m in METRICS)
METRIC_INDEX: dict[str, int] = {name: i for i, name in enumerate(METRIC_NAMES)}

AVAILABILITY: tuple[tuple[str, ...], ...] = tuple(
    sorted({m.needs for m in METRICS}, key=lambda needs: (len(needs), needs))
)
"""Distinct availability classes; ``()`` means every post (a plain post count)."""


@dataclass(frozen=True)
class Instance:
    """A Later instance (a brand workspace), bound to one OAuth client."""

    instance_id: str
    name: str


@dataclass(frozen=True)
class Campaign:
    """An influencer campaign of one instance, running from ``start`` to ``end``."""

    campaign_id: int
    instance_id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class CampaignLookup:
    """Campaign positions (in the world's campaign list) by instance and by campaign id."""

    count: int
    of_instance: dict[str, NDArray[np.intp]]
    by_id: dict[int, int]

    @classmethod
    def of(cls, campaigns: Sequence[Campaign]) -> CampaignLookup:
        grouped: dict[str, list[int]] = {}
        for at, campaign in enumerate(campaigns):
            grouped.setdefault(campaign.instance_id, []).append(at)
        return cls(
            len(campaigns),
            {instance: np.array(ats, np.intp) for instance, ats in grouped.items()},
            {campaign.campaign_id: at for at, campaign in enumerate(campaigns)},
        )


@dataclass(frozen=True)
class CreatorProfile:
    """A creator's account on one network."""

    network: str
    handle: str
    followers: int


@dataclass(frozen=True)
class Creator:
    """An influencer; ``profiles`` per network (seeds: creatorProfile per post)."""

    creator_id: int
    full_name: str
    profiles: tuple[CreatorProfile, ...]

    def profile(self, network: str) -> CreatorProfile | None:
        return next((p for p in self.profiles if p.network == network), None)


@dataclass
class PostColumns:
    """Posts as columns, in any order; :mod:`.later_index` sorts them by (group, time).

    Mutable only while the world is built (:meth:`reorder`); read-only afterwards.
    """

    post_id: NDArray[np.int64]
    posted_at: NDArray[np.int64]  # seconds since the epoch, UTC
    campaign: NDArray[np.int32]  # index into the world's campaigns
    content_type: NDArray[np.int8]  # index into CONTENT_TYPES
    creator: NDArray[np.int32]  # index into the world's creators, -1 for none
    flags: dict[str, NDArray[np.bool_]]
    metrics: dict[str, NDArray[np.int32]]

    def __len__(self) -> int:
        return int(self.post_id.shape[0])

    def reorder(self, order: NDArray[np.intp]) -> None:
        """Put the posts in ``order``, one column at a time (so the peak stays low)."""
        self.post_id = self.post_id[order]
        self.posted_at = self.posted_at[order]
        self.campaign = self.campaign[order]
        self.content_type = self.content_type[order]
        self.creator = self.creator[order]
        for flag in list(self.flags):
            self.flags[flag] = self.flags[flag][order]
        for name in list(self.metrics):
            self.metrics[name] = self.metrics[name][order]


def concat_posts(parts: list[PostColumns]) -> PostColumns:
    """One column set from several (generated posts, then fixture posts)."""
    return PostColumns(
        np.concatenate([p.post_id for p in parts]).astype(np.int64),
        np.concatenate([p.posted_at for p in parts]).astype(np.int64),
        np.concatenate([p.campaign for p in parts]).astype(np.int32),
        np.concatenate([p.content_type for p in parts]).astype(np.int8),
        np.concatenate([p.creator for p in parts]).astype(np.int32),
        {f: np.concatenate([p.flags[f] for p in parts]) for f in FLAGS},
        {m: np.concatenate([p.metrics[m] for p in parts]).astype(np.int32) for m in METRIC_NAMES},
    )


def empty_posts() -> PostColumns:
    """No posts."""
    return PostColumns(
        np.zeros(0, np.int64),
        np.zeros(0, np.int64),
        np.zeros(0, np.int32),
        np.zeros(0, np.int8),
        np.zeros(0, np.int32),
        {f: np.zeros(0, np.bool_) for f in FLAGS},
        {m: np.zeros(0, np.int32) for m in METRIC_NAMES},
    )
