"""Exact sums of the stored metrics over a selection, per day range or per post.

Aggregates (summary, time buckets) are differences of the index's prefix tables, so their
cost does not depend on how many posts match; per-post values come from the accrual
profile (world/later_profile.py, through :func:`accrued_rows`) for just the posts asked
for. Both read the same world, so summing the posts, summing the buckets and the summary
agree exactly (DOMAIN.md section 5, "One world, three views"). Either way the result is
a :class:`StoredColumns`: every stored metric over the rows at hand, as arrays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_filters import POST_DATE, Selection
from mock_server.query.vectorised import Column, clipped
from mock_server.world.later_index import LaterIndex
from mock_server.world.later_model import (
    AVAILABILITY,
    FLAGS,
    METRIC_INDEX,
    METRIC_NAMES,
    METRICS,
)
from mock_server.world.later_profile import ACCRUAL_DAYS, CUMULATIVE
from mock_server.world.runs import row_runs, run_sums

I64 = NDArray[np.int64]
Bools = NDArray[np.bool_]
METRIC_COUNT = len(METRICS)
CLASS_OF = {m.name: AVAILABILITY.index(m.needs) for m in METRICS}
"""Per stored metric: the availability class that decides where it is null."""


class NullsByClass(Protocol):
    """``nulls[c]``: the rows where a metric of availability class AVAILABILITY[c] is null."""

    def __getitem__(self, availability_class: int, /) -> Bools: ...


@dataclass(frozen=True)
class StoredColumns:
    """Stored metrics of some rows (posts or day ranges): ``values[rows[name], row]``, and
    where each availability class is null.

    A null row holds 0 (the :class:`~.vectorised.Column` invariant). The metrics of one
    class share one null array, so sums over them need no mask arithmetic.
    """

    values: I64
    nulls: NullsByClass
    rows: Mapping[str, int] = field(default_factory=lambda: METRIC_INDEX)

    def __call__(self, name: str) -> Column:
        """One stored metric as a column (a :data:`.later_metrics.Source`)."""
        return Column(self.values[self.rows[name]], self.nulls[CLASS_OF[name]])


class _PostNulls:
    """Per availability class, the posts that lack one of its flags; computed on first use
    (a sort needs one or two classes of a thousand posts, a page all of them)."""

    def __init__(self, index: LaterIndex, positions: NDArray[np.intp]) -> None:
        self.later, self.positions = index, positions
        self.flags: dict[str, Bools] = {}
        self.cache: dict[int, Bools] = {}

    def flag(self, name: str) -> Bools:
        if name not in self.flags:
            self.flags[name] = self.later.posts.flags[name][self.positions]
        return self.flags[name]

    def __getitem__(self, availability_class: int, /) -> Bools:
        if availability_class not in self.cache:
            carried = np.ones(self.positions.size, np.bool_)
            for name in AVAILABILITY[availability_class]:
                carried = carried & self.flag(name)
            self.cache[availability_class] = ~carried
        return self.cache[availability_class]


@dataclass(frozen=True)
class RangeSums:
    """Sums for a list of day ranges: ``metrics[r, m]`` and post ``counts[r, class]``."""

    metrics: I64
    counts: I64

    def count(self, needs: tuple[str, ...] = ()) -> I64:
        """Per range: the posts of availability class ``needs`` (``()``: every post)."""
        return self.counts[:, AVAILABILITY.index(needs)]

    def stored(self, rows: NDArray[np.intp]) -> StoredColumns:
        """The ranges ``rows``; a metric no counted post carries is null."""
        return StoredColumns(self.metrics[rows].T, self.counts[rows].T == 0)


def _differences(
    runs: I64, groups: NDArray[np.intp], lo: NDArray[np.intp], hi: NDArray[np.intp]
) -> I64:
    """``sum over groups of table[g, hi] - table[g, lo]`` for each range, read from the
    table's running sums over groups ``runs`` (world/runs.py)."""
    if groups.size == 0 or lo.size == 0:
        return np.zeros((lo.size, runs.shape[2]), np.int64)
    first, end = row_runs(groups)
    return run_sums(runs, first, end, hi) - run_sums(runs, first, end, lo)


def _edge_differences(runs: I64, groups: NDArray[np.intp], edges: NDArray[np.intp]) -> I64:
    """:func:`_differences` of the ranges between consecutive ``edges`` (table rows)."""
    if groups.size == 0:
        return np.zeros((edges.size - 1, runs.shape[2]), np.int64)
    first, end = row_runs(groups)
    return np.diff(run_sums(runs, first, end, edges), axis=0)


def _day_rows(index: LaterIndex, days: I64) -> NDArray[np.intp]:
    """Prefix-table rows of days (the row before day ``d`` is ``d``), clipped to the table."""
    return clipped(days, 0, index.days).astype(np.intp)


