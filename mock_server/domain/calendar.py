"""UTC calendar buckets for the three vendors' time series.

Two shapes of window occur in the vendor documents:

* half-open instants ``[since, until)`` (Layers metrics, seeds/layers-metrics.txt: "since
  Inclusive", "until Exclusive"), split by :func:`split_window` into :class:`Bucket`;
* inclusive dates ``startDate..endDate`` (Later v2, seeds/later-*.txt: both "inclusive"), split
  by :func:`split_date_range` into :class:`DateBucket`.

Both clip partial buckets at the edges of the window. All instants are timezone-aware UTC:
"Windows and buckets are UTC" (seeds/layers-metrics.txt). Weeks are ISO weeks starting
Monday 00:00 UTC ("ISO 8601 week (Monday-Sunday)", seeds/later-instances-performance-over-
time.txt; the natural reading for Layers, whose document is silent, DOMAIN.md section 1).
Nothing here reads the clock: "now" is always a parameter of the caller. The wire formats
(``format_utc_z``, ``parse_utc_z``, ...) live in :mod:`.timestamps` and are re-exported here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from .timestamps import as_utc, format_utc_millis, format_utc_z, parse_iso_date, parse_utc_z

__all__ = [
    "BUFFER_MAX_WINDOW",
    "LATER_GRANULARITIES",
    "LAYERS_GRANULARITIES",
    "LAYERS_MAX_HOURLY_SPAN",
    "Bucket",
    "DateBucket",
    "Granularity",
    "add_years",
    "as_utc",
    "bucket_index",
    "bucket_start",
    "clamp_hour_window",
    "date_range_days",
    "exceeds_two_years",
    "exceeds_years",
    "format_utc_millis",
    "format_utc_z",
    "layers_bucket_label",
    "next_bucket_start",
    "parse_iso_date",
    "parse_utc_z",
    "split_date_range",
    "split_window",
    "window_exceeds",
]


class Granularity(StrEnum):
    """Bucket sizes used by any of the vendors (each vendor accepts a subset)."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


LAYERS_GRANULARITIES: tuple[Granularity, ...] = (
    Granularity.HOUR,
    Granularity.DAY,
    Granularity.WEEK,
)
"""Layers ``granularity`` values (seeds/layers-metrics.txt: "One of: hour, day, week")."""

