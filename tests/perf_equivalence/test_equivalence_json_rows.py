"""Row templates (mock_server/vendors/json_rows.py) write what ``json.dumps`` writes for the
same dicts, and the per-type link functions of world/later_content.py give the links the
format templates gave."""

from __future__ import annotations

import hashlib
import json
import string
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.vendors.json_rows import (
    NULL,
    RowTemplate,
    dumps,
    float_texts,
    members,
    strings,
)
from mock_server.world.later_content import SHORTCODE_ALPHABET, content_url
from mock_server.world.later_model import CONTENT_TYPES

NUMBERS = st.one_of(
    st.none(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e16, 1e-05, 0.0001, 14.59, 15.0, 5e-324, 1.7976931348623157e308]),
)
TEXTS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ['"', "\\", "\n", "\x00", "\u2028", "é", "\U0001f600", "%s", "%"]
)
KEYS = st.lists(
    st.text(alphabet=string.ascii_letters + "_%", min_size=1, max_size=8),
    min_size=1,
    max_size=6,
    unique=True,
)


def _ready(value: Any, ascii_only: bool) -> Any:
    """A value as a template takes it."""
    if value is None:
        return NULL
    if isinstance(value, str):
        return strings([value], ascii_only)[0]
    return value


@settings(max_examples=300, deadline=None)
@given(st.data(), KEYS, st.integers(0, 6), st.booleans())
def test_template_rows_are_json_dumps_of_the_dicts(
    data: st.DataObject, keys: list[str], rows: int, ascii_only: bool
) -> None:
    cells = st.one_of(NUMBERS, TEXTS)
    table = [[data.draw(cells) for _ in keys] for _ in range(rows)]
    columns = [[_ready(row[k], ascii_only) for row in table] for k in range(len(keys))]
    template = RowTemplate(keys)  # the reference: one % per row, the rows joined
    text = "[" + ",".join(template.text % row for row in zip(*columns, strict=True)) + "]"
    expected = [dict(zip(keys, row, strict=True)) for row in table]
    assert text == dumps(expected, ascii_only)
    assert text == json.dumps(expected, separators=(",", ":"), ensure_ascii=ascii_only)
    assert RowTemplate(keys).array(columns) == text


@settings(max_examples=200)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=30))
def test_float_texts_are_what_json_writes(values: list[float]) -> None:
    twice = values + values  # the second time from what was remembered
    assert float_texts(twice) == [json.dumps(v) for v in twice]


def test_float_texts_write_null_and_tell_the_two_zeros_apart() -> None:
    assert float_texts([NULL, 0.0, -0.0, -0.0, 0.0, 0.0539, 0.0539]) == [
        "null",
        "0.0",
        "-0.0",
        "-0.0",
        "0.0",
        "0.0539",
        "0.0539",
    ]


def test_members_leave_one_slot_per_key() -> None:
    assert members(["a", "b%"]) % (1, NULL) == '"a":1,"b%":null'


def _reference_url(seed: int, post_id: int, content_type: str, handle: str | None) -> str:
    """The format-template links the world had before they became functions."""
    links = {
        "instagram_post": "https://www.instagram.com/p/{code}/",
        "instagram_reel": "https://www.instagram.com/reel/{code}/",
        "instagram_story": "https://www.instagram.com/stories/{handle}/{number}/",
        "facebook_post": "https://www.facebook.com/{handle}/posts/{number}",
        "facebook_live": "https://www.facebook.com/{handle}/videos/{number}",
        "facebook_group": "https://www.facebook.com/groups/{group}/posts/{number}",
        "facebook_reel": "https://www.facebook.com/reel/{number}",
        "tiktok": "https://www.tiktok.com/@{handle}/video/{number}",
        "youtube_video": "https://www.youtube.com/watch?v={code}",
        "youtube_shorts": "https://www.youtube.com/shorts/{code}",
    }
    digest = hashlib.sha256(f"later\x1fpost\x1f{seed}\x1f{post_id}".encode()).digest()
    return links[content_type].format(
        code="".join(SHORTCODE_ALPHABET[b % 64] for b in digest[:11]),
        number=str(int.from_bytes(digest[11:19], "big") % 10**18 + 10**18),
        group=str(int.from_bytes(digest[19:25], "big") % 10**15 + 10**15),
        handle=handle or "later.creator",
    )


@settings(max_examples=500, deadline=None)
@given(
    st.integers(0, 2**63),
    st.integers(1, 2**31),
    st.sampled_from(CONTENT_TYPES),
    st.one_of(st.none(), st.text(min_size=1, max_size=10)),
)
def test_content_urls_are_the_template_links(
    seed: int, post_id: int, content_type: str, handle: str | None
) -> None:
    expected = _reference_url(seed, post_id, content_type, handle)
    assert content_url(seed, post_id, content_type, handle) == expected
