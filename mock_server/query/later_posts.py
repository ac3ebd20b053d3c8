"""``/v2/posts/performance``: every selected post, sorted, one page at a time.

seeds/later-posts-performance.txt: all posts in the range are returned, zero-metric ones
too; 12 sort properties, ASC or DESC (default DESC). Mock choices (spec SortProperty):
nulls last in both directions, ties broken by postId ascending, sorting on the value as
shown (rounded to 2 decimals), so consecutive pages never overlap or skip a post.

With dateBasis=post_date a page is usually found by walking the world's order of the
property (:mod:`.later_walk`, :mod:`.later_order`), without a key per selected post.
Otherwise the sort key (:func:`.later_order.sort_key`) is computed for every selected
post, from only the stored metrics and flags the property needs. The page is then selected
with :func:`.later_rank.page_order` (a top-k selection, linear in the number of posts, not
a sort of every post; :meth:`Ranking.all`, one ``np.lexsort`` of every post, is its
reference), and every stored metric is computed for the page's posts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import POST_DATE, Selection
from mock_server.query.later_order import sort_key
from mock_server.query.later_rank import Values, full_order, page_order
from mock_server.query.later_sums import StoredColumns, post_columns
from mock_server.query.later_walk import walked_page
from mock_server.world.later_model import METRIC_NAMES


@dataclass(frozen=True)
class PostsPage:
    """Positions of the page's posts in the index, the total count, and (computed on first
    use) the page's stored metrics ``names`` over the selection's days."""

    total: int
    positions: NDArray[np.intp]
    selection: Selection
    names: tuple[str, ...] = METRIC_NAMES

    @cached_property
    def stored(self) -> StoredColumns:
        """The page's stored metrics; a page shows every post's links, so every class's
        nulls are worked out at once."""
        return post_columns(self.selection, self.positions, self.names, every_class=True)

    @property
    def as_of_clock(self) -> bool:
        """Whether the metrics are as of the world's clock (dateBasis=post_date): then a
        post's values are the same in every request."""
        return self.selection.basis == POST_DATE


@dataclass(frozen=True)
class Ranking:
    """``positions`` in sort order, ranked on demand: ``ranking[start:stop]`` selects just
    those ranks (:func:`.later_rank.page_order`); :meth:`all` sorts every post
    (:func:`.later_rank.full_order`, the reference)."""

    positions: NDArray[np.intp]
    values: Values
    null: NDArray[np.bool_]
    post_ids: NDArray[np.int64]
    descending: bool

    def __getitem__(self, ranks: slice) -> NDArray[np.intp]:
        start, stop, step = ranks.indices(self.positions.size)
        if step != 1:
            raise ValueError("a ranking is sliced with step 1")
        chosen = page_order(self.values, self.null, self.post_ids, self.descending, start, stop)
        return self.positions[chosen]

    def all(self) -> NDArray[np.intp]:
        """Every post, sorted."""
        return self.positions[full_order(self.values, self.null, self.post_ids, self.descending)]


def ordered(
    selection: Selection, positions: NDArray[np.intp], prop: str, descending: bool
) -> Ranking:
    """``positions`` sorted by ``prop``: nulls last, ties by postId ascending.

    A :class:`Ranking`, so :func:`posts_page` ranks only the page it slices; any function
    returning the sorted positions as an array would serve it the same page.
    """
    value, null = sort_key(selection, positions, prop)
    post_id = selection.index.posts.post_id[positions]
    return Ranking(positions, value, null, post_id, descending)


def posts_page(
    selection: Selection,
    prop: str,
    descending: bool,
    page: int,
    size: int,
    stored: Sequence[str] = METRIC_NAMES,
) -> PostsPage:
    """One page of the selection's posts, sorted, with their ``stored`` metrics.

    post_date: walked along the world's order of ``prop`` (:mod:`.later_walk`) where that
    is cheaper than ranking the selection; otherwise, and for performance_date, the
    selection is ranked (:func:`ordered`).
    """
    if selection.basis == POST_DATE:
        runs = selection.spans()
        start, stop = page_slice(runs.total, page, size)
        walked = walked_page(selection, prop, descending, start, stop, runs)
        if walked is not None:
            return PostsPage(runs.total, walked, selection, tuple(stored))
    positions = selection.positions()
    start, stop = page_slice(positions.size, page, size)
    chosen = (
        ordered(selection, positions, prop, descending)[start:stop]
        if stop > start
        else (np.zeros(0, np.intp))
    )
    return PostsPage(int(positions.size), chosen, selection, tuple(stored))
