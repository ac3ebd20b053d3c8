"""Many reported Later metrics over the same rows (a page of posts, a series of buckets, a
summary), as a dozen 2-D array operations whatever the metrics.

A list of names is compiled once (:func:`plan`, remembered per list) into the stored metrics
it reads, the sums it adds (engagements, paidEngagements: the domain's ``_sum_present``, null
only where every part is) and the ratios it divides (one 2-D :func:`.vectorised.ratio_column`,
each row at its metric's scale). A request then gathers the stored rows once, adds the sums,
divides the ratios in one batch and converts each dtype to Python lists in one call.

:func:`.later_metrics.column` (one metric at a time) is the reference; tests/perf_equivalence/
test_equivalence_later_metrics.py proves both equal to the domain functions row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_metrics import ALIASES, DERIVED, stored_names
from mock_server.query.later_sums import CLASS_OF, StoredColumns
from mock_server.query.vectorised import (
    EXACT_FLOAT,
    MAX_DEN,
    Column,
    half_up_units,
    ratio_column,
)
from mock_server.world.later_model import METRIC_INDEX

Rows = tuple[int, ...]
UNIT = 100
"""Later's ratios have 2 decimals (DOMAIN.md section 2)."""


@dataclass(frozen=True)
class Plan:
    """Rows of the node table: the ``stored`` metrics first, then one per sum of ``sums``.

    ``ratios`` are (numerator row, denominator row, scale); ``shown`` the node rows shown as
    they are; ``out`` says where each name's values are: ``(False, k)`` the k-th shown row,
    ``(True, k)`` the k-th ratio.
    """

    stored: tuple[str, ...]
    classes: Rows
    sums: tuple[Rows, ...]
    ratios: tuple[tuple[int, int, int], ...]
    shown: Rows
    out: tuple[tuple[bool, int], ...]

    @cached_property
    def nodes(self) -> NDArray[np.int64]:
        """``nodes @ stored rows``: the node table (an identity on top, a row per sum)."""
        matrix = np.zeros((len(self.stored) + len(self.sums), len(self.stored)), np.int64)
        matrix[np.arange(len(self.stored)), np.arange(len(self.stored))] = 1
        for k, parts in enumerate(self.sums):
            matrix[len(self.stored) + k, list(parts)] = 1
        return matrix

    @cached_property
    def outputs(self) -> NDArray[np.int64]:
        """``outputs @ stored rows``: the shown rows, then the ratios' numerators, then their
        denominators, in one product (each a node row)."""
        rows = [*self.shown, *(num for num, _, _ in self.ratios)]
        return self.nodes[[*rows, *(den for _, den, _ in self.ratios)]]

    @cached_property
    def parts(self) -> NDArray[np.int64]:
        """Per output row, how many stored rows it adds (null when all of them are null)."""
        return np.asarray(self.outputs.sum(axis=1)[:, None], np.int64)

    @cached_property
    def float_outputs(self) -> NDArray[np.float64]:
        """:attr:`outputs` as float64, for BLAS (NumPy multiplies int64 matrices in a plain
        loop: three times slower on a 50-post page)."""
        return self.outputs.astype(np.float64)

    @cached_property
    def float_parts(self) -> NDArray[np.float64]:
        return self.parts.astype(np.float64)

    @cached_property
    def float_limit(self) -> int:
        """The largest stored value for which the float64 product is exact: a sum of
        ``parts`` such values stays below 2**53."""
        return (EXACT_FLOAT - 1) // max(1, int(self.parts.max(initial=1)))

    @cached_property
    def metric_rows(self) -> NDArray[np.intp]:
        """Rows of the stored metrics in a table ordered as METRIC_INDEX (day-range sums)."""
        return np.array([METRIC_INDEX[name] for name in self.stored], np.intp)

    @cached_property
    def class_rows(self) -> NDArray[np.intp]:
        """Per stored metric, its availability class (a row of a nulls-by-class array)."""
        return np.array(self.classes, np.intp)

    @cached_property
    def scales(self) -> NDArray[np.int64]:
        """Per ratio (a column): its scale."""
        return np.array([[scale] for _, _, scale in self.ratios], np.int64)

    @cached_property
    def limits(self) -> NDArray[np.uint64]:
        """Per ratio: the largest numerator of the integer path (``num * scale * 100`` below
        2**53), as uint64 so that one comparison also refuses a negative numerator."""
        return ((EXACT_FLOAT - 1) // (self.scales * UNIT)).astype(np.uint64)


@lru_cache(maxsize=256)
def plan(names: tuple[str, ...]) -> Plan:
    """How to compute ``names`` (reported metric names) from stored metrics."""
    stored = list(dict.fromkeys(s for name in names for s in stored_names(name)))
    rows = {name: i for i, name in enumerate(stored)}
    sums: list[Rows] = []
    ratios: list[tuple[int, int, int]] = []

    def node(name: str) -> int:
        """The node row of a stored metric, an alias or a sum (added on first use)."""
        if name not in rows:
            derived = DERIVED[name]  # a ratio of a ratio is not in the metric table
            assert derived.scale is None, f"{name} is not a stored metric or a sum"
            sums.append(tuple(node(o) for o in derived.operands))
            rows[name] = len(stored) + len(sums) - 1
        return rows[name]

    out: list[tuple[bool, int]] = []
    shown: list[int] = []
    for name in names:
        derived = DERIVED.get(name)
        if derived is not None and derived.scale is not None:
            num, den = (node(o) for o in derived.operands)
            ratios.append((num, den, derived.scale))
            out.append((True, len(ratios) - 1))
        else:
            shown.append(node(ALIASES.get(name, name)))
            out.append((False, len(shown) - 1))
    classes = tuple(CLASS_OF[name] for name in stored)
    return Plan(tuple(stored), classes, tuple(sums), tuple(ratios), tuple(shown), tuple(out))


def columns(source: StoredColumns, names: Sequence[str], null: object = None) -> list[list[Any]]:
    """The metrics ``names`` over ``source``'s rows as Python lists (``null`` where null),
    in the order of ``names``."""
    p = plan(tuple(names))
    if not p.out:
        return []
    shown, ratios = computed(p, source)
    return as_lists(p, shown.values, shown.null, ratios.values, ratios.null, null)


def computed(p: Plan, source: StoredColumns) -> tuple[Column, Column]:
    """The plan's shown rows and its ratios over ``source``'s rows, as two 2-D columns."""
    if source.rows is METRIC_INDEX:
        values = source.values[p.metric_rows]
    else:
        values = source.values[[source.rows[name] for name in p.stored]]
    if isinstance(source.nulls, np.ndarray):  # every class at once (sums over ranges)
        nulls = source.nulls[p.class_rows]
    else:
        nulls = np.array([source.nulls[c] for c in p.classes], np.bool_).reshape(values.shape)
    out, out_null = _products(p, values, nulls)
    shown, ratios = len(p.shown), len(p.ratios)
    num, den = slice(shown, shown + ratios), slice(shown + ratios, None)
    ratio = (
        _ratios(p, Column(out[num], out_null[num]), Column(out[den], out_null[den]))
        if ratios
        else Column(np.zeros((0, values.shape[1])), np.zeros((0, values.shape[1]), np.bool_))
    )
    return Column(out[:shown], out_null[:shown]), ratio


def as_lists(
    p: Plan,
    shown: NDArray[Any],
    shown_null: NDArray[np.bool_],
    ratios: NDArray[Any],
    ratios_null: NDArray[np.bool_],
    null: object,
) -> list[list[Any]]:
    """The plan's shown rows and ratios (as :func:`computed` gives them; a value where its
    row is null is never read) as one Python list per name of the plan, ``null`` where
    null, each dtype converted in one call."""
    lists: dict[bool, list[list[Any]]] = {}
    if p.shown:
        lists[False] = _lists(shown, shown_null, null)
    if p.ratios:
        lists[True] = _lists(ratios, ratios_null, null)
    return [lists[is_ratio][row] for is_ratio, row in p.out]


def _products(
    p: Plan, values: NDArray[np.int64], nulls: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """``p.outputs @ values`` and where each output is null (all of its parts are), exactly:
    in float64 (BLAS) when every value is within :attr:`Plan.float_limit`, else in int64
    (a negative value, read as uint64, is beyond the limit too)."""
    if values.size and values.view(np.uint64).max() <= p.float_limit:
        out = (p.float_outputs @ values.astype(np.float64)).astype(np.int64)
    else:  # exact: int64 products of 0/1 and counts far below 2**63
        out = p.outputs @ values
    return out, (p.float_outputs @ nulls.astype(np.float64)) == p.float_parts


def _ratios(p: Plan, num: Column, den: Column) -> Column:
    """:func:`.vectorised.ratio_column` of the plan's ratios (2 decimals, each row at its
    scale), with the plan's bounds: the integer path of :func:`.vectorised.half_up_units`
    when every value is within them, the general one otherwise."""
    n, d = np.asarray(num.values, np.int64), np.asarray(den.values, np.int64)
    if n.size and not (
        (n.view(np.uint64) <= p.limits).all() and d.view(np.uint64).max() <= MAX_DEN
    ):
        return ratio_column(num, den, p.scales)
    zero = d == 0
    values = half_up_units(n, d + zero, UNIT * p.scales) / UNIT
    values[zero] = 0.0  # a null row holds 0 (the Column invariant)
    return Column(values, zero | num.null | den.null)


def _lists(values: NDArray[Any], nulls: NDArray[np.bool_], null: object) -> list[list[Any]]:
    """One Python list per row of ``values``, ``null`` where ``nulls`` (set in an object
    array before the conversion: a page of posts has hundreds of nulls)."""
    if not nulls.any():
        out: list[list[Any]] = values.tolist()
        return out
    objects = values.astype(object)
    objects[nulls] = null
    filled: list[list[Any]] = objects.tolist()
    return filled
