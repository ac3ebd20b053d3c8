"""Later's 2-D post tables and lookups equal what they replaced: a page's stored metrics
come from the index's 2-D tables (one gather for every metric, every availability class's
nulls at once), equal to the per-column, per-class reading; select's campaign lookup keeps
what the per-campaign test kept."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.query.later_filters import (
    PERFORMANCE_DATE,
    POST_DATE,
    LaterFilter,
    _campaigns_of,
    select,
)
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


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_campaign_lookup_keeps_what_the_per_campaign_test_keeps(
    later_world: LaterWorld, data: st.DataObject
) -> None:
    """select's campaign filter (CampaignLookup, a few array writes) against the per
    campaign comprehension it replaced, for any instances and campaign ids."""
    instances = sorted({c.instance_id for c in later_world.campaigns}) + ["instance_unknown"]
    ids = sorted({c.campaign_id for c in later_world.campaigns}) + [-1]
    chosen = data.draw(st.lists(st.sampled_from(instances), max_size=6))
    named = data.draw(st.none() | st.lists(st.sampled_from(ids), max_size=6).map(tuple))
    got = _campaigns_of(later_world.campaign_lookup, chosen, named)
    expected = [
        c.instance_id in set(chosen) and (named is None or c.campaign_id in named)
        for c in later_world.campaigns
    ]
    assert got.tolist() == (expected or [False])
