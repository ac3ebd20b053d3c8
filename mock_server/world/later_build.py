"""Merge the generated Later world with fixture records, checking every reference."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from mock_server.world.fixtures import Where
from mock_server.world.later_entities import Client
from mock_server.world.later_fixtures import FixturePost, FixtureRecords
from mock_server.world.later_model import (
    CONTENT_TYPES,
    FLAGS,
    METRIC_NAMES,
    NETWORK_OF,
    Campaign,
    Creator,
    Instance,
    PostColumns,
    concat_posts,
    empty_posts,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Tenants:
    """Everything but the posts."""

    clients: tuple[Client, ...]
    instances: tuple[Instance, ...]
    campaigns: tuple[Campaign, ...]
    creators: tuple[Creator, ...]


def merge(
    generated: Tenants, posts: PostColumns, records: FixtureRecords, now: datetime
) -> tuple[Tenants, PostColumns]:
    """Generated records first, then fixture records; FixtureError on any conflict."""
    clients = _clients(generated.clients, records)
    bound = {i: c.token for c in clients for i in c.instance_ids}
    names = {i.instance_id: i.name for i in generated.instances}
    for instance, where in records.instances:
        if instance.instance_id not in bound:
            raise where.error(f"instance '{instance.instance_id}' is bound to no client")
        names[instance.instance_id] = instance.name
    instances = tuple(Instance(i, names.get(i, i)) for c in clients for i in c.instance_ids)
    campaigns = _unique(
        generated.campaigns, records.campaigns, lambda c: c.campaign_id, "campaignId"
    )
    for campaign, where in records.campaigns:
        if campaign.instance_id not in bound:
            raise where.error(f"instanceId '{campaign.instance_id}' is bound to no client")
    creators = _unique(generated.creators, records.creators, lambda c: c.creator_id, "creatorId")
    tenants = Tenants(clients, instances, campaigns, creators)
    fixture_posts = _fixture_columns(records.posts, tenants, now)
    _check_post_ids(posts, records.posts)
    return tenants, concat_posts([posts, fixture_posts])


def _clients(generated: tuple[Client, ...], records: FixtureRecords) -> tuple[Client, ...]:
    tokens = {c.token for c in generated}
    bound = {i for c in generated for i in c.instance_ids}
    clients = list(generated)
    for client, where in records.clients:
        if client.token in tokens:
            raise where.error(f"token '{client.token}' is already used by another client")
        for instance_id in client.instance_ids:
            if instance_id in bound:
                raise where.error(f"instance '{instance_id}' is already bound to a client")
            bound.add(instance_id)
        tokens.add(client.token)
        clients.append(client)
    return tuple(clients)


def _unique(
    generated: tuple[T, ...],
    fixture: list[tuple[T, Where]],
    key: Callable[[T], int],
    name: str,
) -> tuple[T, ...]:
    seen = {key(r) for r in generated}
    out = list(generated)
    for record, where in fixture:
        if key(record) in seen:
            raise where.error(f"{name} {key(record)} is already used")
        seen.add(key(record))
        out.append(record)
    return tuple(out)


def _check_post_ids(generated: PostColumns, posts: Iterable[FixturePost]) -> None:
    taken = np.sort(generated.post_id)
    fixture_ids: set[int] = set()
    for post in posts:
        if _contains(taken, post.post_id) or post.post_id in fixture_ids:
            raise post.where.error(f"postId {post.post_id} is already used")
        fixture_ids.add(post.post_id)


def _contains(sorted_ids: NDArray[np.int64], value: int) -> bool:
    at = int(np.searchsorted(sorted_ids, value))
    return at < sorted_ids.size and int(sorted_ids[at]) == value


def _fixture_columns(posts: list[FixturePost], tenants: Tenants, now: datetime) -> PostColumns:
    if not posts:
        return empty_posts()
    campaign_at = {c.campaign_id: i for i, c in enumerate(tenants.campaigns)}
    creator_at = {c.creator_id: i for i, c in enumerate(tenants.creators)}
    for post in posts:
        _check_post(post, campaign_at, creator_at, tenants.creators, now)
    return PostColumns(
        np.array([p.post_id for p in posts], np.int64),
        np.array([int(p.posted_at.timestamp()) for p in posts], np.int64),
        np.array([campaign_at[p.campaign_id] for p in posts], np.int32),
        np.array([p.content_type for p in posts], np.int8),
        np.array(
            [-1 if p.creator_id is None else creator_at[p.creator_id] for p in posts], np.int32
        ),
        {f: np.array([p.flags[f] for p in posts], np.bool_) for f in FLAGS},
        {m: np.array([p.metrics[m] for p in posts], np.int32) for m in METRIC_NAMES},
    )


def _check_post(
    post: FixturePost,
    campaign_at: dict[int, int],
    creator_at: dict[int, int],
    creators: tuple[Creator, ...],
    now: datetime,
) -> None:
    if post.campaign_id not in campaign_at:
        raise post.where.error(f"campaignId {post.campaign_id} is not a known campaign")
    if post.posted_at >= now:
        raise post.where.error(
            f"postDate {post.posted_at.isoformat()} is not before the clock {now.isoformat()}"
        )
    if post.creator_id is None:
        return
    if post.creator_id not in creator_at:
        raise post.where.error(f"creatorId {post.creator_id} is not a known creator")
    network = NETWORK_OF[CONTENT_TYPES[post.content_type]]
    if creators[creator_at[post.creator_id]].profile(network) is None:
        raise post.where.error(f"creator {post.creator_id} has no {network} profile")
