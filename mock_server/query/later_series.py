"""``/v2/instances/performance-over-time``: non-empty time buckets, one page at a time.

seeds/later-instances-performance-over-time.txt: day, ISO week (Monday-Sunday), month,
quarter or year buckets with inclusive startDate/endDate, partial buckets at the edges
(domain.calendar.split_date_range clips them). DOMAIN.md section 4: empty buckets are left
out. Mock choice (spec): a bucket is empty when no post contributes to it; the remaining
buckets, in date order, are what is paginated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from mock_server.domain.calendar import DateBucket, Granularity, split_date_range
from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import EPOCH_ORDINAL, Selection
from mock_server.query.later_sums import StoredColumns, range_sums

I64 = npt.NDArray[np.int64]
T = TypeVar("T")
Splitter = Callable[[date, date, Granularity], list[DateBucket]]


@dataclass(frozen=True)
class SeriesPage:
    """The page's buckets (with their ISO dates), their stored sums, and how many non-empty
    buckets there are."""

    total: int
    buckets: list[DateBucket]
    stored: StoredColumns  # one row per bucket of the page
    starts: list[str]
    ends: list[str]


@dataclass(frozen=True)
class Buckets:
    """A range's buckets, their first and last days as ordinals and as ISO dates. Shared
    between requests (:func:`cut`): read-only."""

    buckets: list[DateBucket]
    first: I64
    last: I64
    starts: list[str]
    ends: list[str]


CUT_MEMO_MAX_BUCKETS = 128
"""Longest split :func:`cut` remembers (two years by week, four months by day): about
40 KiB each, so the 1,024 remembered stay under about 40 MiB."""

SHORTEST_DAYS = {
    Granularity.DAY: 1,
    Granularity.WEEK: 7,
    Granularity.MONTH: 28,
    Granularity.QUARTER: 90,
    Granularity.YEAR: 365,
}
"""The fewest days a whole bucket of each granularity has (bounds the buckets of a range)."""


def cut(start: date, end: date, g: Granularity) -> Buckets:
    """The buckets of ``g`` over ``start..end``; short splits, which a dashboard asks again
    and again, are remembered. Keyed by the splitter too: the kit's mutants replace
    ``split_date_range`` in this module, and a replaced splitter meets only its own cuts."""
    at_most = (end - start).days // SHORTEST_DAYS[g] + 2
    split = _cut if at_most <= CUT_MEMO_MAX_BUCKETS else _cut.__wrapped__
    return split(split_date_range, start, end, g)


@lru_cache(maxsize=1024)
def _cut(splitter: Splitter, start: date, end: date, g: Granularity) -> Buckets:
    buckets = splitter(start, end, g) if start <= end else []
    first = np.array([b.start_date.toordinal() for b in buckets], np.int64)
    last = np.array([b.end_date.toordinal() for b in buckets], np.int64)
    first.flags.writeable = last.flags.writeable = False
    starts = [b.start_date.isoformat() for b in buckets]
    return Buckets(buckets, first, last, starts, [b.end_date.isoformat() for b in buckets])


def series_page(selection: Selection, granularity: str, page: int, size: int) -> SeriesPage:
    """Buckets of ``granularity`` over the selection's range that have posts."""
    start, end = _near_the_data(selection)
    split = cut(start, end, Granularity(granularity))
    shift = EPOCH_ORDINAL + selection.index.origin
    sums = range_sums(selection, split.first - shift, split.last - shift, adjoining=True)
    kept = np.flatnonzero(sums.count() > 0)
    lo, hi = page_slice(int(kept.size), page, size)
    at = kept[lo:hi]
    picked = _picker(at)
    return SeriesPage(
        int(kept.size),
        picked(split.buckets),
        sums.stored(at),
        picked(split.starts),
        picked(split.ends),
    )


def _picker(at: npt.NDArray[np.intp]) -> Callable[[list[T]], list[T]]:
    """Takes the items at ``at`` (ascending) of a list: a slice where they are consecutive
    (a page of a series without empty buckets), else one by one."""
    if at.size and int(at[-1]) - int(at[0]) == at.size - 1:
        run = slice(int(at[0]), int(at[-1]) + 1)
        return lambda items: items[run]
    rows = at.tolist()
    return lambda items: [items[i] for i in rows]


MARGIN = timedelta(days=400)


def _near_the_data(selection: Selection) -> tuple[date, date]:
    """The requested range, cut to 400 days around the world's days.

    Buckets last at most a year, so the buckets that hold posts keep their exact (clipped)
    bounds; the cut only drops buckets that are necessarily empty, and keeps the calendar
    arithmetic away from year 9999.
    """
    low, high = _around(selection.index.origin, selection.index.days)
    return max(selection.start, low), min(selection.end, high)


@lru_cache(maxsize=16)
def _around(origin: int, days: int) -> tuple[date, date]:
    """400 days before a world's first day (``origin``, days since 1970) and after its last."""
    first = date(1970, 1, 1) + timedelta(days=origin)
    return first - MARGIN, first + timedelta(days=days - 1) + MARGIN
