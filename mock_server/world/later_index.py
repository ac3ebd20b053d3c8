"""Posts sorted for range queries, and per-group prefix sums over days.

A *group* is one (campaign, content type) pair: every filter of the Later endpoints
(instanceIds through the campaign's instance, campaignIds, platform, contentType) selects
whole groups, and the date range selects a run of days. So:

* posts are sorted by (group, publish time, postId), and ``key = group * days + day`` is
  sorted too: the posts of any set of groups published in a day range are one run per
  group, whose bounds ``cell_starts`` holds (what ``np.searchsorted`` over ``key`` would
  find; DOMAIN.md section 5: "columnar arrays ... with prefix sums");
* ``by_publish[g, d]`` holds, for the posts of group g published before day d, their
  metrics as of the clock and their counts per availability class (dateBasis=post_date);
* ``by_record[g, d]`` holds what group g recorded on the days before d
  (dateBasis=performance_date), built exactly from the accrual profile.

Any range of days is then a difference of two rows, whatever the scale. Both tables are
kept as running sums over the groups (``publish_runs``, ``record_runs``, world/runs.py):
groups are numbered by campaign, so a client's or an instance's groups are one run of
consecutive groups, and their sums one subtraction however many groups they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.world.later_model import (
    AVAILABILITY,
    FLAGS,
    METRIC_NAMES,
    METRICS,
    PostColumns,
)
from mock_server.world.later_profile import ACCRUAL_DAYS, CUMULATIVE, digits, spread_by_publish_day

SECONDS_PER_DAY = 86_400
COUNT_COLUMNS = len(AVAILABILITY)
"""``by_publish`` has the metrics first, then one post count per availability class."""


@dataclass(frozen=True)
class LaterIndex:
    """The world's posts ready for queries (read-only)."""

    origin: int  # epoch day of day index 0
    days: int  # length of the day axis; index days-1 is the clock's date
    clock_day: int  # day index of the clock's date: earlier days are recorded
    posts: PostColumns  # sorted by (group, posted_at, post_id)
    day: NDArray[np.int32]  # per post: publish day index
    key: NDArray[np.int64]  # per post: group * days + day (sorted)
    group_campaign: NDArray[np.int32]  # per group: campaign index
    group_content_type: NDArray[np.int8]  # per group: content type index
    group_client: NDArray[np.int32]  # per group: the client whose instance runs its campaign
    publish_runs: NDArray[np.int64]  # (groups + 1, days + 1, metrics + counts): running by_publish
    record_runs: NDArray[np.int64]  # (groups + 1, days + 1, metrics): running by_record
    metric_rows: NDArray[np.int32]  # (METRIC_NAMES, posts): posts.metrics are its rows
    flag_rows: NDArray[np.bool_]  # (FLAGS, posts): posts.flags are its rows

    @property
    def groups(self) -> int:
        return int(self.group_campaign.shape[0])

    @property
    def clients(self) -> int:
        """How many clients own groups (numbered ``0..clients - 1``)."""
        return int(self.group_client.max(initial=-1)) + 1

    @property
    def by_publish(self) -> NDArray[np.int64]:
        """(groups, days + 1, metrics + counts): per group (a copy, for tests and exports)."""
        return np.diff(self.publish_runs, axis=0)

    @property
    def by_record(self) -> NDArray[np.int64]:
        """(groups, days + 1, metrics): per group (a copy, for tests and exports)."""
        return np.diff(self.record_runs, axis=0)

    @cached_property
    def cell_starts(self) -> NDArray[np.intp]:
        """(groups, days + 1): ``cell_starts[g, d]`` is the position of group g's first post
        published on day d or later, ``np.searchsorted(key, g * days + d)``, read off the
        plain post counts of ``publish_runs``: the posts of the groups before g, then g's
        posts of the days before d (1 MB at scale large)."""
        counts = self._post_counts
        return np.asarray(counts[:-1, -1:] + np.diff(counts, axis=0), np.intp)

    @cached_property
    def posts_before(self) -> NDArray[np.intp]:
        """(clients, days + 1): how many of a client's posts were published before day d."""
        per_group = np.diff(self._post_counts, axis=0)
        out = np.zeros((self.clients, self.days + 1), np.intp)
        np.add.at(out, self.group_client, per_group)
        return out

    @property
    def _post_counts(self) -> NDArray[np.int64]:
        """(groups + 1, days + 1): running post counts (the class every post is in)."""
        return self.publish_runs[:, :, len(METRICS) + AVAILABILITY.index(())]

    def day_index(self, epoch_day: int) -> int:
        """The axis index of a calendar day (may lie outside 0..days-1)."""
        return epoch_day - self.origin


