"""The served window of a Layers metrics query and its bucket edges, as NumPy arrays.

seeds/layers-metrics.txt: ``since`` inclusive (default 30 days ago), ``until`` exclusive
(default now), UTC; ``hour`` over more than 90 days is clamped. The defaults and the clamp
come from the domain (``clamp_hour_window``, ``bucket_start``); the spec's x-mock-choices
add that since >= until is 422 and that the default since is 30 days before the clock even
when until is given.

Buckets are UTC calendar hours, days or ISO weeks (fixed lengths in UTC), so the edges are
an arithmetic progression from the domain's ``bucket_start(since)``, with the first and
last clipped to the window; this is the partition of ``calendar.split_window``, computed
without a Python object per bucket (tests check the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from json.encoder import encode_basestring_ascii

import numpy as np
import numpy.typing as npt
from numpy.typing import NDArray

from mock_server.domain.calendar import Granularity, as_utc, bucket_start, clamp_hour_window
from mock_server.domain.errors import ValidationError
from mock_server.world.layers_model import format_instant

I64 = npt.NDArray[np.int64]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DEFAULT_SPAN = timedelta(days=30)
STEP_US = {
    Granularity.HOUR: 3_600_000_000,
    Granularity.DAY: 86_400_000_000,
    Granularity.WEEK: 7 * 86_400_000_000,
}


@dataclass(frozen=True)
class Window:
    """The window actually served and its buckets: ``edges_us`` has one more entry than
    ``labels`` (microseconds since the Unix epoch, first = since, last = until);
    ``labels_json`` are the labels as JSON string literals; ``edge_days`` the edges as
    days since the epoch when every edge is a UTC midnight (else None).

    The buckets of a window may be shared with other requests (:func:`_cut`): its edges are
    read-only and its label lists are not to be changed."""

    since: datetime
    until: datetime
    granularity: Granularity
    edges_us: I64
    labels: list[str]
    labels_json: list[str]
    edge_days: I64 | None


def to_us(ts: datetime) -> int:
    return (ts - EPOCH) // timedelta(microseconds=1)


def resolve_window(
    since: datetime | None,
    until: datetime | None,
    granularity: str,
    now: datetime,
    *,
    hour_window_days: int,
    max_buckets: int,
) -> Window:
    """Apply defaults, refuse an empty window, clamp long hourly windows, cut the buckets."""
    g = Granularity(granularity)
    end = as_utc(until) if until is not None else now
    start = as_utc(since) if since is not None else now - DEFAULT_SPAN
    if start >= end:
        raise ValidationError(
            f"since ({format_instant(start)}) must be earlier than until ({format_instant(end)}).",
            "since",
        )
    start, end = clamp_hour_window(start, end, g, hour_window_days)
    first_us, start_us, end_us = to_us(bucket_start(start, g)), to_us(start), to_us(end)
    step = STEP_US[g]
    count = -(-(end_us - first_us) // step)
    if count > max_buckets:
        raise ValidationError(
            f"granularity={g.value} from {format_instant(start)} to {format_instant(end)} gives "
            f"{count} buckets; a series has at most {max_buckets}. Narrow the window or use a "
            "coarser granularity.",
            "granularity",
        )
    cut = _cut if count <= CUT_MEMO_MAX_BUCKETS else _cut.__wrapped__
    return Window(start, end, g, *cut(first_us, start_us, end_us, g))


CUT_MEMO_MAX_BUCKETS = 400
"""Longest window whose buckets :func:`_cut` remembers (a year by day, 16 days by hour): a
few tens of KiB each, so the 512 remembered stay under about 20 MiB."""


@lru_cache(maxsize=512)
def _cut(
    first_us: int, start_us: int, end_us: int, g: Granularity
) -> tuple[I64, list[str], list[str], I64 | None]:
    """Edges, labels, JSON labels and edge days of the buckets of ``g`` from the one
    starting at ``first_us`` that cover ``[start_us, end_us)``. Pure calendar arithmetic,
    remembered: a dashboard asks the same window of many entities."""
    step = STEP_US[g]
    count = -(-(end_us - first_us) // step)
    starts = first_us + np.arange(count, dtype=np.int64) * step
    edges = np.concatenate([[start_us], starts[1:], [end_us]]).astype(np.int64)
    edges.flags.writeable = False
    labels = _labels(starts, g)
    day = STEP_US[Granularity.DAY]
    days = None if (edges % day).any() else edges // day
    if days is not None:
        days.flags.writeable = False
    return edges, labels, list(map(encode_basestring_ascii, labels)), days


def _labels(starts_us: I64, g: Granularity) -> list[str]:
    """day and week ``YYYY-MM-DD``, hour ``YYYY-MM-DDTHH:00:00Z`` (domain layers_bucket_label)."""
    if g is Granularity.HOUR:
        stamps = starts_us.astype("datetime64[us]")
        return [text + ":00:00Z" for text in np.datetime_as_string(stamps, unit="h").tolist()]
    days = starts_us // STEP_US[Granularity.DAY]
    block = int(days[0]) // LABEL_BLOCK if days.size else 0
    if days.size and int(days[-1]) // LABEL_BLOCK == block:  # one block: a lookup
        labels: list[str] = _day_labels(block)[days - block * LABEL_BLOCK].tolist()
        return labels
    stamps = starts_us.astype("datetime64[us]")
    return list(np.datetime_as_string(stamps, unit="D").tolist())


LABEL_BLOCK = 1024
"""Days per block of precomputed ``YYYY-MM-DD`` labels (about 2.8 years)."""


@lru_cache(maxsize=64)
def _day_labels(block: int) -> NDArray[np.object_]:
    """The labels of the epoch days of ``block``, built once (64 blocks kept: under 5 MB)."""
    first = block * LABEL_BLOCK
    days = np.arange(first, first + LABEL_BLOCK, dtype=np.int64).astype("datetime64[D]")
    return np.array(np.datetime_as_string(days, unit="D").tolist(), dtype=object)