LATER_GRANULARITIES: tuple[Granularity, ...] = (
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.QUARTER,
    Granularity.YEAR,
)
"""Later ``granularity`` values (seeds/later-instances-performance-over-time.txt)."""


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def bucket_start(ts: datetime, g: Granularity) -> datetime:
    """Start (aware UTC) of the calendar bucket of granularity ``g`` that contains ``ts``.

    Weeks start on ISO Monday 00:00 UTC; quarters on Jan 1, Apr 1, Jul 1 and Oct 1
    (seeds/later-instances-performance-over-time.txt, granularity table).
    """
    ts = as_utc(ts)
    if g is Granularity.HOUR:
        return ts.replace(minute=0, second=0, microsecond=0)
    day = datetime.combine(ts.date(), time(), tzinfo=UTC)
    if g is Granularity.DAY:
        return day
    if g is Granularity.WEEK:
        return day - timedelta(days=ts.weekday())
    if g is Granularity.MONTH:
        return day.replace(day=1)
    if g is Granularity.QUARTER:
        return day.replace(month=3 * ((ts.month - 1) // 3) + 1, day=1)
    return day.replace(month=1, day=1)


def next_bucket_start(start: datetime, g: Granularity) -> datetime:
    """Start of the calendar bucket that follows the one containing ``start``."""
    first = bucket_start(start, g)
    fixed = {
        Granularity.HOUR: timedelta(hours=1),
        Granularity.DAY: timedelta(days=1),
        Granularity.WEEK: timedelta(weeks=1),
    }
    if g in fixed:
        return first + fixed[g]
    months = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}[g]
    year, month = _add_months(first.year, first.month, months)
    return first.replace(year=year, month=month)


@dataclass(frozen=True)
class Bucket:
    """One half-open bucket ``[start, end)`` of a window, clipped to the window.

    ``label_start``/``label_end`` are the unclipped calendar bucket it belongs to; vendors
    label a bucket by ``label_start`` (see :func:`layers_bucket_label`).
    """

    start: datetime
    end: datetime
    label_start: datetime
    label_end: datetime

    @property
    def is_partial(self) -> bool:
        """True when the window clipped this bucket at either edge."""
        return self.start != self.label_start or self.end != self.label_end

    def contains(self, ts: datetime) -> bool:
        """True when ``start <= ts < end``."""
        return self.start <= as_utc(ts) < self.end


def split_window(since: datetime, until: datetime, g: Granularity) -> list[Bucket]:
    """Partition the half-open window ``[since, until)`` into calendar buckets of ``g``.

    The first and last buckets are clipped to the window, so the buckets are contiguous,
    start at ``since`` and end at ``until``. Empty when ``since >= until``. Layers buckets
    posts this way by ``published_at`` (seeds/layers-metrics.txt, Notes).
    """
    since, until = as_utc(since), as_utc(until)
    buckets: list[Bucket] = []
    if since >= until:
        return buckets
    label = bucket_start(since, g)
    while label < until:
        label_end = next_bucket_start(label, g)
        buckets.append(Bucket(max(label, since), min(label_end, until), label, label_end))
        label = label_end
    return buckets


def bucket_index(buckets: Sequence[Bucket], ts: datetime) -> int | None:
    """Index of the bucket of a :func:`split_window` result containing ``ts``, or None."""
    ts = as_utc(ts)
    i = bisect.bisect_right([b.start for b in buckets], ts) - 1
    if i >= 0 and buckets[i].contains(ts):
        return i
    return None


def window_exceeds(start: datetime, end: datetime, max_span: timedelta) -> bool:
    """True when ``end - start`` is longer than ``max_span``.

    Buffer caps ``aggregatedPostMetrics`` at 365 days (seeds/buffer-post-metrics.txt, "The
    range is capped at 365 days"); the mock reads this literally as ``end - start <= 365
    days`` (mock choice), which admits any window of up to 365 calendar days written as
    ``00:00:00Z .. 23:59:59Z``.
    """
    return as_utc(end) - as_utc(start) > max_span


BUFFER_MAX_WINDOW = timedelta(days=365)
"""Longest ``aggregatedPostMetrics`` window (seeds/buffer-post-metrics.txt)."""


# --- Layers: bucket labels and the hourly clamp ----------------------------------------


def layers_bucket_label(label_start: datetime, g: Granularity) -> str:
    """Label of a Layers series bucket from its calendar start (:attr:`Bucket.label_start`).

    day: ``YYYY-MM-DD`` (seeds/layers-metrics.txt example). The document is silent on the
    others (DOMAIN.md section 1, gaps); mock choice: week is its ISO Monday ``YYYY-MM-DD``,
    hour is ``YYYY-MM-DDTHH:00:00Z``. Other granularities raise ValueError.
    """
    label_start = as_utc(label_start)
    if g is Granularity.HOUR:
        return format_utc_z(label_start)
    if g in (Granularity.DAY, Granularity.WEEK):
        return label_start.date().isoformat()
    raise ValueError(f"Layers has no {g} granularity")


LAYERS_MAX_HOURLY_SPAN = timedelta(days=90)
"""Longest hourly window before Layers clamps it (seeds/layers-metrics.txt, Notes)."""


def clamp_hour_window(
    since: datetime, until: datetime, g: Granularity, max_days: int = 90
) -> tuple[datetime, datetime]:
    """Clamp an hourly window longer than ``max_days`` to its last ``max_days`` days.

    seeds/layers-metrics.txt: "Windows longer than 90 days with granularity=hour get
    clamped"; DOMAIN.md: "clamped to the last 90 days, and the echoed window shows the
    clamped bounds". Other granularities and shorter windows come back unchanged.
    """
    since, until = as_utc(since), as_utc(until)
    span = timedelta(days=max_days)
    if g is Granularity.HOUR and until - since > span:
        return until - span, until
    return since, until


# --- Later: inclusive date ranges ------------------------------------------------------


@dataclass(frozen=True)
class DateBucket:
    """One Later time bucket with inclusive ``start_date`` and ``end_date``, both clipped.

    seeds/later-instances-performance-over-time.txt: "Each data point includes startDate
    (inclusive) and endDate (inclusive)"; "Partial buckets are returned at the edges".
    ``label_start`` is the unclipped calendar bucket's first day.
    """

    start_date: date
    end_date: date
    label_start: date

    @property
    def days(self) -> int:
        """Number of days in the bucket (inclusive count)."""
        return date_range_days(self.start_date, self.end_date)

    def contains(self, day: date) -> bool:
        """True when ``start_date <= day <= end_date``."""
        return self.start_date <= day <= self.end_date


_DAY_STEPS = {Granularity.DAY: 1, Granularity.WEEK: 7}
_MONTH_STEPS = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}
_PAST_THE_CALENDAR = date.max.toordinal() + 1
"""The ordinal 10000-01-01 would have: where the bucket after December 9999 starts."""