def build_index(
    posts: PostColumns,
    clock_epoch_day: int,
    campaign_client: Sequence[int] | None = None,
    min_days: int = 731,
) -> LaterIndex:
    """Sort ``posts`` (in place) and build the prefix tables; the axis ends on the clock's
    date. ``campaign_client`` numbers the client of each campaign (by its position in the
    world's list; all client 0 when not given)."""
    epoch_days = posts.posted_at // SECONDS_PER_DAY
    first = int(epoch_days.min()) if len(posts) else clock_epoch_day
    origin = min(first, clock_epoch_day - min_days + 1)
    days = clock_epoch_day - origin + 1
    pair = posts.campaign.astype(np.int64) * 16 + posts.content_type
    pairs, group = np.unique(pair, return_inverse=True)
    order = np.lexsort((posts.post_id, posts.posted_at, group))
    posts.reorder(order)
    day = (epoch_days[order] - origin).astype(np.int32)
    key = group[order].astype(np.int64) * days + day
    del order, epoch_days, pair, group
    metric_rows = _rows_in_place(posts.metrics, METRIC_NAMES)
    flag_rows = _rows_in_place(posts.flags, FLAGS)
    by_publish, by_record = _Tables(key, len(pairs), days, days - 1).build(posts)
    return LaterIndex(
        origin=origin,
        days=days,
        clock_day=days - 1,
        posts=posts,
        day=day,
        key=key,
        group_campaign=(pairs // 16).astype(np.int32),
        group_content_type=(pairs % 16).astype(np.int8),
        group_client=_group_clients(pairs // 16, campaign_client),
        publish_runs=by_publish,
        record_runs=by_record,
        metric_rows=metric_rows,
        flag_rows=flag_rows,
    )


def _group_clients(
    campaigns: NDArray[np.int64], campaign_client: Sequence[int] | None
) -> NDArray[np.int32]:
    if campaign_client is None:
        return np.zeros(campaigns.size, np.int32)
    return np.asarray(np.asarray(campaign_client, np.int32)[campaigns], np.int32)


def _rows_in_place(columns: dict[str, NDArray[Any]], names: Sequence[str]) -> NDArray[Any]:
    """One 2-D array with a row per column of ``names``, and each column replaced by a view
    of its row (one column copied at a time, so the peak stays low): a page's posts are then
    gathered from every column in one operation."""
    n = len(columns[names[0]]) if names else 0
    dtype = np.result_type(*(columns[name] for name in names)) if names else np.int32
    table = np.empty((len(names), n), dtype)
    for i, name in enumerate(names):
        table[i] = columns[name]
        columns[name] = table[i]
    return table


class _Tables:
    """Sums over runs of posts with the same (group, publish day)."""

    def __init__(self, key: NDArray[np.int64], groups: int, days: int, clock_day: int) -> None:
        self.shape = (groups, days)
        self.clock_day = clock_day
        if key.size:
            self.starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            self.cells = key[self.starts]
        else:
            self.starts = np.zeros(0, np.intp)
            self.cells = np.zeros(0, np.int64)
        recorded = np.clip(clock_day - np.arange(days), 0, ACCRUAL_DAYS)
        self.as_of_weights = CUMULATIVE[:, recorded]  # (3, days)

    def _dense(self, values: NDArray[np.int64]) -> NDArray[np.int64]:
        """(k, n) per-post values -> (k, groups, days) sums per publish cell."""
        out = np.zeros((values.shape[0], self.shape[0] * self.shape[1]), np.int64)
        if self.starts.size:
            out[:, self.cells] = np.add.reduceat(values, self.starts, axis=1)
        return out.reshape(values.shape[0], *self.shape)

    def _prefix(self, per_day: list[NDArray[np.int64]]) -> NDArray[np.int64]:
        """Prefix sums over days, then running sums over groups (a zero group first)."""
        groups, days = self.shape
        out = np.zeros((groups + 1, days + 1, len(per_day)), np.int64)
        for column, values in enumerate(per_day):
            np.cumsum(values, axis=1, out=out[1:, 1:, column])
        for group in range(1, groups + 1):  # in place: no second table at build time
            out[group] += out[group - 1]
        return out

    def build(self, posts: PostColumns) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """``(publish_runs, record_runs)`` of ``posts`` (sorted by key)."""
        published, recorded = [], []
        for metric in METRICS:
            cells = self._dense(digits(posts.metrics[metric.name], metric.on_publish))
            published.append((cells * self.as_of_weights[:, None, :]).sum(axis=0))
            recorded.append(spread_by_publish_day(cells, self.clock_day))
        for needs in AVAILABILITY:
            carried = np.ones(len(posts), np.bool_)
            for flag in needs:
                carried &= posts.flags[flag]
            published.append(self._dense(carried.astype(np.int64)[None, :])[0])
        return self._prefix(published), self._prefix(recorded)
