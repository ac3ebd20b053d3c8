"""Every post's reported metrics as of the world's clock, computed once per list of names.

seeds/later-posts-performance.txt with dateBasis=post_date reports each post's metrics as of
now (the world's clock): they do not depend on the request, which is why
:mod:`.later_order` can sort every post once. A :class:`ClockTable` holds them for a list
of names (the metrics a post shows): a page of posts then gathers its rows of the table
instead of computing them from stored metrics (:func:`.later_sums.post_columns` and
:func:`.later_table.columns`: about 45 us per page however few its posts, measured on the
bench's pages at scale large; gathering them: about 9 us for 14 posts).

The table is :func:`.later_table.computed` over every post, a chunk at a time, so it holds
exactly what computing a page gives (tests/perf_equivalence/test_equivalence_later_clock.py).
Counts are kept as int32 when every one fits (else int64) with -1 where null (counts are
never negative: generated worlds and fixtures alike), ratios as float64 with NaN where
null. Memory: 4 or 8 bytes per post and name: about 95 MB for the 18 post metrics at scale
large (1M posts), built in about 0.3 s, by ``serve`` before its workers fork
(serving.prepare).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_order import whole_world
from mock_server.query.later_sums import post_columns
from mock_server.query.later_table import Plan, as_lists, computed, plan
from mock_server.world.derived import Derived
from mock_server.world.later_index import LaterIndex

CHUNK = 1 << 16
"""Posts computed at a time while a table is built (bounds the peak memory)."""
NULL_COUNT = -1
"""A count's value where it is null."""


@dataclass(frozen=True)
class ClockTable:
    """The plan's shown values (``counts``) and ratios (``ratios``) of every post as of the
    clock, a row per index position and a column per value: a post's values lie together,
    so a page of scattered posts reads a cache line or two per post, not one per value
    (gathering 14 posts: 1.2 vs 2.8 us, measured)."""

    plan: Plan
    counts: NDArray[np.signedinteger[Any]]
    ratios: NDArray[np.float64]

    @classmethod
    def of(cls, index: LaterIndex, names: tuple[str, ...]) -> ClockTable:
        p, everyone = plan(names), whole_world(index)
        shown: list[NDArray[np.int64]] = []
        ratios: list[NDArray[np.float64]] = []
        for start in range(0, len(index.posts), CHUNK):
            positions = np.arange(start, min(start + CHUNK, len(index.posts)), dtype=np.intp)
            stored = post_columns(everyone, positions, p.stored, every_class=True)
            counts, ratio = computed(p, stored)
            shown.append(np.ascontiguousarray(np.where(counts.null, NULL_COUNT, counts.values).T))
            ratios.append(np.ascontiguousarray(np.where(ratio.null, np.nan, ratio.values).T))
        if not shown:
            empty = np.zeros((0, len(p.shown)), np.int32)
            return cls(p, empty, np.zeros((0, len(p.ratios))))
        return cls(
            p,
            np.concatenate(shown, dtype=count_type(shown)),
            np.concatenate(ratios),
        )

    def columns(self, positions: NDArray[np.intp], null: object) -> list[list[Any]]:
        """The posts at ``positions`` as :func:`.later_table.columns` gives them: one
        Python list per name, ``null`` where null."""
        counts, ratios = (
            self.counts.take(positions, axis=0).T,
            self.ratios.take(positions, axis=0).T,
        )
        return as_lists(self.plan, counts, counts == NULL_COUNT, ratios, np.isnan(ratios), null)


def count_type(chunks: Sequence[NDArray[np.int64]]) -> type[np.signedinteger[Any]]:
    """int32 when every count of ``chunks`` fits in it, else int64."""
    top = max((int(chunk.max(initial=0)) for chunk in chunks), default=0)
    return np.int32 if top <= np.iinfo(np.int32).max else np.int64


_tables: Derived[ClockTable] = Derived()


def clock_table(index: LaterIndex, names: Sequence[str]) -> ClockTable:
    """The :class:`ClockTable` of ``names`` over ``index``, built on first use."""
    key = tuple(names)
    return _tables.get(index, key, lambda: ClockTable.of(index, key))
