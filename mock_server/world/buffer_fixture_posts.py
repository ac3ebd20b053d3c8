"""Reading the posts of a ``buffer:`` fixture organization into columns, with checks.

A post's dates must agree with its status (a ``sent`` post has ``sentAt``, others do not; a
``scheduled`` post has ``dueAt``; nothing is updated before it is created), its channel and
tags must belong to the same organization, and its metrics must be types its network reports
(NETWORK_METRICS, seeds/buffer-post-metrics.txt): never a deprecated type, never
engagementRate or postCount, which the mock computes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np

from mock_server.domain.buffer_metrics import COMPUTED, DEPRECATED, NETWORK_METRICS
from mock_server.world.buffer_table import (
    COUNT_TYPES,
    HUNDREDTHS,
    NULL_TIME,
    STATUSES,
    PostColumns,
)
from mock_server.world.fixtures import FixtureError, require

HEX24 = re.compile(r"[0-9a-f]{24}")
POST_KEYS = {"id", "channelId", "status", "createdAt", "updatedAt", "dueAt", "sentAt", "tags",
             "text", "metrics"}  # fmt: skip


class Entry:
    """Where we are in a fixture file, for error messages."""

    def __init__(self, source: str, path: str) -> None:
        self.source, self.path = source, path

    def fail(self, problem: str) -> FixtureError:
        return FixtureError(self.source, self.path, problem)

    def child(self, suffix: str) -> Entry:
        return Entry(self.source, self.path + suffix)

    def mapping(self, value: object, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"must be a mapping, got {value!r}")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(f"unknown field(s) {unknown}; allowed: {sorted(allowed)}")
        return value

    def items(self, row: Mapping[str, Any], key: str) -> list[Any]:
        value = row.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"'{key}' must be a list, got {value!r}")
        return value

    def hex_id(self, row: Mapping[str, Any], key: str, taken: set[str]) -> str:
        value = require(self.source, self.path, row, key, str)
        if not HEX24.fullmatch(value):
            raise self.fail(f"'{key}' must be 24 lowercase hexadecimal digits, got {value!r}")
        if value in taken:
            raise self.fail(f"'{key}' {value!r} is already used by another entity")
        taken.add(value)
        return str(value)

    def text(self, row: Mapping[str, Any], key: str) -> str:
        return str(require(self.source, self.path, row, key, str))

    def timestamp(self, row: Mapping[str, Any], key: str) -> int | None:
        """Epoch seconds of an optional timestamp with a time zone (YAML or ISO 8601 text)."""
        value = row.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise self.fail(f"'{key}' is not an ISO 8601 date-time: {value!r}") from None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise self.fail(f"'{key}' must be a date-time with Z or an offset, got {value!r}")
        return int(value.timestamp())


def reported_types(service: str) -> tuple[str, ...]:
    """Stored types a service reports (what a fixture post's ``metrics`` may hold)."""
    return tuple(t for t in COUNT_TYPES if t in NETWORK_METRICS[service])


class PostReader:
    """Collects one organization's fixture posts; ``columns()`` returns them as arrays."""

    def __init__(self, org: int, channels: Mapping[str, tuple[int, str]], tags: Mapping[str, int]):
        self.org, self.channels, self.tags = org, channels, tags
        self.rows: list[dict[str, Any]] = []

    def add(self, at: Entry, row: object, taken: set[str]) -> None:
        """Check one post entry and keep it."""
        fields = at.mapping(row, POST_KEYS)
        post_id = at.hex_id(fields, "id", taken)
        channel_id = at.text(fields, "channelId")
        if channel_id not in self.channels:
            raise at.fail(f"'channelId' {channel_id!r} is not a channel of this organization")
        channel, service = self.channels[channel_id]
        status = at.text(fields, "status")
        if status not in STATUSES:
            raise at.fail(f"'status' {status!r} is not a PostStatus; use one of {list(STATUSES)}")
        text = fields.get("text")
        if text is not None and not isinstance(text, str):
            raise at.fail(f"'text' must be a string, got {text!r}")
        self.rows.append(
            {"id": post_id, "channel": channel, "status": STATUSES.index(status), "text": text,
             "tags": self._tags(at, fields), "metrics": _metrics(at, fields, status, service),
             **_times(at, fields, status)}
        )  # fmt: skip

    def _tags(self, at: Entry, fields: Mapping[str, Any]) -> int:
        mask = 0
        for tag_id in at.items(fields, "tags"):
            if tag_id not in self.tags:
                raise at.fail(f"tag {tag_id!r} is not a tag of this organization")
            mask |= 1 << self.tags[tag_id]
        return mask

    def columns(self) -> PostColumns:
        """The collected posts as :class:`PostColumns`."""
        rows = self.rows

        def ints(key: str) -> np.ndarray[Any, np.dtype[np.int64]]:
            return np.array([r[key] for r in rows], dtype=np.int64)

        return PostColumns(
            ids=np.array([r["id"] for r in rows], dtype="U24"),
            org=np.full(len(rows), self.org, dtype=np.int64),
            channel=ints("channel"), status=ints("status"), created=ints("created"),
            updated=ints("updated"), due=ints("due"), sent=ints("sent"),
            tags=np.array([r["tags"] for r in rows], dtype=np.uint64),
            metrics=np.array([r["metrics"] for r in rows], dtype=np.int64).reshape(
                len(rows), len(COUNT_TYPES)
            ),
            texts={i: r["text"] for i, r in enumerate(rows) if r["text"] is not None},
        )  # fmt: skip


def _times(at: Entry, fields: Mapping[str, Any], status: str) -> dict[str, int]:
    created = at.timestamp(fields, "createdAt")
    if created is None:
        raise at.fail("missing required field 'createdAt'")
    sent, due = at.timestamp(fields, "sentAt"), at.timestamp(fields, "dueAt")
    if (status == "sent") != (sent is not None):
        raise at.fail("'sentAt' is required when status is sent and forbidden otherwise")
    if status == "scheduled" and due is None:
        raise at.fail("a scheduled post needs 'dueAt'")
    updated = at.timestamp(fields, "updatedAt")
    updated = max(created, sent or created) if updated is None else updated
    if updated < created or (sent is not None and sent < created):
        raise at.fail("'updatedAt' and 'sentAt' must not precede 'createdAt'")
    return {
        "created": created,
        "updated": updated,
        "due": int(NULL_TIME) if due is None else due,
        "sent": int(NULL_TIME) if sent is None else sent,
    }


def _metrics(at: Entry, fields: Mapping[str, Any], status: str, service: str) -> list[int]:
    given = fields.get("metrics") or {}
    if not isinstance(given, dict):
        raise at.fail(f"'metrics' must be a mapping of type to value, got {given!r}")
    if given and status != "sent":
        raise at.fail("only sent posts have metrics (Post.metrics is null while not sent)")
    allowed = reported_types(service)
    for name, value in given.items():
        _check_metric(at, service, allowed, name, value)
    return [
        -1 if t not in given else round(float(given[t]) * (100 if t in HUNDREDTHS else 1))
        for t in COUNT_TYPES
    ]


def _check_metric(at: Entry, service: str, allowed: tuple[str, ...], name: str, value: Any) -> None:
    if name in DEPRECATED:
        raise at.fail(f"metric '{name}' is deprecated and never emitted; use {DEPRECATED[name]}")
    if name in COMPUTED or name == "postCount":
        raise at.fail(f"metric '{name}' is computed by the mock; leave it out")
    if name not in allowed:
        raise at.fail(f"{service} does not report '{name}'; it reports {list(allowed)}")
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise at.fail(f"metric '{name}' must be a number >= 0, got {value!r}")
    scale = 100 if name in HUNDREDTHS else 1
    if round(value * scale) != value * scale:
        places = "2 decimals" if scale == 100 else "a whole number"
        raise at.fail(f"metric '{name}' must be {places}, got {value!r}")
