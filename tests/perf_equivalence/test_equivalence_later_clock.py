"""A ClockTable holds every post's metrics as of the clock exactly as computing them gives.

With dateBasis=post_date a page of posts reads its metrics off the world's
:class:`.ClockTable` instead of computing them (:func:`.later_sums.post_columns`, then
:func:`.later_table.columns`): for every post, in any order, the lists must be the same,
value for value and type for type (an int is not a float), nulls included.
"""

from __future__ import annotations

import random
from datetime import date
from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest

from mock_server.query import later_clock
from mock_server.query.later_clock import ClockTable, clock_table, count_type
from mock_server.query.later_filters import POST_DATE, LaterFilter, select
from mock_server.query.later_order import whole_world
from mock_server.query.later_posts import posts_page
from mock_server.query.later_sums import post_columns
from mock_server.query.later_table import columns
from mock_server.vendors.later import mapping
from mock_server.world.later import LaterWorld
from mock_server.world.later_index import LaterIndex

NAMES = mapping.METRIC_KEYS


def _computed(world: LaterWorld, positions: np.ndarray) -> list[list[object]]:
    stored = post_columns(whole_world(world.index), positions, mapping.POST_STORED, True)
    return columns(stored, NAMES, "null")


def _typed(lists: list[list[object]]) -> list[list[tuple[str, object]]]:
    return [[(type(v).__name__, v) for v in row] for row in lists]


def test_every_post_reads_as_computed(
    later_world: LaterWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(later_clock, "CHUNK", 997)  # several chunks, the last one short
    table = ClockTable.of(later_world.index, NAMES)
    everyone = np.arange(len(later_world.index.posts), dtype=np.intp)
    read = table.columns(everyone, "null")
    assert _typed(read) == _typed(_computed(later_world, everyone))
    assert any("null" in row for row in read) and any(
        isinstance(v, float) for row in read for v in row
    )  # both nulls and ratios were compared


def test_pages_in_any_order_read_as_computed(later_world: LaterWorld) -> None:
    table = clock_table(later_world.index, NAMES)
    rng = random.Random(3)
    posts = len(later_world.index.posts)
    for size in (1, 2, 14, 50, 200):
        at = np.array(rng.sample(range(posts), min(size, posts)), np.intp)
        assert _typed(table.columns(at, "null")) == _typed(_computed(later_world, at))
    assert table.columns(np.zeros(0, np.intp), "null") == [[] for _ in NAMES]


def test_a_served_page_reads_what_its_own_stored_metrics_give(later_world: LaterWorld) -> None:
    """A post_date page's metrics do not depend on its days or filters: the table's equal
    the page's own computation."""
    client = later_world.clients[0]
    scope = LaterFilter(
        date(2025, 11, 1), date(2026, 10, 31), tuple(client.instance_ids), basis=POST_DATE
    )
    page = posts_page(select(later_world, scope), "impressions", True, 1, 100, mapping.POST_STORED)
    assert page.positions.size and page.as_of_clock
    expected = columns(page.stored, NAMES, "null")
    assert _typed(clock_table(later_world.index, NAMES).columns(page.positions, "null")) == (
        _typed(expected)
    )


def test_counts_are_int32_while_they_fit_and_int64_past_it(
    later_world: LaterWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = np.iinfo(np.int32).max
    assert count_type([np.array([[0, limit]]), np.array([[-1]])]) is np.int32
    assert count_type([np.array([[0]]), np.array([[limit + 1]])]) is np.int64
    assert count_type([]) is np.int32
    narrow = ClockTable.of(later_world.index, NAMES)
    monkeypatch.setattr(later_clock, "count_type", lambda chunks: np.int64)
    wide = ClockTable.of(later_world.index, NAMES)
    assert narrow.counts.dtype == np.int32 and wide.counts.dtype == np.int64
    everyone = np.arange(len(later_world.index.posts), dtype=np.intp)
    assert _typed(narrow.columns(everyone, "null")) == _typed(wide.columns(everyone, "null"))


def test_a_world_without_posts_has_an_empty_table() -> None:
    index = SimpleNamespace(posts=[], groups=0, days=1)
    table = ClockTable.of(cast(LaterIndex, index), NAMES)
    assert table.counts.shape[0] == table.ratios.shape[0] == 0
    assert table.columns(np.zeros(0, np.intp), "null") == [[] for _ in NAMES]


def test_a_posts_values_lie_together(later_world: LaterWorld) -> None:
    """Row-major by post: a page's gather reads each post's values in one place (a table
    in another layout would be copied whole by every ``take``)."""
    table = clock_table(later_world.index, NAMES)
    assert table.counts.flags.c_contiguous and table.ratios.flags.c_contiguous
    assert table.counts.shape[0] == table.ratios.shape[0] == len(later_world.index.posts)
