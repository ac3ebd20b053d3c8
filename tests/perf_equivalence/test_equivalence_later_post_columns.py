"""A page's stored metrics come from the index's 2-D tables (one gather for every metric,
every availability class's nulls at once); they equal the per-column, per-class reading."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from mock_server.query.later_filters import PERFORMANCE_DATE, POST_DATE, LaterFilter, select
from mock_server.query.later_sums import _PostNulls, class_nulls, post_columns
from mock_server.world.later import LaterWorld
from mock_server.world.later_model import AVAILABILITY, FLAGS, METRIC_NAMES


def test_the_posts_columns_are_rows_of_the_index_tables(later_world: LaterWorld) -> None:
    index = later_world.index
    for i, name in enumerate(METRIC_NAMES):
        assert np.shares_memory(index.posts.metrics[name], index.metric_rows)
        assert index.metric_rows[i].tolist() == index.posts.metrics[name].tolist()
    for i, flag in enumerate(FLAGS):
        assert index.flag_rows[i].tolist() == index.posts.flags[flag].tolist()


@pytest.mark.parametrize("basis", [POST_DATE, PERFORMANCE_DATE])
def test_every_class_at_once_equals_each_class_on_its_own(
    later_world: LaterWorld, basis: str
) -> None:
    client = later_world.clients[0]
    scope = LaterFilter(*_whole_range(later_world), client.instance_ids, basis=basis)
    selection = select(later_world, scope)
    positions = selection.positions()[::3]
    assert positions.size  # real posts compared
    lazy = _PostNulls(selection.index, positions)
    table = class_nulls(selection.index, positions)
    assert [table[c].tolist() for c in range(len(AVAILABILITY))] == [
        lazy[c].tolist() for c in range(len(AVAILABILITY))
    ]
    names = METRIC_NAMES[::2]
    eager = post_columns(selection, positions, names, every_class=True)
    totals = np.array([selection.index.posts.metrics[n][positions] for n in names])
    assert eager.values.shape == (len(names), positions.size)
    assert eager.values.tolist() == post_columns(selection, positions, names).values.tolist()
    assert (eager.values <= totals).all() and eager.values.any()  # accrued part of the totals


def _whole_range(world: LaterWorld) -> tuple[date, date]:
    first = date(1970, 1, 1) + timedelta(days=world.index.origin)
    return first, first + timedelta(days=world.index.days - 1)
