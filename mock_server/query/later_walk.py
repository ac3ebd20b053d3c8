"""A post_date page found by walking the client's order of the sort property.

seeds/later-posts-performance.txt: a page of the selected posts sorted by one property;
mock choice: nulls last, ties by postId ascending. With dateBasis=post_date the order of a
client's posts by the property is fixed (:mod:`.later_order`), and a request selects only
its client's posts, so the page's posts are the first ``stop`` posts of that order that
the request selects, minus the first ``start``:

* the selection is a set of (campaign, content type) groups and a run of publish days
  (:meth:`.Selection.spans`, whose run lengths give the total without listing them); each
  ranked post's group and day are stored next to it (``ClientOrder.where``), so a chunk
  of the order is tested with a table lookup and a comparison;
* ASC walks the order forward from its start (non-null posts by value and postId, then
  the null ones by postId): the selected posts met are already in page order;
* DESC walks the non-null posts backward, so a run of equal values comes in postId
  descending order: once ``stop`` selected posts are met, the rest of the last value's
  run is walked too, and the ones found are sorted by (run descending, rank ascending),
  which is (value descending, postId ascending). If the non-null posts run out first,
  the null ones follow, walked forward;
* postDate orders by publish time, so only the ranks of the requested days are walked.

A walk costs about ``stop * posts / total`` steps (``posts``: the client's).
:func:`walked_page` declines (returns None) when that estimate is more than the
selection's size, where ranking the selection (:func:`.later_posts.ordered`) is cheaper,
or when the selection holds groups of several clients (no request does), and gives up
past :data:`WALK_BUDGET` times the selection's size (values bunched where the filters
select little).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mock_server.query.later_filters import Selection, Spans
from mock_server.query.later_order import MAX_DAYS, ClientOrder, client_order
from mock_server.world.later_index import LaterIndex

Ints = NDArray[np.intp]
FIRST_CHUNK = 512
"""The smallest first chunk of a walk; each later chunk is twice the one before."""
WALK_BUDGET = 4
"""Give up after walking this many times the selection's size."""


class _Walker:
    """Scans ranges of a :class:`ClientOrder` for selected posts, within a step budget."""

    def __init__(self, ranked: ClientOrder, groups: NDArray[np.bool_], runs: Spans, budget: int):
        self.ranked, self.groups, self.budget = ranked, groups, budget
        self.lo, self.days = runs.lo, runs.hi - runs.lo  # day indices: below 2**16

    def scan(self, a: int, b: int) -> Ints | None:
        """Ranks ``a <= k < b`` whose post is selected (ascending); None past the budget."""
        self.budget -= b - a
        if self.budget < 0:
            return None
        where = self.ranked.where[a:b]
        day = where & np.uint32(0xFFFF)
        day -= self.lo  # wraps around below lo
        selected = self.groups[where >> 16]
        selected &= day <= self.days
        return np.asarray(np.flatnonzero(selected) + a, np.intp)

    def forward(self, a: int, b: int, need: int, size: int) -> Ints | None:
        """The first ``need`` (or fewer, if ``a..b`` runs out) selected ranks from ``a``."""
        found: list[Ints] = []
        count = 0
        while count < need and a < b:
            hits = self.scan(a, min(a + size, b))
            if hits is None:
                return None
            found.append(hits)
            count += hits.size
            a, size = a + size, size * 2
        return np.concatenate(found)[:need] if found else np.zeros(0, np.intp)

    def backward(self, a: int, b: int, need: int, size: int) -> Ints | None:
        """The selected ranks of ``a..b`` by (value descending, rank ascending) as far as
        the ``need``-th one's value (all of them if fewer)."""
        found: list[Ints] = []
        count = 0
        while count < need and b > a:
            hits = self.scan(max(a, b - size), b)
            if hits is None:
                return None
            found.append(hits)
            count += hits.size
            b, size = max(a, b - size), size * 2
        ranks = np.concatenate(found[::-1]) if found else np.zeros(0, np.intp)
        if count >= need:  # the rest of the cut's run ties with it; lower runs are not needed
            run_start = self.ranked.run_start(int(ranks[ranks.size - need]))
            if run_start < b:
                rest = self.scan(run_start, b)
                if rest is None:
                    return None
                ranks = np.concatenate((rest, ranks))
            else:
                ranks = ranks[int(np.searchsorted(ranks, run_start)) :]
        if not ranks.size:
            return ranks
        runs = self.ranked.runs_among(ranks)
        return np.asarray(ranks[np.lexsort((ranks, -runs))], np.intp)


def _day_ranks(index: LaterIndex, client: int, lo: int, hi: int) -> tuple[int, int]:
    """For a postDate order: the ranks of the client's posts published on days ``lo..hi``.
    That order is by publish time, so the client's posts published before day ``lo`` come
    first: as many as the index counts."""
    before = index.posts_before[client]
    return int(before[lo]), int(before[hi + 1])


def walked_page(
    selection: Selection,
    prop: str,
    descending: bool,
    start: int,
    stop: int,
    runs: Spans,
    budget: int | None = None,
) -> Ints | None:
    """The positions of ranks ``start..stop - 1`` of the selection (post_date basis) sorted
    by ``prop``, or None where ranking the selection itself is cheaper.

    ``runs`` are the selection's :meth:`.Selection.spans`; ``budget`` overrides the step limit (the
    tests walk without one).
    """
    index, total = selection.index, runs.total
    start, stop = max(start, 0), min(stop, total)
    if start >= stop:
        return np.zeros(0, np.intp)
    if index.days > MAX_DAYS or index.groups >= MAX_DAYS:
        return None
    clients = index.group_client[selection.groups]
    client = int(clients[0])
    if (clients != client).any():  # groups of several clients: not one client's order
        return None
    posts = int(index.posts_before[client, -1])
    if budget is None and stop * posts // total > total:
        return None
    ranked = client_order(index, prop, client)
    first, last, present = 0, posts, ranked.present
    if prop == "postDate":
        first, last = _day_ranks(index, client, runs.lo, runs.hi)
    estimate = stop * (last - first) // total
    if budget is None:
        budget = WALK_BUDGET * total
    groups = np.zeros(index.groups, np.bool_)
    groups[selection.groups] = True
    walker = _Walker(ranked, groups, runs, budget)
    size = max(FIRST_CHUNK, estimate + estimate // 4)
    if not descending:
        ranks = walker.forward(first, last, stop, size)
    else:
        ranks = walker.backward(first, min(last, present), stop, size)
        if ranks is not None and ranks.size < stop:
            nulls = walker.forward(max(first, present), last, stop - ranks.size, size)
            ranks = None if nulls is None else np.concatenate((ranks, nulls))
    if ranks is None:
        return None
    return np.asarray(ranked.order[ranks[start:stop]], np.intp)
