"""``/v2/posts/performance``: every selected post, sorted, one page at a time.

seeds/later-posts-performance.txt: all posts in the range are returned, zero-metric ones
too; 12 sort properties, ASC or DESC (default DESC). Mock choices (spec SortProperty):
nulls last in both directions, ties broken by postId ascending, sorting on the value as
shown (rounded to 2 decimals), so consecutive pages never overlap or skip a post.

The sort key is computed for every selected post, from only the stored metrics the sort
property needs, and only for the posts that carry the flags it needs (the others are null:
paid metrics of an unpromoted post); postDate needs no metric. The page is then selected
with :func:`.later_rank.page_order` (a top-k selection, linear in the number of posts, not
a sort of every post; :meth:`Ranking.all`, one ``np.lexsort`` of every post, is its
reference), and every stored metric is computed for the page's posts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import Selection
from mock_server.query.later_metrics import column, needed_flags, stored_names
from mock_server.query.later_rank import Values, full_order, page_order
from mock_server.query.later_sums import StoredColumns, post_columns
from mock_server.world.later_model import METRIC_NAMES


@dataclass(frozen=True)
class PostsPage:
    """Positions of the page's posts in the index, their stored metrics, the total count."""

    total: int
    positions: NDArray[np.intp]
    stored: StoredColumns


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
    """One page of the selection's posts, sorted, with their ``stored`` metrics."""
    positions = selection.positions()
    start, stop = page_slice(positions.size, page, size)
    chosen = (
        ordered(selection, positions, prop, descending)[start:stop]
        if stop > start
        else (np.zeros(0, np.intp))
    )
    return PostsPage(int(positions.size), chosen, post_columns(selection, chosen, stored))