def _bounds(index: LaterIndex, first: I64, last: I64) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Prefix-table rows for inclusive day ranges; empty ranges give equal rows."""
    lo = _day_rows(index, first)
    return lo, np.maximum(_day_rows(index, last + 1), lo)


def range_sums(selection: Selection, first: I64, last: I64, adjoining: bool = False) -> RangeSums:
    """Sums over the selection's groups for each inclusive day range ``first[r]..last[r]``.

    ``adjoining``: each range starts the day after the previous one ends (a series'
    buckets), so the tables are read once per edge and differenced, not twice per range.
    """
    index, groups = selection.index, selection.groups
    publish = index.publish_runs
    if adjoining and first.size:
        edges = _day_rows(index, np.concatenate([first[:1], last + 1]))

        def sums(runs: I64) -> I64:
            return _edge_differences(runs, groups, edges)

    else:
        lo, hi = _bounds(index, first, last)

        def sums(runs: I64) -> I64:
            return _differences(runs, groups, lo, hi)

    if selection.basis == POST_DATE:
        both = sums(publish)
        return RangeSums(both[:, :METRIC_COUNT], both[:, METRIC_COUNT:])
    metrics = sums(index.record_runs)
    p_lo, p_hi = _bounds(index, *selection.publish_spans(first, last))
    counts = _differences(publish[:, :, METRIC_COUNT:], groups, p_lo, p_hi)
    return RangeSums(metrics, counts)


def _day_offsets(selection: Selection, positions: NDArray[np.intp]) -> tuple[I64, I64]:
    """Per post, the days after publication that count: ``first <= k < stop``.

    post_date: as of the clock (the days before the clock's date); performance_date: the
    days of the requested range before the clock's date.
    """
    index = selection.index
    published = index.day[positions].astype(np.int64)
    recorded_stop = index.clock_day - published
    if selection.basis == POST_DATE:
        return np.zeros_like(published), recorded_stop
    first = selection.first - published
    return first, np.minimum(selection.last + 1 - published, recorded_stop)


def post_columns(
    selection: Selection,
    positions: NDArray[np.intp],
    names: Sequence[str] = METRIC_NAMES,
    every_class: bool = False,
) -> StoredColumns:
    """The stored metrics ``names`` of the posts at ``positions``, over the selection's
    days; 0 where a post does not carry a metric (``nulls`` says which: worked out per
    class on first use, or for ``every_class`` at once)."""
    index = selection.index
    totals = index.metric_rows[_metric_rows(tuple(names))[:, None], positions]
    first, stop = _day_offsets(selection, positions)
    booked = [i for i, name in enumerate(names) if METRICS[METRIC_INDEX[name]].on_publish]
    values = accrued_rows(totals, first, stop, booked)
    rows = {name: i for i, name in enumerate(names)}
    nulls = class_nulls(index, positions) if every_class else _PostNulls(index, positions)
    return StoredColumns(values, nulls, rows)


@lru_cache(maxsize=64)
def _metric_rows(names: tuple[str, ...]) -> NDArray[np.intp]:
    """Rows of ``LaterIndex.metric_rows`` holding ``names``."""
    return np.array([METRIC_INDEX[name] for name in names], np.intp)


CLASS_FLAGS = np.array([[flag in needs for flag in FLAGS] for needs in AVAILABILITY], np.int64)
"""``CLASS_FLAGS[c, f]``: whether availability class ``c`` needs flag ``FLAGS[f]``."""


def class_nulls(index: LaterIndex, positions: NDArray[np.intp]) -> Bools:
    """``[c, p]``: whether the post at ``positions[p]`` lacks a flag of class ``c`` (the
    table :class:`_PostNulls` fills one class at a time)."""
    return np.asarray((CLASS_FLAGS @ ~index.flag_rows[:, positions]) > 0, np.bool_)


_THOUSANDS, _TENS, _UNITS = CUMULATIVE
DIGIT_WEIGHTS: I64 = np.stack([_UNITS, _TENS - 10 * _UNITS, _THOUSANDS - 100 * _TENS])
"""``DIGIT_WEIGHTS[:, k]``: the weights ``(w1, w10, w1000)`` of the first k days after
publication. A post records ``t * w1 + (t // 10) * w10 + (t // 1000) * w1000`` of its
total ``t`` on days ``lo <= k < hi`` (weights at ``hi`` minus weights at ``lo``): the digit
split of :mod:`.later_profile` (thousands ``t // 1000``, tens ``t // 10 - 100 * (t //
1000)``, units ``t - 10 * (t // 10)``) with the three digit profiles collected per
quotient, so no digit array is built."""


def accrued_rows(totals: NDArray[np.integer], first: I64, stop: I64, booked: Sequence[int]) -> I64:
    """:func:`.later_profile.accrued` of each row of ``totals`` (metrics, posts); the rows
    ``booked`` are booked on the publish day (``on_publish``: units only)."""
    lo = clipped(first, 0, ACCRUAL_DAYS)
    hi = clipped(stop, lo, ACCRUAL_DAYS)
    values = np.array(totals, dtype=np.int64)
    if lo.size == 0 or (lo.max() == 0 and hi.min() == ACCRUAL_DAYS):  # all of it: the totals
        return values
    units, tens, thousands = DIGIT_WEIGHTS.take(hi, axis=1) - DIGIT_WEIGHTS.take(lo, axis=1)
    growing = [i for i in range(values.shape[0]) if i not in booked]
    quotients = values[growing] if booked else values
    more = (quotients // 10) * tens + (quotients // 1000) * thousands
    values *= units
    if booked:
        values[growing] += more
    else:
        values += more
    return values
