"""``/v2/posts/performance``: every selected post, sorted, one page at a time.

seeds/later-posts-performance.txt: all posts in the range are returned, zero-metric ones
too; 12 sort properties, ASC or DESC (default DESC). Mock choices (spec SortProperty):
nulls last in both directions, ties broken by postId ascending, sorting on the value as
shown (rounded to 2 decimals), so consecutive pages never overlap or skip a post.
Sorting is one ``np.lexsort`` over the selected posts; metrics are computed in full only
for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import page_slice
from mock_server.query.later_filters import Selection
from mock_server.query.later_metrics import (
    ORGANIC_PARTS,
    PAID_PARTS,
    RATIO_SCALES,
    Getter,
    ratio_hundredths,
)
from mock_server.query.later_sums import carries, post_values
from mock_server.world.later_model import METRIC_NAMES

I64 = NDArray[np.int64]
SUMS = {"engagements": ORGANIC_PARTS, "paidEngagements": PAID_PARTS}


@dataclass(frozen=True)
class PostsPage:
    """Positions of the page's posts in the index, their values, and the total count."""

    total: int
    positions: NDArray[np.intp]
    values: dict[str, I64]  # stored metric -> value per page post
    carried: dict[str, NDArray[np.bool_]]  # stored metric -> not null, per page post

    def getter(self, row: int) -> Getter:
        """Stored metric values of the page's ``row``-th post (None where null)."""

        def get(name: str) -> int | None:
            return int(self.values[name][row]) if self.carried[name][row] else None

        return get


class _Column:
    """Stored metrics of a set of posts, computed on first use."""

    def __init__(self, selection: Selection, positions: NDArray[np.intp]) -> None:
        self.selection, self.positions = selection, positions
        self.cache: dict[str, I64] = {}

    def __call__(self, name: str) -> I64:
        if name in SUMS:
            return np.asarray(sum(self(part) for part in SUMS[name]), dtype=np.int64)
        if name not in self.cache:
            self.cache[name] = post_values(self.selection, self.positions, name)
        return self.cache[name]

    def null(self, name: str) -> NDArray[np.bool_]:
        base = SUMS[name][0] if name in SUMS else name
        return ~carries(self.selection.index, self.positions, base)


def sort_key(
    selection: Selection, positions: NDArray[np.intp], prop: str
) -> tuple[I64, NDArray[np.bool_]]:
    """The value each post is sorted by (ratios in hundredths) and where it is null."""
    column = _Column(selection, positions)
    if prop == "postDate":
        return selection.index.posts.posted_at[positions], np.zeros(positions.size, np.bool_)
    if prop in RATIO_SCALES:
        num, den, scale = RATIO_SCALES[prop]
        value, zero_den = ratio_hundredths(column(num), column(den), scale)
        return value, zero_den | column.null(den)
    return column(prop), column.null(prop)


def ordered(
    selection: Selection, positions: NDArray[np.intp], prop: str, descending: bool
) -> NDArray[np.intp]:
    """``positions`` sorted by ``prop``: nulls last, ties by postId ascending."""
    value, null = sort_key(selection, positions, prop)
    post_id = selection.index.posts.post_id[positions]
    order = np.lexsort((post_id, -value if descending else value, null))
    return positions[order]


def posts_page(
    selection: Selection, prop: str, descending: bool, page: int, size: int
) -> PostsPage:
    """One page of the selection's posts, sorted."""
    positions = selection.positions()
    start, stop = page_slice(positions.size, page, size)
    chosen = (
        ordered(selection, positions, prop, descending)[start:stop]
        if stop > start
        else (np.zeros(0, np.intp))
    )
    column = _Column(selection, chosen)
    values = {name: column(name) for name in METRIC_NAMES}
    carried = {name: carries(selection.index, chosen, name) for name in METRIC_NAMES}
    return PostsPage(int(positions.size), chosen, values, carried)
