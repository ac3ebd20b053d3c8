"""Later ratios recomputed from each post's, bucket's and summary's own figures.

DOMAIN.md section 2 (arithmetic confirmed by every seed example, rounded to 2 decimals,
ratios of sums): engagementRate = engagements / impressions x 100, cpe = cost /
engagements, cpm = cost / impressions x 1000, the paid ratios on the paid figures,
returnOnInvestment = estimatedValueGenerated / cost, bucket engagements = likes + comments +
shares + clicks. A post does not show its cost, so cpe and cpm are checked to imply the same
cost. Exact half-up rounding and null for a zero denominator are the mock's choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.exchange import Exchange
from contract_tests.registry import ensure
from mock_server.domain import formulas

POSTS, OVER_TIME, SUMMARY = (
    "getPostsPerformance",
    "getInstancesPerformanceOverTime",
    "getInstancesPerformance",
)
HALF_CENT = 0.005 + 1e-9
RATES = (
    ("engagementRate", "engagements", "impressions"),
    ("paidEngagementRate", "paidEngagements", "paidImpressions"),
)
COSTS = (
    ("cpe", "cpm", "engagements", "impressions"),
    ("paidCpe", "paidCpm", "paidEngagements", "paidImpressions"),
)


def _rows(ex: Exchange) -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, metrics) of every post, bucket or the summary in the response."""
    body = ex.json
    if ex.operation == POSTS:
        for post in body["data"]:
            yield f"post {post.get('postId')}", post
    elif ex.operation == OVER_TIME:
        for bucket in body["data"]:
            yield f"bucket {bucket.get('startDate')}..{bucket.get('endDate')}", bucket["metrics"]
    else:
        yield "summary", body["data"]["metrics"]


def numbers(row: dict[str, Any], *keys: str) -> list[float] | None:
    """The values of ``keys`` as floats, or None when one is null, missing or not a number."""
    values = [row.get(k) for k in keys]
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return [float(v) for v in values]  # type: ignore[arg-type]
    return None


def _near(name: str, ratio: str, row: dict[str, Any], num: str, den: str, scale: int) -> int:
    """Check ``ratio ~ num / den x scale`` (to 2 decimals); 1 when checked, 0 when not."""
    values = numbers(row, ratio, num, den)
    if values is None or values[2] == 0:
        return 0
    exact = values[1] / values[2] * scale
    ensure(
        abs(values[0] - exact) <= HALF_CENT,
        f"{name}: {ratio} {row[ratio]} but {num} / {den} x {scale} = {row[num]} / {row[den]} "
        f"x {scale} = {exact:.4f}",
    )
    return 1


def _check_rates(name: str, row: dict[str, Any]) -> int:
    return sum(_near(name, rate, row, num, den, 100) for rate, num, den in RATES)


def _check_costs(name: str, row: dict[str, Any]) -> int:
    """cpe and cpm are rounded ratios of one cost: the costs they imply must overlap."""
    checked = 0
    for per_engagement, per_mille, eng_key, imp_key in COSTS:
        values = numbers(row, per_engagement, per_mille, eng_key, imp_key)
        if values is None or not values[2] or not values[3]:
            continue
        cpe, cpm, eng, imp = values
        low = max((cpe - HALF_CENT) * eng, (cpm - HALF_CENT) * imp / 1000)
        high = min((cpe + HALF_CENT) * eng, (cpm + HALF_CENT) * imp / 1000)
        ensure(
            low <= high + 1e-6,
            f"{name}: {per_engagement} {row[per_engagement]} x {eng_key} {row[eng_key]} and "
            f"{per_mille} {row[per_mille]} x {imp_key} {row[imp_key]} / 1000 imply different "
            "costs",
        )
        checked += 1
    return checked


SUMMARY_RATIOS = (
    ("cpe", "campaignsCost", "engagements", 1),
    ("cpm", "campaignsCost", "impressions", 1000),
    ("paidCpe", "paidAdSpend", "paidEngagements", 1),
    ("paidCpm", "paidAdSpend", "paidImpressions", 1000),
    ("returnOnInvestment", "estimatedValueGenerated", "campaignsCost", 1),
)


