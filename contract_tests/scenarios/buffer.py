"""Buffer scenarios: the posts connection walked, aggregates against the posts they sum,
the cross-channel intersection, channelIds [] vs null, the 365-day cap.

Sources: seeds/buffer-post-metrics.txt (aggregatedPostMetrics, baseline trio, cross-channel
intersection, filter input, metricsUpdatedAt) and DOMAIN.md section 4 (Relay connection,
"Pagination limit exceeded. Maximum 100 items per request.").
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from contract_tests.checks.buffer_response import NETWORK_ONLY
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.scenarios.buffer_queries import (
    AGGREGATE,
    POSTS,
    data,
    errors,
    instant,
    metric_values,
    services,
    walk_posts,
)
from contract_tests.target import Target
from mock_server.domain.buffer_metrics import BASELINE, aggregate_types
from mock_server.domain.calendar import parse_utc_z

SEED = "buffer-post-metrics.txt"
WALK = scenario_rule(
    "buffer.posts.walk",
    "Following endCursor visits each post once, matching the filter, in the same order "
    "whatever `first` is, and the last page says hasNextPage false",
    "DOMAIN.md 4 (Buffer: Relay-style posts connection)",
)
SORT = scenario_rule(
    "buffer.posts.sort",
    "With sort, dueAt/createdAt values keep the requested direction across pages",
    "buffer.graphql PostsInput.sort (Buffer's live schema)",
)
DEFAULT_ORDER = scenario_rule(
    "buffer.posts.default_order",
    "Without sort posts are newest createdAt first; ties by id ascending; null dueAt last",
    "specs/graphql/buffer.graphql Query.posts 'Mock choice (sort)'",
    gap=True,
)
FIRST_LIMIT = scenario_rule(
    "buffer.posts.first_limit",
    "first above 100 is an error 'Pagination limit exceeded. Maximum 100 items per request.'",
    "DOMAIN.md 4 (Buffer public reference)",
)
MATCHES = scenario_rule(
    "buffer.aggregate.matches_posts",
    "postCount, reactions and comments are the count and sums over the sent posts of the "
    "channels whose sentAt lies in the window (so over several channels, the sums over each "
    "channel alone); metricsUpdatedAt is their latest",
    f"{SEED}: Baseline metrics ('additive across the matched set'), metricsUpdatedAt",
)
NETWORK = scenario_rule(
    "buffer.aggregate.network_only",
    "A network-only type (saves, follows, quotes, viewers, totalTimeWatched, likes) appears on "
    "an aggregate only when every channel in the filter is on a network that reports it",
    f"{SEED}: Cross-channel intersection ('dropped ... rather than zero-padded')",
)
INTERSECTION = scenario_rule(
    "buffer.aggregate.intersection_exact",
    "The aggregate holds exactly the baseline trio plus the types every channel's network "
    "reports (per the mock's network table)",
    "mock_server/domain/buffer_catalog.py NETWORK_METRICS (mock choice)",
    gap=True,
)


def needs_org(target: Target) -> str | None:
    return None if target.buffer.organization_id else "config lacks buffer.organization_id"


def _window(ctx: Context, data_: st.DataObject, max_days: int = 364) -> tuple[str, str]:
    end = ctx.target.data_until - timedelta(days=data_.draw(st.integers(0, 30), "end offset"))
    span = data_.draw(st.integers(30, max_days), label="window days")
    return instant(end - timedelta(days=span)), instant(end - timedelta(seconds=1))


def _ordered(nodes: list[dict[str, Any]], field: str, direction: str) -> bool:
    values = [parse_utc_z(n[field]) for n in nodes if n.get(field)]
    return values == sorted(values, reverse=direction == "desc")


@scenario(
    "buffer.walk", rules=(WALK, SORT, DEFAULT_ORDER, FIRST_LIMIT), needs=needs_org, weight=0.3
)
def walk(ctx: Context, d: st.DataObject) -> None:
    org = ctx.target.buffer.organization_id
    channels = sorted(services(ctx))
    query: dict[str, Any] = {"organizationId": org}
    filters: dict[str, Any] = {}
    if d.draw(st.booleans(), "filter channels") and channels:
        filters["channelIds"] = d.draw(st.lists(st.sampled_from(channels), min_size=1, unique=True))
    if d.draw(st.booleans(), "filter status"):
        filters["status"] = d.draw(
            st.lists(
                st.sampled_from(["sent", "scheduled", "draft", "error"]), min_size=1, unique=True
            )
        )
    sort = d.draw(st.sampled_from([None, "dueAt", "createdAt"]), "sort")
    direction = d.draw(st.sampled_from(["asc", "desc"]), "direction")
    if sort:
        query["sort"] = [{"field": sort, "direction": direction}]
    query["filter"] = filters or None
    first = d.draw(st.integers(10, 100), "first")
    nodes, complete, last = walk_posts(ctx, query, first)
    reference, _, _ = walk_posts(ctx, query, 100, limit=len(nodes))
    ids = [n["id"] for n in nodes]
    ctx.check(
        WALK.id,
        len(ids) == len(set(ids)),
        f"{len(ids) - len(set(ids))} posts repeated while walking with first={first}",
        last,
    )
    ctx.check(
        WALK.id,
        ids == [n["id"] for n in reference][: len(ids)],
        f"first={first} visits posts in another order than first=100",
        last,
    )
    for node in nodes:
        for key, allowed in (
            ("channelId", filters.get("channelIds")),
            ("status", filters.get("status")),
        ):
            if allowed is not None:
                ctx.check(
                    WALK.id,
                    node[key] in allowed,
                    f"post {node['id']} has {key} {node[key]}, filter {allowed}",
                    last,
                )
    if sort:
        ctx.check(
            SORT.id,
            _ordered(nodes, sort, direction),
            f"posts not in {sort} {direction} order across pages",
            last,
        )
    elif complete:
        expected = sorted(nodes, key=lambda n: (-parse_utc_z(n["createdAt"]).timestamp(), n["id"]))
        ctx.check(
            DEFAULT_ORDER.id,
            [n["id"] for n in expected] == ids,
            "without sort, posts are not createdAt desc with ties by id",
            last,
        )
    if sort == "dueAt" and complete:
        nulls = [n.get("dueAt") is None for n in nodes]
        ctx.check(
            DEFAULT_ORDER.id,
            nulls == sorted(nulls),
            "posts without dueAt must come after all others",
            last,
        )
    ex = ctx.client.graphql(POSTS, {"input": {"organizationId": org}, "first": 101})
    messages = " ".join(str(e.get("message")) for e in errors(ex))
    ctx.check(
        FIRST_LIMIT.id,
        "Pagination limit exceeded. Maximum 100 items per request." in messages
        and not (data(ex).get("posts") or {}).get("edges"),
        f"first=101 answered {ex.body[:300]!r}",
        ex,
    )


def aggregate(ctx: Context, channel_ids: list[str] | None, start: str, end: str) -> Any:
    query: dict[str, Any] = {
        "organizationId": ctx.target.buffer.organization_id,
        "startDateTime": start,
        "endDateTime": end,
    }
    if channel_ids is not None:
        query["channelIds"] = channel_ids
    return ctx.client.graphql(AGGREGATE, {"input": query})


@scenario("buffer.aggregate", rules=(MATCHES, NETWORK, INTERSECTION), needs=needs_org, weight=0.3)
def aggregate_matches_posts(ctx: Context, d: st.DataObject) -> None:
    by_channel = services(ctx)
    if not by_channel:
        return
    chosen = d.draw(
        st.lists(st.sampled_from(sorted(by_channel)), min_size=1, max_size=4, unique=True),
        label="channels",
    )
    start, end = _window(ctx, d)
    ex = ctx.ok(aggregate(ctx, chosen, start, end), "aggregate")
    result = data(ex).get("aggregatedPostMetrics")
    if not isinstance(result, dict):
        ctx.stop(f"aggregate without data: {ex.describe()}")
    values = metric_values(result["metrics"])
    query = {
        "organizationId": ctx.target.buffer.organization_id,
        "filter": {"channelIds": chosen, "status": ["sent"]},
    }
    nodes, complete, _ = walk_posts(ctx, query, 100)
    if complete:
        _compare(ctx, ex, values, result, nodes, (parse_utc_z(start), parse_utc_z(end)))
    kinds = {by_channel[c] for c in chosen}
    wrong = [k for k in values if k in NETWORK_ONLY and not kinds <= NETWORK_ONLY[k]]
    ctx.check(
        NETWORK.id,
        not wrong,
        f"{wrong} on an aggregate over channels on {sorted(kinds)}, which do not all report them",
        ex,
    )
    expected = list(aggregate_types(by_channel[c] for c in chosen))
    if not values.get("impressions"):  # SDL mock choice: no rate over zero impressions
        expected = [kind for kind in expected if kind != "engagementRate"]
    got = [m["type"] for m in result["metrics"]]
    ctx.check(
        INTERSECTION.id,
        sorted(got) == sorted(expected),
        f"aggregate over {sorted(kinds)} has {got}, expected {expected}",
        ex,
    )
    _channel_by_channel(ctx, sorted(by_channel), start, end)


def _trio(ex: Any) -> dict[str, float]:
    result = data(ex).get("aggregatedPostMetrics") or {}
    values = metric_values(result.get("metrics"))
    return {kind: values.get(kind, -1.0) for kind in BASELINE}


def _channel_by_channel(ctx: Context, channels: list[str], start: str, end: str) -> None:
    """Every channel alone, so that each network's aggregate meets the per-response rules
    (its engagementRate among them); the baseline trio of all the channels together is the
    sum over each channel alone, a post being on one channel."""
    singles = [ctx.ok(aggregate(ctx, [c], start, end), "one channel") for c in channels]
    whole = ctx.ok(aggregate(ctx, channels, start, end), "every channel")
    together = _trio(whole)
    for kind in BASELINE:
        summed = sum(_trio(s)[kind] for s in singles)
        ctx.check(
            MATCHES.id,
            abs(together[kind] - summed) < 1e-6,
            f"{kind} over {len(channels)} channels is {together[kind]:g}, the channels one by "
            f"one sum to {summed:g}",
            whole,
        )


def _compare(
    ctx: Context,
    ex: Any,
    values: dict[str, float],
    result: dict[str, Any],
    nodes: list[dict[str, Any]],
    window: tuple[Any, Any],
) -> None:
    matched = [
        n for n in nodes if n.get("sentAt") and window[0] <= parse_utc_z(n["sentAt"]) <= window[1]
    ]
    ctx.check(
        MATCHES.id,
        values.get("postCount") == len(matched),
        f"postCount {values.get('postCount')}, {len(matched)} sent posts in the window",
        ex,
    )
    for kind in BASELINE[1:]:
        summed = sum(metric_values(n.get("metrics")).get(kind, 0.0) for n in matched)
        ctx.check(
            MATCHES.id,
            abs(values.get(kind, -1) - summed) < 1e-6,
            f"{kind} {values.get(kind)}, the matched posts sum to {summed:g}",
            ex,
        )
    stamps = [n["metricsUpdatedAt"] for n in matched if n.get("metricsUpdatedAt")]
    latest = max(stamps, key=parse_utc_z) if stamps else None
    got = result.get("metricsUpdatedAt")
    same = (got is None and latest is None) or (
        got and latest and parse_utc_z(got) == parse_utc_z(latest)
    )
    ctx.check(MATCHES.id, bool(same), f"metricsUpdatedAt {got}, latest matched post {latest}", ex)
