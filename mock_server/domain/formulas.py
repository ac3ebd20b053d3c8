"""Every metric formula of the three vendors, in one place, with the document it comes from.

Aggregates are always ratios of sums, never means of per-item ratios (DOMAIN.md section 2:
"aggregates are ratios of sums, never means of ratios"; seeds/layers-metrics.txt: "NOT the
unweighted mean of per-post engagement_rate values"). Callers sum the counts first and then
call these functions once per post, bucket or total.

Rounding is decimal half-up (``7.875 -> 7.88``, ``0.125 -> 0.13``), never banker's rounding
and never binary-float ``round``: ratios are computed in :mod:`decimal` from the exact
operands, so the result does not depend on float representation error.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)

Number = int | float


def _decimal(x: Number) -> Decimal:
    """Exact decimal for an int, shortest round-trip decimal for a float."""
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError(f"non-finite metric value {x!r}")
    return Decimal(x) if isinstance(x, int) else Decimal(repr(x))


def _quantize(value: Decimal, places: int) -> float:
    return float(value.quantize(Decimal(1).scaleb(-places), context=_CONTEXT))


def round_half_up(x: Number, places: int) -> float:
    """Round ``x`` half-up (away from zero on ties) to ``places`` decimals."""
    return _quantize(_decimal(x), places)


def round2(x: Number) -> float:
    """Round half-up to 2 decimals, as every Later ratio is shown (seeds/later-*.txt)."""
    return round_half_up(x, 2)


def ratio(
    num: Number | None, den: Number | None, scale: Number = 1.0, places: int = 2
) -> float | None:
    """``num / den * scale`` rounded half-up to ``places`` decimals.

    None when either operand is None or ``den`` is 0: DOMAIN.md section 2, "A zero
    denominator gives null", and null means "not available" (seeds/later-*.txt).
    """
    if num is None or den is None or den == 0:
        return None
    exact = _CONTEXT.multiply(_CONTEXT.divide(_decimal(num), _decimal(den)), _decimal(scale))
    return _quantize(exact, places)


def _sum_present(*parts: int | None) -> int | None:
    present = [p for p in parts if p is not None]
    return sum(present) if present else None


# --- Later reporting API v2 (DOMAIN.md section 2 table) --------------------------------


def later_engagements(
    likes: int | None, comments: int | None, shares: int | None, clicks: int | None
) -> int | None:
    """engagements = likes + comments + shares + clicks.

    Checked on seeds/later-instances-performance-over-time.txt: Jan 1200+340+180+560 = 2280,
    Feb 1450+390+210+620 = 2670. Mock choice: a null part counts as 0; the sum is null only
    when every part is null (nothing is available).
    """
    return _sum_present(likes, comments, shares, clicks)


def later_paid_engagements(
    paid_likes: int | None,
    paid_comments: int | None,
    paid_shares: int | None,
    paid_clicks: int | None,
) -> int | None:
    """paidEngagements = paidLikes + paidComments + paidShares + paid clicks.

    The over-time seed shows paidEngagements exceeding paidLikes + paidComments + paidShares
    by 400 in both buckets: paid clicks, not in the response, make up the difference
    (DOMAIN.md section 2). Nulls as in :func:`later_engagements`.
    """
    return _sum_present(paid_likes, paid_comments, paid_shares, paid_clicks)


def later_engagement_rate(engagements: Number | None, impressions: Number | None) -> float | None:
    """engagementRate = engagements / impressions x 100 (1240/8500 -> 14.59, seeds/later-*)."""
    return ratio(engagements, impressions, 100)


def later_cpe(cost: Number | None, engagements: Number | None) -> float | None:
    """cpe = cost / engagements (post 300/1240 -> 0.24; summary 15000/45200 -> 0.33)."""
    return ratio(cost, engagements)


def later_cpm(cost: Number | None, impressions: Number | None) -> float | None:
    """cpm = cost / impressions x 1000 (post 300/8500 -> 35.29; summary -> 48.08)."""
    return ratio(cost, impressions, 1000)


def later_paid_engagement_rate(
    paid_engagements: Number | None, paid_impressions: Number | None
) -> float | None:
    """paidEngagementRate = paidEngagements / paidImpressions x 100 (380/5200 -> 7.31)."""
    return ratio(paid_engagements, paid_impressions, 100)


def later_paid_cpe(paid_ad_spend: Number | None, paid_engagements: Number | None) -> float | None:
    """paidCpe = paidAdSpend / paidEngagements (summary 8500/12800 -> 0.66)."""
    return ratio(paid_ad_spend, paid_engagements)


def later_paid_cpm(paid_ad_spend: Number | None, paid_impressions: Number | None) -> float | None:
    """paidCpm = paidAdSpend / paidImpressions x 1000 (summary 8500/185000 -> 45.95)."""
    return ratio(paid_ad_spend, paid_impressions, 1000)


def later_roi(estimated_value: Number | None, campaigns_cost: Number | None) -> float | None:
    """returnOnInvestment = estimatedValueGenerated / campaignsCost (125000/15000 -> 8.33).

    seeds/later-instances-performance.txt (summary example).
    """
    return ratio(estimated_value, campaigns_cost)


def later_paid_roas(paid_value: Number | None, paid_ad_spend: Number | None) -> float | None:
    """paidReturnOnAdSpend = paid conversion value / paidAdSpend.

    The summary seed shows 3.8 but not the value it divides (mock choice of numerator: the
    world's paid conversion value, so 32300 / 8500 -> 3.8).
    """
    return ratio(paid_value, paid_ad_spend)


def later_affiliate_roi(sales: Number | None, cost: Number | None) -> float | None:
    """affiliateLinksRoi = affiliateLinksSales / cost (seeds/later-posts-performance.txt names
    the field; the formula is a mock choice mirroring returnOnInvestment)."""
    return ratio(sales, cost)


# --- Layers metrics (seeds/layers-metrics.txt) -----------------------------------------

LAYERS_RATE_PLACES = 4
"""Decimals of Layers engagement_rate (mock choice; the seed shows 0.041, 0.047)."""


def layers_engagement_rate(likes: int, comments: int, shares: int, saves: int, views: int) -> float:
    """engagement_rate = (sum likes + comments + shares + saves) / max(sum views, 1).

    A fraction (0.041, not 4.1), "weighted-cumulative ... NOT the unweighted mean of
    per-post engagement_rate values", the same rule per bucket and for totals
    (seeds/layers-metrics.txt, Notes). Pass sums. Rounded half-up to 4 decimals (mock choice).
    """
    rate = ratio(likes + comments + shares + saves, max(views, 1), 1, LAYERS_RATE_PLACES)
    assert rate is not None  # the denominator is at least 1
    return rate


# --- Buffer post metrics (seeds/buffer-post-metrics.txt) -------------------------------


def buffer_engagement_rate(
    reactions: Number, comments: Number, shares: Number, reposts: Number, impressions: Number
) -> float | None:
    """engagementRate = 100 x (reactions + comments + shares + reposts) / impressions.

    The seed gives the unit ("percentage ... values between 0 and 100") but not the formula;
    mock choice, shared with the SDL description: interactions over impressions, rounded
    half-up to 2 decimals, None (the metric is absent) when impressions is 0. Aggregates pass
    sums over the matched posts.
    """
    return ratio(reactions + comments + shares + reposts, impressions, 100)
