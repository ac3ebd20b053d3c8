"""Deterministic ordering with nulls last and ties broken by id.

Later ``/v2/posts/performance`` sorts by one of 12 properties, ``sortDirection`` ASC | DESC,
default DESC (seeds/later-posts-performance.txt, "Sorting"), and every metric is nullable.
The document says nothing about nulls or ties (mock choice): null values go last in both
directions, and equal values keep ascending id order, so a page never depends on the order
the world happened to store posts in. This pure-Python version is the oracle; the mock may
sort with numpy as long as it agrees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar


class Comparable(Protocol):
    """Anything ordered by ``<`` (numbers, strings, datetimes)."""

    def __lt__(self, other: Any, /) -> bool: ...


V = TypeVar("V", bound=Comparable)
K = TypeVar("K", bound=Comparable)

SORT_DIRECTIONS: tuple[str, ...] = ("ASC", "DESC")
"""Later ``sortDirection`` values; DESC is the default."""


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def order_indices(values: Sequence[V | None], ids: Sequence[K], descending: bool) -> list[int]:
    """Positions of ``values`` in sorted order: nulls (and NaN) last, ties by id ascending.

    ``values[i]`` is the sort property of the item whose id is ``ids[i]``; ids must be
    distinct for the order to be total. The result indexes both sequences.
    """
    if len(values) != len(ids):
        raise ValueError(f"{len(values)} values but {len(ids)} ids")
    by_id = sorted(range(len(ids)), key=lambda i: ids[i])
    present = [i for i in by_id if not _is_null(values[i])]
    nulls = [i for i in by_id if _is_null(values[i])]
    # sorted() is stable even with reverse=True, so equal values stay in id order.
    ranked = sorted(present, key=lambda i: _present(values[i]), reverse=descending)
    return ranked + nulls


def _present(value: V | None) -> V:
    assert value is not None
    return value


def sort_key_nulls_last(value: float | None, item_id: int, descending: bool) -> tuple[Any, ...]:
    """A key for ``sorted`` giving the same order as :func:`order_indices` for numbers.

    ``(is_null, signed value, id)``; numeric values only, since DESC negates the value.
    """
    if _is_null(value):
        return (1, 0.0, item_id)
    assert value is not None
    return (0, -value if descending else value, item_id)
