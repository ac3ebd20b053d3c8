"""Sums over a set of rows of a table, by runs of consecutive rows.

A query selects rows of a per-row table (Layers' segments of a project, Later's groups of
the client's instances) and sums them. Keeping the table as a running sum over its rows,
``running[r] = sum(table[:r])``, makes a run of consecutive rows ``first..end-1`` one
subtraction, ``running[end] - running[first]``, whatever its length; a selection is
usually one run (rows are ordered by project, by instance), so its sums cost what one
row costs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
Index = npt.NDArray[np.integer]


def running_rows(table: I64) -> I64:
    """A zero row, then the running sum of ``table`` over its first axis."""
    out = np.zeros((table.shape[0] + 1, *table.shape[1:]), dtype=np.int64)
    np.cumsum(table, axis=0, out=out[1:])
    return out


def row_runs(rows: Index) -> tuple[Index, Index]:
    """Sorted, distinct ``rows`` as runs of consecutive ones: first rows, ends (exclusive)."""
    n = len(rows)
    if n and int(rows[-1]) - int(rows[0]) == n - 1:  # one run (the common case)
        return rows[:1], rows[-1:] + 1
    breaks = np.flatnonzero(rows[1:] - rows[:-1] != 1) + 1
    first = rows[np.concatenate([[0], breaks])] if n else rows
    last = rows[np.concatenate([breaks - 1, [n - 1]])] if n else rows
    return first, last + 1


def run_sums(running: I64, first: Index, end: Index, at: Index) -> I64:
    """``sum over the runs of running[end, at] - running[first, at]``: the rows' sum of
    ``table[:, at]`` for the table ``running`` was built from."""
    if len(first) == 1:
        return np.asarray(running[int(end[0]), at] - running[int(first[0]), at], np.int64)
    return np.asarray(
        (running[end[:, None], at[None, :]] - running[first[:, None], at[None, :]]).sum(axis=0),
        dtype=np.int64,
    )