def _check_summary_costs(row: dict[str, Any]) -> int:
    return sum(_near("summary", r, row, num, den, scale) for r, num, den, scale in SUMMARY_RATIOS)


def _check_engagements(name: str, row: dict[str, Any]) -> int:
    checked = 0
    organic = numbers(row, "engagements", "likes", "comments", "shares", "clicks")
    if organic is not None:
        ensure(
            organic[0] == sum(organic[1:]),
            f"{name}: engagements {row['engagements']} != likes + comments + shares + clicks "
            f"= {sum(organic[1:]):g}",
        )
        checked += 1
    paid = numbers(row, "paidEngagements", "paidLikes", "paidComments", "paidShares")
    if paid is not None:
        ensure(
            paid[0] >= sum(paid[1:]),
            f"{name}: paidEngagements {row['paidEngagements']} < paidLikes + paidComments + "
            f"paidShares = {sum(paid[1:]):g}",
        )
        checked += 1
    return checked


@response_check(
    "later.formulas.ratios",
    "Every post's, bucket's and summary's ratios match their own figures to 2 decimals: "
    "engagementRate = engagements/impressions x 100 (paid alike); cpe and cpm imply one "
    "cost; bucket engagements = likes+comments+shares+clicks; summary cpe/cpm from "
    "campaignsCost, paidCpe/paidCpm from paidAdSpend, ROI = value / campaignsCost",
    "DOMAIN.md 2 (arithmetic confirmed by every seed example); later-*.txt examples",
    operations=(POSTS, OVER_TIME, SUMMARY),
)
def ratios(ex: Exchange) -> Skip | None:
    checked = 0
    for name, row in _rows(ex):
        checked += _check_rates(name, row)
        if ex.operation == SUMMARY:
            checked += _check_summary_costs(row)
        else:
            checked += _check_costs(name, row)
        if ex.operation == OVER_TIME:
            checked += _check_engagements(name, row)
    return None if checked else SKIP


EXACT: tuple[tuple[str, Callable[..., float | None], tuple[str, ...]], ...] = (
    ("engagementRate", formulas.later_engagement_rate, ("engagements", "impressions")),
    (
        "paidEngagementRate",
        formulas.later_paid_engagement_rate,
        ("paidEngagements", "paidImpressions"),
    ),
)
EXACT_SUMMARY = (
    *EXACT,
    ("cpe", formulas.later_cpe, ("campaignsCost", "engagements")),
    ("cpm", formulas.later_cpm, ("campaignsCost", "impressions")),
    ("paidCpe", formulas.later_paid_cpe, ("paidAdSpend", "paidEngagements")),
    ("paidCpm", formulas.later_paid_cpm, ("paidAdSpend", "paidImpressions")),
    ("returnOnInvestment", formulas.later_roi, ("estimatedValueGenerated", "campaignsCost")),
)


@response_check(
    "later.formulas.rounding",
    "Ratios are rounded half-up to 2 decimals from exact operands, and are null when the "
    "denominator is 0 or an operand is null",
    "specs/openapi/later.yaml info x-mock-choice (ratios)",
    operations=(POSTS, OVER_TIME, SUMMARY),
    gap=True,
)
def rounding(ex: Exchange) -> Skip | None:
    table = EXACT_SUMMARY if ex.operation == SUMMARY else EXACT
    checked = False
    for name, row in _rows(ex):
        for ratio, func, operands in table:
            if ratio not in row or not all(o in row for o in operands):
                continue
            expected = func(*(row[o] for o in operands))
            ensure(
                row[ratio] == expected,
                f"{name}: {ratio} {row[ratio]}, expected {expected} from "
                + ", ".join(f"{o}={row[o]}" for o in operands),
            )
            checked = True
    return None if checked else SKIP
