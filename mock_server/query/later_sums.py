"""Exact sums of the stored metrics over a selection, per day range or per post.

Aggregates (summary, time buckets) are differences of the index's prefix tables, so their
cost does not depend on how many posts match; per-post values come from the accrual
profile (world/later_profile.py) for just the posts asked for. Both read the same world,
so summing the posts, summing the buckets and the summary agree exactly (DOMAIN.md
section 5, "One world, three views").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_filters import POST_DATE, Selection
from mock_server.world.later_index import LaterIndex
from mock_server.world.later_model import AVAILABILITY, METRIC_INDEX, METRICS
from mock_server.world.later_profile import accrued

I64 = NDArray[np.int64]
METRIC_COUNT = len(METRICS)


@dataclass(frozen=True)
class RangeSums:
    """Sums for a list of day ranges: ``metrics[r, m]`` and post ``counts[r, class]``."""

    metrics: I64
    counts: I64

    def row(self, r: int) -> Totals:
        return Totals(self.metrics[r], self.counts[r])


@dataclass(frozen=True)
class Totals:
    """One range's sums. A metric no counted post carries is None (null)."""

    metrics: I64
    counts: I64

    def count(self, needs: tuple[str, ...] = ()) -> int:
        return int(self.counts[AVAILABILITY.index(needs)])

    def get(self, name: str) -> int | None:
        spec = METRICS[METRIC_INDEX[name]]
        if self.count(spec.needs) == 0:
            return None
        return int(self.metrics[METRIC_INDEX[name]])


def _differences(
    table: I64, groups: NDArray[np.intp], lo: NDArray[np.intp], hi: NDArray[np.intp]
) -> I64:
    """``sum over groups of table[g, hi] - table[g, lo]`` for each range (clipped)."""
    if groups.size == 0 or lo.size == 0:
        return np.zeros((lo.size, table.shape[2]), np.int64)
    upper = table[groups[:, None], hi[None, :]].sum(axis=0)
    lower = table[groups[:, None], lo[None, :]].sum(axis=0)
    return np.asarray(upper - lower, dtype=np.int64)


def _bounds(
    index: LaterIndex, first: Sequence[int], last: Sequence[int]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Prefix-table rows for inclusive day ranges; empty ranges give equal rows."""
    lo = np.clip(np.array(first, dtype=np.int64), 0, index.days)
    hi = np.clip(np.array(last, dtype=np.int64) + 1, 0, index.days)
    return lo.astype(np.intp), np.maximum(hi, lo).astype(np.intp)


def range_sums(selection: Selection, first: Sequence[int], last: Sequence[int]) -> RangeSums:
    """Sums over the selection's groups for each inclusive day range ``first[r]..last[r]``."""
    index = selection.index
    lo, hi = _bounds(index, first, last)
    publish = index.by_publish
    if selection.basis == POST_DATE:
        both = _differences(publish, selection.groups, lo, hi)
        return RangeSums(both[:, :METRIC_COUNT], both[:, METRIC_COUNT:])
    metrics = _differences(index.by_record, selection.groups, lo, hi)
    spans = [selection.publish_days(f, la) for f, la in zip(first, last, strict=True)]
    p_lo, p_hi = _bounds(index, [s[0] for s in spans], [s[1] for s in spans])
    counts = _differences(publish[:, :, METRIC_COUNT:], selection.groups, p_lo, p_hi)
    return RangeSums(metrics, counts)


def post_values(selection: Selection, positions: NDArray[np.intp], name: str) -> I64:
    """One stored metric for the posts at ``positions``, over the selection's days.

    post_date: as of the clock (the days before the clock's date); performance_date: the
    days of the requested range before the clock's date. 0 where the post does not carry
    the metric (check the flags for null).
    """
    index = selection.index
    metric = METRICS[METRIC_INDEX[name]]
    published = index.day[positions].astype(np.int64)
    recorded_stop = index.clock_day - published
    if selection.basis == POST_DATE:
        first = np.zeros_like(published)
        stop = recorded_stop
    else:
        first = selection.first - published
        stop = np.minimum(selection.last + 1 - published, recorded_stop)
    totals = index.posts.metrics[name][positions]
    return accrued(totals, first, stop, metric.on_publish)


def carries(index: LaterIndex, positions: NDArray[np.intp], name: str) -> NDArray[np.bool_]:
    """Whether each post carries the metric (False means null)."""
    carried = np.ones(positions.size, np.bool_)
    for flag in METRICS[METRIC_INDEX[name]].needs:
        carried &= index.posts.flags[flag][positions]
    return carried
