"""Sums over a set of rows read from a running table (world/runs.py) equal the rows' sum."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.world.runs import row_runs, run_sums, running_rows

TABLE = np.arange(7 * 5 * 3, dtype=np.int64).reshape(7, 5, 3) ** 2 % 101


def test_consecutive_rows_are_one_run() -> None:
    first, end = row_runs(np.array([4, 5, 6], dtype=np.int64))
    assert first.tolist() == [4] and end.tolist() == [7]


def test_the_running_table_starts_with_a_zero_row_and_ends_with_the_total() -> None:
    running = running_rows(TABLE)
    assert running.shape == (8, 5, 3)
    assert not running[0].any()
    assert (running[-1] == TABLE.sum(axis=0)).all()


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(0, 6)),
    st.lists(st.integers(0, 4), min_size=1, max_size=6),
)
def test_run_sums_are_the_sum_of_the_selected_rows(rows: set[int], at: list[int]) -> None:
    selected = np.array(sorted(rows), dtype=np.int64)
    columns = np.array(at, dtype=np.int64)
    first, end = row_runs(selected)
    got = run_sums(running_rows(TABLE), first, end, columns)
    expected = TABLE[selected][:, columns].sum(axis=0)
    assert got.tolist() == expected.tolist()
