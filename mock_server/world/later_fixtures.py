"""``later:`` sections of fixture files, parsed into the world's records.

The tables are the ones ``metrics-mock export`` writes (``LaterWorld.export_tables``), so a
hand-written fixture and an exported world load the same way::

    later:
      clients:   [{token, instanceIds: [...]}]
      instances: [{instanceId, name}]                      # optional: names
      campaigns: [{campaignId, instanceId, name, startDate, endDate}]
      creators:  [{creatorId, fullName, profiles: [{network, handle, followers}]}]
      posts:     [{postId, campaignId, creatorId, contentType, postDate, <metric>: total}]

A post's metrics are its *final* totals (reached 60 days after publication; see
world/later_profile.py). Omitted organic metrics are 0. A group of nullable metrics (views;
paid*; trackingLinks*; affiliateLinks*; crosspostedFacebookOnlyViews) is available when any
of its fields is given, its omitted fields then being 0; a video content type always has
views. Every problem is a FixtureError naming file, entry and problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from mock_server.domain.errors import BadTimestamp
from mock_server.domain.timestamps import parse_iso_date, parse_utc_z
from mock_server.world.fixtures import (
    VendorFixture,
    Where,
    require,
    walk_tables,
)
from mock_server.world.later_entities import Client
from mock_server.world.later_model import (
    ALWAYS_VIDEO,
    CONTENT_TYPES,
    METRICS,
    NETWORKS,
    Campaign,
    Creator,
    CreatorProfile,
    Instance,
)

TABLES = ("clients", "instances", "campaigns", "creators", "posts")
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_INT = 2_147_483_647
POST_FIELDS = {"postId", "campaignId", "creatorId", "contentType", "postDate"}
FLAG_OF_PREFIX = (("paid", "paid"), ("trackingLinks", "tracking"), ("affiliateLinks", "affiliate"))


@dataclass(frozen=True)
class FixturePost:
    post_id: int
    campaign_id: int
    creator_id: int | None
    content_type: int
    posted_at: datetime
    flags: Mapping[str, bool]
    metrics: Mapping[str, int]
    where: Where


@dataclass
class FixtureRecords:
    """Everything the ``later:`` sections of all fixture files define."""

    clients: list[tuple[Client, Where]] = field(default_factory=list)
    instances: list[tuple[Instance, Where]] = field(default_factory=list)
    campaigns: list[tuple[Campaign, Where]] = field(default_factory=list)
    creators: list[tuple[Creator, Where]] = field(default_factory=list)
    posts: list[FixturePost] = field(default_factory=list)


def parse_sections(sections: tuple[VendorFixture, ...]) -> FixtureRecords:
    """Parse every file's ``later:`` section; unknown tables or fields are errors."""
    out = FixtureRecords()
    walk_tables(
        sections,
        "later",
        {table: partial(_PARSERS[table], out=out) for table in TABLES},
    )
    return out


def _int(row: Mapping[str, Any], key: str, where: Where, lo: int = 1) -> int:
    value = int(require(where.source, where.entry, row, key, int))
    if not lo <= value <= MAX_INT:
        raise where.error(f"'{key}' must be between {lo} and {MAX_INT}, got {value}")
    return value


def _instance_id(value: Any, key: str, where: Where) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise where.error(f"'{key}' must be 1-64 of A-Z a-z 0-9 _ -, got {value!r}")
    return value


def _client(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"token", "instanceIds"})
    token = require(where.source, where.entry, row, "token", str)
    if not re.fullmatch(r"[A-Za-z0-9._~+/-]{8,200}", token):
        raise where.error(f"'token' must be 8-200 token characters, got {token!r}")
    ids = require(where.source, where.entry, row, "instanceIds", list)
    if not ids:
        raise where.error("'instanceIds' must name at least one instance")
    instance_ids = tuple(_instance_id(v, "instanceIds", where) for v in ids)
    out.clients.append((Client(token, instance_ids), where))


def _instance(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"instanceId", "name"})
    instance_id = _instance_id(row.get("instanceId"), "instanceId", where)
    name = require(where.source, where.entry, row, "name", str)
    out.instances.append((Instance(instance_id, name), where))


def _date(row: Mapping[str, Any], key: str, where: Where, default: date) -> date:
    value = row.get(key, default)
    if isinstance(value, datetime):
        raise where.error(f"'{key}' must be a date YYYY-MM-DD, got {value!r}")
    if isinstance(value, date):
        return value
    try:
        return parse_iso_date(str(value), key)
    except BadTimestamp as exc:
        raise where.error(f"'{key}': {exc.message}") from None


