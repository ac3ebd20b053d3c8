"""Buffer ``posts``: filter, sort and page one organization's posts without a Python loop.

SDL (Query.posts, PostsFiltersInput, PostSortInput): filters AND together; an empty list
matches nothing; a null ``dueAt`` never matches a ``dueAt`` range and sorts last in either
direction; keys apply in order and post id ascending breaks the remaining ties; the default
order is ``createdAt desc``. Both range bounds are inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.query.buffer_access import TagFilter
from mock_server.world.buffer_table import NULL_TIME, PostTable

IntArray = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
DEFAULT_SORT: tuple[tuple[str, bool], ...] = (("createdAt", True),)
LAST = np.iinfo(np.int64).max


@dataclass(frozen=True)
class TimeRange:
    """Inclusive bounds in epoch seconds; None is open."""

    start: int | None
    end: int | None

    def matches(self, values: IntArray) -> Mask:
        hit: Mask = values != NULL_TIME
        if self.start is not None:
            hit &= values >= self.start
        if self.end is not None:
            hit &= values <= self.end
        return hit


@dataclass(frozen=True)
class PostsQuery:
    """A normalised ``posts`` input. ``sort`` holds (field, descending) with no repeats."""

    org: int
    channels: IntArray | None = None
    statuses: tuple[int, ...] | None = None
    tags: TagFilter | None = None
    due: TimeRange | None = None
    created: TimeRange | None = None
    sort: tuple[tuple[str, bool], ...] = DEFAULT_SORT

    def cursor_key(self) -> dict[str, object]:
        """Everything that decides the order and the matches, JSON-ready (for cursors)."""

        def bounds(r: TimeRange | None) -> list[int | None] | None:
            return None if r is None else [r.start, r.end]

        return {
            "org": self.org,
            "channels": None if self.channels is None else self.channels.tolist(),
            "statuses": None if self.statuses is None else sorted(self.statuses),
            "tags": None if self.tags is None else [self.tags.bits, self.tags.is_empty],
            "due": bounds(self.due),
            "created": bounds(self.created),
            "sort": [list(key) for key in self.sort],
        }


def normalise_sort(keys: list[tuple[str, bool]] | None) -> tuple[tuple[str, bool], ...]:
    """Drop repeated fields (the first wins); empty or None means ``createdAt desc``."""
    seen: dict[str, bool] = {}
    for field, descending in keys or ():
        seen.setdefault(field, descending)
    return tuple(seen.items()) or DEFAULT_SORT


def _sort_key(table: PostTable, start: int, stop: int, field: str, descending: bool) -> IntArray:
    values = (table.cols.created if field == "createdAt" else table.cols.due)[start:stop]
    key = -values if descending else values
    return np.where(values == NULL_TIME, LAST, key)


def sort_order(table: PostTable, org: int, sort: tuple[tuple[str, bool], ...]) -> IntArray:
    """Positions within the organization's slice in ``sort`` order (cached per order)."""
    cache_key = (org, sort)
    cached = table.sort_cache.get(cache_key)
    if cached is not None:
        return cached
    start, stop = table.org_slice(org)
    keys = [_sort_key(table, start, stop, f, d) for f, d in reversed(sort)]
    order = np.lexsort([table.id_rank[start:stop], *keys]).astype(np.int64)
    table.sort_cache[cache_key] = order
    return order


def _mask(table: PostTable, query: PostsQuery, start: int, stop: int) -> Mask:
    cols = table.cols
    mask = np.ones(stop - start, dtype=np.bool_)
    if query.channels is not None:
        mask &= np.isin(cols.channel[start:stop], query.channels)
    if query.statuses is not None:
        mask &= np.isin(cols.status[start:stop], np.array(query.statuses, dtype=np.int64))
    if query.tags is not None:
        mask &= query.tags.matches(cols.tags[start:stop])
    if query.due is not None:
        mask &= query.due.matches(cols.due[start:stop])
    if query.created is not None:
        mask &= query.created.matches(cols.created[start:stop])
    return mask


def matching_rows(table: PostTable, query: PostsQuery) -> IntArray:
    """Rows of the posts matching ``query``, in its order."""
    start, stop = table.org_slice(query.org)
    order = sort_order(table, query.org, query.sort)
    mask = _mask(table, query, start, stop)
    rows: IntArray = order[mask[order]] + start
    return rows
