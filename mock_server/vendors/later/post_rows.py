"""Every post's JSON as of the world's clock, written once, and the posts pages served from it.

With dateBasis=post_date a post's JSON does not depend on the request
(seeds/later-posts-performance.txt: its metrics are as of now, the world's clock), so
:class:`PostRows` writes every post once, with the very :class:`.mapping.PostRenderer` that
writes the other pages, and a post_date page is its posts' rows cut out of that and joined:
about 8 us for 50 posts in cache, 30 us for 50 posts picked at random (rows not in cache),
where writing 50 costs about 170 us (measured at scales default and large). The rows are
UTF-8 bytes, ``2**BLOB_BITS`` posts to a ``bytes`` object, so a forked worker reads them
without writing to their pages (no object per row, no reference count to update): ``serve``
writes them before its workers fork (:func:`.serving.prepare`) and the workers share one
copy.

Memory and time: about 806 bytes per post and 16 of offsets, 822 MB and about 5 s at scale
large (a million posts), 25 MB at default. performance_date pages (metrics over the
requested days) are written per request (:func:`posts_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.domain.pagination import PageInfo
from mock_server.query.later_order import whole_world
from mock_server.query.later_posts import PostsPage
from mock_server.vendors.later.mapping import (
    PAGE_HEAD,
    POST_STORED,
    PostRenderer,
    pagination_text,
)
from mock_server.world.derived import Derived

BLOB_BITS = 16
"""A blob holds the rows of 2**BLOB_BITS consecutive index positions (about 53 MB)."""
WRITE_CHUNK = 4096
"""Posts written at a time while the rows are built (larger chunks were slower per post)."""
DATA_START = (PAGE_HEAD + "[").encode()
"""A page's bytes up to its first post."""


@dataclass(frozen=True)
class PostRows:
    """Every post's row: ``blobs[position >> bits][starts[position]:ends[position]]``."""

    blobs: tuple[bytes, ...]
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]
    bits: int = BLOB_BITS

    @classmethod
    def of(cls, renderer: PostRenderer) -> PostRows:
        """Every post of the renderer's world, as of its clock, as ``renderer`` writes it."""
        index = renderer.world.index
        everyone, count = whole_world(index), len(index.posts)
        starts, ends = np.zeros(count, np.int64), np.zeros(count, np.int64)
        blobs, bits = [], BLOB_BITS
        for first in range(0, count, 1 << bits):
            last = min(first + (1 << bits), count)
            rows: list[bytes] = []
            for start in range(first, last, WRITE_CHUNK):
                positions = np.arange(start, min(start + WRITE_CHUNK, last), dtype=np.intp)
                page = PostsPage(0, positions, everyone, POST_STORED)
                rows += [row.encode("utf-8") for row in renderer.write(page)]
            sizes = np.fromiter(map(len, rows), np.int64, len(rows))
            ends[first:last] = np.cumsum(sizes)
            starts[first:last] = ends[first:last] - sizes
            blobs.append(b"".join(rows))
        return cls(tuple(blobs), starts, ends, bits)

    def rows(self, positions: NDArray[np.intp]) -> list[bytes]:
        """The rows of the posts at ``positions``, in that order."""
        blobs = self.blobs
        return [
            blobs[blob][start:end]
            for blob, start, end in zip(
                (positions >> self.bits).tolist(),
                self.starts[positions].tolist(),
                self.ends[positions].tolist(),
                strict=True,
            )
        ]


_built: Derived[PostRows] = Derived()


def post_rows(renderer: PostRenderer) -> PostRows:
    """The :class:`PostRows` of the renderer's world and seed (a pure function of them),
    written by ``renderer`` on first use."""
    return _built.get(renderer.world, renderer.seed, lambda: PostRows.of(renderer))


def posts_text(renderer: PostRenderer, page: PostsPage, info: PageInfo) -> bytes:
    """``{"data": [post...], "pagination": {...}}`` as UTF-8: a post_date page cut out of
    :func:`post_rows`, any other written for the request."""
    if page.as_of_clock:
        data = b",".join(post_rows(renderer).rows(page.positions))
    else:
        data = ",".join(renderer.write(page)).encode("utf-8")
    return DATA_START + data + ("]" + pagination_text(info)).encode()
