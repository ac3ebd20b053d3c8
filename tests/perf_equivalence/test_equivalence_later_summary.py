"""The summary computed in one batch (query/later_summary.py) equals each metric computed on
its own through :func:`.later_metrics.column`, as the summary did before, for every metric,
both date bases and the generated and fixture worlds."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from mock_server.query.later_filters import PERFORMANCE_DATE, POST_DATE, LaterFilter, select
from mock_server.query.later_metrics import Value, column
from mock_server.query.later_summary import COUNTS, summary
from mock_server.query.later_sums import range_sums
from mock_server.world.later import LaterWorld
from tests.perf_equivalence.test_equivalence_later_metrics import REPORTED

NAMES = (*REPORTED, *COUNTS)


@pytest.fixture(scope="module")
def world(later_world: LaterWorld) -> LaterWorld:
    return later_world


def _one_by_one(world: LaterWorld, scope: LaterFilter, names: tuple[str, ...]) -> dict[str, Value]:
    selection = select(world, scope)
    one = np.array([selection.first], np.int64), np.array([selection.last], np.int64)
    sums = range_sums(selection, *one)
    stored = sums.stored(np.zeros(1, np.intp))
    return {
        name: int(sums.count(COUNTS[name])[0])
        if name in COUNTS
        else column(stored, name).tolist()[0]
        for name in names
    }


@pytest.mark.parametrize("basis", [POST_DATE, PERFORMANCE_DATE])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2020, 1, 1), date(2020, 12, 31)),  # no posts: ratios null, counts 0
    ],
)
def test_the_batched_summary_equals_each_metric_on_its_own(
    world: LaterWorld, basis: str, start: date, end: date
) -> None:
    for client in world.clients:
        scope = LaterFilter(start, end, client.instance_ids, basis=basis)
        for names in (NAMES, NAMES[::-1], ("postsCount",), ("cpm",)):
            got = summary(select(world, scope), names)
            expected = _one_by_one(world, scope, names)
            assert list(got) == list(names)
            assert [repr(v) for v in got.values()] == [repr(v) for v in expected.values()]


@pytest.mark.parametrize("basis", [POST_DATE, PERFORMANCE_DATE])
@pytest.mark.parametrize(
    "cuts",
    [(-3000, -29, -28, 0), (-400, -300, -31, -2, 0), (-900, -200, 5, 40), (-3000, -59, -58, 0)],
)
def test_adjoining_ranges_read_at_their_edges_equal_ranges_read_one_by_one(
    world: LaterWorld, basis: str, cuts: tuple[int, ...]
) -> None:
    """range_sums(adjoining=True) reads each edge once; it gives what each range gives
    alone, including ranges past the last day of the world (cuts: days from its end)."""
    client = world.clients[0]
    scope = LaterFilter(date(2024, 1, 1), date(2026, 10, 31), client.instance_ids, basis=basis)
    selection = select(world, scope)
    edges = np.array(cuts, np.int64) + world.index.days
    first, last = edges[:-1], edges[1:] - 1
    together = range_sums(selection, first, last, adjoining=True)
    apart = range_sums(selection, first, last)
    assert together.metrics.tolist() == apart.metrics.tolist()
    assert together.counts.tolist() == apart.counts.tolist()
    assert together.counts[:, 0].any()  # posts in the ranges: real sums compared
