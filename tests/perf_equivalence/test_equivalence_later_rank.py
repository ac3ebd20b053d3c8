"""A posts page selected by top-k (query/later_rank.py) equals the same page of a full sort.

Three oracles, from the simplest: :func:`mock_server.domain.sorting.order_indices` (pure
Python, nulls last, ties by id); :func:`.later_rank.full_order` (one ``np.lexsort`` of every
row); and, over a world, :func:`reference_order`: the sort key of every selected post
computed as it was before the top-k selection (every stored operand of every post, no flag
shortcut) and fully sorted. Pages beyond the last, pages of one item, ties, nulls, both
directions and all 12 sort properties are covered, each both as served (small parts are
fully sorted) and by selection alone (:func:`selection_only`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.domain.sorting import order_indices
from mock_server.query import later_rank
from mock_server.query.later_filters import (
    PERFORMANCE_DATE,
    POST_DATE,
    LaterFilter,
    Selection,
    select,
)
from mock_server.query.later_metrics import column, needed_flags, stored_names
from mock_server.query.later_posts import ordered, posts_page, sort_key
from mock_server.query.later_rank import full_order, page_order
from mock_server.query.later_sums import post_columns
from mock_server.world.later import LaterWorld

SORT_PROPERTIES = (
    "engagements", "impressions", "engagementRate", "estimatedValueGenerated", "cpe", "cpm",
    "postDate", "paidEngagements", "paidImpressions", "paidEngagementRate", "paidCpe", "paidCpm",
)  # fmt: skip
Rows = list[tuple[int | float | None, int]]


@contextmanager
def selection_only() -> Iterator[None]:
    """Never fall back to the full sort, however small the part or large the page."""
    with (
        patch.object(later_rank, "FULL_SORT_SHARE", 0),
        patch.object(later_rank, "FULL_SORT_SIZE", -1),
    ):
        yield


PATHS: tuple[Callable[[], AbstractContextManager[None]], ...] = (nullcontext, selection_only)
"""As served, and by selection alone."""


def _arrays(
    rows: Rows, dtype: type[np.generic]
) -> tuple[NDArray[np.generic], NDArray[np.bool_], NDArray[np.int64]]:
    values = np.array([0 if v is None else v for v, _ in rows], dtype)
    null = np.array([v is None for v, _ in rows], np.bool_)
    ids = np.array([i for _, i in rows], np.int64)
    return values, null, ids


# --- the rule, with numbers to check by hand --------------------------------------------


def test_nulls_go_last_and_ties_by_id_in_both_directions() -> None:
    #       row:  0   1     2   3   4     5
    values = [3, 1, None, 3, 2, None]
    ids = [50, 40, 30, 20, 10, 5]
    v, null, i = _arrays(list(zip(values, ids, strict=True)), np.int64)
    # DESC: 3 (id 20), 3 (id 50), 2, 1, then the nulls by id: id 5, id 30
    assert full_order(v, null, i, True).tolist() == [3, 0, 4, 1, 5, 2]
    # ASC: 1, 2, 3 (id 20), 3 (id 50), nulls still last: id 5, id 30
    assert full_order(v, null, i, False).tolist() == [1, 4, 3, 0, 5, 2]
    for path in PATHS:
        with path():
            for descending in (True, False):
                everything = full_order(v, null, i, descending).tolist()
                for start in range(8):
                    for stop in range(start, 9):
                        page = page_order(v, null, i, descending, start, stop).tolist()
                        assert page == everything[start:stop], (descending, start, stop)


def test_int64_values_beyond_float_precision_keep_their_order() -> None:
    # 2**53 and 2**53 + 1 are the same float64: a float key would tie them (then id order)
    big = 2**53
    v = np.array([big + 1, big, big + 1, 7] + [0] * 20, np.int64)
    i = np.array([1, 2, 3, 4] + list(range(100, 120)), np.int64)
    null = np.zeros(v.size, np.bool_)
    with selection_only():
        assert page_order(v, null, i, True, 0, 3).tolist() == [0, 2, 1]
        assert page_order(v, null, i, False, 21, 24).tolist() == [1, 0, 2]


def test_a_page_of_a_thousand_rows_sorts_only_its_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The top-k path: only ``stop`` candidates are sorted (here 20 of 1000)."""
    sorted_sizes: list[int] = []
    real = np.lexsort

    def lexsort(keys: tuple[NDArray[np.generic], ...]) -> NDArray[np.intp]:
        sorted_sizes.append(int(keys[0].shape[0]))
        return np.asarray(real(keys), np.intp)

    values = np.arange(1000, dtype=np.int64) % 7  # about 143 ties per value
    ids = np.arange(1000, dtype=np.int64)[::-1].copy()
    null = np.zeros(1000, np.bool_)
    expected = full_order(values, null, ids, True)[10:20].tolist()
    monkeypatch.setattr(later_rank.np, "lexsort", lexsort)
    page = page_order(values, null, ids, True, 10, 20)
    assert sorted_sizes == [20]
    assert page.tolist() == expected


# --- property tests against the oracles -------------------------------------------------

INT_VALUES = st.one_of(st.integers(0, 4), st.integers(0, 2**62), st.none())
FLOAT_VALUES = st.one_of(
    st.sampled_from([0.0, 0.01, 0.5, 1.0, 33.33, 1e6]),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False),
    st.none(),
)


@st.composite
def ranked_rows(draw: st.DrawFn, values: st.SearchStrategy[int | float | None]) -> Rows:
    rows = draw(st.integers(0, 120))
    ids = draw(st.lists(st.integers(-(2**40), 2**40), min_size=rows, max_size=rows, unique=True))
    return [(draw(values), post_id) for post_id in ids]


