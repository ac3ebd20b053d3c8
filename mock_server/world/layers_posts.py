"""Platform posts as NumPy columns, indexed for bucketed sums without a loop over posts.

Posts are sorted by (layer, social account row, published_at); each (layer, row) pair with
posts is a *segment*. One int64 sort key per post, ``segment << SHIFT | seconds since base``,
is globally sorted, so the posts of any set of segments inside any set of bucket edges are
found with one ``np.searchsorted`` call, and each metric's sum per bucket is a difference of
prefix sums (``np.cumsum``, one row per position, one column per metric, so one gather reads
them all). Per-post values are differences of adjacent prefix sums, so the raw metric columns
are not kept. Edges at UTC midnights (day, week and month buckets of whole days) need no
search at all: ``day_pos`` holds every segment's position at every midnight, and running sums
of it over the segments give a run of segments (a project's, a layer's) in one subtraction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mock_server.world.layers_model import FORMATS, POST_METRICS
from mock_server.world.runs import row_runs, run_sums, running_rows

SHIFT = 36
"""Bits of the sort key that hold seconds since ``base_s`` (2**36 s is about 2,177 years)."""
TIME_MASK = (1 << SHIFT) - 1
MICROS = 1_000_000
DAY_S = 86_400

I64 = npt.NDArray[np.int64]
GENERATED_ID = re.compile(r"pp_([0-9a-f]{16})")


METRIC_COLUMN = {m: i for i, m in enumerate(POST_METRICS)}
"""The column of each metric in ``PostTable.cum_table``."""


def generated_post_id(key: int) -> str:
    """The id of a generated post: ``pp_`` and its 64-bit key in hex."""
    return f"pp_{key:016x}"


@dataclass(frozen=True)
class PostColumns:
    """Posts in no particular order, before indexing (generated ones, or a fixture's).

    ``id_keys`` holds the 64-bit key of generated ids (0 for a named post); ``named_ids``
    maps a position to the literal id of a post that came from a fixture.
    """

    id_keys: npt.NDArray[np.uint64]
    row: npt.NDArray[np.int32]
    layer: npt.NDArray[np.int32]
    fmt: npt.NDArray[np.uint8]
    published_s: I64
    metrics: Mapping[str, I64]
    named_ids: Mapping[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.published_s.shape[0])

    def fill(self, start: int, part: PostColumns) -> None:
        """Copy ``part`` (generated, so without named ids) into positions from ``start``."""
        end = start + len(part)
        self.id_keys[start:end] = part.id_keys
        self.row[start:end] = part.row
        self.layer[start:end] = part.layer
        self.fmt[start:end] = part.fmt
        self.published_s[start:end] = part.published_s
        for m in POST_METRICS:
            self.metrics[m][start:end] = part.metrics[m]

    @staticmethod
    def concat(parts: Sequence[PostColumns]) -> PostColumns:
        """All ``parts`` end to end (named ids re-based on their new positions)."""
        parts = [p for p in parts if len(p)] or list(parts[:1])
        if len(parts) == 1:
            return parts[0]
        out = empty_posts(sum(len(p) for p in parts))
        named: dict[int, str] = {}
        start = 0
        for part in parts:
            out.fill(start, part)
            named.update({start + pos: name for pos, name in part.named_ids.items()})
            start += len(part)
        return PostColumns(
            out.id_keys, out.row, out.layer, out.fmt, out.published_s, out.metrics, named
        )


def empty_posts(n: int) -> PostColumns:
    """Zeroed columns for ``n`` posts, to be filled in place."""
    return PostColumns(
        id_keys=np.zeros(n, np.uint64),
        row=np.zeros(n, np.int32),
        layer=np.zeros(n, np.int32),
        fmt=np.zeros(n, np.uint8),
        published_s=np.zeros(n, np.int64),
        metrics={m: np.zeros(n, np.int64) for m in POST_METRICS},
    )


@dataclass(frozen=True)
class BucketSums:
    """Per-bucket post counts and metric sums for one selection of segments: ``table`` has
    a row per bucket and a column per metric of ``metrics``, in that order."""

    counts: I64
    table: I64
    metrics: tuple[str, ...]

    @property
    def sums(self) -> dict[str, I64]:
        """Each metric's column of ``table``, by name."""
        return {m: self.table[:, i] for i, m in enumerate(self.metrics)}


@dataclass(frozen=True)
class PostTable:
    """The indexed, read-only posts of the world (see the module docstring)."""

    keys: I64
    base_s: int
    seg_layer: npt.NDArray[np.int32]
    seg_row: npt.NDArray[np.int32]
    fmt: npt.NDArray[np.uint8]
    id_keys: npt.NDArray[np.uint64]
    lookup_keys: npt.NDArray[np.uint64]
    lookup_pos: I64
    named: Mapping[str, int]
    names_by_pos: Mapping[int, str]
    cum_table: I64
    """Prefix sums, one column per metric of :data:`POST_METRICS`: ``cum_table[i, m]`` is the
    sum of metric ``m`` over the posts before position ``i`` (one row gathers all metrics)."""
    day0_s: int
    """The UTC midnight at or before the first post (``day_pos`` counts days from it)."""
    day_pos: I64
    """``day_pos[s, k]``: the position of segment ``s``'s first post published at or after
    ``day0_s + k`` days (the segment's end when none). Bucket edges at UTC midnights, the
    usual dashboard query, read their positions here instead of searching the keys."""
    runs_day_pos: I64
    """``runs_day_pos[s, k]``: the sum of ``day_pos[:s, k]``, so that the segments ``a..b-1``
    sum to ``runs_day_pos[b, k] - runs_day_pos[a, k]`` (a project's segments are one run)."""
    runs_day_cum: I64
    """``runs_day_cum[s, k, m]``: the same running sum over ``cum_table[day_pos]``."""
    layer_segments: dict[tuple[int, ...], I64] = field(default_factory=dict, compare=False)

    @property
    def cum(self) -> Mapping[str, I64]:
        """Per metric, its prefix sums (a column of ``cum_table``)."""
        return {m: self.cum_table[:, i] for i, m in enumerate(POST_METRICS)}

    def __len__(self) -> int:
        return int(self.keys.shape[0])

    # --- single posts ------------------------------------------------------------------

    def find(self, post_id: str) -> int | None:
        """Position of the post with id ``post_id``, or None."""
        if post_id in self.named:
            return self.named[post_id]
        match = GENERATED_ID.fullmatch(post_id)
        if match is None:
            return None
        key = np.uint64(int(match.group(1), 16))
        i = int(np.searchsorted(self.lookup_keys, key))
        if key == 0 or i >= len(self.lookup_keys) or self.lookup_keys[i] != key:
            return None
        return int(self.lookup_pos[i])

    def id_at(self, pos: int) -> str:
        return self.names_by_pos.get(pos) or generated_post_id(int(self.id_keys[pos]))

    def published_s_at(self, pos: int) -> int:
        return int(self.keys[pos] & TIME_MASK) + self.base_s

    def segment_at(self, pos: int) -> int:
        return int(self.keys[pos] >> SHIFT)

    def format_at(self, pos: int) -> str:
        return FORMATS[int(self.fmt[pos])]

    def metric_at(self, pos: int, metric: str) -> int:
        column = METRIC_COLUMN[metric]
        return int(self.cum_table[pos + 1, column] - self.cum_table[pos, column])

    # --- selections ----------------------------------------------------------------------

    def segments_of_layers(self, layers: npt.ArrayLike) -> I64:
        """The segments of ``layers``; remembered per set of layers (a request asks for one
        layer, a project's or an organization's, so there are few), read-only."""
        key = tuple(sorted({int(x) for x in np.ravel(layers)}))
        found = self.layer_segments.get(key)
        if found is None:
            found = np.flatnonzero(np.isin(self.seg_layer, key)).astype(np.int64)
            found.flags.writeable = False
            self.layer_segments[key] = found
        return found

    def segments_of_rows(self, rows: npt.ArrayLike) -> I64:
        return np.flatnonzero(np.isin(self.seg_row, rows)).astype(np.int64)

    def bucket_sums(
        self,
        segments: I64,
        edges_us: I64,
        metrics: Sequence[str],
        edge_days: I64 | None = None,
    ) -> BucketSums:
        """Posts of ``segments`` published in each ``[edges[i], edges[i+1])``, and their sums.

        ``edges_us`` are microseconds since the Unix epoch; a post (whole seconds) at ``t``
        is inside when ``t >= edge``, i.e. ``t >= ceil(edge)`` in seconds. ``edge_days``,
        when the caller knows every edge is a UTC midnight: the edges as days since the
        epoch (saves finding that out again).
        """
        columns = [METRIC_COLUMN[m] for m in metrics]
        if edge_days is not None:
            days: I64 | None = self._table_days(edge_days - self.day0_s // DAY_S)
        else:
            edges_s = -((-edges_us) // MICROS)
            days = self._days(edges_s)
            if days is None:  # an edge off midnight: search the keys
                positions = self.searched_positions(segments, edges_s)
                totals = self.cum_table[positions.ravel()][:, columns]
                per_edge = totals.reshape(*positions.shape, len(columns)).sum(axis=0)
                at_edge = positions.sum(axis=0)
        if days is not None:
            first, end = row_runs(segments)
            at_edge = run_sums(self.runs_day_pos, first, end, days)
            per_edge = run_sums(self.runs_day_cum, first, end, days)[:, columns]
        return BucketSums(
            counts=at_edge[1:] - at_edge[:-1],
            table=per_edge[1:] - per_edge[:-1],
            metrics=tuple(metrics),
        )

    def _days(self, edges_s: I64) -> I64 | None:
        """Edges as rows of ``day_pos`` when every edge is a UTC midnight, else None
        (``edges_s`` ascending, as bucket edges are)."""
        since_day0 = edges_s - self.day0_s
        if not len(edges_s) or (since_day0 % DAY_S).any():
            return None
        return self._table_days(since_day0 // DAY_S)

    def _table_days(self, days: I64) -> I64:
        """Days since ``day0`` (ascending) as rows of ``day_pos``: clipped to the table."""
        if days[0] < 0 or days[-1] >= self.day_pos.shape[1]:
            return np.clip(days, 0, self.day_pos.shape[1] - 1)
        return days

    def searched_positions(self, segments: I64, edges_s: I64) -> I64:
        """``[s, e]``: the position of segment ``segments[s]``'s first post at or after
        ``edges_s[e]`` (seconds since the epoch), or the segment's end, by binary search of
        the keys (any edges; the reference for ``day_pos``)."""
        rel = np.clip(edges_s - self.base_s, 0, TIME_MASK)
        queries = (segments[:, None] << SHIFT) | rel[None, :]
        return np.searchsorted(self.keys, queries.ravel()).reshape(queries.shape)

    def positions_in(self, segments: I64) -> I64:
        """Positions of every post of ``segments`` (for exports and tests, not per request)."""
        bounds = np.searchsorted(
            self.keys, np.stack([segments << SHIFT, (segments + 1) << SHIFT], axis=1)
        )
        if not len(bounds):
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([np.arange(a, b) for a, b in bounds]).astype(np.int64)


def build_post_table(columns: PostColumns) -> PostTable:
    """Sort by (layer, row, published_at), cut into segments and take prefix sums.

    Layer and row indices must already be in project order (the world builder sorts its
    entity lists so), so that a project's posts are contiguous too.
    """
    order = _sort_order(columns)
    layer, row = columns.layer[order], columns.row[order]
    published = columns.published_s[order]
    starts = _segment_starts(layer, row)
    marker = np.zeros(len(order), dtype=np.int64)
    marker[starts] = 1
    base_s = int(published.min()) if len(published) else 0
    day0_s = base_s - base_s % DAY_S
    keys = ((np.cumsum(marker) - 1) << SHIFT) | (published - base_s)
    id_keys = columns.id_keys[order]
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.arange(len(order))
    names_by_pos = {int(inverse[p]): name for p, name in columns.named_ids.items()}
    lookup_order = np.argsort(id_keys, kind="stable")
    cum_table = _prefix_sums(columns, order)
    day_pos = _day_positions(keys, len(starts), base_s, day0_s, published)
    return PostTable(
        keys=keys,
        base_s=base_s,
        seg_layer=layer[starts],
        seg_row=row[starts],
        fmt=columns.fmt[order],
        id_keys=id_keys,
        lookup_keys=id_keys[lookup_order],
        lookup_pos=lookup_order.astype(np.int64),
        named={name: pos for pos, name in names_by_pos.items()},
        names_by_pos=names_by_pos,
        cum_table=cum_table,
        day0_s=day0_s,
        day_pos=day_pos,
        runs_day_pos=running_rows(day_pos),
        runs_day_cum=running_rows(cum_table[day_pos]),
    )


def _day_positions(keys: I64, segments: int, base_s: int, day0_s: int, published: I64) -> I64:
    """The table ``PostTable.day_pos``: every segment's position at every UTC midnight from
    ``day0_s`` to the first midnight after the last post."""
    last_s = int(published.max()) if len(published) else day0_s
    days = (last_s - day0_s) // DAY_S + 2
    rel = np.clip(day0_s + np.arange(days, dtype=np.int64) * DAY_S - base_s, 0, TIME_MASK)
    queries = (np.arange(segments, dtype=np.int64)[:, None] << SHIFT) | rel[None, :]
    return np.searchsorted(keys, queries.ravel()).reshape(queries.shape).astype(np.int64)


def _sort_order(columns: PostColumns) -> I64:
    """Order by (layer, row, published_at): one int64 key when it fits, else a lexsort."""
    if not len(columns):
        return np.zeros(0, dtype=np.int64)
    base = int(columns.published_s.min())
    if int(columns.published_s.max()) - base > TIME_MASK:
        raise ValueError("posts span more than 2**36 seconds")
    rows = int(columns.row.max()) + 1
    if (int(columns.layer.max()) + 1) * rows >= 1 << (63 - SHIFT):
        return np.lexsort((columns.published_s, columns.row, columns.layer)).astype(np.int64)
    pair = columns.layer.astype(np.int64) * rows + columns.row
    return np.argsort((pair << SHIFT) | (columns.published_s - base), kind="stable").astype(
        np.int64
    )


def _segment_starts(layer: npt.NDArray[np.int32], row: npt.NDArray[np.int32]) -> I64:
    if not len(layer):
        return np.zeros(0, dtype=np.int64)
    change = (np.diff(layer) != 0) | (np.diff(row) != 0)
    return np.concatenate([[0], np.flatnonzero(change) + 1]).astype(np.int64)


def _prefix_sums(columns: PostColumns, order: I64) -> I64:
    """``PostTable.cum_table``: a zero row, then the running sums of each metric in order."""
    out = np.zeros((len(order) + 1, len(POST_METRICS)), dtype=np.int64)
    for i, m in enumerate(POST_METRICS):
        np.cumsum(columns.metrics[m][order], out=out[1:, i])
    return out
