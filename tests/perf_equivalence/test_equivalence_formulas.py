"""The array twins of mock_server/query/vectorised.py equal the domain's formulas, element by
element: zeros, nulls, ties at exactly .5, values past the integer fast path, negatives.

Floats are compared by ``repr`` so that 0.0 and -0.0 (which json writes differently) count
as different values.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain import formulas as f
from mock_server.domain.timestamps import format_utc_millis
from mock_server.query.vectorised import (
    EXACT_FLOAT,
    Column,
    layers_engagement_rates,
    ratio_column,
    ratio_values,
    sum_present,
    utc_millis,
)

SCALES = st.sampled_from([1, 100, 1000])
PLACES = st.sampled_from([2, 4])
WORLD = st.integers(0, 2**40)  # sums of the worlds' counts
WIDE = st.integers(-(2**62), 2**62)  # anything an int64 sum could hold


def _same(actual: list[object], expected: list[object]) -> None:
    assert [repr(a) for a in actual] == [repr(e) for e in expected]


def _tie(half_units: int, scale: int, places: int, size: int) -> tuple[int, int]:
    """num, den with num / den * scale == (half_units + 0.5) / 10**places exactly."""
    return (2 * half_units + 1) * size, 2 * 10**places * scale * size


@st.composite
def operand_pairs(draw: st.DrawFn, scale: int, places: int) -> tuple[list[int], list[int]]:
    """Numerators and denominators: world-sized, zero, exact ties, huge or negative."""
    kinds = st.sampled_from(["world", "zero-den", "zero-num", "tie", "wide"])
    nums, dens = [], []
    for kind in draw(st.lists(kinds, min_size=1, max_size=30)):
        if kind == "tie":
            num, den = _tie(draw(st.integers(0, 10**6)), scale, places, draw(st.integers(1, 999)))
        elif kind == "wide":
            num, den = draw(WIDE), draw(WIDE)
        else:
            num = 0 if kind == "zero-num" else draw(WORLD)
            den = 0 if kind == "zero-den" else draw(WORLD)
        nums.append(num)
        dens.append(den)
    return nums, dens


@settings(max_examples=400, deadline=None)
@given(st.data(), SCALES, PLACES)
def test_ratio_values_equal_the_domain_ratio_element_by_element(
    data: st.DataObject, scale: int, places: int
) -> None:
    nums, dens = data.draw(operand_pairs(scale, places))
    got = ratio_values(np.array(nums, np.int64), np.array(dens, np.int64), scale, places)
    expected = [f.ratio(n, d, scale, places) for n, d in zip(nums, dens, strict=True)]
    _same(got.tolist(), expected)


@pytest.mark.parametrize(
    ("num", "den", "scale", "places", "shown"),
    [
        (7875, 1000, 1, 2, 7.88),  # 7.875: half up, not half even
        (1, 8, 1, 2, 0.13),  # 0.125
        (1005, 1000, 1, 2, 1.01),  # 1.005, which binary floats hold as 1.00499...
        (1240, 8500, 100, 2, 14.59),  # the seed's engagementRate
        (300, 8500, 1000, 2, 35.29),  # the seed's cpm
        (41, 1000, 1, 4, 0.041),
        (1, 20000, 1, 4, 0.0001),  # 0.00005: a tie at the fourth decimal
        ((EXACT_FLOAT // 100_000) + 1, 1, 1000, 2, None),  # just past the fast path
        (2**62, 3, 1000, 2, None),
        (-1, 1000, 1, 2, None),  # negative: the domain decides (-0.0)
    ],
)
def test_ratio_values_match_worked_examples_and_path_boundaries(
    num: int, den: int, scale: int, places: int, shown: float | None
) -> None:
    got = ratio_values(np.array([num]), np.array([den]), scale, places).tolist()[0]
    expected = f.ratio(num, den, scale, places)
    assert repr(got) == repr(expected)
    if shown is not None:
        assert got == shown


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 100, 1000]), WORLD, WORLD), min_size=1, max_size=8))
def test_a_2d_batch_takes_one_scale_per_row(rows: list[tuple[int, int, int]]) -> None:
    scales = np.array([[s] for s, _, _ in rows], np.int64)
    nums = np.array([[n, 0, n] for _, n, _ in rows], np.int64)
    dens = np.array([[d, d, 0] for _, _, d in rows], np.int64)
    got = ratio_values(nums, dens, scales).tolist()
    for (scale, num, den), row in zip(rows, got, strict=True):
        _same(row, [f.ratio(num, den, scale), f.ratio(0, den, scale), None])


def _column(values: list[int | None]) -> Column:
    """A column with the invariant: nulls hold 0."""
    null = np.array([v is None for v in values], np.bool_)
    return Column(np.array([v or 0 for v in values], np.int64), null)


NULLABLE = st.one_of(st.none(), WORLD)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NULLABLE, NULLABLE), min_size=1, max_size=30), SCALES)
def test_ratio_column_is_null_where_the_domain_gives_none(
    pairs: list[tuple[int | None, int | None]], scale: int
) -> None:
    nums, dens = [n for n, _ in pairs], [d for _, d in pairs]
    got = ratio_column(_column(nums), _column(dens), scale)
    _same(got.tolist(), [f.ratio(n, d, scale) for n, d in pairs])
    assert not got.values[got.null].any()  # the invariant holds for the result too


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NULLABLE, NULLABLE, NULLABLE, NULLABLE), min_size=1, max_size=30))
@example([(None, None, None, None), (0, None, None, None), (0, 0, 0, 0)])
def test_sum_present_is_the_domains_engagements(rows: list[tuple[int | None, ...]]) -> None:
    parts = [_column([row[k] for row in rows]) for k in range(4)]
    got = sum_present(*parts).tolist()
    assert got == [f.later_engagements(*row) for row in rows]
    assert got == [f.later_paid_engagements(*row) for row in rows]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORLD, WORLD, WORLD, WORLD, st.integers(0, 2**44)), max_size=40))
@example([(0, 0, 0, 0, 0), (1, 0, 0, 0, 0), (0, 0, 0, 1, 20000), (41, 0, 0, 0, 1000)])
@example([(2**40, 2**40, 2**40, 2**40, 1)])  # past the fast path: the domain itself
def test_layers_rates_equal_layers_engagement_rate(rows: list[tuple[int, ...]]) -> None:
    columns = [np.array([row[k] for row in rows], np.int64) for k in range(5)]
    got = layers_engagement_rates(*columns).tolist()
    _same(got, [f.layers_engagement_rate(*row) for row in rows])


YEAR_1 = int(datetime(1, 1, 1, tzinfo=UTC).timestamp())
YEAR_1000 = int(datetime(1000, 1, 1, tzinfo=UTC).timestamp())
YEAR_9999_END = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(YEAR_1, YEAR_9999_END)))
@example([YEAR_1, YEAR_1 + 86_399, YEAR_1000 - 1, YEAR_1000, 0, -1, YEAR_9999_END])
def test_utc_millis_is_format_utc_millis(seconds: list[int]) -> None:
    expected = [format_utc_millis(datetime.fromtimestamp(s, UTC)) for s in seconds]
    assert utc_millis(np.array(seconds, np.int64)) == expected
