"""Buffer ``aggregatedPostMetrics``: sums over sent posts by window, channels and tags.

SDL (AggregatedPostMetricsInput): the matched posts are the sent posts whose ``sentAt`` lies
in the inclusive window, on the selected channels, passing the tag filter. Posts not yet
ingested count in postCount but contribute no metric (their Post.metrics is empty).

The world keeps sent posts grouped by (channel, tag set) and sorted by ``sentAt`` with
prefix sums (:class:`~mock_server.world.buffer_table.AggregationIndex`), so a request costs
two ``np.searchsorted`` over the selected groups, whatever the number of posts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.query.buffer_access import TagFilter
from mock_server.world.buffer_table import COUNT_TYPES, GROUP_SHIFT, MAX_KEY_TIME, PostTable


@dataclass(frozen=True)
class AggregateSums:
    """What matched: how many posts, how many of them ingested, and each stored type's sum
    (in stored units: hundredths for totalTimeWatched), absent values counting 0."""

    post_count: int
    ingested_count: int
    sums: dict[str, int]


def aggregate(
    table: PostTable,
    channels: npt.NDArray[np.int64],
    tags: TagFilter | None,
    start: int,
    end: int,
) -> AggregateSums:
    """Sums over sent posts on ``channels`` with ``start <= sentAt <= end`` (epoch seconds)."""
    agg = table.agg
    selected = np.isin(agg.group_channel, channels)
    if tags is not None:
        selected &= tags.matches(agg.group_tags)
    groups = np.nonzero(selected)[0].astype(np.int64) << GROUP_SHIFT
    low = groups + min(max(start, 0), MAX_KEY_TIME)
    high = groups + min(max(end, -1), MAX_KEY_TIME)
    lo = np.searchsorted(agg.keys, low, side="left")
    hi = np.maximum(np.searchsorted(agg.keys, high, side="right"), lo)
    totals = (agg.prefix[hi] - agg.prefix[lo]).sum(axis=0, dtype=np.int64)
    return AggregateSums(
        post_count=int((hi - lo).sum()),
        ingested_count=int(totals[0]),
        sums={t: int(v) for t, v in zip(COUNT_TYPES, totals[1:].tolist(), strict=True)},
    )
