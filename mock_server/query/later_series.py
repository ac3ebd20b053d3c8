"""``/v2/instances/performance-over-time``: non-empty time buckets, one page at a time.

seeds/later-instances-performance-over-time.txt: day, ISO week (Monday-Sunday), month,
quarter or year buckets with inclusive startDate/endDate, partial buckets at the edges
(domain.calendar.split_date_range clips them). DOMAIN.md section 4: empty buckets are left
out. Mock choice (spec): a bucket is empty when no post contributes to it; the remaining
buckets, in date order, are what is paginated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from mock_server.domain.calendar import DateBucket, Granularity, split_date_range
from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import EPOCH_ORDINAL, Selection
from mock_server.query.later_sums import StoredColumns, range_sums


@dataclass(frozen=True)
class SeriesPage:
    """The page's buckets, their stored sums, and how many non-empty buckets there are."""

    total: int
    buckets: list[DateBucket]
    stored: StoredColumns  # one row per bucket of the page


def series_page(selection: Selection, granularity: str, page: int, size: int) -> SeriesPage:
    """Buckets of ``granularity`` over the selection's range that have posts."""
    start, end = _near_the_data(selection)
    buckets = split_date_range(start, end, Granularity(granularity)) if start <= end else []
    shift = EPOCH_ORDINAL + selection.index.origin
    first = np.array([b.start_date.toordinal() for b in buckets], np.int64) - shift
    last = np.array([b.end_date.toordinal() for b in buckets], np.int64) - shift
    sums = range_sums(selection, first, last)
    kept = np.flatnonzero(sums.count() > 0)
    lo, hi = page_slice(int(kept.size), page, size)
    rows = kept[lo:hi]
    return SeriesPage(int(kept.size), [buckets[i] for i in rows.tolist()], sums.stored(rows))


MARGIN = timedelta(days=400)


def _near_the_data(selection: Selection) -> tuple[date, date]:
    """The requested range, cut to 400 days around the world's days.

    Buckets last at most a year, so the buckets that hold posts keep their exact (clipped)
    bounds; the cut only drops buckets that are necessarily empty, and keeps the calendar
    arithmetic away from year 9999.
    """
    index = selection.index
    first = date(1970, 1, 1) + timedelta(days=index.origin)
    last = first + timedelta(days=index.days - 1)
    return max(selection.start, first - MARGIN), min(selection.end, last + MARGIN)
