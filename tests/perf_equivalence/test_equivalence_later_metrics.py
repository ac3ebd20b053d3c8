"""Later's metric table: every derived metric's array twin equals its domain function, and a
whole page of metrics computed in one batch equals the domain applied row by row.

The oracle reads one row through the domain functions (mock_server/domain/formulas.py)
exactly as the per-post code did before the pages were vectorised.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.query.later_metrics import (
    ALIASES,
    DERIVED,
    STORED_AS_IS,
    Value,
    column,
    stored_names,
)
from mock_server.query.later_sums import StoredColumns
from mock_server.query.later_table import columns, plan
from mock_server.world.later_model import AVAILABILITY, METRIC_NAMES, METRICS
from mock_server.world.later_profile import ACCRUAL_DAYS, accrued, daily_values

REPORTED = (*STORED_AS_IS, *ALIASES, *DERIVED)
CLASS_OF = {m.name: AVAILABILITY.index(m.needs) for m in METRICS}


def scalar(get: Callable[[str], int | None], name: str) -> Value:
    """The domain's value of ``name`` for one row (the oracle)."""
    if name in DERIVED:
        derived = DERIVED[name]
        return derived.domain(*(scalar(get, o) for o in derived.operands))
    return get(ALIASES.get(name, name))


@st.composite
def stored_rows(draw: st.DrawFn) -> StoredColumns:
    """Rows of every stored metric, with the world's invariant: a metric a row does not
    carry is 0 (and null)."""
    rows = draw(st.integers(1, 12))
    nulls = [np.zeros(rows, np.bool_)]  # class (): every post, never null
    nulls += [
        np.array(draw(st.lists(st.booleans(), min_size=rows, max_size=rows)))
        for _ in AVAILABILITY[1:]
    ]
    big = st.integers(0, 2**31 - 1)
    small = st.integers(0, 30)
    values = np.array(
        [draw(st.lists(st.one_of(small, big), min_size=rows, max_size=rows)) for _ in METRIC_NAMES],
        np.int64,
    )
    for i, name in enumerate(METRIC_NAMES):
        values[i][nulls[CLASS_OF[name]]] = 0
    return StoredColumns(values, nulls)


def _getter(stored: StoredColumns, row: int) -> Callable[[str], int | None]:
    def get(name: str) -> int | None:
        value = stored(name)
        return None if value.null[row] else int(value.values[row])

    return get


@settings(max_examples=300, deadline=None)
@given(stored_rows(), st.sampled_from(sorted(DERIVED)))
def test_each_derived_twin_equals_its_domain_function(stored: StoredColumns, name: str) -> None:
    got = column(stored, name).tolist()
    rows = stored.values.shape[1]
    expected = [scalar(_getter(stored, r), name) for r in range(rows)]
    assert [repr(v) for v in got] == [repr(v) for v in expected]


@settings(max_examples=200, deadline=None)
@given(stored_rows(), st.permutations(REPORTED))
def test_a_batched_page_of_metrics_equals_the_domain_row_by_row(
    stored: StoredColumns, names: list[str]
) -> None:
    got = columns(stored, tuple(names))
    rows = stored.values.shape[1]
    for name, values in zip(names, got, strict=True):
        expected = [scalar(_getter(stored, r), name) for r in range(rows)]
        assert [repr(v) for v in values] == [repr(v) for v in expected], name


@settings(max_examples=200, deadline=None)
@given(stored_rows(), st.lists(st.sampled_from(REPORTED), unique=True, max_size=6))
def test_any_few_metrics_equal_the_domain_row_by_row(
    stored: StoredColumns, names: list[str]
) -> None:
    got = columns(stored, tuple(names), null="null")
    rows = stored.values.shape[1]
    assert len(got) == len(names)
    for name, values in zip(names, got, strict=True):
        expected = [scalar(_getter(stored, r), name) for r in range(rows)]
        assert [repr(v) for v in values] == [repr("null" if e is None else e) for e in expected]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**60), min_size=len(METRIC_NAMES), max_size=len(METRIC_NAMES)))
def test_ratios_past_the_integer_path_still_equal_the_domain(values: list[int]) -> None:
    """Sums of 2**60 (four parts at most) stay in int64; ratios of them leave the fast path."""
    stored = StoredColumns(
        np.array([[v, v // 7, 0] for v in values], np.int64),
        [np.zeros(3, np.bool_) for _ in AVAILABILITY],
    )
    names = tuple(n for n in REPORTED if n in DERIVED and DERIVED[n].scale is not None)
    for name, got in zip(names, columns(stored, names), strict=True):
        expected = [scalar(_getter(stored, r), name) for r in range(3)]
        assert [repr(v) for v in got] == [repr(e) for e in expected], name


@pytest.mark.parametrize("big", [2**51 - 5, 2**51 - 1, 2**51, 2**51 + 3, 2**60])
def test_sums_are_exact_on_either_side_of_the_float_products_limit(big: int) -> None:
    """Sums are taken in float64 (BLAS) below Plan.float_limit and in int64 above it: both
    exact. A sum has four parts at most, so the limit is (2**53 - 1) // 4, just under 2**51."""
    values = np.array([[big, big // 3 + 1, 7] for _ in METRIC_NAMES], np.int64)
    stored = StoredColumns(values, [np.zeros(3, np.bool_) for _ in AVAILABILITY])
    names = ("engagements", "paidEngagements", "likes", "engagementRate")
    assert plan(names).float_limit == (2**53 - 1) // 4
    for name, got in zip(names, columns(stored, names), strict=True):
        expected = [scalar(_getter(stored, r), name) for r in range(3)]
        assert [repr(v) for v in got] == [repr(e) for e in expected], name


def test_a_plan_reads_each_stored_metric_once_and_adds_each_sum_once() -> None:
    p = plan(("engagementRate", "engagements", "cpe", "likes"))
    assert sorted(p.stored) == sorted(
        {"likes", "comments", "shares", "clicks", "impressions", "cost"}
    )
    assert len(p.sums) == 1 and len(p.ratios) == 2
    assert [is_ratio for is_ratio, _ in p.out] == [True, False, True, False]


@pytest.mark.parametrize("name", REPORTED)
def test_stored_names_are_what_the_domain_reads(name: str) -> None:
    read: list[str] = []

    def get(stored: str) -> int:
        read.append(stored)
        return 1

    scalar(get, name)
    assert set(stored_names(name)) == set(read)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 2**31 - 1), min_size=1, max_size=6),
    st.integers(-ACCRUAL_DAYS - 5, ACCRUAL_DAYS + 5),
    st.integers(-5, 2 * ACCRUAL_DAYS),
    st.booleans(),
)
def test_accrued_over_several_metrics_at_once_is_the_sum_of_daily_values(
    totals: list[int], first: int, stop: int, on_publish: bool
) -> None:
    got = accrued(np.array([[t] for t in totals]), np.array([first]), np.array([stop]), on_publish)
    lo, hi = max(first, 0), max(min(stop, ACCRUAL_DAYS), 0)
    expected = [sum(daily_values(t, on_publish)[lo:hi]) for t in totals]
    assert got[:, 0].tolist() == expected
