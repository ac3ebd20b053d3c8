"""How a Later post's metrics accrue day by day, so ``dateBasis=performance_date`` has data.

seeds/later-*.txt: ``performance_date`` "returns metrics recorded within the requested date
range, regardless of when the content was originally published" (a post published Jan 5
with engagement on Feb 10 appears in a Feb 1-28 query). The world therefore records every
post's metrics per day. Model (mock choice): each post has a *final* integer total per
metric, reached :data:`ACCRUAL_DAYS` days after publication, split by its decimal digits:

* the thousands (``total // 1000``) follow :data:`THOUSANDS_DAILY`, a front-loaded
  staircase over 60 days (30.2% on the publish day, 48% by day 2, 94% by day 30);
* the tens (``total % 1000 // 10``) follow :data:`TENS_DAILY` over the first week;
* the units (``total % 10``) are recorded on the publish day.

Every day's value is an integer, the days sum exactly to the total, and the value of any
run of days is linear in the digits, so per-group daily sums are exact prefix-sum arrays
(:mod:`.later_index`). A day is recorded once it is over: days on or after the clock's
date have no performance yet, so "as of the clock" is the sum over the days before it.
Costs (``cost``, ``estimatedContentCost``) are booked in full on the publish day.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

ACCRUAL_DAYS = 60

THOUSANDS_DAILY: tuple[int, ...] = (
    (302, 174, 84, 84) + (34,) * 3 + (14,) * 7 + (6,) * 16 + (2,) * 30
)
"""Per-mille of the thousands recorded on day 0, 1, ... 59 after publication."""

TENS_DAILY: tuple[int, ...] = (4, 1, 1, 1, 1, 1, 1)
"""Tenths of the tens recorded on day 0..6."""

RADICES: tuple[int, int, int] = (1000, 10, 1)

I64 = NDArray[np.int64]


def _cumulative(daily: tuple[int, ...], total: int) -> I64:
    padded = np.zeros(ACCRUAL_DAYS, dtype=np.int64)
    padded[: len(daily)] = daily
    if int(padded.sum()) != total:
        raise AssertionError(f"profile sums to {padded.sum()}, not {total}")
    return np.concatenate(([0], np.cumsum(padded))).astype(np.int64)


CUMULATIVE: I64 = np.stack(
    [_cumulative(THOUSANDS_DAILY, 1000), _cumulative(TENS_DAILY, 10), _cumulative((1,), 1)]
)
"""``CUMULATIVE[level, k]``: units of one digit at ``level`` recorded in the first k days."""

_LEVELS = tuple(np.ascontiguousarray(level) for level in CUMULATIVE)
DAILY: I64 = np.diff(CUMULATIVE, axis=1)
"""``DAILY[level, k]``: units of one digit at ``level`` recorded on day k after publication."""


def digits(totals: NDArray[np.integer], on_publish: bool = False) -> I64:
    """The (3, n) digit levels of final totals; booked-on-publish totals are all units."""
    values = totals.astype(np.int64, copy=False)
    if on_publish:
        zeros = np.zeros_like(values)
        return np.array([zeros, zeros, values])
    # x - (x // k) * k is x % k (floor division), and NumPy divides by a constant much
    # faster than it takes a remainder.
    thousands = values // 1000
    rest = values - thousands * 1000
    tens = rest // 10
    return np.array([thousands, tens, rest - tens * 10])


def accrued(totals: NDArray[np.integer], first: I64, stop: I64, on_publish: bool = False) -> I64:
    """What each post recorded on days ``first <= k < stop`` after its publication.

    ``first`` and ``stop`` are day offsets per post (any integers; clipped to
    0..ACCRUAL_DAYS). ``totals`` has one value per post on its last axis, and may have
    leading axes (several metrics of the same posts, shape ``(metrics, posts)``).
    """
    lo = np.clip(first, 0, ACCRUAL_DAYS)
    hi = np.clip(stop, lo, ACCRUAL_DAYS)
    if lo.size and lo.max() == 0 and hi.min() == ACCRUAL_DAYS:  # all of it: the totals
        return np.asarray(totals, dtype=np.int64)
    thousands, tens, units = digits(totals, on_publish)
    recorded = [level.take(hi) - level.take(lo) for level in _LEVELS]
    return np.asarray(
        thousands * recorded[0] + tens * recorded[1] + units * recorded[2], dtype=np.int64
    )


def daily_values(total: int, on_publish: bool = False) -> list[int]:
    """One post's per-day values for days 0..59 after publication (for exports and tests)."""
    level = digits(np.array([total], dtype=np.int64), on_publish)[:, 0]
    return [int(v) for v in (DAILY * level[:, None]).sum(axis=0)]


def staircase(level: int) -> list[tuple[int, int]]:
    """``DAILY[level]`` as boxes ``(length, height)``: the sum of ``height`` on days
    ``0..length-1`` over all boxes gives the profile; lets group sums be built with prefix
    sums instead of a convolution."""
    daily = np.append(DAILY[level], 0)
    return [
        (k + 1, int(daily[k] - daily[k + 1]))
        for k in range(ACCRUAL_DAYS)
        if daily[k] != daily[k + 1]
    ]


def spread_by_publish_day(per_publish_day: I64, recorded_days: int) -> I64:
    """Per-day recordings of groups, from their per-publish-day digit sums.

    ``per_publish_day`` has shape (3, G, T): digit sums of the posts of each group published
    on each day. The result (G, T) is what the groups recorded on each day; days at or after
    ``recorded_days`` (the clock's day index) are not recorded yet and stay 0.
    """
    _, groups, days = per_publish_day.shape
    out = np.zeros((groups, days), dtype=np.int64)
    for level in range(3):
        prefix = np.cumsum(per_publish_day[level], axis=1)
        for length, height in staircase(level):
            window = prefix.copy()
            if length < days:
                window[:, length:] -= prefix[:, :-length]
            out += height * window
    out[:, max(recorded_days, 0) :] = 0
    return out
