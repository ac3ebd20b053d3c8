"""``/v2/posts/performance``: every selected post, sorted, one page at a time.

seeds/later-posts-performance.txt: all posts in the range are returned, zero-metric ones
too; 12 sort properties, ASC or DESC (default DESC). Mock choices (spec SortProperty):
nulls last in both directions, ties broken by postId ascending, sorting on the value as
shown (rounded to 2 decimals), so consecutive pages never overlap or skip a post.
Sorting is one ``np.lexsort`` over the selected posts (only the metrics the sort property
needs are computed for them); every stored metric is computed for the page's posts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import Selection
from mock_server.query.later_metrics import column, stored_names
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
) -> tuple[NDArray[np.int64] | NDArray[np.float64], NDArray[np.bool_]]:
    """The value each post is sorted by (as shown: ratios rounded) and where it is null.

    Null rows hold 0, so the key can be negated for a descending sort.
    """
    if prop == "postDate":
        return selection.index.posts.posted_at[positions], np.zeros(positions.size, np.bool_)
    key = column(post_columns(selection, positions, stored_names(prop)), prop)
    return key.values, key.null


def ordered(
    selection: Selection, positions: NDArray[np.intp], prop: str, descending: bool
) -> NDArray[np.intp]:
    """``positions`` sorted by ``prop``: nulls last, ties by postId ascending."""
    value, null = sort_key(selection, positions, prop)
    post_id = selection.index.posts.post_id[positions]
    order = np.lexsort((post_id, -value if descending else value, null))
    return positions[order]


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
