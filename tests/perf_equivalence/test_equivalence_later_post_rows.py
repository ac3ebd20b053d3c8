"""Every post's row as of the clock, written once (vendors/later/post_rows.py), is exactly the
row written for a request: a post_date page cut out of the rows is the page's own writing.

The reference is :meth:`.mapping.PostRenderer.write` of the page itself, its metrics
computed from the page's stored metrics over the request's selection
(test_equivalence_later_pages.py proves that writing equal to the per-post reference).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest

from mock_server.domain.pagination import PageInfo
from mock_server.query.later_filters import POST_DATE, LaterFilter, select
from mock_server.query.later_order import whole_world
from mock_server.query.later_posts import PostsPage, posts_page
from mock_server.vendors.later import mapping, post_rows
from mock_server.vendors.later.post_rows import PostRows
from mock_server.world.later import LaterWorld

SEED = 42


def _written(renderer: mapping.PostRenderer, positions: list[int]) -> list[bytes]:
    """Each post written on its own, as a page of one post of the whole world."""
    everyone = whole_world(renderer.world.index)
    return [
        renderer.write(PostsPage(0, np.array([at], np.intp), everyone, mapping.POST_STORED))[
            0
        ].encode()
        for at in positions
    ]


def test_every_posts_row_is_that_post_written_alone(
    later_world: LaterWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(post_rows, "BLOB_BITS", 7)  # many blobs, the last one short
    monkeypatch.setattr(post_rows, "WRITE_CHUNK", 50)  # chunks not dividing a blob
    renderer = mapping.PostRenderer(later_world, SEED)
    rows = PostRows.of(renderer)
    count = len(later_world.index.posts)
    assert len(rows.blobs) == -(-count // 128) and count % 128 and rows.bits == 7
    everyone = list(range(count))
    monkeypatch.undo()  # read with the bits it was built with
    assert rows.rows(np.array(everyone, np.intp)) == _written(
        mapping.PostRenderer(later_world, SEED), everyone
    )


def test_a_served_post_date_page_is_the_page_written_for_the_request(
    later_world: LaterWorld,
) -> None:
    """Whatever the days, filters, sort and page, the rows cut out are the rows the
    request's own selection writes (metrics as of the clock do not depend on them)."""
    renderer = mapping.PostRenderer(later_world, SEED)
    rng = random.Random(5)
    checked = 0
    for client in later_world.clients:
        for start, end in (
            (date(2025, 1, 1), date(2026, 10, 31)),
            (date(2026, 5, 1), date(2026, 7, 15)),
        ):
            instances = tuple(client.instance_ids[: rng.randint(1, len(client.instance_ids))])
            scope = LaterFilter(start, end, instances, basis=POST_DATE)
            for prop, descending, number in (("impressions", True, 1), ("paidCpm", False, 2)):
                page = posts_page(
                    select(later_world, scope), prop, descending, number, 40, mapping.POST_STORED
                )
                info = PageInfo.of(page.total, number, 40)
                expected = mapping.page_text("[" + ",".join(renderer.write(page)) + "]", info)
                assert post_rows.posts_text(renderer, page, info) == expected.encode()
                checked += page.positions.size
    assert checked > 0


def test_rows_keep_multibyte_text_whole(later_world: LaterWorld) -> None:
    """Rows are cut by UTF-8 byte offsets: names of two-, three- and four-byte characters."""
    odd = ("Zoë Ångström", "李小龍", "Emoji \U0001f600 Person", 'Quote " Back \\ slash')
    creators = tuple(
        dataclasses.replace(c, full_name=odd[i % len(odd)])
        for i, c in enumerate(later_world.creators)
    )
    world = dataclasses.replace(later_world, creators=creators)
    renderer = mapping.PostRenderer(world, SEED)
    rows = post_rows.post_rows(renderer)
    everyone = list(range(len(world.index.posts)))
    got = rows.rows(np.array(everyone, np.intp))
    assert got == _written(mapping.PostRenderer(world, SEED), everyone)
    assert sum(not row.isascii() for row in got) > 1  # several rows of multibyte text
    assert post_rows.post_rows(mapping.PostRenderer(later_world, SEED)) is not rows


def test_rows_are_written_once_per_world_and_seed(later_world: LaterWorld) -> None:
    first = post_rows.post_rows(mapping.PostRenderer(later_world, SEED))
    assert post_rows.post_rows(mapping.PostRenderer(later_world, SEED)) is first
    other = post_rows.post_rows(mapping.PostRenderer(later_world, SEED + 1))
    assert other is not first
    everyone = np.arange(len(later_world.index.posts), dtype=np.intp)
    assert other.rows(everyone) != first.rows(everyone)  # the seed picks the content links


def test_a_world_without_posts_has_no_rows() -> None:
    index = SimpleNamespace(posts=[], groups=0, days=1)
    renderer = SimpleNamespace(world=SimpleNamespace(index=index))
    rows = PostRows.of(cast(mapping.PostRenderer, renderer))
    assert rows.blobs == () and rows.rows(np.zeros(0, np.intp)) == []