def split_date_range(start: date, end: date, g: Granularity) -> list[DateBucket]:
    """Split the inclusive range ``start..end`` into Later buckets of ``g``.

    ``g`` is day, week (ISO Monday-Sunday), month, quarter or year; ``hour`` raises
    ValueError because Later has no hourly series. Empty when ``end < start``. The same
    buckets as :func:`split_window` over ``[start 00:00, end + 1 day 00:00)``, computed on
    day ordinals (:meth:`date.toordinal`) rather than datetimes.
    """
    if g not in LATER_GRANULARITIES:
        raise ValueError(f"Later has no {g} granularity")
    if end < start:
        return []
    first, stop = start.toordinal(), end.toordinal() + 1
    labels = _label_ordinals(start, stop, g)
    day = date.fromordinal
    return [
        DateBucket(day(max(label, first)), day(min(after, stop) - 1), day(label))
        for label, after in zip(labels, labels[1:], strict=False)
    ]


def _label_ordinals(start: date, stop: int, g: Granularity) -> list[int]:
    """Ordinals of the first days of the calendar buckets of ``g``, from the one holding
    ``start`` up to and including the first one starting on or after ordinal ``stop``."""
    if g in _DAY_STEPS:
        step = _DAY_STEPS[g]
        label = start.toordinal() - (start.weekday() if g is Granularity.WEEK else 0)
        return list(range(label, stop + step, step))
    step = _MONTH_STEPS[g]
    month = start.year * 12 + start.month - 1
    month -= month % step
    labels = [_month_ordinal(month)]
    while labels[-1] < stop:
        month += step
        labels.append(_month_ordinal(month))
    return labels


def _month_ordinal(month: int) -> int:
    """Ordinal of the first day of ``month`` (months since January of year 0)."""
    year, index = divmod(month, 12)
    return date(year, index + 1, 1).toordinal() if year <= 9999 else _PAST_THE_CALENDAR


def date_range_days(start: date, end: date) -> int:
    """Number of days in the inclusive range ``start..end`` (0 when ``end < start``)."""
    return max((end - start).days + 1, 0)


def add_years(day: date, years: int) -> date:
    """Same month and day ``years`` later; Feb 29 becomes Feb 28 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def exceeds_years(start: date, end: date, years: int = 2) -> bool:
    """True when the inclusive range ``start..end`` is longer than Later's cap of ``years``.

    DOMAIN.md section 4 (Later public docs): "Date range at most 2 years". Mock choice,
    stated in later.yaml (StartDate x-mock-choice): too long when ``end`` is on or after
    ``start`` shifted ``years`` calendar years forward, 29 February shifting to 1 March.
    So 2024-01-01..2025-12-31 (731 days) is allowed and ..2026-01-01 is not.
    """
    try:
        limit = start.replace(year=start.year + years)
    except ValueError:
        if start.year + years > 9999:  # beyond the calendar: no end date can reach it
            return False
        limit = date(start.year + years, 3, 1)
    return end >= limit


def exceeds_two_years(start: date, end: date) -> bool:
    """Later's 2-year cap (see :func:`exceeds_years`)."""
    return exceeds_years(start, end, 2)
