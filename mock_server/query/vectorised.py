"""Array twins of the domain's metric formulas: a whole page or series in a few NumPy calls.

:mod:`mock_server.domain.formulas` states every formula once, for one post, bucket or total,
in exact decimal arithmetic, and stays the oracle. The twins here compute the same values
over int64 arrays, so a request no longer runs one Decimal division per value;
tests/perf_equivalence/ proves each twin equal to its domain function element by element
(zeros, nulls, ties at exactly .5, large values).

Exact half-up rounding with integers: for ``num >= 0`` and ``den > 0``,
``round_half_up(num * scale / den, p) * 10**p`` is ``(2 * num * S + den) // (2 * den)``
with ``S = scale * 10**p`` (the floor of ``num * S / den + 1/2``). The *fast path* takes
the elements with ``num * S < 2**53`` and ``den <= 2**61``: then ``2 * num * S + den`` and
``2 * den`` fit in int64, the quotient is below 2**53, so ``q / 10**p`` in float64 is the
correctly rounded decimal, the same float as ``float(Decimal)`` in the domain. Any other
element (a negative operand, a larger value) is computed by the domain function itself,
so the result is equal by construction.

World magnitudes (all non-negative; money in whole currency units, later.yaml x-mock-world):
Later stores per-post totals below 2**31 and sums at most 2,000,000 posts (scale xl), so a
sum stays below 2**53 and sums of four parts fit int64. The tightest fast-path bound is
cpm/paidCpm (``S = 10**5``): cost sums up to 9.0e10; rates (``S = 10**4``) engagements up
to 9.0e11; Layers (``S = 10**4``) interactions up to 9.0e11 per bucket. The generated
worlds stay about 100 times below: at scale default (30,000 Later posts, 20,000 Layers
posts) the sums over *every* post are cost 1.2e7, engagements 3.1e7, Layers interactions
5.3e6, so even scale xl (about 67 times the posts) stays under 1e9. A fixture with larger
sums (Layers counts go up to 2**40 per post) takes the exact slow path for those elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.domain import formulas, timestamps

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
Bools = NDArray[np.bool_]

EXACT_FLOAT = 2**53
"""Integers below this are exact in float64 (and quotients below it convert exactly)."""
MAX_DEN = 2**61
"""Largest denominator of the fast path: ``2 * den + 2 * num * S`` stays below 2**63."""


@dataclass(frozen=True)
class Column:
    """A metric over a page's rows: ``values`` and where the value is null.

    Null is the domain's None ("not available"). Invariant: a null row holds 0 in
    ``values`` (the world stores 0 for a metric a post does not carry, and a sum over no
    carrying post is 0), so a column can be summed and sorted on as it is.
    """

    values: NDArray[np.int64] | NDArray[np.float64]
    null: Bools

    def tolist(self, null: object = None) -> list[Any]:
        """Python ints/floats, ``null`` (None) where null; a 2-D column gives one list per
        row."""
        out: list[Any] = self.values.tolist()
        if self.values.ndim == 1:
            for i in np.flatnonzero(self.null).tolist():
                out[i] = null
        else:
            for r, i in np.argwhere(self.null).tolist():
                out[r][i] = null
        return out


def clipped(values: NDArray[Any], lo: Any, hi: Any) -> NDArray[Any]:
    """``np.clip(values, lo, hi)`` as its two ufuncs, without ``np.clip``'s Python wrapper
    (1.1 us against 3.6 us on a few dozen values, measured): for per-request bounds."""
    bounded: NDArray[Any] = np.minimum(np.maximum(values, lo), hi)
    return bounded


def half_up_units(num: I64, den: I64, units: int | I64) -> I64:
    """``(2 * num * units + den) // (2 * den)``: ``num / den * units`` rounded half up.

    The integer core of :func:`ratio_values`; exact for ``0 <= num``, ``num * units <
    2**53`` and ``0 < den <= 2**61`` (the caller keeps to these bounds).
    """
    return (2 * units * num + den) // (2 * den)


def _all_fast(num: I64, den: I64, units: int | I64) -> bool:
    """Every element within the fast path's bounds (0 denominators aside)?"""
    if num.size == 0:
        return True
    limit = (EXACT_FLOAT - 1) // units
    # Read as uint64, a negative int64 is at least 2**63: one bound checks both ends.
    unsigned = np.asarray(num, np.int64).view(np.uint64)
    if isinstance(limit, int):
        num_ok = unsigned.max() <= limit
    else:
        num_ok = (unsigned <= np.asarray(limit, np.int64).view(np.uint64)).all()
    return bool(num_ok and np.asarray(den, np.int64).view(np.uint64).max() <= MAX_DEN)


