"""A post_date page walked along the world's order (query/later_walk.py) equals the same page
of a full sort of the selection.

The oracle is :func:`.later_rank.full_order` (one ``np.lexsort``; itself proven equal to the
domain's ``order_indices`` in test_equivalence_later_rank.py) of the selection's sort keys.
Every sort property, both directions, nulls (paid metrics of unpromoted posts), ties
(equal counts, equal rounded ratios), every filter, pages past the last, and the walk run
to its end (no step budget) are covered, on the generated world and the fixture.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import POST_DATE, LaterFilter, Selection, select
from mock_server.query.later_order import build_orders, client_order, sort_key, whole_world
from mock_server.query.later_posts import posts_page
from mock_server.query.later_rank import full_order
from mock_server.query.later_walk import walked_page
from mock_server.world.later import LaterWorld
from mock_server.world.later_model import CONTENT_TYPES

SORT_PROPERTIES = (
    "engagements", "impressions", "engagementRate", "estimatedValueGenerated", "cpe", "cpm",
    "postDate", "paidEngagements", "paidImpressions", "paidEngagementRate", "paidCpe", "paidCpm",
)  # fmt: skip
UNLIMITED = 1 << 62


@pytest.fixture(scope="module")
def world(later_world: LaterWorld) -> LaterWorld:
    return later_world


def oracle(selection: Selection, prop: str, descending: bool) -> NDArray[np.intp]:
    """The selection's positions fully sorted (nulls last, ties by postId ascending)."""
    positions = selection.positions()
    values, null = sort_key(selection, positions, prop)
    post_ids = selection.index.posts.post_id[positions]
    return positions[full_order(values, null, post_ids, descending)]


# --- the world's order ------------------------------------------------------------------


def _clients_posts(world: LaterWorld, client: int) -> Selection:
    """Every post of one client's groups, with dateBasis=post_date."""
    index = world.index
    every = whole_world(index)
    return dataclasses.replace(every, groups=np.flatnonzero(index.group_client == client))


@pytest.mark.parametrize("prop", SORT_PROPERTIES)
def test_a_clients_order_is_the_ascending_sort_of_its_posts(world: LaterWorld, prop: str) -> None:
    orders = build_orders(world.index, prop)
    assert len(orders) == world.index.clients >= len(world.clients)
    assert sum(o.order.size for o in orders) == len(world.index.posts)
    for client, ranked in enumerate(orders):
        mine = _clients_posts(world, client)
        expected = oracle(mine, prop, False)
        assert ranked.order.tolist() == expected.tolist()
        values, null = sort_key(mine, ranked.order.astype(np.intp), prop)
        assert ranked.present == int((~null).sum())
        assert not null[: ranked.present].any() and null[ranked.present :].all()
        shown = values[: ranked.present]
        # a run starts exactly where the value changes: equal values share one run
        starts = [k for k in range(shown.size) if k == 0 or shown[k] != shown[k - 1]]
        assert ranked.runs.tolist() == starts


def test_the_world_has_ties_and_nulls_to_walk_through(world: LaterWorld) -> None:
    """The generated world's values are not all distinct and not all present."""
    if len(world.index.posts) < 1000:
        pytest.skip("the hand-checkable fixture has a handful of posts")
    counts = build_orders(world.index, "engagements")[0]
    assert counts.runs.size < counts.present  # some posts share a value
    paid = build_orders(world.index, "paidCpm")[0]
    assert paid.present < paid.order.size  # unpromoted posts have no paid metrics


