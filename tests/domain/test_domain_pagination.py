"""Later page numbers and Buffer Relay cursors."""

from __future__ import annotations

import base64

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.errors import InvalidCursor, ValidationError
from mock_server.domain.pagination import (
    PageInfo,
    RelayPage,
    decode_cursor,
    encode_cursor,
    page_count,
    page_slice,
    query_key,
    relay_page,
    validate_first,
)

KEY = query_key({"organizationId": "org_1", "filter": {"channelIds": ["c1", "c2"]}})
OTHER = query_key({"organizationId": "org_1", "filter": {"channelIds": ["c1"]}})

# --- page numbers (Later) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "size", "pages"),
    [
        (142, 50, 3),  # seeds/later-posts-performance.txt
        (2, 50, 1),  # seeds/later-instances-performance-over-time.txt
        (0, 50, 0),
        (100, 100, 1),
        (101, 100, 2),
        (1, 1, 1),
    ],
)
def test_page_count_is_the_ceiling_of_items_over_page_size(
    total: int, size: int, pages: int
) -> None:
    assert page_count(total, size) == pages


@pytest.mark.parametrize(("total", "size"), [(10, 0), (-1, 10)])
def test_page_count_rejects_impossible_inputs(total: int, size: int) -> None:
    with pytest.raises(ValueError):
        page_count(total, size)


@pytest.mark.parametrize(
    ("total", "page", "size", "expected"),
    [
        (142, 1, 50, (0, 50)),
        (142, 3, 50, (100, 142)),
        (142, 4, 50, (142, 142)),  # beyond the last page: empty
        (0, 1, 50, (0, 0)),
    ],
)
def test_page_slice(total: int, page: int, size: int, expected: tuple[int, int]) -> None:
    assert page_slice(total, page, size) == expected


def test_page_numbers_start_at_one() -> None:
    with pytest.raises(ValueError):
        page_slice(10, 0, 5)


def test_page_info_matches_the_seed_pagination_block() -> None:
    assert PageInfo.of(142, 1, 50) == PageInfo(page=1, page_size=50, total_items=142, total_pages=3)


@settings(deadline=None)
@given(st.integers(0, 1000), st.integers(1, 100))
@example(142, 50)
@example(0, 1)
def test_walking_every_page_yields_each_item_once(total: int, size: int) -> None:
    seen: list[int] = []
    for page in range(1, page_count(total, size) + 1):
        start, stop = page_slice(total, page, size)
        assert 0 < stop - start <= size
        seen.extend(range(start, stop))
    assert seen == list(range(total))
    start, stop = page_slice(total, page_count(total, size) + 1, size)
    assert start == stop


# --- Relay cursors (Buffer) -------------------------------------------------------------


def test_query_key_is_a_stable_digest_independent_of_key_order() -> None:
    assert query_key({"a": 1}) == "015abd7f5cc57a2d"
    assert query_key({"a": 1, "b": [2, 3]}) == query_key({"b": [2, 3], "a": 1})
    assert query_key({"a": 1}) != query_key({"a": 2})


@settings(deadline=None)
@given(st.integers(0, 10**12))
@example(0)
def test_cursors_round_trip_and_are_rejected_for_another_query(offset: int) -> None:
    cursor = encode_cursor(KEY, offset)
    assert "=" not in cursor
    assert decode_cursor(cursor, KEY) == offset
    with pytest.raises(InvalidCursor, match="different query") as info:
        decode_cursor(cursor, OTHER)
    assert info.value.param == "after"


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!!",
        "not-base64-at-all",
        "\u00e9t\u00e9",
        b64(f"v2:{KEY}:0"),
        b64(f"v1:{KEY}:-1"),
        b64(f"v1:{KEY}:01"),
        b64(f"v1:{KEY}:1:2"),
        b64(f"v1:{KEY.upper()}:1"),
        encode_cursor(KEY, 1) + "==",
        encode_cursor(KEY, 12) + "@",
    ],
)
def test_malformed_cursors_are_rejected(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, KEY)


def test_first_above_one_hundred_is_buffers_pagination_error() -> None:
    validate_first(100)
    with pytest.raises(ValidationError) as info:
        validate_first(101)
    assert info.value.message == "Pagination limit exceeded. Maximum 100 items per request."
    assert info.value.param == "first"
    with pytest.raises(ValidationError):
        validate_first(-1)


@pytest.mark.parametrize(
    ("total", "first", "after", "expected"),
    [
        (5, 2, None, RelayPage(0, 2, True)),
        (5, 2, 1, RelayPage(2, 4, True)),
        (5, 2, 3, RelayPage(4, 5, False)),
        (5, 2, 4, RelayPage(5, 5, False)),
        (5, 0, None, RelayPage(0, 0, True)),
        (0, 10, None, RelayPage(0, 0, False)),
        (5, 10, 99, RelayPage(5, 5, False)),
    ],
)
def test_relay_page(total: int, first: int, after: int | None, expected: RelayPage) -> None:
    assert relay_page(total, first, after) == expected


@settings(deadline=None)
@given(st.integers(0, 500), st.integers(1, 100))
@example(100, 100)
def test_following_end_cursors_yields_each_item_once(total: int, first: int) -> None:
    seen: list[int] = []
    after: int | None = None
    while True:
        page = relay_page(total, first, after)
        seen.extend(range(page.start, page.stop))
        if not page.has_next_page:
            break
        after = decode_cursor(encode_cursor(KEY, page.stop - 1), KEY)
    assert seen == list(range(total))
