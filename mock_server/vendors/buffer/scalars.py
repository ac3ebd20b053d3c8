"""The SDL's custom scalars: DateTime and the four opaque id types.

SDL, scalar DateTime: "responses are always UTC with second precision and a `Z` suffix
(`2026-03-31T23:59:59Z`). Inputs must carry `Z` or a numeric offset and are converted to UTC;
a value without an offset, or one that does not parse, is a validation error."
Ids are opaque strings (the mock issues 24 lowercase hex digits); any string is accepted as
input and simply matches nothing when unknown, anything else is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from ariadne import ScalarType

from mock_server.domain.errors import BadTimestamp, ValidationError
from mock_server.domain.timestamps import format_utc_z

_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2})"
)
ID_SCALARS = ("OrganizationId", "ChannelId", "PostId", "TagId")


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 23 or minutes > 59:
        raise ValueError(f"offset {text} out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_datetime(value: object) -> datetime:
    """An RFC 3339 date-time with ``Z`` or a numeric offset, as an aware UTC datetime."""
    example = "like 2026-03-31T23:59:59Z or 2026-03-31T23:59:59+02:00"
    if not isinstance(value, str):
        raise BadTimestamp(f"DateTime must be a string {example}, got {value!r}.")
    match = _DATETIME.fullmatch(value)
    if match is None:
        raise BadTimestamp(
            f"Invalid DateTime {value!r}: expected an ISO 8601 date-time with Z or a numeric "
            f"offset, {example}."
        )
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    micros = int((match.group(7) or "0")[:6].ljust(6, "0"))
    try:
        local = datetime(year, month, day, hour, minute, second, micros, _offset(match.group(8)))
        return local.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise BadTimestamp(f"Invalid DateTime {value!r}: {exc}.") from None


def serialize_datetime(value: object) -> str:
    """``2026-03-31T23:59:59Z``."""
    if not isinstance(value, datetime):
        raise TypeError(f"DateTime fields must resolve to datetime, got {value!r}")
    return format_utc_z(value)


def _id_parser(name: str) -> ScalarType:
    def parse(value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"{name} must be a string, got {value!r}.")
        return value

    return ScalarType(name, serializer=str, value_parser=parse)


def scalar_types() -> list[ScalarType]:
    """Bindables for every custom scalar of the SDL."""
    date_time = ScalarType("DateTime", serializer=serialize_datetime, value_parser=parse_datetime)
    return [date_time, *(_id_parser(name) for name in ID_SCALARS)]
