"""``layers:`` sections of fixture files, parsed into the world's records.

The section has the same tables as ``metrics-mock export`` writes (``export_tables``), so a
hand-written fixture and an exported world load the same way::

    layers:
      organizations:   [{id, name, token, token_without_metrics_scope, rate_limit_tier}]
      projects:        [{id, organization_id, name}]
      layers:          [{id, project_id, name}]
      social_accounts: [{id, project_id, platform, platform_user_id, handle,
                         connected_at, disconnected_at}]
      platform_posts:  [{id, social_account_id, layer_id, format, published_at, views, reach,
                         impressions, likes, comments, shares, saves, watch_time_ms}]
      follower_series: [{social_account_id, date, followers}]

Ids are the kind's prefix (org_, prj_, lay_, sa_, pp_) and 1-64 of ``[A-Za-z0-9-]``, so
that every id fits the spec's patterns (the path's projectId forbids ``_`` after ``prj_``).
Omitted post counters are 0. References and cross-row rules are checked by the world builder
(:mod:`.layers_build`); every problem is a FixtureError naming file, entry and problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from mock_server.domain.errors import BadTimestamp
from mock_server.domain.timestamps import parse_utc_z
from mock_server.world.fixtures import (
    VendorFixture,
    Where,
    require,
    walk_tables,
)
from mock_server.world.layers_model import (
    FORMATS,
    PLATFORMS,
    POST_METRICS,
    TIERS,
    Layer,
    Organization,
    Project,
    SocialAccount,
)

TABLES = (
    "organizations",
    "projects",
    "layers",
    "social_accounts",
    "platform_posts",
    "follower_series",
)


@dataclass(frozen=True)
class FixturePost:
    id: str
    social_account_id: str
    layer_id: str
    format: str
    published_at: datetime
    metrics: Mapping[str, int]
    platform: str | None
    where: Where


@dataclass(frozen=True)
class FixtureFollowers:
    social_account_id: str
    day: date
    followers: int
    where: Where


@dataclass
class FixtureRecords:
    """Everything the ``layers:`` sections of all fixture files define."""

    organizations: list[tuple[Organization, Where]] = field(default_factory=list)
    projects: list[tuple[Project, Where]] = field(default_factory=list)
    layers: list[tuple[Layer, Where]] = field(default_factory=list)
    accounts: list[tuple[SocialAccount, Where]] = field(default_factory=list)
    posts: list[FixturePost] = field(default_factory=list)
    followers: list[FixtureFollowers] = field(default_factory=list)


def parse_sections(sections: tuple[VendorFixture, ...]) -> FixtureRecords:
    """Parse every file's ``layers:`` section; unknown tables or fields are errors."""
    out = FixtureRecords()
    walk_tables(
        sections,
        "layers",
        {table: partial(_PARSERS[table], out=out) for table in TABLES},
    )
    return out


def _id(row: Mapping[str, Any], key: str, prefix: str, where: Where) -> str:
    value = str(require(where.source, where.entry, row, key, str))
    if not re.fullmatch(re.escape(prefix) + r"[A-Za-z0-9-]{1,64}", value):
        raise where.error(f"'{key}' must be '{prefix}' and 1-64 of A-Z a-z 0-9 -, got {value!r}")
    return value


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
    raise where.error(f"'{key}' must be a timestamp like 2026-04-01T00:00:00Z, got {value!r}")


def _organization(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(
        row, {"id", "name", "token", "token_without_metrics_scope", "rate_limit_tier"}
    )
    tier = row.get("rate_limit_tier", "standard")
    if tier not in TIERS:
        raise where.error(f"'rate_limit_tier' must be one of {', '.join(TIERS)}, got {tier!r}")
    tokens = [_token(row, k, where) for k in ("token", "token_without_metrics_scope")]
    org = Organization(
        _id(row, "id", "org_", where),
        require(where.source, where.entry, row, "name", str),
        tokens[0],
        tokens[1],
        tier,
    )
    out.organizations.append((org, where))


def _token(row: Mapping[str, Any], key: str, where: Where) -> str:
    value = str(require(where.source, where.entry, row, key, str))
    if not re.fullmatch(r"lp_[A-Za-z0-9_-]{1,120}", value):
        raise where.error(f"'{key}' must look like lp_... (A-Z a-z 0-9 _ -), got {value!r}")
    return value


def _project(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"id", "organization_id", "name"})
    project = Project(
        _id(row, "id", "prj_", where),
        _id(row, "organization_id", "org_", where),
        str(row.get("name", "")) or "Untitled project",
    )
    out.projects.append((project, where))


def _layer(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"id", "project_id", "name"})
    layer = Layer(
        _id(row, "id", "lay_", where),
        _id(row, "project_id", "prj_", where),
        require(where.source, where.entry, row, "name", str),
    )
    out.layers.append((layer, where))


def _account(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    fields = {"id", "project_id", "platform", "platform_user_id", "handle", "connected_at"}
    where.unknown_fields(row, fields | {"disconnected_at"})
    platform = require(where.source, where.entry, row, "platform", str)
    if platform not in PLATFORMS:
        raise where.error(f"'platform' must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    user_id = row.get("platform_user_id")
    if not isinstance(user_id, str | int) or isinstance(user_id, bool) or str(user_id) == "":
        raise where.error(f"'platform_user_id' must be a non-empty string, got {user_id!r}")
    connected = _instant(row, "connected_at", where)
    ended = None if row.get("disconnected_at") is None else _instant(row, "disconnected_at", where)
    if ended is not None and ended <= connected:
        raise where.error("'disconnected_at' must be after 'connected_at'")
    account = SocialAccount(
        _id(row, "id", "sa_", where),
        _id(row, "project_id", "prj_", where),
        platform,
        str(user_id),
        str(row.get("handle", "")),
        connected,
        ended,
    )
    out.accounts.append((account, where))


def _post(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    fields = {"id", "social_account_id", "layer_id", "format", "published_at", "platform"}
    where.unknown_fields(row, fields | set(POST_METRICS))
    fmt = require(where.source, where.entry, row, "format", str)
    if fmt not in FORMATS:
        raise where.error(f"'format' must be one of {', '.join(FORMATS)}, got {fmt!r}")
    metrics = {m: _count(row, m, where) for m in POST_METRICS}
    if metrics["reach"] > metrics["impressions"]:
        raise where.error("'reach' cannot exceed 'impressions'")
    out.posts.append(
        FixturePost(
            _id(row, "id", "pp_", where),
            _id(row, "social_account_id", "sa_", where),
            _id(row, "layer_id", "lay_", where),
            fmt,
            _instant(row, "published_at", where),
            metrics,
            row.get("platform"),
            where,
        )
    )


def _count(row: Mapping[str, Any], key: str, where: Where) -> int:
    value = row.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**40:
        raise where.error(f"'{key}' must be a whole number from 0 to 2**40, got {value!r}")
    return value


def _followers(row: Mapping[str, Any], where: Where, out: FixtureRecords) -> None:
    where.unknown_fields(row, {"social_account_id", "date", "followers"})
    day = row.get("date")
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            raise where.error(f"'date' must be YYYY-MM-DD, got {day!r}") from None
    if not isinstance(day, date) or isinstance(day, datetime):
        raise where.error(f"'date' must be YYYY-MM-DD, got {day!r}")
    out.followers.append(
        FixtureFollowers(
            _id(row, "social_account_id", "sa_", where), day, _count(row, "followers", where), where
        )
    )


_PARSERS = {
    "organizations": _organization,
    "projects": _project,
    "layers": _layer,
    "social_accounts": _account,
    "platform_posts": _post,
    "follower_series": _followers,
}
