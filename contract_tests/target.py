"""What the kit needs to know about the implementation it checks.

A real target needs a config file (TOML or YAML, see ``docs`` in the README) naming tokens,
ids to query, an id the token must not see and a token without the needed scope. Against
the mock, :mod:`contract_tests.catalog` fills the same structures from
``GET {base}/_mock/catalog``. Every field but the token is optional: a scenario whose inputs
are missing is reported as skipped, with the config key that would enable it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from contract_tests.registry import Vendor


@dataclass(frozen=True)
class LayersProject:
    """A project the token can read, with some of its entities."""

    id: str
    platform_posts: tuple[str, ...] = ()
    social_accounts: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    all_layers_listed: bool = False
    sibling_accounts: tuple[tuple[str, ...], ...] = ()  # rows of one reconnected account


@dataclass(frozen=True)
class LayersTarget:
    organization_id: str | None = None
    projects: tuple[LayersProject, ...] = ()
    foreign_project_id: str | None = None
    foreign_ids: Mapping[str, str] = field(default_factory=dict)  # scope -> id of another org
    token_without_scope: str | None = None


@dataclass(frozen=True)
class LaterTarget:
    instance_ids: tuple[str, ...] = ()
    foreign_instance_id: str | None = None
    campaign_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class BufferChannel:
    id: str
    service: str


@dataclass(frozen=True)
class BufferTarget:
    organization_id: str | None = None
    channels: tuple[BufferChannel, ...] = ()
    post_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()
    foreign_organization_id: str | None = None
    foreign_channel_id: str | None = None
    foreign_post_id: str | None = None
    token_without_insights: str | None = None
    graphql_path: str = "/graphql"


@dataclass(frozen=True)
class Target:
    """One vendor's implementation under test."""

    vendor: Vendor
    base_url: str
    token: str
    now: datetime  # the server's clock (the mock's --now), else today's UTC midnight
    data_since: datetime  # a window known to hold data
    data_until: datetime
    layers: LayersTarget = field(default_factory=LayersTarget)
    later: LaterTarget = field(default_factory=LaterTarget)
    buffer: BufferTarget = field(default_factory=BufferTarget)
    is_mock: bool = False

    @property
    def endpoint(self) -> str:
        """The URL requests go to: the base URL, plus the GraphQL path for Buffer."""
        base = self.base_url.rstrip("/")
        return base + self.buffer.graphql_path if self.vendor == "buffer" else base

    def secrets(self) -> dict[str, str]:
        """Token value -> placeholder, so reports never print a real target's secrets."""
        if self.is_mock:
            return {}
        prefix = self.vendor.upper()
        pairs = {
            self.token: f"{prefix}_TOKEN",
            self.layers.token_without_scope or "": f"{prefix}_TOKEN_WITHOUT_SCOPE",
            self.buffer.token_without_insights or "": f"{prefix}_TOKEN_WITHOUT_INSIGHTS",
        }
        return {k: f"'\"${v}\"'" for k, v in pairs.items() if k}

    def with_base_url(self, base_url: str) -> Target:
        return replace(self, base_url=base_url)


class ConfigError(ValueError):
    """The config file is unreadable or lacks something the run needs."""


def load_file(path: Path) -> dict[str, Any]:
    """Parse a TOML (``.toml``) or YAML (anything else) config file into a dict."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from None
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"config {path} does not parse: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"config {path} must be a mapping with [layers]/[later]/[buffer] tables")
    return data


def today_utc() -> datetime:
    today = datetime.now(UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def parse_instant(value: object, key: str) -> datetime:
    """``2026-04-01T00:00:00Z``, a date, or a datetime from YAML, as aware UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not an ISO 8601 date or instant") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _strs(section: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = section.get(key) or ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _layers(section: Mapping[str, Any]) -> LayersTarget:
    projects = tuple(
        LayersProject(
            id=str(p["id"]),
            platform_posts=_strs(p, "platform_posts"),
            social_accounts=_strs(p, "social_accounts"),
            layers=_strs(p, "layers"),
            all_layers_listed=bool(p.get("all_layers_listed", False)),
            sibling_accounts=tuple(tuple(map(str, g)) for g in p.get("sibling_accounts") or ()),
        )
        for p in section.get("projects") or ()
    )
    return LayersTarget(
        organization_id=section.get("organization_id"),
        projects=projects,
        foreign_project_id=section.get("foreign_project_id"),
        foreign_ids=dict(section.get("foreign_ids") or {}),
        token_without_scope=section.get("token_without_scope"),
    )


def _later(section: Mapping[str, Any]) -> LaterTarget:
    return LaterTarget(
        instance_ids=_strs(section, "instance_ids"),
        foreign_instance_id=section.get("foreign_instance_id"),
        campaign_ids=tuple(int(c) for c in section.get("campaign_ids") or ()),
    )


def _buffer(section: Mapping[str, Any]) -> BufferTarget:
    channels = tuple(
        BufferChannel(str(c["id"]), str(c.get("service", "")))
        if isinstance(c, Mapping)
        else BufferChannel(str(c), "")
        for c in section.get("channels") or section.get("channel_ids") or ()
    )
    return BufferTarget(
        organization_id=section.get("organization_id"),
        channels=channels,
        post_ids=_strs(section, "post_ids"),
        tag_ids=_strs(section, "tag_ids"),
        foreign_organization_id=section.get("foreign_organization_id"),
        foreign_channel_id=section.get("foreign_channel_id"),
        foreign_post_id=section.get("foreign_post_id"),
        token_without_insights=section.get("token_without_insights"),
        graphql_path=str(section.get("graphql_path", "/graphql")),
    )


def with_env(section: Mapping[str, Any]) -> dict[str, Any]:
    """``token_env = "LATER_TOKEN"`` reads ``token`` from that environment variable (any
    key ending in ``_env``), so a config file can be committed without its secrets."""
    resolved = dict(section)
    for key, value in section.items():
        if key.endswith("_env") and isinstance(value, str):
            if value not in os.environ:
                raise ConfigError(f"{key} names {value}, which is not set in the environment")
            resolved.setdefault(key[: -len("_env")], os.environ[value])
    return resolved


def target_from_config(
    vendor: Vendor,
    data: Mapping[str, Any],
    *,
    base_url: str | None,
    token: str | None,
    is_mock: bool = False,
) -> Target:
    """Build the target of ``vendor`` from a parsed config (file or catalog-derived)."""
    section = with_env(data.get(vendor) or {})
    url = base_url or section.get("base_url") or data.get("base_url")
    secret = token or section.get("token")
    if not url:
        raise ConfigError(f"no base URL for {vendor}: pass --base-url or set {vendor}.base_url")
    if not secret:
        raise ConfigError(f"no token for {vendor}: pass --token or set {vendor}.token")
    now = parse_instant(data["now"], "now") if data.get("now") else today_utc()
    since = section.get("data_since")
    until = section.get("data_until")
    return Target(
        vendor=vendor,
        base_url=str(url),
        token=str(secret),
        now=now,
        data_since=parse_instant(since, "data_since") if since else now - timedelta(days=180),
        data_until=parse_instant(until, "data_until") if until else now,
        layers=_layers(section) if vendor == "layers" else LayersTarget(),
        later=_later(section) if vendor == "later" else LaterTarget(),
        buffer=_buffer(section) if vendor == "buffer" else BufferTarget(),
        is_mock=is_mock,
    )
