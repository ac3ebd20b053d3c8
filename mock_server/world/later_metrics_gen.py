"""Generated final metric totals of Later posts (seeds/later-*.txt vocabulary).

Realism rules (the issue "The world"): impressions scale with the creator's audience on the
network and the format's reach; reach <= impressions; engagement is a few percent of
impressions (likes + comments + shares + clicks); views only on videos; paid media only on
promoted posts; tracking- and affiliate-link figures only on posts with such links; a few
viral outliers; about 1% of posts with zero metrics (seeds: "including those with zero
metric values"). Money is in whole currency units, as in every seed example.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mock_server.world.later_draws import DayDraws
from mock_server.world.later_model import ALWAYS_VIDEO, CONTENT_TYPES, METRICS

SPECS = {m.name: m for m in METRICS}

# Per content type, in CONTENT_TYPES order: share of followers reached, chance that a post
# of a mixed format is a video, and the relative creator fee.
REACH_RATE = np.array([0.25, 0.6, 0.12, 0.08, 0.05, 0.1, 0.3, 0.8, 0.35, 0.5])
VIDEO_SHARE = np.array([0.2, 1, 0.5, 0.15, 1, 0.1, 1, 1, 1, 1])
FEE_FACTOR = np.array([1.0, 1.4, 0.5, 0.8, 1.2, 0.4, 1.1, 1.3, 2.0, 1.0])
MAX_IMPRESSIONS = 150_000_000
REEL = CONTENT_TYPES.index("instagram_reel")

F64 = NDArray[np.float64]


class _Columns:
    """Final totals as int32 columns: floored, 0 where the post does not carry the metric."""

    def __init__(self, flags: dict[str, NDArray[np.bool_]], zero: NDArray[np.bool_]) -> None:
        self.flags, self.zero = flags, zero
        self.out: dict[str, NDArray[np.int32]] = {}

    def put(self, name: str, values: F64) -> None:
        metric = SPECS[name]
        keep = ~self.zero if not metric.on_publish else np.ones_like(self.zero)
        for flag in metric.needs:
            keep &= self.flags[flag]
        self.out[name] = np.where(keep, values, 0).astype(np.int32)

    def get(self, name: str) -> F64:
        return self.out[name].astype(np.float64)


def _season(epoch_day: NDArray[np.int64]) -> F64:
    year_fraction = (epoch_day % 365.25) / 365.25
    return np.asarray(1.0 + 0.15 * np.cos(2 * np.pi * (year_fraction - 0.9)), dtype=np.float64)


def draw_metrics(
    d: DayDraws, ctype: NDArray[np.int8], followers: F64, epoch_day: NDArray[np.int64]
) -> tuple[dict[str, NDArray[np.bool_]], dict[str, NDArray[np.int32]]]:
    """Availability flags and final totals for posts of ``ctype`` by creators with
    ``followers`` on the post's network, published on ``epoch_day``; every draw is keyed by
    the post's absolute day and its index in that day (``d``, world/later_draws.py)."""
    ct = ctype.astype(np.intp)
    video_type = np.array([c in ALWAYS_VIDEO for c in CONTENT_TYPES])
    zero = d.chance("zero", 0.01)
    flags = {
        "video": video_type[ct] | d.chance("video", VIDEO_SHARE[ct]),
        "paid": d.chance("paid", 0.12) & ~zero,
        "tracking": d.chance("tracking", 0.3),
        "affiliate": d.chance("affiliate", 0.2),
        "crossposted": (ct == REEL) & d.chance("crossposted", 0.45),
    }
    c = _Columns(flags, zero)
    viral = np.where(d.chance("viral", 0.004), d.uniform("viral-factor", 8, 40), 1.0)
    impressions = followers * REACH_RATE[ct] * d.lognormal("reach-noise", 1.0, 0.45)
    c.put("impressions", np.minimum(impressions * viral * _season(epoch_day), MAX_IMPRESSIONS))
    impressions = c.get("impressions")
    c.put("reach", impressions * d.uniform("reach", 0.55, 0.92))
    c.put("views", impressions * d.uniform("views", 0.7, 1.5))
    rate = np.clip(d.lognormal("engagement-rate", 0.06, 0.5), 0.005, 0.25)
    _split(c, "", impressions * rate, d.shares("organic-split", [0.72, 0.08, 0.06, 0.14]))
    engagements = c.get("likes") + c.get("comments") + c.get("shares") + c.get("clicks")
    value = impressions * 0.1 + engagements * 2 + c.get("views") * 0.01
    c.put("estimatedValueGenerated", value * d.uniform("value", 0.8, 1.2))
    fee = 40 + followers / 1000 * d.uniform("fee", 3, 9) * FEE_FACTOR[ct]
    c.put("cost", fee)
    c.put("estimatedContentCost", fee * d.uniform("content-cost", 0.65, 1.35))
    _paid(c, d, impressions, rate)
    _links(c, d)
    c.put("crosspostedFacebookOnlyViews", c.get("views") * d.uniform("crossposted", 0.03, 0.25))
    return flags, c.out


def _split(c: _Columns, prefix: str, total: F64, shares: F64) -> None:
    for column, name in enumerate(("likes", "comments", "shares", "clicks")):
        c.put(prefix + name.capitalize() if prefix else name, total * shares[:, column])


def _paid(c: _Columns, d: DayDraws, impressions: F64, rate: F64) -> None:
    paid_impressions = impressions * d.uniform("paid-impressions", 0.3, 1.8)
    c.put("paidImpressions", paid_impressions)
    paid_total = paid_impressions * rate * d.uniform("paid-rate", 0.4, 0.9)
    _split(c, "paid", paid_total, d.shares("paid-split", [0.5, 0.07, 0.06, 0.37]))
    c.put("paidViews", paid_impressions * d.uniform("paid-views", 0.6, 1.3))
    spend = np.maximum(np.floor(paid_impressions * d.uniform("paid-cpm", 25, 60) / 1000), 1)
    c.put("paidAdSpend", spend)
    c.put("paidConversionValue", spend * d.lognormal("paid-roas", 3.0, 0.5))


def _links(c: _Columns, d: DayDraws) -> None:
    clicks = c.get("clicks")
    c.put("trackingLinksClicks", clicks * d.uniform("tracking-clicks", 0.3, 0.85))
    tracked = c.get("trackingLinksClicks")
    c.put("trackingLinksConversions", tracked * d.uniform("tracking-conversions", 0.01, 0.06))
    conversions = c.get("trackingLinksConversions")
    c.put("trackingLinksConversionValue", conversions * d.uniform("order-value", 25, 140))
    c.put("affiliateLinksClicks", clicks * d.uniform("affiliate-clicks", 0.15, 0.6))
    affiliate = c.get("affiliateLinksClicks")
    c.put("affiliateLinksConversions", affiliate * d.uniform("affiliate-conversions", 0.02, 0.09))
    sales = c.get("affiliateLinksConversions")
    c.put("affiliateLinksSales", sales * d.uniform("affiliate-order", 18, 120))
