"""Records of the Layers world and the vocabularies they draw from.

Entities (seeds/layers-metrics.txt, DOMAIN.md sections 1 and 4): an organization owns
projects; a project has layers ("Social Content", "Managed UGC", ...) and social accounts.
A social account is one OAuth credential row: reconnecting an account creates a new row with
the same ``(platform, platform_user_id)``, and a post attaches to whichever row was live when
it was published. Posts themselves are columnar (:mod:`.layers_posts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

TIERS = ("standard", "pilot", "partner")
"""Rate-limit tiers (DOMAIN.md section 4): 120 / 1,200 / 6,000 reads per minute."""

FULL_SCOPES = ("metrics:read", "projects:read")
"""Scopes of an organization's ``token`` (mock choice: the vendor lists only metrics:read)."""

LIMITED_SCOPES = ("projects:read",)
"""Scopes of ``token_without_metrics_scope``: valid for whoami, 403 on metrics."""

PLATFORMS = ("tiktok", "instagram", "youtube", "facebook", "x", "linkedin")

FORMATS = ("video", "reel", "static", "carousel", "short", "text", "link")
"""Post formats; which ones a platform uses is in :data:`PLATFORM_FORMATS`."""

PLATFORM_FORMATS: dict[str, tuple[str, ...]] = {
    "tiktok": ("video",),
    "instagram": ("reel", "static", "carousel"),
    "youtube": ("video", "short"),
    "facebook": ("video", "static", "link"),
    "x": ("text", "static", "video"),
    "linkedin": ("text", "static", "video"),
}


def has_watch_time(platform: str, post_format: str) -> bool:
    """watch_time_ms is populated only for TikTok and Instagram Reels (seeds/layers-metrics.txt)."""
    return platform == "tiktok" or (platform == "instagram" and post_format == "reel")


def format_instant(ts: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ``, with six fraction digits only when microseconds are non-zero.

    The spec's Window x-mock-choice. Four-digit years always (``strftime('%Y')`` drops the
    leading zeros of years before 1000 on glibc, so this does not use it).
    """
    return ts.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


LAYER_NAMES = (
    "Social Content",
    "Managed UGC",
    "Paid Amplification",
    "Creator Partnerships",
    "Community",
    "Product Launches",
)

POST_METRICS = (
    "views",
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch_time_ms",
)
"""Per-post counters, stored as prefix sums (the summable part of x-valid-metrics)."""


@dataclass(frozen=True)
class Organization:
    """A Layers tenant. ``token`` has ``metrics:read``; the other token lacks it."""

    id: str
    name: str
    token: str
    token_without_metrics_scope: str
    rate_limit_tier: str


@dataclass(frozen=True)
class Project:
    id: str
    organization_id: str
    name: str


@dataclass(frozen=True)
class Layer:
    """A project layer: a stream of content inside a project (seeds/layers-metrics.txt)."""

    id: str
    project_id: str
    name: str


@dataclass(frozen=True)
class SocialAccount:
    """One credential row, live from ``connected_at`` until ``disconnected_at`` (or for good)."""

    id: str
    project_id: str
    platform: str
    platform_user_id: str
    handle: str
    connected_at: datetime
    disconnected_at: datetime | None

    @property
    def sibling_key(self) -> tuple[str, str, str]:
        """Rows with the same key are one account: the metrics endpoint unions them."""
        return (self.project_id, self.platform, self.platform_user_id)
