"""The Later world: OAuth clients bound to instances, campaigns, creators, posts, and each
post's performance day by day.

Generated from (seed, scale) per absolute UTC day (the clock only decides which days exist)
and/or loaded from ``later:`` fixture sections (world/later_fixtures.py). The posts live in
columnar NumPy arrays sorted for range queries, with per-group prefix sums over days
(world/later_index.py), so a request never loops over posts in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import numpy as np

from mock_server.domain.timestamps import format_utc_millis
from mock_server.world.base import GenContext
from mock_server.world.later_build import Tenants, merge
from mock_server.world.later_entities import (
    Client,
    creator_count,
    generate_campaigns,
    generate_clients,
    generate_creators,
    generate_instances,
    span_years,
)
from mock_server.world.later_fixtures import parse_sections
from mock_server.world.later_generate import generate_posts
from mock_server.world.later_index import SECONDS_PER_DAY, LaterIndex, build_index
from mock_server.world.later_model import (
    CONTENT_TYPES,
    METRICS,
    Campaign,
    CampaignLookup,
    Creator,
    Instance,
    PostColumns,
    empty_posts,
)
from mock_server.world.later_profile import ACCRUAL_DAYS, DAILY, RADICES, daily_values

__all__ = ["Client", "LaterWorld", "generate"]

DAILY_EXPORT_LIMIT = 2_000
"""Worlds up to this many posts also export every post's per-day values."""


@dataclass(frozen=True)
class LaterWorld:
    clients: tuple[Client, ...]
    instances: tuple[Instance, ...]
    campaigns: tuple[Campaign, ...]
    creators: tuple[Creator, ...]
    index: LaterIndex
    now: datetime

    @cached_property
    def campaign_lookup(self) -> CampaignLookup:
        """Campaign positions by instance and by id (a request's filter reads them)."""
        return CampaignLookup.of(self.campaigns)

    def catalog(self) -> dict[str, Any]:
        return {
            "clients": [
                {"token": c.token, "instanceIds": list(c.instance_ids)} for c in self.clients
            ],
            "campaignIds": sorted(c.campaign_id for c in self.campaigns),
        }

    def client(self, token: str) -> Client | None:
        """The client a bearer token belongs to."""
        return next((c for c in self.clients if c.token == token), None)

    def export_tables(self) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
        """Tables a fixture can rebuild the world from, plus the accrual parameters (and,
        for worlds up to DAILY_EXPORT_LIMIT posts, every post's per-day values)."""
        yield "clients", self.catalog()["clients"]
        yield "instances", ({"instanceId": i.instance_id, "name": i.name} for i in self.instances)
        yield "campaigns", (_campaign_row(c) for c in self.campaigns)
        yield "creators", (_creator_row(c) for c in self.creators)
        yield "posts", self._post_rows()
        yield "accrual_profile", _profile_rows()
        if len(self.index.posts) <= DAILY_EXPORT_LIMIT:
            yield "daily_performance", self._daily_rows()

    def _post_rows(self) -> Iterator[dict[str, Any]]:
        posts = self.index.posts
        for i in np.argsort(posts.post_id, kind="stable"):
            yield post_row(self, posts, int(i))

    def _daily_rows(self) -> Iterator[dict[str, Any]]:
        posts, index = self.index.posts, self.index
        for i in np.argsort(posts.post_id, kind="stable"):
            per_metric = {
                m.name: daily_values(int(posts.metrics[m.name][i]), m.on_publish)
                for m in METRICS
                if all(posts.flags[f][i] for f in m.needs)
            }
            first = int(index.day[i])
            for k in range(min(ACCRUAL_DAYS, index.clock_day - first)):
                day = datetime.fromtimestamp((index.origin + first + k) * SECONDS_PER_DAY, UTC)
                row: dict[str, Any] = {"postId": int(posts.post_id[i]), "date": str(day.date())}
                row.update({name: values[k] for name, values in per_metric.items()})
                yield row


def post_row(world: LaterWorld, posts: PostColumns, i: int) -> dict[str, Any]:
    """One post as a fixture/export row (final totals; null where not available)."""
    creator = int(posts.creator[i])
    row: dict[str, Any] = {
        "postId": int(posts.post_id[i]),
        "campaignId": world.campaigns[int(posts.campaign[i])].campaign_id,
        "creatorId": world.creators[creator].creator_id if creator >= 0 else None,
        "contentType": CONTENT_TYPES[int(posts.content_type[i])],
        "postDate": format_utc_millis(datetime.fromtimestamp(int(posts.posted_at[i]), UTC)),
    }
    for metric in METRICS:
        available = all(posts.flags[f][i] for f in metric.needs)
        row[metric.name] = int(posts.metrics[metric.name][i]) if available else None
    return row


def _campaign_row(c: Campaign) -> dict[str, Any]:
    return {
        "campaignId": c.campaign_id,
        "instanceId": c.instance_id,
        "name": c.name,
        "startDate": c.start.isoformat(),
        "endDate": c.end.isoformat(),
    }


def _creator_row(c: Creator) -> dict[str, Any]:
    profiles = [
        {"network": p.network, "handle": p.handle, "followers": p.followers} for p in c.profiles
    ]
    return {"creatorId": c.creator_id, "fullName": c.full_name, "profiles": profiles}


def _profile_rows() -> Iterator[dict[str, Any]]:
    for level, radix in enumerate(RADICES):
        yield {
            "level": level,
            "radix": radix,
            "daily": [int(v) for v in DAILY[level]],
            "accrualDays": ACCRUAL_DAYS,
            "onPublish": [m.name for m in METRICS if m.on_publish],
        }


def generate(ctx: GenContext) -> LaterWorld:
    """The generated world (unless a fixture replaces it) plus the fixtures' records."""
    records = parse_sections(ctx.fixtures.for_vendor("later"))
    if ctx.fixtures.replace:
        tenants, posts = Tenants((), (), (), ()), empty_posts()
    else:
        tenants, posts = _generated(ctx)
    tenants, posts = merge(tenants, posts, records, ctx.now)
    clock_day = int(ctx.now.timestamp()) // SECONDS_PER_DAY
    return LaterWorld(
        tenants.clients,
        tenants.instances,
        tenants.campaigns,
        tenants.creators,
        build_index(posts, clock_day, campaign_clients(tenants.clients, tenants.campaigns)),
        ctx.now,
    )


def campaign_clients(clients: Sequence[Client], campaigns: Sequence[Campaign]) -> list[int]:
    """Per campaign, the position of the client whose instance runs it (an instance no
    client has: one more than the last client)."""
    owner = {i: at for at, client in enumerate(clients) for i in client.instance_ids}
    return [owner.get(campaign.instance_id, len(clients)) for campaign in campaigns]


def _generated(ctx: GenContext) -> tuple[Tenants, PostColumns]:
    clients = generate_clients(ctx.seed)
    instances = generate_instances(ctx.seed, clients)
    campaigns = generate_campaigns(ctx.seed, instances, span_years(ctx.now))
    count = ctx.scale.later_posts
    creators = generate_creators(ctx.seed, creator_count(count))
    posts = generate_posts(ctx, campaigns, creators, count)
    return Tenants(clients, instances, campaigns, creators), posts
