"""Later's reported metrics from stored sums, with the domain's formulas (DOMAIN.md table).

The same derivation serves a post, a time bucket and the summary: ratios are ratios of the
sums (never means of ratios), rounded half up to 2 decimals, null on a zero denominator;
engagements = likes + comments + shares + clicks; paidEngagements includes paid clicks.

Every derived metric names its domain function (the oracle, one value at a time); requests
compute it with the array twins of :mod:`.vectorised` over a whole page or series, and
tests/perf_equivalence/ prove the two equal metric by metric.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.domain import formulas as f
from mock_server.query.vectorised import (
    Column,
    half_up_units,
    ratio_column,
    sum_present,
)
from mock_server.world.later_model import METRIC_INDEX, METRICS

Source = Callable[[str], Column]
"""A stored metric's column over the rows at hand (posts or time ranges)."""
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
"""Reported metrics that are a stored metric shown as is."""
ALIASES = {"campaignsCost": "cost"}
"""Reported names that are a stored metric under another name."""


@dataclass(frozen=True)
class Derived:
    """A derived metric: its domain function (the oracle) and the operands it takes.

    ``scale`` marks a ratio ``operands[0] / operands[1] * scale`` (2 decimals, half up);
    without it the metric is the sum of the operands that are present.
    """

    domain: Callable[..., Value]
    operands: tuple[str, ...]
    scale: int | None = None

    def twin(self, *operands: Column) -> Column:
        """The domain function over columns (:mod:`.vectorised`)."""
        if self.scale is None:
            return sum_present(*operands)
        return ratio_column(operands[0], operands[1], self.scale)


DERIVED: dict[str, Derived] = {
    "engagements": Derived(f.later_engagements, ORGANIC_PARTS),
    "paidEngagements": Derived(f.later_paid_engagements, PAID_PARTS),
    "engagementRate": Derived(f.later_engagement_rate, ("engagements", "impressions"), 100),
    "cpe": Derived(f.later_cpe, ("cost", "engagements"), 1),
    "cpm": Derived(f.later_cpm, ("cost", "impressions"), 1000),
    "returnOnInvestment": Derived(f.later_roi, ("estimatedValueGenerated", "cost"), 1),
    "paidEngagementRate": Derived(
        f.later_paid_engagement_rate, ("paidEngagements", "paidImpressions"), 100
    ),
    "paidCpe": Derived(f.later_paid_cpe, ("paidAdSpend", "paidEngagements"), 1),
    "paidCpm": Derived(f.later_paid_cpm, ("paidAdSpend", "paidImpressions"), 1000),
    "paidReturnOnAdSpend": Derived(f.later_paid_roas, ("paidConversionValue", "paidAdSpend"), 1),
    "affiliateLinksRoi": Derived(f.later_affiliate_roi, ("affiliateLinksSales", "cost"), 1),
}


def stored_names(name: str) -> tuple[str, ...]:
    """The stored metrics ``name`` is computed from (itself when stored)."""
    if name in DERIVED:
        parts = (s for o in DERIVED[name].operands for s in stored_names(o))
        return tuple(dict.fromkeys(parts))
    return (ALIASES.get(name, name),)


def needed_flags(name: str) -> frozenset[str]:
    """Flags a post must carry for ``name`` to be non-null (a post lacking one has null).

    A stored metric needs its availability flags; a ratio is null when either operand is
    (:func:`.vectorised.ratio_column`), so it needs the flags of both; a sum is null only
    when every part is (:func:`.vectorised.sum_present`), so it needs the flags all parts
    need.
    """
    if name in DERIVED:
        derived = DERIVED[name]
        parts = [needed_flags(o) for o in derived.operands]
        if derived.scale is None:
            return frozenset.intersection(*parts)
        return frozenset.union(*parts)
    return frozenset(METRICS[METRIC_INDEX[ALIASES.get(name, name)]].needs)


def column(source: Source, name: str, memo: dict[str, Column] | None = None) -> Column:
    """The column of ``name`` (derived, an alias, or stored) over ``source``'s rows.

    ``memo`` shares operands between metrics of one request (engagements feeds three).
    """
    memo = {} if memo is None else memo
    if name not in memo:
        if name in DERIVED:
            derived = DERIVED[name]
            memo[name] = derived.twin(*(column(source, o, memo) for o in derived.operands))
        else:  # a stored metric (KeyError from ``source`` for an unknown name)
            memo[name] = source(ALIASES.get(name, name))
    return memo[name]


def ratio_hundredths(
    num: NDArray[np.int64], den: NDArray[np.int64], scale: int
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """``round_half_up(num / den * scale, 2) * 100`` exactly, and where it is null (den 0).

    Integer arithmetic (:func:`.vectorised.half_up_units`) for ``0 <= num * scale * 100 <
    2**53``: the same value :func:`mock_server.domain.formulas.ratio` gives through Decimal.
    """
    null = den == 0
    value = half_up_units(num, np.where(null, 1, den), 100 * scale)
    return np.where(null, 0, value).astype(np.int64), null
