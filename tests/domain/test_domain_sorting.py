"""Nulls-last ordering with ties broken by ascending id."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.sorting import order_indices, sort_key_nulls_last


@pytest.mark.parametrize(
    ("values", "ids", "descending", "expected"),
    [
        # nulls last in both directions, ties by id ascending
        ([3.0, None, 5.0, 3.0], [4, 1, 2, 3], True, [2, 3, 0, 1]),
        ([3.0, None, 5.0, 3.0], [4, 1, 2, 3], False, [3, 0, 2, 1]),
        # several nulls keep id order
        ([None, 1.0, None], [9, 5, 2], True, [1, 2, 0]),
        # NaN counts as null
        ([math.nan, 0.0], [1, 2], False, [1, 0]),
        ([], [], True, []),
    ],
)
def test_order_indices(
    values: list[float | None], ids: list[int], descending: bool, expected: list[int]
) -> None:
    assert order_indices(values, ids, descending) == expected


def test_dates_sort_too() -> None:
    dates = [datetime(2024, 7, 15, tzinfo=UTC), None, datetime(2024, 1, 5, tzinfo=UTC)]
    assert order_indices(dates, [1, 2, 3], descending=True) == [0, 2, 1]


def test_values_and_ids_must_line_up() -> None:
    with pytest.raises(ValueError):
        order_indices([1.0], [1, 2], descending=False)


rows = st.lists(st.one_of(st.none(), st.integers(-5, 5).map(float)), max_size=30)


@settings(deadline=None)
@given(rows, st.randoms(use_true_random=False), st.booleans())
@example([1.0, 1.0, None, 1.0], None, True)
def test_order_is_total_nulls_last_and_ties_by_id(
    values: list[float | None], rnd: random.Random | None, descending: bool
) -> None:
    ids = list(range(100, 100 + len(values)))
    if rnd is not None:
        rnd.shuffle(ids)
    order = order_indices(values, ids, descending)
    assert sorted(order) == list(range(len(values)))
    keys = [sort_key_nulls_last(values[i], ids[i], descending) for i in order]
    assert keys == sorted(keys)
    nulls = [values[i] is None for i in order]
    assert nulls == sorted(nulls)
