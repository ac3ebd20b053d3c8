"""Page-number pagination (Later) and opaque Relay cursors (Buffer).

Later: ``pageSize`` 1..100, ``pageNumber`` 1-indexed, ``pagination = {page, pageSize,
totalItems, totalPages}`` with ``totalPages = ceil(totalItems / pageSize)``
(seeds/later-posts-performance.txt, "Pagination"; DOMAIN.md section 2).

Buffer: ``posts(first, after)`` returns Relay edges with cursors and ``pageInfo``; ``first``
above 100 is an error "Pagination limit exceeded. Maximum 100 items per request." (DOMAIN.md
section 4). A cursor is bound to the query that issued it: a cursor replayed against another
query (other filters, sort or organization) is rejected with :class:`~.errors.InvalidCursor`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InvalidCursor, ValidationError

_CURSOR = re.compile(r"v1:([0-9a-f]{16}):(0|[1-9][0-9]{0,17})")

BUFFER_MAX_FIRST = 100
"""Largest ``first`` Buffer accepts (DOMAIN.md section 4)."""


def page_count(total: int, size: int) -> int:
    """``ceil(total / size)``: 0 pages when there are no items. ``size`` must be >= 1."""
    if size < 1 or total < 0:
        raise ValueError(f"page_count({total}, {size}): need total >= 0 and size >= 1")
    return -(-total // size)


def page_slice(total: int, page: int, size: int) -> tuple[int, int]:
    """``(start, stop)`` item offsets of 1-indexed ``page``; ``start == stop`` past the end.

    Later returns an empty ``data`` array for a page beyond the last (mock choice), with the
    same ``pagination`` totals.
    """
    if page < 1:
        raise ValueError(f"page numbers start at 1, got {page}")
    page_count(total, size)  # validates total and size
    start = min((page - 1) * size, total)
    return start, min(start + size, total)


@dataclass(frozen=True)
class PageInfo:
    """Later's ``pagination`` object: ``{page, pageSize, totalItems, totalPages}``."""

    page: int
    page_size: int
    total_items: int
    total_pages: int

    @classmethod
    def of(cls, total: int, page: int, size: int) -> PageInfo:
        """Pagination block for ``page`` of ``total`` items in pages of ``size``."""
        return cls(page, size, total, page_count(total, size))


# --- Relay cursors (Buffer) ------------------------------------------------------------


def query_key(query: Mapping[str, object]) -> str:
    """Stable 16-hex-digit digest of a normalised query (filters, sort, organization).

    Canonical JSON (sorted keys, no spaces) through SHA-256, so the key is the same in any
    process; never :func:`hash`. Values must be JSON-serialisable; normalise them first (for
    example sort id lists whose order does not matter, format datetimes as strings).
    """
    text = json.dumps(query, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def encode_cursor(key: str, offset: int) -> str:
    """Opaque cursor for the item at 0-based ``offset`` of the query with ``key``.

    urlsafe base64 (unpadded) of ``v1:<key>:<offset>``.
    """
    if offset < 0 or not re.fullmatch(r"[0-9a-f]{16}", key):
        raise ValueError(f"bad cursor parts {key!r}, {offset}")
    return base64.urlsafe_b64encode(f"v1:{key}:{offset}".encode("ascii")).decode().rstrip("=")


def decode_cursor(cursor: str, key: str, param: str = "after") -> int:
    """Offset encoded in ``cursor``; :class:`InvalidCursor` if malformed or for another query."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (ValueError, binascii.Error, UnicodeError):
        raise InvalidCursor(f"Invalid cursor {cursor!r}.", param) from None
    match = _CURSOR.fullmatch(text)
    if match is None or encode_cursor(match.group(1), int(match.group(2))) != cursor:
        raise InvalidCursor(f"Invalid cursor {cursor!r}.", param)
    if match.group(1) != key:
        raise InvalidCursor(f"Cursor {cursor!r} belongs to a different query.", param)
    return int(match.group(2))


@dataclass(frozen=True)
class RelayPage:
    """Items ``[start, stop)`` of one Relay page and whether more follow."""

    start: int
    stop: int
    has_next_page: bool


def validate_first(first: int, limit: int = BUFFER_MAX_FIRST) -> None:
    """Reject ``first`` above ``limit`` with Buffer's message, or a negative ``first``."""
    if first > limit:
        raise ValidationError(
            f"Pagination limit exceeded. Maximum {limit} items per request.", "first"
        )
    if first < 0:
        raise ValidationError("first must not be negative.", "first")


def relay_page(total: int, first: int, after: int | None) -> RelayPage:
    """Slice after the item at offset ``after`` (None: from the start), at most ``first``.

    ``hasPreviousPage`` is always false on Buffer (DOMAIN.md section 4), so only
    ``has_next_page`` is computed. ``first`` is checked with :func:`validate_first`.
    """
    validate_first(first)
    start = 0 if after is None else min(after + 1, total)
    stop = min(start + first, total)
    return RelayPage(start, stop, stop < total)