def ratio_values(num: I64, den: I64, scale: int | I64 = 1, places: int = 2) -> Column:
    """Element-wise :func:`mock_server.domain.formulas.ratio` of ``num``, ``den``.

    ``num / den * scale`` rounded half up to ``places`` decimals; null where ``den`` is 0
    (DOMAIN.md section 2, "A zero denominator gives null"). ``scale`` is a number or an
    array broadcast against ``num`` (one scale per row of a 2-D batch).
    """
    unit = 10**places
    units = scale * unit
    zero = den == 0
    if _all_fast(num, den, units):
        values = np.asarray(half_up_units(num, den + zero, units) / unit, dtype=np.float64)
    else:
        values = _ratio_mixed(num, den, scale, places)
    values[zero] = 0.0
    return Column(values, zero)


def _ratio_mixed(num: I64, den: I64, scale: int | I64, places: int) -> F64:
    """The fast path where it applies, the domain's ``ratio`` itself elsewhere."""
    unit = 10**places
    units = scale * unit
    fast = (num >= 0) & (num <= (EXACT_FLOAT - 1) // units) & (den > 0) & (den <= MAX_DEN)
    q = half_up_units(np.where(fast, num, 0), np.where(fast, den, 1), units)
    values = np.asarray(q / unit, dtype=np.float64)
    scales = np.broadcast_to(scale, num.shape).ravel()
    flat = values.reshape(-1)
    for i in np.flatnonzero(~fast & (den != 0)).tolist():
        exact = formulas.ratio(int(num.flat[i]), int(den.flat[i]), int(scales[i]), places)
        flat[i] = 0.0 if exact is None else exact
    return values


def ratio_column(num: Column, den: Column, scale: int | I64 = 1, places: int = 2) -> Column:
    """:func:`mock_server.domain.formulas.ratio` over columns: null when an operand is null
    or the denominator is 0, as the domain's ``ratio(None, ...)`` is None. (A null operand
    holds 0, so its row's value is 0 already.)"""
    num_values = np.asarray(num.values, dtype=np.int64)
    result = ratio_values(num_values, np.asarray(den.values, dtype=np.int64), scale, places)
    return Column(result.values, result.null | num.null | den.null)


def sum_present(*parts: Column) -> Column:
    """Element-wise ``_sum_present`` of the domain (:func:`~mock_server.domain.formulas.
    later_engagements`, :func:`~mock_server.domain.formulas.later_paid_engagements`): a null
    part counts as 0 (it holds 0); the sum is null only where every part is null."""
    values = np.asarray(sum(p.values for p in parts[1:]) + parts[0].values, dtype=np.int64)
    null = parts[0].null
    for part in parts[1:]:
        if part.null is not null:
            null = null & part.null
    return Column(values, null)


def layers_engagement_rates(likes: I64, comments: I64, shares: I64, saves: I64, views: I64) -> F64:
    """Element-wise :func:`mock_server.domain.formulas.layers_engagement_rate` of sums:
    ``(likes + comments + shares + saves) / max(views, 1)``, half up to
    :data:`~mock_server.domain.formulas.LAYERS_RATE_PLACES` decimals, never null."""
    interactions = likes + comments + shares + saves
    views = np.maximum(views, 1)
    units = 10**formulas.LAYERS_RATE_PLACES
    if not _all_fast(interactions, views, units):  # the general (exact) path
        rates = ratio_values(interactions, views, 1, formulas.LAYERS_RATE_PLACES)
        return np.asarray(rates.values, dtype=np.float64)
    return np.asarray(half_up_units(interactions, views, units) / units, dtype=np.float64)


SECONDS_PER_DAY = 86_400
_MINUTES = tuple(f"{hour:02d}:{minute:02d}:" for hour in range(24) for minute in range(60))
_SECONDS = tuple(f"{second:02d}.000Z" for second in range(60))


class _DayTexts(dict[int, str]):
    """``2024-07-15T`` of an epoch day, as :func:`~mock_server.domain.timestamps.
    format_utc_millis` writes it (any year), worked out on first use: a world's posts fall
    on a few thousand days at most."""

    def __missing__(self, day: int) -> str:
        midnight = datetime.fromtimestamp(day * SECONDS_PER_DAY, UTC)
        text = self[day] = timestamps.format_utc_millis(midnight).removesuffix("00:00:00.000Z")
        return text


_DAY_TEXTS = _DayTexts()


def utc_millis(epoch_seconds: I64) -> list[str]:
    """Element-wise :func:`mock_server.domain.timestamps.format_utc_millis` of whole epoch
    seconds: ``2024-07-15T14:30:00.000Z`` (Later's postDate), the day's text remembered
    and the time's looked up (a page of 14 posts: 2.2 us; NumPy's datetime_as_string:
    5.7 us, measured)."""
    texts = []
    for stamp in epoch_seconds.tolist():
        day, second = divmod(stamp, SECONDS_PER_DAY)
        minute, second = divmod(second, 60)
        texts.append(_DAY_TEXTS[day] + _MINUTES[minute] + _SECONDS[second])
    return texts
