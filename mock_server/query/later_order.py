"""Each client's posts in the order of one sort property, computed once per property.

seeds/later-posts-performance.txt sorts posts by one of 12 properties; the mock's rule
(spec SortProperty, :mod:`mock_server.domain.sorting`): nulls last in both directions, ties
by postId ascending, on the value as shown. With dateBasis=post_date a post's value is its
metrics accrued as of the world's clock (or its publish time for postDate): it does not
depend on the requested days or filters. So the order of a client's posts by a property
is the same for every post_date request, and :mod:`.later_walk` finds a page by walking
it (a request only ever selects its own client's posts: walking that client's order
alone, a third of the world's at scale large, takes a third of the steps).

:func:`sort_key` computes the value from only the stored metrics the property needs, and
only for the posts that carry the flags it needs (the others are null: paid metrics of an
unpromoted post); postDate needs no metric. :mod:`.later_posts` ranks a selection by it.

The :class:`ClientOrder` of every client are built on first use of a property
(:func:`client_orders`; ``serve`` builds every property's before its workers fork,
serving.prepare): one :func:`.later_rank.full_order` of every post, ascending (the
reference order itself), kept client by client, and the places where its value changes,
which is all a descending walk needs (ties keep postId ascending in both directions, so
DESC is ASC reversed run by run). They are a pure function of the world, built under a
lock, so neither the thread nor the first request changes them. Memory: 4 bytes per post
for the order, at most 4 more for the runs (postDate: nearly every post starts a run;
impressions about 1 in 10), and 4 for where each ranked post lies (its group and publish
day), so that a walk reads one array in sequence rather than looking its posts up. Days
must fit in 16 bits (:data:`MAX_DAYS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_filters import POST_DATE, Selection
from mock_server.query.later_metrics import column, needed_flags, stored_names
from mock_server.query.later_rank import Values, full_order
from mock_server.query.later_sums import post_columns
from mock_server.world.derived import Derived
from mock_server.world.later_index import LaterIndex

I32 = NDArray[np.int32]
MAX_DAYS = 1 << 16
"""An index whose day axis is longer (a fixture 180 years wide), or with as many (campaign,
content type) groups, is never walked."""


def sort_key(
    selection: Selection, positions: NDArray[np.intp], prop: str
) -> tuple[Values, NDArray[np.bool_]]:
    """The value each post is sorted by (as shown: ratios rounded) and where it is null.

    Null rows hold 0, so the key can be negated for a descending sort. Counts and dates
    stay int64, ratios are the float64 shown.
    """
    posts = selection.index.posts
    if prop == "postDate":
        return posts.posted_at[positions], np.zeros(positions.size, np.bool_)
    flags = sorted(needed_flags(prop))
    if not flags:
        key = column(post_columns(selection, positions, stored_names(prop)), prop)
        return key.values, key.null
    carried = posts.flags[flags[0]][positions]
    for flag in flags[1:]:
        carried &= posts.flags[flag][positions]
    kept = np.flatnonzero(carried)
    key = column(post_columns(selection, positions[kept], stored_names(prop)), prop)
    values = cast(Values, np.zeros(positions.size, key.values.dtype))  # int64 or float64
    values[kept] = key.values
    null = np.ones(positions.size, np.bool_)
    null[kept] = key.null
    return values, null


@dataclass(frozen=True)
class ClientOrder:
    """One client's posts sorted ascending by one property as of the clock.

    ``order[:present]`` are the posts with a value, by (value, postId); ``order[present:]``
    the posts whose value is null, by postId. ``runs`` lists the ranks ``k < present``
    where the value differs from the one at ``k - 1`` (``0`` first): the posts of ranks
    ``runs[r] .. runs[r + 1] - 1`` share one value, so ``r`` is a dense rank of values.
    """

    order: I32
    present: int
    runs: I32
    where: NDArray[np.uint32]  # per rank: its post's group << 16 | publish day

    def runs_among(self, ranks: NDArray[np.integer]) -> NDArray[np.intp]:
        """For ascending ``ranks`` (all below ``present``): each one's run, counted from the
        first one's, read off only the runs between the first and the last rank."""
        first, last = np.searchsorted(self.runs, ranks[[0, -1]].astype(np.int32), side="right")
        return np.searchsorted(self.runs[first - 1 : last], ranks.astype(np.int32), side="right")

    def run_start(self, rank: int) -> int:
        """The first rank of the run holding ``rank`` (below ``present``)."""
        return int(self.runs[int(np.searchsorted(self.runs, np.int32(rank), side="right")) - 1])


def whole_world(index: LaterIndex) -> Selection:
    """Every post, with dateBasis=post_date (the days do not matter for its sort values)."""
    return Selection(
        index=index,
        groups=np.arange(index.groups, dtype=np.intp),
        start=date.min,
        end=date.max,
        first=0,
        last=index.days - 1,
        basis=POST_DATE,
    )


def build_orders(index: LaterIndex, prop: str) -> tuple[ClientOrder, ...]:
    """Sort every post of ``index`` by ``prop`` (ascending, nulls last, ties by postId),
    then keep each client's posts in that order: one :class:`ClientOrder` per client."""
    everything = np.arange(len(index.posts), dtype=np.intp)
    values, null = sort_key(whole_world(index), everything, prop)
    order = full_order(values, null, index.posts.post_id, False).astype(np.int32)
    present = int(everything.size - np.count_nonzero(null))
    shown = values[order[:present]]
    run_of_rank = np.cumsum(np.r_[True, shown[1:] != shown[:-1]]) if present else everything[:0]
    group = (index.key // index.days).astype(np.uint32)[order]
    where = np.asarray((group << 16) | index.day[order].astype(np.uint32), np.uint32)
    client_of_rank = index.group_client[group]
    orders = []
    for client in range(index.clients):
        ranks = np.flatnonzero(client_of_rank == client)
        mine = int(np.searchsorted(ranks, present))  # the client's ranks below present
        runs = run_of_rank[ranks[:mine]]
        changes = np.flatnonzero(runs[1:] != runs[:-1]) + 1
        starts = np.concatenate(([0], changes)) if mine else np.zeros(0, np.intp)
        orders.append(ClientOrder(order[ranks], mine, starts.astype(np.int32), where[ranks]))
    return tuple(orders)


_orders: Derived[tuple[ClientOrder, ...]] = Derived()


def client_orders(index: LaterIndex, prop: str) -> tuple[ClientOrder, ...]:
    """Every client's :class:`ClientOrder` by ``prop``, built on first use.

    The request threads of a worker share them; the first to need a property builds them
    (tens to a few hundred milliseconds at scale large), the others wait for it.
    """
    return _orders.get(index, prop, lambda: build_orders(index, prop))


def client_order(index: LaterIndex, prop: str, client: int) -> ClientOrder:
    """``client``'s posts by ``prop`` (:func:`client_orders`)."""
    return client_orders(index, prop)[client]
