"""Wire formats of instants and dates, parsed strictly and formatted deterministically.

Layers uses ``2026-04-01T00:00:00Z`` (seeds/layers-metrics.txt, "ISO 8601, UTC Z"), Later
``YYYY-MM-DD`` dates and ``2024-07-15T14:30:00.000Z`` post dates (seeds/later-*.txt),
Buffer ``DateTime`` values like ``2026-01-01T00:00:00Z`` (seeds/buffer-post-metrics.txt).
Client-supplied text that does not match raises :class:`~.errors.BadTimestamp`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from .errors import BadTimestamp

_UTC_Z = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?Z"
)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def as_utc(ts: datetime) -> datetime:
    """Return ``ts`` converted to UTC; a naive datetime is a programming error (ValueError)."""
    if ts.tzinfo is None or ts.utcoffset() is None:
        raise ValueError(f"naive datetime {ts.isoformat()}: the domain works in aware UTC only")
    return ts.astimezone(UTC)


def format_utc_z(dt: datetime) -> str:
    """``2026-04-01T00:00:00Z``: the Layers and Buffer wire format.

    Sub-second precision is truncated: every vendor example uses whole seconds.
    """
    return as_utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_utc_millis(dt: datetime) -> str:
    """``2024-07-15T14:30:00.000Z``: Later's ``postDate`` (seeds/later-posts-performance.txt).

    Microseconds are truncated to milliseconds.
    """
    dt = as_utc(dt)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_utc_z(text: str, param: str | None = None) -> datetime:
    """Parse ``YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z`` strictly into an aware UTC datetime.

    Anything else (a numeric offset such as ``+00:00``, a lower-case ``z``, missing seconds,
    non-ASCII digits, an impossible date like Feb 30) raises :class:`BadTimestamp` naming
    ``param``.
    """
    match = _UTC_Z.fullmatch(text)
    if match is None:
        raise BadTimestamp(
            f"Invalid timestamp {text!r}: expected ISO 8601 UTC like 2026-04-01T00:00:00Z.",
            param,
        )
    year, month, day, hour, minute, second = (int(f) for f in match.groups()[:6])
    micros = int((match.group(7) or "0").ljust(6, "0"))
    try:
        return datetime(year, month, day, hour, minute, second, micros, tzinfo=UTC)
    except ValueError as exc:
        raise BadTimestamp(f"Invalid timestamp {text!r}: {exc}.", param) from None


def parse_iso_date(text: str, param: str | None = None) -> date:
    """Parse a strict ``YYYY-MM-DD`` (Later ``startDate``/``endDate``).

    Raises :class:`BadTimestamp` naming ``param`` on any other shape or an impossible date.
    """
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise BadTimestamp(f"Invalid date {text!r}: expected YYYY-MM-DD.", param)
    year, month, day = (int(f) for f in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise BadTimestamp(f"Invalid date {text!r}: {exc}.", param) from None