def _check_pages(
    rows: Rows, dtype: type[np.generic], descending: bool, size: int, page: int
) -> None:
    v, null, ids = _arrays(rows, dtype)
    expected = order_indices([value for value, _ in rows], [i for _, i in rows], descending)
    assert full_order(v, null, ids, descending).tolist() == expected
    start, stop = page_slice(len(rows), page, size)
    for path in PATHS:
        with path():
            got = page_order(v, null, ids, descending, start, stop).tolist()
        assert got == expected[start:stop], path


@settings(max_examples=400, deadline=None)
@given(ranked_rows(INT_VALUES), st.booleans(), st.integers(1, 130), st.integers(1, 140))
@example([(None, 3), (None, 1), (2, 2)], False, 1, 2)
@example([(5, 9), (5, 1), (5, 4), (1, 7)], True, 1, 3)
@example([], True, 1, 1)
def test_int_pages_equal_the_domain_order(
    rows: Rows, descending: bool, size: int, page: int
) -> None:
    _check_pages(rows, np.int64, descending, size, page)


@settings(max_examples=400, deadline=None)
@given(ranked_rows(FLOAT_VALUES), st.booleans(), st.integers(1, 130), st.integers(1, 140))
def test_float_pages_equal_the_domain_order(
    rows: Rows, descending: bool, size: int, page: int
) -> None:
    _check_pages(rows, np.float64, descending, size, page)


# --- over a world: every sort property, both directions ---------------------------------


@pytest.fixture(scope="module")
def world(later_world: LaterWorld) -> LaterWorld:
    return later_world


def reference_order(
    selection: Selection, positions: NDArray[np.intp], prop: str, descending: bool
) -> NDArray[np.intp]:
    """The sort before top-k: every post's key from all its operands, one lexsort."""
    if prop == "postDate":
        value = selection.index.posts.posted_at[positions]
        null = np.zeros(positions.size, np.bool_)
    else:
        key = column(post_columns(selection, positions, stored_names(prop)), prop)
        value, null = key.values, key.null
    post_id = selection.index.posts.post_id[positions]
    return positions[np.lexsort((post_id, -value if descending else value, null))]


SCOPES = st.tuples(
    st.dates(date(2024, 6, 1), date(2026, 12, 31)),
    st.integers(0, 400),
    st.sampled_from([POST_DATE, PERFORMANCE_DATE]),
)


@settings(max_examples=120, deadline=None)
@given(
    SCOPES,
    st.sampled_from(SORT_PROPERTIES),
    st.booleans(),
    st.sampled_from([1, 2, 7, 50, 100]),
    st.integers(1, 60),
    st.integers(0, 2),
)
def test_a_world_page_equals_the_full_sort(
    world: LaterWorld,
    scope: tuple[date, int, str],
    prop: str,
    descending: bool,
    size: int,
    page: int,
    client: int,
) -> None:
    start_date, days, basis = scope
    instances = world.clients[client % len(world.clients)].instance_ids
    end_date = date.fromordinal(start_date.toordinal() + days)
    selection = select(world, LaterFilter(start_date, end_date, instances, basis=basis))
    positions = selection.positions()
    expected = reference_order(selection, positions, prop, descending)
    start, stop = page_slice(positions.size, page, size)
    for path in PATHS:
        with path():
            got = posts_page(selection, prop, descending, page, size, ("likes",))
        assert got.total == positions.size
        assert got.positions.tolist() == expected[start:stop].tolist(), path
    assert ordered(selection, positions, prop, descending).all().tolist() == expected.tolist()


@pytest.mark.parametrize("prop", SORT_PROPERTIES)
@pytest.mark.parametrize("basis", [POST_DATE, PERFORMANCE_DATE])
def test_every_page_of_every_sort_walks_the_full_sort(
    world: LaterWorld, prop: str, basis: str
) -> None:
    instances = world.clients[0].instance_ids
    scope = LaterFilter(date(2025, 1, 1), date(2026, 10, 31), instances, basis=basis)
    selection = select(world, scope)
    positions = selection.positions()
    pages = -(-positions.size // 7) + 1  # one page past the last
    for descending in (True, False):
        expected = reference_order(selection, positions, prop, descending).tolist()
        for path in PATHS:
            walked: list[int] = []
            with path():
                for page in range(1, pages + 1):
                    chosen = posts_page(selection, prop, descending, page, 7, ("likes",))
                    walked += chosen.positions.tolist()
            assert walked == expected, path


@pytest.mark.parametrize("prop", SORT_PROPERTIES)
def test_a_post_without_the_needed_flags_sorts_as_null(world: LaterWorld, prop: str) -> None:
    """The flag shortcut of ``sort_key`` agrees with computing every post's key."""
    instances = world.clients[0].instance_ids
    for basis in (POST_DATE, PERFORMANCE_DATE):
        scope = LaterFilter(date(2024, 1, 1), date(2026, 10, 31), instances, basis=basis)
        selection = select(world, scope)
        positions = selection.positions()
        value, null = sort_key(selection, positions, prop)
        if prop == "postDate":
            assert not null.any()
            continue
        full = column(post_columns(selection, positions, stored_names(prop)), prop)
        assert null.tolist() == full.null.tolist()
        assert value.tolist() == full.values.tolist()
        assert value.dtype == full.values.dtype
        lacking = np.zeros(positions.size, np.bool_)
        for flag in needed_flags(prop):
            lacking |= ~world.index.posts.flags[flag][positions]
        assert full.null[lacking].all()