def test_threads_asking_at_once_share_one_order(world: LaterWorld) -> None:
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(client_order(world.index, "cpe", 0)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8 and all(order is got[0] for order in got)


def test_a_selection_of_several_clients_is_ranked_not_walked(world: LaterWorld) -> None:
    """No request selects two clients' posts, but a page of one is still the full sort's."""
    every = whole_world(world.index)
    assert world.index.clients > 1
    runs = every.spans()
    assert walked_page(every, "impressions", True, 0, 20, runs, UNLIMITED) is None
    page = posts_page(every, "impressions", True, 1, 20, ("likes",))
    assert page.positions.tolist() == oracle(every, "impressions", True)[:20].tolist()


# --- walked pages against the full sort -------------------------------------------------

FILTERS = st.tuples(
    st.integers(0, 2),  # client
    st.integers(0, 7),  # bit mask over the client's instances (0: all)
    st.one_of(st.none(), st.sets(st.sampled_from(CONTENT_TYPES), min_size=1, max_size=4)),
    st.booleans(),  # narrow to a few campaigns
)


def _selection(world: LaterWorld, start: date, days: int, filters: tuple[int, ...]) -> Selection:
    client_at, mask, types, campaigns = filters
    instances = world.clients[client_at % len(world.clients)].instance_ids
    chosen = tuple(i for bit, i in enumerate(instances) if mask >> bit & 1) or instances
    campaign_ids = tuple(c.campaign_id for c in world.campaigns[::3]) if campaigns else None
    content = tuple(sorted(types)) if isinstance(types, set) else None
    end = date.fromordinal(start.toordinal() + days)
    scope = LaterFilter(start, end, chosen, campaign_ids, content, POST_DATE)
    return select(world, scope)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(date(2024, 6, 1), date(2026, 12, 31)),
    st.integers(0, 500),
    FILTERS,
    st.sampled_from(SORT_PROPERTIES),
    st.booleans(),
    st.sampled_from([1, 2, 7, 50, 100]),
    st.integers(1, 40),
)
def test_a_walked_page_equals_the_same_page_of_the_full_sort(
    world: LaterWorld,
    start: date,
    days: int,
    filters: tuple[int, ...],
    prop: str,
    descending: bool,
    size: int,
    page: int,
) -> None:
    selection = _selection(world, start, days, filters)
    expected = oracle(selection, prop, descending)
    runs = selection.spans()
    assert runs.total == expected.size
    first, stop = page_slice(runs.total, page, size)
    walked = walked_page(selection, prop, descending, first, stop, runs, budget=UNLIMITED)
    assert walked is not None
    assert walked.tolist() == expected[first:stop].tolist()
    served = posts_page(selection, prop, descending, page, size, ("likes",))
    assert served.total == expected.size
    assert served.positions.tolist() == expected[first:stop].tolist()


@pytest.mark.parametrize("prop", SORT_PROPERTIES)
def test_walking_every_page_of_a_year_gives_the_full_sort(world: LaterWorld, prop: str) -> None:
    selection = _selection(world, date(2025, 11, 1), 364, (0, 0, None, False))
    runs = selection.spans()
    for descending in (True, False):
        expected = oracle(selection, prop, descending).tolist()
        walked: list[int] = []
        for page in range(1, -(-runs.total // 7) + 2):  # one page past the last
            first, stop = page_slice(runs.total, page, 7)
            chosen = walked_page(selection, prop, descending, first, stop, runs, UNLIMITED)
            assert chosen is not None
            walked += chosen.tolist()
        assert walked == expected


def test_the_spans_are_the_runs_of_the_selected_positions(world: LaterWorld) -> None:
    selection = _selection(world, date(2026, 1, 1), 120, (1, 5, {"tiktok"}, False))
    runs = selection.spans()
    listed = [p for a, b in zip(runs.starts, runs.stops, strict=True) for p in range(a, b)]
    assert listed == selection.positions().tolist()


def test_a_walk_out_of_budget_declines_and_the_page_is_ranked_instead(world: LaterWorld) -> None:
    selection = _selection(world, date(2020, 1, 1), 3000, (0, 0, None, False))
    runs = selection.spans()
    assert runs.total > 0
    assert walked_page(selection, "impressions", True, 0, 50, runs, budget=1) is None
    page = posts_page(selection, "impressions", True, 1, 50, ("likes",))
    assert page.positions.tolist() == oracle(selection, "impressions", True)[:50].tolist()
