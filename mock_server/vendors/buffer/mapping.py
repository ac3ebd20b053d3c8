"""World rows -> the SDL's object shapes (dicts the default resolvers read by field name).

Metric lists use the domain: :func:`normalise` gives a post's reported types plus the
computed engagementRate, :func:`aggregate_types` the baseline trio plus the intersection
across the filter's networks, :func:`post_metrics` the PostMetric objects in enum order.
"""

from __future__ import annotations

from typing import Any

from mock_server.domain.buffer_metrics import (
    PostMetric,
    aggregate_types,
    normalise,
    post_metrics,
)
from mock_server.domain.formulas import buffer_engagement_rate
from mock_server.query.buffer_aggregate import AggregateSums
from mock_server.world.buffer import BufferWorld, Tag, utc
from mock_server.world.buffer_table import HUNDREDTHS, NULL_TIME, SENT, STATUSES

ROW = "_row"
"""Key of a post dict holding its world row, for the resolvers that need more than fields."""


def channel_node(world: BufferWorld, index: int) -> dict[str, Any]:
    """A Channel."""
    channel = world.channels[index]
    return {
        "id": channel.id,
        "name": channel.name,
        "displayName": channel.display_name,
        "service": channel.service,
        "avatar": channel.avatar,
        "organizationId": world.organizations[channel.org].id,
        "isLocked": channel.is_locked,
        "timezone": channel.timezone,
    }


def tag_node(tag: Tag) -> dict[str, Any]:
    """A Tag."""
    return {"id": tag.id, "name": tag.name, "color": tag.color}


def post_node(world: BufferWorld, row: int) -> dict[str, Any]:
    """A Post without ``metrics`` (resolved separately, since it needs a scope check)."""
    cols = world.posts.cols
    channel = int(cols.channel[row])
    due, sent = int(cols.due[row]), int(cols.sent[row])
    ingested = bool(world.posts.ingested[row])
    return {
        ROW: row,
        "id": world.post_id(row),
        "status": STATUSES[int(cols.status[row])],
        "text": world.post_text(row),
        "createdAt": utc(int(cols.created[row])),
        "updatedAt": utc(int(cols.updated[row])),
        "dueAt": None if due == NULL_TIME else utc(due),
        "sentAt": None if sent == NULL_TIME else utc(sent),
        "externalLink": world.external_link(row),
        "channelId": world.channels[channel].id,
        "channelService": world.channels[channel].service,
        "channel": channel_node(world, channel),
        "tags": [tag_node(t) for t in world.post_tags(row)],
        "metricsUpdatedAt": utc(world.posts.ingestion_time) if ingested else None,
    }


def post_metric_list(world: BufferWorld, row: int) -> list[PostMetric] | None:
    """Post.metrics: null while not sent, empty until ingested, then the reported types."""
    if int(world.posts.cols.status[row]) != SENT:
        return None
    if not world.posts.ingested[row]:
        return []
    service = world.channels[int(world.posts.cols.channel[row])].service
    return post_metrics(normalise(service, world.raw_metrics(row)))


def aggregate_metric_list(services: list[str], sums: AggregateSums) -> list[PostMetric]:
    """AggregatedPostMetrics.metrics: baseline trio plus the networks' intersection.

    engagementRate is recomputed from the summed counts of the same list (SDL
    PostMetricType.engagementRate: a component the filter's networks do not all report counts
    as 0), never averaged from per-post rates; the domain's ``aggregate_metrics`` reads it
    the same way.
    """
    types = aggregate_types(services)
    values: dict[str, float] = {"postCount": float(sums.post_count)}
    for kind in types:
        if kind in sums.sums:
            stored = sums.sums[kind]
            values[kind] = stored / 100 if kind in HUNDREDTHS else float(stored)
    if "engagementRate" in types:
        get = values.get
        rate = buffer_engagement_rate(
            get("reactions", 0.0), get("comments", 0.0), get("shares", 0.0),
            get("reposts", 0.0), get("impressions", 0.0),
        )  # fmt: skip
        if rate is not None:
            values["engagementRate"] = rate
    return post_metrics(values)
