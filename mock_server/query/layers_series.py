"""Series and totals of a Layers metrics query (seeds/layers-metrics.txt, Notes).

* Counters are sums over the posts published in each bucket (by ``published_at``, UTC);
  totals are the sums over the whole window, i.e. the sums of the series.
* engagement_rate is weighted-cumulative per bucket and for totals, from summed counts, by
  the domain's ``layers_engagement_rate``: never a mean of per-post rates.
* posts_published is the number of posts in the bucket; ``post_count`` the number in the window.
* followers is the level at the bucket's (clipped) end, follower_delta the change within
  it; totals: the level at ``until`` and the change over the window (spec x-mock-choices).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from mock_server.domain.formulas import layers_engagement_rate
from mock_server.query.layers_scope import Selection
from mock_server.query.layers_window import Window
from mock_server.query.vectorised import layers_engagement_rates
from mock_server.world.layers import LayersWorld
from mock_server.world.layers_model import POST_METRICS
from mock_server.world.layers_posts import BucketSums

I64 = npt.NDArray[np.int64]
RATE_PARTS = ("likes", "comments", "shares", "saves", "views")
Value = int | float


@dataclass(frozen=True)
class SeriesAndTotals:
    """Per metric: one value per bucket, and the window's total."""

    series: Mapping[str, list[Value]]
    totals: Mapping[str, Value]
    post_count: int


def compute(
    world: LayersWorld, selection: Selection, window: Window, metrics: Sequence[str]
) -> SeriesAndTotals:
    sums = _post_sums(world, selection, window, _summed(tuple(metrics)))
    series: dict[str, list[Value]] = {}
    totals: dict[str, Value] = dict(zip(sums.metrics, sums.table.sum(axis=0).tolist(), strict=True))
    for i, name in enumerate(sums.metrics):
        if name in metrics:
            series[name] = sums.table[:, i].tolist()
    if "engagement_rate" in metrics:
        series["engagement_rate"] = _rates(sums.sums)
        totals["engagement_rate"] = layers_engagement_rate(*(int(totals[p]) for p in RATE_PARTS))
    post_count = int(sums.counts.sum())
    series["posts_published"], totals["posts_published"] = sums.counts.tolist(), post_count
    if "followers" in metrics or "follower_delta" in metrics:
        levels = world.followers.level_at(selection.accounts, window.edges_us)
        series["followers"], totals["followers"] = levels[1:].tolist(), int(levels[-1])
        series["follower_delta"] = np.diff(levels).tolist()
        totals["follower_delta"] = int(levels[-1] - levels[0])
    return SeriesAndTotals(
        {m: series[m] for m in metrics}, {m: totals[m] for m in metrics}, post_count
    )


@lru_cache(maxsize=64)
def _summed(metrics: tuple[str, ...]) -> tuple[str, ...]:
    """The post metrics to sum for ``metrics`` (engagement_rate needs its parts), sorted."""
    needed = {m for m in metrics if m in POST_METRICS}
    if "engagement_rate" in metrics:
        needed.update(RATE_PARTS)
    return tuple(sorted(needed))


def _rates(sums: Mapping[str, I64]) -> list[Value]:
    """Per bucket, :func:`layers_engagement_rate` of the bucket's sums (its array twin)."""
    rates: list[Value] = layers_engagement_rates(*(sums[p] for p in RATE_PARTS)).tolist()
    return rates


def _post_sums(
    world: LayersWorld, selection: Selection, window: Window, metrics: Sequence[str]
) -> BucketSums:
    if selection.post is None:
        return world.posts.bucket_sums(
            selection.segments, window.edges_us, metrics, window.edge_days
        )
    return _single_post(world, selection.post, window, metrics)


def _single_post(
    world: LayersWorld, pos: int, window: Window, metrics: Sequence[str]
) -> BucketSums:
    """One post lands in the bucket holding its ``published_at``, if inside the window."""
    buckets = len(window.labels)
    counts = np.zeros(buckets, dtype=np.int64)
    table = np.zeros((buckets, len(metrics)), dtype=np.int64)
    published_us = world.posts.published_s_at(pos) * 1_000_000
    edges = window.edges_us
    if edges[0] <= published_us < edges[-1]:
        bucket = int(np.searchsorted(edges, published_us, side="right")) - 1
        counts[bucket] = 1
        for i, m in enumerate(metrics):
            table[bucket, i] = world.posts.metric_at(pos, m)
    return BucketSums(counts, table, tuple(metrics))
