"""Layers engagement_rate and totals, recomputed from the response's own figures.

seeds/layers-metrics.txt, Notes: engagement_rate is weighted-cumulative,
``(sum likes + sum comments + sum shares + sum saves) / max(sum views, 1)`` per bucket and
for totals, "NOT the unweighted mean of per-post engagement_rate values"; totals are the
aggregate over the window, so a count in totals is the sum of the buckets.
"""

from __future__ import annotations

from typing import Any

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.checks.layers_series import OPS, SOURCE, served
from contract_tests.exchange import Exchange
from contract_tests.registry import ensure
from mock_server.domain.formulas import layers_engagement_rate

RATE_PARTS = ("likes", "comments", "shares", "saves", "views")
ADDITIVE = (
    "views",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch_time_ms",
    "posts_published",
)
RATE_TOLERANCE = 0.0005  # half a unit at 3 decimals: the seed shows 0.041, 0.047


def _rows(ex: Exchange) -> list[tuple[str, dict[str, Any]]]:
    s = served(ex)
    rows = [(f"bucket {e.get('bucket')}", e) for e in s.series]
    return [*rows, ("totals", s.totals)]


def _rate_rows(ex: Exchange) -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, row)
        for name, row in _rows(ex)
        if "engagement_rate" in row and all(p in row for p in RATE_PARTS)
    ]


@response_check(
    "layers.rate.weighted",
    "engagement_rate of every bucket and of totals is (likes+comments+shares+saves) / "
    "max(views, 1) of that row's sums (within 0.0005), never a mean of per-post rates",
    f"{SOURCE}: Notes (engagement rate is weighted-cumulative)",
    operations=OPS,
)
def weighted_rate(ex: Exchange) -> Skip | None:
    rows = _rate_rows(ex)
    if not rows:
        return SKIP
    for name, row in rows:
        interactions = sum(int(row[p]) for p in RATE_PARTS[:4])
        exact = interactions / max(int(row["views"]), 1)
        ensure(
            abs(float(row["engagement_rate"]) - exact) <= RATE_TOLERANCE,
            f"{name}: engagement_rate {row['engagement_rate']} but ({interactions}) / "
            f"max({row['views']}, 1) = {exact:.6f}",
        )
    return None


@response_check(
    "layers.rate.rounding",
    "engagement_rate is rounded half-up to 4 decimals",
    "mock_server/domain/formulas.py LAYERS_RATE_PLACES (mock choice)",
    operations=OPS,
    gap=True,
)
def rate_rounding(ex: Exchange) -> Skip | None:
    rows = _rate_rows(ex)
    if not rows:
        return SKIP
    for name, row in rows:
        parts = [int(row[p]) for p in RATE_PARTS]
        expected = layers_engagement_rate(*parts)
        ensure(
            float(row["engagement_rate"]) == expected,
            f"{name}: engagement_rate {row['engagement_rate']}, expected {expected}",
        )
    return None


@response_check(
    "layers.totals.additive",
    "Every count in totals (views, impressions, likes, comments, shares, saves, "
    "watch_time_ms, posts_published) is the sum of the series",
    f"{SOURCE}: 'totals is the aggregate over the full window'",
    operations=OPS,
)
def additive_totals(ex: Exchange) -> Skip | None:
    s = served(ex)
    metrics = [m for m in ADDITIVE if m in s.totals]
    if not metrics:
        return SKIP
    for metric in metrics:
        summed = sum(int(e.get(metric, 0)) for e in s.series)
        ensure(
            int(s.totals[metric]) == summed,
            f"totals.{metric} = {s.totals[metric]} but the {len(s.series)} buckets sum to {summed}",
        )
    return None


@response_check(
    "layers.totals.followers",
    "totals.reach and totals.follower_delta are the sums of the series; totals.followers is "
    "the last bucket's level; totals.post_count equals totals.posts_published",
    "specs/openapi/layers.yaml Totals x-mock-choice",
    operations=OPS,
    gap=True,
)
def follower_totals(ex: Exchange) -> Skip | None:
    s = served(ex)
    checked = False
    for metric in ("reach", "follower_delta"):
        if metric in s.totals:
            summed = sum(int(e.get(metric, 0)) for e in s.series)
            ensure(
                int(s.totals[metric]) == summed, f"totals.{metric} {s.totals[metric]} != {summed}"
            )
            checked = True
    if "followers" in s.totals and s.series:
        last = s.series[-1].get("followers")
        ensure(s.totals["followers"] == last, f"totals.followers {s.totals['followers']} != {last}")
        checked = True
    if "posts_published" in s.totals:
        ensure(
            s.totals["posts_published"] == s.totals["post_count"],
            f"posts_published {s.totals['posts_published']} != post_count {s.totals['post_count']}",
        )
        checked = True
    return None if checked else SKIP