def _campaign(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"campaignId", "instanceId", "name", "startDate", "endDate"})
    start = _date(row, "startDate", where, date(1970, 1, 1))
    end = _date(row, "endDate", where, date(9999, 12, 31))
    if end < start:
        raise where.error(f"'endDate' {end} is before 'startDate' {start}")
    campaign = Campaign(
        _int(row, "campaignId", where),
        _instance_id(row.get("instanceId"), "instanceId", where),
        require(where.source, where.entry, row, "name", str),
        start,
        end,
    )
    out.campaigns.append((campaign, where))


def _creator(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"creatorId", "fullName", "profiles"})
    profiles = []
    for index, profile in enumerate(require(where.source, where.entry, row, "profiles", list)):
        at = Where(where.source, f"{where.entry}.profiles[{index}]")
        if not isinstance(profile, dict):
            raise at.error("must be a mapping")
        at.unknown_fields(profile, {"network", "handle", "followers"})
        network = require(at.source, at.entry, profile, "network", str)
        if network not in NETWORKS:
            raise at.error(f"'network' must be one of {', '.join(NETWORKS)}, got {network!r}")
        handle = require(at.source, at.entry, profile, "handle", str)
        if not handle:
            raise at.error("'handle' must not be empty")
        followers = _int(profile, "followers", at, lo=0) if "followers" in profile else 0
        profiles.append(CreatorProfile(network, handle, followers))
    if len({p.network for p in profiles}) != len(profiles):
        raise where.error("at most one profile per network")
    creator = Creator(
        _int(row, "creatorId", where),
        require(where.source, where.entry, row, "fullName", str),
        tuple(profiles),
    )
    out.creators.append((creator, where))


def _instant(row: Mapping[str, Any], key: str, where: Where) -> datetime:
    value = row.get(key)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise where.error(f"'{key}' must be UTC with a Z suffix, got {value.isoformat()}")
        return value.astimezone(UTC)
    if isinstance(value, str):
        try:
            return parse_utc_z(value, key)
        except BadTimestamp as exc:
            raise where.error(f"'{key}': {exc.message}") from None
    raise where.error(f"'{key}' must be a timestamp like 2026-01-05T14:30:00Z, got {value!r}")


def _post(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, POST_FIELDS | {m.name for m in METRICS})
    content_type = require(where.source, where.entry, row, "contentType", str)
    if content_type not in CONTENT_TYPES:
        raise where.error(
            f"'contentType' must be one of {', '.join(CONTENT_TYPES)}, got {content_type!r}"
        )
    creator = row.get("creatorId")
    flags = _flags(row, content_type, where)
    metrics = {}
    for metric in METRICS:
        present = row.get(metric.name) is not None
        metrics[metric.name] = _int(row, metric.name, where, lo=0) if present else 0
        if present and not all(flags[f] for f in metric.needs):
            raise where.error(f"'{metric.name}' is not available on this post: {_why(metric.name)}")
    out.posts.append(
        FixturePost(
            post_id=_int(row, "postId", where),
            campaign_id=_int(row, "campaignId", where),
            creator_id=None if creator is None else _int(row, "creatorId", where),
            content_type=CONTENT_TYPES.index(content_type),
            posted_at=_instant(row, "postDate", where),
            flags=flags,
            metrics=metrics,
            where=where,
        )
    )


def _flags(row: Mapping[str, Any], content_type: str, where: Where) -> dict[str, bool]:
    given = {k for k, v in row.items() if v is not None}
    flags = {flag: any(str(k).startswith(prefix) for k in given) for prefix, flag in FLAG_OF_PREFIX}
    flags["video"] = content_type in ALWAYS_VIDEO or "views" in given
    flags["crossposted"] = "crosspostedFacebookOnlyViews" in given
    if flags["crossposted"] and content_type != "instagram_reel":
        raise where.error("'crosspostedFacebookOnlyViews' exists for instagram_reel posts only")
    return flags


def _why(name: str) -> str:
    if name == "paidViews":
        return "paidViews needs a video post (give 'views' too)"
    return "its group of metrics is not available"


_PARSERS = {
    "clients": _client,
    "instances": _instance,
    "campaigns": _campaign,
    "creators": _creator,
    "posts": _post,
}
