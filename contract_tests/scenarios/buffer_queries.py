"""The GraphQL documents the Buffer scenarios send, and helpers to read their answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context
from mock_server.domain.calendar import format_utc_z

POSTS = """
query Posts($input: PostsInput!, $first: Int, $after: String) {
  posts(input: $input, first: $first, after: $after) {
    edges {
      cursor
      node {
        id status createdAt dueAt sentAt channelId channelService metricsUpdatedAt
        metrics { type value unit }
      }
    }
    pageInfo { startCursor endCursor hasPreviousPage hasNextPage }
  }
}
"""
AGGREGATE = """
query Aggregate($input: AggregatedPostMetricsInput!) {
  aggregatedPostMetrics(input: $input) { metrics { type name value unit } metricsUpdatedAt }
}
"""
POST = """
query Post($id: PostId!) {
  post(input: {id: $id}) { id status text metrics { type value } metricsUpdatedAt }
}
"""
CHANNELS = """
query Channels($org: OrganizationId!) { channels(input: {organizationId: $org}) { id service } }
"""
CHANNEL = "query Channel($id: ChannelId!) { channel(input: {id: $id}) { id name } }"
MAX_PAGES = 30


def errors(ex: Exchange) -> list[dict[str, Any]]:
    body = ex.json
    found = body.get("errors") if isinstance(body, dict) else None
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def codes(ex: Exchange) -> set[str]:
    return {str((e.get("extensions") or {}).get("code")) for e in errors(ex)}


def data(ex: Exchange) -> dict[str, Any]:
    body = ex.json
    value = body.get("data") if isinstance(body, dict) else None
    return value if isinstance(value, dict) else {}


def instant(value: datetime) -> str:
    return format_utc_z(value)


def walk_posts(
    ctx: Context, query_input: Mapping[str, Any], first: int, limit: int | None = None
) -> tuple[list[dict[str, Any]], bool, Exchange | None]:
    """(nodes in order, whether the end was reached, the last exchange) for a posts query;
    stops after ``limit`` nodes or :data:`MAX_PAGES` pages."""
    nodes: list[dict[str, Any]] = []
    after: str | None = None
    last: Exchange | None = None
    for _ in range(MAX_PAGES):
        if limit is not None and len(nodes) >= limit:
            return nodes, False, last
        last = ctx.ok(
            ctx.client.graphql(POSTS, {"input": dict(query_input), "first": first, "after": after}),
            "posts page",
        )
        page = data(last).get("posts")
        if not isinstance(page, dict):
            return nodes, False, last
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes, True, last
        after = page["pageInfo"]["endCursor"]
    return nodes, False, last


def metric_values(metrics: list[dict[str, Any]] | None) -> dict[str, float]:
    return {m["type"]: float(m["value"]) for m in metrics or ()}


def services(ctx: Context) -> dict[str, str]:
    """Channel id -> service, from the config or from the channels query."""
    known = {c.id: c.service for c in ctx.target.buffer.channels if c.service}
    if known:
        return known
    org = ctx.target.buffer.organization_id
    ex = ctx.ok(ctx.client.graphql(CHANNELS, {"org": org}), "channels")
    return {c["id"]: c["service"] for c in data(ex).get("channels") or ()}
