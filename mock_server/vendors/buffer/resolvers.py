"""Resolvers bound to the SDL's Query, Post and AggregatedPostMetrics types.

Thin: each reads its (already coerced) input, asks the query layer, and maps the answer.
Errors are the domain's typed errors; :mod:`.errors` gives them their codes. Every optional
argument may arrive as an explicit null, which means the same as omitting it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ariadne import ObjectType, QueryType
from graphql import GraphQLResolveInfo

from mock_server.domain.errors import ValidationError
from mock_server.domain.pagination import (
    decode_cursor,
    encode_cursor,
    query_key,
    relay_page,
    validate_first,
)
from mock_server.query.buffer_access import (
    Caller,
    TagFilter,
    channel_set,
    readable_channel,
    readable_org,
    readable_post,
    tag_filter,
)
from mock_server.query.buffer_aggregate import aggregate
from mock_server.query.buffer_posts import PostsQuery, TimeRange, matching_rows, normalise_sort
from mock_server.vendors.buffer.errors import InsufficientScope
from mock_server.vendors.buffer.mapping import (
    ROW,
    aggregate_metric_list,
    channel_node,
    post_metric_list,
    post_node,
)
from mock_server.world.buffer import BufferWorld, utc
from mock_server.world.buffer_table import STATUSES

DEFAULT_FIRST = 20
MAX_WINDOW = timedelta(days=365)

Input = dict[str, Any]


@dataclass(frozen=True)
class RequestContext:
    """What every resolver gets as ``info.context``."""

    world: BufferWorld
    caller: Caller


Info = GraphQLResolveInfo[RequestContext]


def _ctx(info: Info) -> RequestContext:
    return info.context


def _require_insights(ctx: RequestContext) -> None:
    if not ctx.caller.insights:
        raise InsufficientScope(
            "Reading metrics needs the OAuth scope insights:read, which this token lacks.",
            "metrics",
        )


def _seconds(value: datetime | None, rounding: str) -> int | None:
    if value is None:
        return None
    stamp = value.timestamp()
    return math.ceil(stamp) if rounding == "ceil" else math.floor(stamp)


def _time_range(comparator: Input | None) -> TimeRange | None:
    if comparator is None:
        return None
    return TimeRange(
        _seconds(comparator.get("start"), "ceil"), _seconds(comparator.get("end"), "floor")
    )


def _tags(ctx: RequestContext, org: int, comparator: Input | None) -> TagFilter | None:
    if comparator is None:
        return None
    return tag_filter(ctx.world, org, comparator["in"], bool(comparator.get("isEmpty")))


def _posts_query(ctx: RequestContext, data: Input) -> PostsQuery:
    org = readable_org(ctx.world, ctx.caller, data["organizationId"])
    flt: Input = data.get("filter") or {}
    channel_ids = flt.get("channelIds")
    statuses = flt.get("status")
    sort = [(key["field"], key["direction"] == "desc") for key in data.get("sort") or ()]
    return PostsQuery(
        org=org,
        channels=None
        if channel_ids is None
        else channel_set(ctx.world, ctx.caller, org, channel_ids, "input.filter.channelIds"),
        statuses=None if statuses is None else tuple(STATUSES.index(s) for s in statuses),
        tags=_tags(ctx, org, flt.get("tags")),
        due=_time_range(flt.get("dueAt")),
        created=_time_range(flt.get("createdAt")),
        sort=normalise_sort(sort),
    )


query = QueryType()
post_type = ObjectType("Post")
aggregate_type = ObjectType("AggregatedPostMetrics")


@query.field("post")
def resolve_post(_: Any, info: Info, input: Input) -> dict[str, Any]:
    ctx = _ctx(info)
    return post_node(ctx.world, readable_post(ctx.world, ctx.caller, input["id"]))


@query.field("posts")
def resolve_posts(
    _: Any, info: Info, input: Input, first: int | None = None,
    after: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    ctx = _ctx(info)
    size = DEFAULT_FIRST if first is None else first
    validate_first(size)
    spec = _posts_query(ctx, input)
    key = query_key(spec.cursor_key())
    rows = matching_rows(ctx.world.posts, spec)
    page = relay_page(len(rows), size, None if after is None else decode_cursor(after, key))
    edges = [
        {"node": post_node(ctx.world, int(rows[i])), "cursor": encode_cursor(key, i)}
        for i in range(page.start, page.stop)
    ]
    return {
        "edges": edges,
        "pageInfo": {
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
            "hasPreviousPage": False,
            "hasNextPage": page.has_next_page,
        },
    }


def _window(data: Input) -> tuple[int, int]:
    start: datetime = data["startDateTime"]
    end: datetime = data["endDateTime"]
    if end < start:
        raise ValidationError("endDateTime must not be before startDateTime.", "input.endDateTime")
    if end - start > MAX_WINDOW:
        raise ValidationError("Date range cannot exceed 365 days.", "input.endDateTime")
    low, high = _seconds(start, "ceil"), _seconds(end, "floor")
    assert low is not None and high is not None
    return low, high


@query.field("aggregatedPostMetrics")
def resolve_aggregated(_: Any, info: Info, input: Input) -> dict[str, Any]:
    ctx = _ctx(info)
    world = ctx.world
    org = readable_org(world, ctx.caller, input["organizationId"])
    start, end = _window(input)
    channels = channel_set(world, ctx.caller, org, input.get("channelIds"), "input.channelIds")
    sums = aggregate(world.posts, channels, _tags(ctx, org, input.get("tags")), start, end)
    services = [world.channels[int(c)].service for c in channels]
    fresh = utc(world.posts.ingestion_time) if sums.ingested_count else None
    return {"metrics": aggregate_metric_list(services, sums), "metricsUpdatedAt": fresh}


@query.field("channels")
def resolve_channels(_: Any, info: Info, input: Input) -> list[dict[str, Any]]:
    ctx = _ctx(info)
    org = readable_org(ctx.world, ctx.caller, input["organizationId"])
    locked = (input.get("filter") or {}).get("isLocked")
    chosen = [
        c for c in ctx.world.org_channels[org]
        if locked is None or ctx.world.channels[c].is_locked == locked
    ]  # fmt: skip
    chosen.sort(key=lambda c: (ctx.world.channels[c].name, ctx.world.channels[c].id))
    return [channel_node(ctx.world, c) for c in chosen]


@query.field("channel")
def resolve_channel(_: Any, info: Info, input: Input) -> dict[str, Any]:
    ctx = _ctx(info)
    return channel_node(ctx.world, readable_channel(ctx.world, ctx.caller, input["id"], "input.id"))


@post_type.field("metrics")
def resolve_post_metrics(post: dict[str, Any], info: Info) -> Any:
    ctx = _ctx(info)
    _require_insights(ctx)
    return post_metric_list(ctx.world, post[ROW])


@aggregate_type.field("metrics")
def resolve_aggregate_metrics(result: dict[str, Any], info: Info) -> Any:
    _require_insights(_ctx(info))
    return result["metrics"]


BINDABLES = (query, post_type, aggregate_type)
