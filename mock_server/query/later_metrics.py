"""Later's reported metrics from stored sums, with the domain's formulas (DOMAIN.md table).

The same derivation serves a post, a time bucket and the summary: ratios are ratios of the
sums (never means of ratios), rounded half up to 2 decimals, null on a zero denominator;
engagements = likes + comments + shares + clicks; paidEngagements includes paid clicks.
A vectorised twin (:func:`ratio_hundredths`) gives the exact same rounding for sorting.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mock_server.domain import formulas as f

Getter = Callable[[str], int | None]
Value = int | float | None

ORGANIC_PARTS = ("likes", "comments", "shares", "clicks")
PAID_PARTS = ("paidLikes", "paidComments", "paidShares", "paidClicks")
STORED_AS_IS = (
    "likes", "comments", "shares", "clicks", "impressions", "reach", "views",
    "estimatedValueGenerated", "estimatedContentCost", "paidLikes", "paidComments",
    "paidShares", "paidImpressions", "paidViews", "paidAdSpend", "trackingLinksClicks",
    "trackingLinksConversions", "trackingLinksConversionValue", "affiliateLinksClicks",
    "affiliateLinksConversions", "affiliateLinksSales", "crosspostedFacebookOnlyViews",
)  # fmt: skip


def _parts(get: Getter, names: tuple[str, ...]) -> tuple[int | None, ...]:
    return tuple(get(n) for n in names)


DERIVED: dict[str, Callable[[Getter], Value]] = {
    "engagements": lambda g: f.later_engagements(*_parts(g, ORGANIC_PARTS)),
    "paidEngagements": lambda g: f.later_paid_engagements(*_parts(g, PAID_PARTS)),
    "campaignsCost": lambda g: g("cost"),
    "engagementRate": lambda g: f.later_engagement_rate(
        DERIVED["engagements"](g), g("impressions")
    ),
    "cpe": lambda g: f.later_cpe(g("cost"), DERIVED["engagements"](g)),
    "cpm": lambda g: f.later_cpm(g("cost"), g("impressions")),
    "returnOnInvestment": lambda g: f.later_roi(g("estimatedValueGenerated"), g("cost")),
    "paidEngagementRate": lambda g: f.later_paid_engagement_rate(
        DERIVED["paidEngagements"](g), g("paidImpressions")
    ),
    "paidCpe": lambda g: f.later_paid_cpe(g("paidAdSpend"), DERIVED["paidEngagements"](g)),
    "paidCpm": lambda g: f.later_paid_cpm(g("paidAdSpend"), g("paidImpressions")),
    "paidReturnOnAdSpend": lambda g: f.later_paid_roas(g("paidConversionValue"), g("paidAdSpend")),
    "affiliateLinksRoi": lambda g: f.later_affiliate_roi(g("affiliateLinksSales"), g("cost")),
}


def metric(get: Getter, name: str) -> Value:
    """The reported value of ``name`` (a stored or a derived metric)."""
    if name in DERIVED:
        return DERIVED[name](get)
    if name in STORED_AS_IS:
        return get(name)
    raise KeyError(name)


def metrics(get: Getter, names: tuple[str, ...]) -> dict[str, Value]:
    """``{name: value}`` in the order of ``names``."""
    return {name: metric(get, name) for name in names}


RATIO_SCALES: dict[str, tuple[str, str, int]] = {
    # name: (numerator, denominator, scale) -- as in the DERIVED formulas
    "engagementRate": ("engagements", "impressions", 100),
    "cpe": ("cost", "engagements", 1),
    "cpm": ("cost", "impressions", 1000),
    "paidEngagementRate": ("paidEngagements", "paidImpressions", 100),
    "paidCpe": ("paidAdSpend", "paidEngagements", 1),
    "paidCpm": ("paidAdSpend", "paidImpressions", 1000),
}


def ratio_hundredths(
    num: NDArray[np.int64], den: NDArray[np.int64], scale: int
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """``round_half_up(num / den * scale, 2) * 100`` exactly, and where it is null (den 0).

    Integer arithmetic: ``floor((200 * scale * num + den) / (2 * den))`` for num >= 0, the
    same value :func:`mock_server.domain.formulas.ratio` gives through Decimal.
    """
    null = den == 0
    safe = np.where(null, 1, den)
    value = (200 * scale * num + safe) // (2 * safe)
    return np.where(null, 0, value).astype(np.int64), null
