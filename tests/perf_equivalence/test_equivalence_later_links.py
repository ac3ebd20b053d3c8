"""Content links written a page at a time equal :func:`content_url` post by post.

A :class:`LinkTable` cuts every post's link parts out of its digest as arrays, and a post's
JSON template writes its link around those parts (mapping.POST_TEXTS): both must give what
``strings([content_url(...)])`` gives, for every content type and any handle.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.domain.pagination import PageInfo
from mock_server.query.later_filters import POST_DATE, LaterFilter, select
from mock_server.query.later_posts import posts_page
from mock_server.vendors.json_rows import strings
from mock_server.vendors.later import mapping, post_rows
from mock_server.world import later_content
from mock_server.world.later import LaterWorld
from mock_server.world.later_content import (
    DEFAULT_HANDLE,
    LINK_TEXTS,
    LinkTable,
    content_url,
    link_table,
)
from mock_server.world.later_model import CONTENT_TYPES
from tests.perf_equivalence.test_equivalence_later_pages import (
    SEED,
    _dumps,
    _pagination,
    _reference_post,
)

HANDLES = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=10),
    st.sampled_from(['"', "\\", "a%sb", "%", "\x00", "\n", "é", "\u2028", "\U0001f600"]),
)


@settings(max_examples=500, deadline=None)
@given(
    st.integers(0, 2**63),
    st.integers(0, 2**62),
    st.sampled_from(CONTENT_TYPES),
    HANDLES,
)
def test_a_link_text_filled_with_a_tables_parts_is_the_content_url(
    seed: int, post_id: int, content_type: str, handle: str | None
) -> None:
    code, group, number = (part[0] for part in LinkTable.of(seed, [post_id]).parts())
    shown = handle or DEFAULT_HANDLE
    link = LINK_TEXTS[content_type] % (code, shown, group, number)
    assert link == content_url(seed, post_id, content_type, handle)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**63), st.integers(1, 2**40), st.sampled_from(CONTENT_TYPES), HANDLES)
def test_a_post_template_writes_the_link_as_strings_writes_it(
    seed: int, post_id: int, content_type: str, handle: str | None
) -> None:
    code, group, number = (part[0] for part in LinkTable.of(seed, [post_id]).parts())
    member = mapping._member("contentUrl", content_type)
    written = member % (code, mapping.link_handle(handle), group, number)
    expected = strings([content_url(seed, post_id, content_type, handle)])[0]
    assert written == '"contentUrl":' + expected


def test_a_table_of_many_posts_holds_each_posts_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(later_content, "CHUNK", 97)  # several chunks, the last one short
    rng = random.Random(7)
    post_ids = [rng.randrange(1, 2**40) for _ in range(2_000)]
    seed = rng.randrange(2**63)
    table = LinkTable.of(seed, post_ids)
    at = np.array(rng.sample(range(len(post_ids)), 300) + [0, len(post_ids) - 1], np.intp)
    codes, groups, numbers = table.parts(at)
    for k, i in enumerate(at.tolist()):
        for content_type in CONTENT_TYPES:
            link = LINK_TEXTS[content_type] % (codes[k], "h", groups[k], numbers[k])
            assert link == content_url(seed, post_ids[i], content_type, "h")


def test_a_table_of_no_posts_is_empty() -> None:
    assert LinkTable.of(42, []).parts() == ([], [], [])


def test_a_worlds_table_is_built_once_per_seed(later_world: LaterWorld) -> None:
    post_ids = later_world.index.posts.post_id
    table = link_table(SEED, post_ids)
    assert link_table(SEED, post_ids) is table
    assert link_table(SEED + 1, post_ids) is not table
    assert table.codes.size == len(later_world.index.posts)


START, END = date(2025, 1, 1), date(2026, 12, 31)
ODD_HANDLES = ('a"b', "back\\slash", "50%off", "tab\there", "zoë", "\u2028", "")


def test_a_page_writes_odd_handles_as_json_writes_them(later_world: LaterWorld) -> None:
    """Every handle replaced by one that JSON escapes (or an empty one, for which links show
    the default handle): pages still equal the per-post rendering."""
    creators = tuple(
        dataclasses.replace(
            creator,
            profiles=tuple(
                dataclasses.replace(p, handle=ODD_HANDLES[(i + n) % len(ODD_HANDLES)])
                for n, p in enumerate(creator.profiles)
            ),
        )
        for i, creator in enumerate(later_world.creators)
    )
    world = dataclasses.replace(later_world, creators=creators)
    renderer = mapping.PostRenderer(world, SEED)
    for client in world.clients:
        scope = LaterFilter(START, END, client.instance_ids, basis=POST_DATE)
        page = posts_page(select(world, scope), "cpm", True, 1, 200, mapping.POST_STORED)
        info = PageInfo.of(page.total, 1, 200)
        posts = [_reference_post(world, int(i), scope) for i in page.positions]
        expected = _dumps({"data": posts, "pagination": _pagination(info)})
        assert post_rows.posts_text(renderer, page, info) == expected.encode()
