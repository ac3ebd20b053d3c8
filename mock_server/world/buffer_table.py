"""Buffer posts as columnar NumPy arrays, with the indexes every request reads.

One row per post. Times are integer UTC epoch seconds (the SDL's DateTime has second
precision), :data:`NULL_TIME` standing for null. Metric counts are int64 with
:data:`ABSENT` for "not reported" (seeds/buffer-post-metrics.txt: "A missing metric does not
mean zero"); ``totalTimeWatched`` is stored in hundredths of a minute so that sums stay exact.

Built once per world, read-only afterwards:

- rows sorted by (organization, createdAt desc, id asc), the default ``posts`` order, so each
  organization is one contiguous slice;
- an id index (sorted ids and their rows) for ``post(input: {id})``;
- an aggregation index: sent posts grouped by (channel, tag set), sorted by ``sentAt`` within
  a group, with prefix sums of every metric, so ``aggregatedPostMetrics`` is a handful of
  ``np.searchsorted`` calls whatever the number of posts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mock_server.domain.buffer_metrics import COMPUTED, POST_METRIC_TYPES

STATUSES: tuple[str, ...] = ("draft", "needs_approval", "scheduled", "sending", "sent", "error")
"""PostStatus values in SDL order; the ``status`` column holds an index into this tuple."""
SENT = STATUSES.index("sent")

COUNT_TYPES: tuple[str, ...] = tuple(
    t for t in POST_METRIC_TYPES if t not in COMPUTED and t != "postCount"
)
"""Stored metric columns, in canonical order (engagementRate is computed, postCount counted)."""
HUNDREDTHS: frozenset[str] = frozenset({"totalTimeWatched"})
"""Types stored as hundredths (minutes with 2 decimals, per the SDL's PostMetric.value)."""

NULL_TIME = np.int64(-(2**62))
ABSENT = -1
GROUP_SHIFT = 34
"""Aggregation keys are ``group << 34 | sentAt``; 2**34 s reaches the year 2514."""
MAX_KEY_TIME = (1 << GROUP_SHIFT) - 1

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class PostColumns:
    """Posts before indexing: one array per field, any row order."""

    ids: npt.NDArray[np.str_]
    org: IntArray
    channel: IntArray
    status: IntArray
    created: IntArray
    updated: IntArray
    due: IntArray
    sent: IntArray
    tags: npt.NDArray[np.uint64]
    metrics: IntArray
    texts: Mapping[int, str] = field(default_factory=dict)
    """Explicit texts (fixtures) by row; other texts derive from the id."""

    def __len__(self) -> int:
        return int(self.ids.shape[0])


def concat_columns(parts: list[PostColumns]) -> PostColumns:
    """Rows of ``parts`` one after the other (text overrides re-indexed)."""
    names = ("ids", "org", "channel", "status", "created", "updated", "due", "sent", "tags")
    arrays = {n: np.concatenate([getattr(p, n) for p in parts]) for n in names}
    metrics = np.concatenate([p.metrics for p in parts]).reshape(-1, len(COUNT_TYPES))
    texts: dict[int, str] = {}
    offset = 0
    for part in parts:
        texts.update({offset + row: text for row, text in part.texts.items()})
        offset += len(part)
    return PostColumns(metrics=metrics, texts=texts, **arrays)


@dataclass(frozen=True, eq=False)
class AggregationIndex:
    """Sent posts grouped by (channel, tag bitmask), prefix sums by ``sentAt`` per group.

    ``prefix[i]`` holds, for the first ``i`` posts in key order, the number of ingested posts
    followed by the sum of each :data:`COUNT_TYPES` column over ingested posts (absent = 0).
    """

    group_channel: IntArray
    group_tags: npt.NDArray[np.uint64]
    keys: IntArray
    prefix: IntArray


@dataclass(frozen=True, eq=False)
class PostTable:
    """Indexed posts; see the module docstring. ``sort_cache`` memoises the row order of
    each (organization, sort) pair; it never changes an answer, only its cost."""

    cols: PostColumns
    org_bounds: IntArray
    sorted_ids: npt.NDArray[np.str_]
    sorted_rows: IntArray
    id_rank: IntArray
    ingested: npt.NDArray[np.bool_]
    ingestion_time: int
    agg: AggregationIndex
    sort_cache: dict[tuple[object, ...], IntArray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cols)

    def org_slice(self, org: int) -> tuple[int, int]:
        """``[start, stop)`` rows of organization ``org``."""
        return int(self.org_bounds[org]), int(self.org_bounds[org + 1])

    def row_of(self, post_id: str) -> int | None:
        """Row of the post with this id, or None."""
        at = int(np.searchsorted(self.sorted_ids, post_id))
        if at < len(self.sorted_ids) and self.sorted_ids[at] == post_id:
            return int(self.sorted_rows[at])
        return None


def build_table(cols: PostColumns, org_count: int, now_s: int) -> PostTable:
    """Sort and index ``cols``; ``now_s`` is the mock's clock in epoch seconds.

    Metrics are pulled daily at 00:00 UTC and a post is first ingested by the first run
    strictly after ``sentAt`` (SDL, Post.metricsUpdatedAt), so a sent post is ingested
    exactly when ``sentAt`` precedes the latest run, ``ingestion_time``.
    """
    order = np.lexsort((cols.ids, -cols.created, cols.org))
    cols = _reorder(cols, order)
    by_id = np.argsort(cols.ids, kind="stable")
    id_rank = np.empty(len(cols), dtype=np.int64)
    id_rank[by_id] = np.arange(len(cols))
    ingestion_time = now_s - now_s % 86_400
    ingested = (cols.status == SENT) & (cols.sent < ingestion_time)
    return PostTable(
        cols=cols,
        org_bounds=np.searchsorted(cols.org, np.arange(org_count + 1)).astype(np.int64),
        sorted_ids=cols.ids[by_id],
        sorted_rows=by_id.astype(np.int64),
        id_rank=id_rank,
        ingested=ingested,
        ingestion_time=int(ingestion_time),
        agg=_aggregation_index(cols, ingested),
    )


def _reorder(cols: PostColumns, order: IntArray) -> PostColumns:
    names = ("ids", "org", "channel", "status", "created", "updated", "due", "sent", "tags")
    arrays = {n: getattr(cols, n)[order] for n in names}
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    texts = {int(new_row[row]): text for row, text in cols.texts.items()}
    return PostColumns(metrics=cols.metrics[order], texts=texts, **arrays)


def _aggregation_index(cols: PostColumns, ingested: npt.NDArray[np.bool_]) -> AggregationIndex:
    sent = np.nonzero(cols.status == SENT)[0]
    pairs = np.stack([cols.channel[sent].astype(np.uint64), cols.tags[sent]])
    unique, group = np.unique(pairs, axis=1, return_inverse=True)
    keys = (group.reshape(-1).astype(np.int64) << GROUP_SHIFT) | cols.sent[sent]
    order = np.argsort(keys, kind="stable")
    weight = ingested[sent][order].astype(np.int64)
    values = np.maximum(cols.metrics[sent][order], 0) * weight[:, None]
    rows = np.concatenate([weight[:, None], values], axis=1)
    prefix = np.zeros((len(sent) + 1, rows.shape[1]), dtype=np.int64)
    np.cumsum(rows, axis=0, out=prefix[1:])
    return AggregationIndex(
        group_channel=unique[0].astype(np.int64),
        group_tags=unique[1].astype(np.uint64),
        keys=keys[order],
        prefix=prefix,
    )
