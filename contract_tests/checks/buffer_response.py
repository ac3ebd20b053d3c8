"""Buffer post-metrics rules that one GraphQL response is enough to check.

Sources: specs/graphql/buffer.graphql (Buffer's live type names, DOMAIN.md section 4) and
seeds/buffer-post-metrics.txt: the PostMetric shape and units, the baseline trio on
aggregates, postCount only on aggregates, network-only metric types, the seven deprecated
PostMetricType values that are never emitted.
"""

from __future__ import annotations

from typing import Any

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.exchange import Exchange
from contract_tests.graphql_view import view
from contract_tests.registry import ensure
from mock_server.domain.buffer_metrics import BASELINE, DEPRECATED
from mock_server.domain.formulas import buffer_engagement_rate

SEED = "buffer-post-metrics.txt"
OPS = ("graphql",)
NETWORK_ONLY: dict[str, frozenset[str]] = {
    "saves": frozenset({"instagram", "pinterest"}),
    "follows": frozenset({"instagram"}),
    "quotes": frozenset({"threads"}),
    "viewers": frozenset({"linkedin"}),
    "totalTimeWatched": frozenset({"linkedin"}),
    "likes": frozenset({"facebook"}),
}


def _metric_lists(ex: Exchange, owner: str) -> list[list[dict[str, Any]]]:
    """Every ``metrics`` list of objects of type ``owner`` (Post, AggregatedPostMetrics)."""
    v = view(ex)
    if v is None:
        return []
    return [o["metrics"] for o in v.of(owner) if isinstance(o.get("metrics"), list)]


@response_check(
    "buffer.graphql.types",
    "data follows the query and the schema: every requested key present and no other, no "
    "null in a non-null field, enum values of their enum, scalars of their type",
    "specs/graphql/buffer.graphql (Buffer's live schema, DOMAIN.md 4); GraphQL spec",
    operations=OPS,
)
def graphql_types(ex: Exchange) -> Skip | None:
    v = view(ex)
    if v is None:
        return SKIP
    ensure(not v.problems, lambda: "; ".join(v.problems[:5]))
    return None


@response_check(
    "buffer.metrics.deprecated",
    "None of the seven deprecated PostMetricType values (favorites, retweets, reblogs, repins, "
    "replies, link_clicks, other) is ever emitted",
    f"{SEED}: Deprecated metric types to avoid",
    operations=OPS,
)
def deprecated_types(ex: Exchange) -> Skip | None:
    v = view(ex)
    metrics = v.of("PostMetric") if v else []
    typed = [m["type"] for m in metrics if "type" in m]
    if not typed:
        return SKIP
    emitted = sorted({t for t in typed if t in DEPRECATED})
    ensure(not emitted, f"deprecated PostMetricType emitted: {emitted}")
    return None


@response_check(
    "buffer.metrics.units",
    "engagementRate has unit percentage and a value in 0..100; every other type has unit "
    "count and a value >= 0; a type appears at most once per metrics list",
    f"{SEED}: PostMetric (unit count or percentage)",
    operations=OPS,
)
def units(ex: Exchange) -> Skip | None:
    lists = _metric_lists(ex, "Post") + _metric_lists(ex, "AggregatedPostMetrics")
    checked = False
    for metrics in lists:
        types = [m["type"] for m in metrics if "type" in m]
        ensure(len(types) == len(set(types)), f"a metric type repeated in one list: {types}")
        for m in metrics:
            if "type" not in m:
                continue
            checked = True
            percent = m["type"] == "engagementRate"
            if "unit" in m:
                want = "percentage" if percent else "count"
                ensure(m["unit"] == want, f"{m['type']} has unit {m['unit']}, expected {want}")
            if "value" in m:
                high = 100.0 if percent else float("inf")
                ensure(0 <= m["value"] <= high, f"{m['type']} value {m['value']} out of range")
    return None if checked else SKIP


@response_check(
    "buffer.aggregate.baseline",
    "aggregatedPostMetrics.metrics always holds postCount, reactions and comments",
    f"{SEED}: Baseline metrics and the postCount entry",
    operations=OPS,
)
def baseline(ex: Exchange) -> Skip | None:
    lists = _metric_lists(ex, "AggregatedPostMetrics")
    lists = [ms for ms in lists if all("type" in m for m in ms)]
    if not lists:
        return SKIP
    for metrics in lists:
        missing = [t for t in BASELINE if t not in {m["type"] for m in metrics}]
        ensure(not missing, f"aggregate lacks baseline metrics {missing}")
    return None


@response_check(
    "buffer.post.metrics",
    "Post.metrics never holds postCount, holds a network-only type (saves, follows, quotes, "
    "viewers, totalTimeWatched, likes) only on its network, and is null unless status is sent",
    f"{SEED}: postCount entry, network-specific metrics; DOMAIN.md 4 (null while not sent)",
    operations=OPS,
)
def post_metrics(ex: Exchange) -> Skip | None:
    v = view(ex)
    posts = [p for p in (v.of("Post") if v else []) if "metrics" in p]
    if not posts:
        return SKIP
    for post in posts:
        name = f"post {post.get('id', '?')}"
        metrics = post["metrics"]
        if post.get("status") not in (None, "sent"):
            ensure(metrics is None, f"{name} is {post['status']} but has metrics {metrics}")
        types = {m.get("type") for m in metrics or ()}
        ensure("postCount" not in types, f"{name}: postCount in Post.metrics")
        service = post.get("channelService")
        for kind, networks in NETWORK_ONLY.items():
            if kind in types and service is not None:
                ensure(
                    service in networks,
                    f"{name} on {service} reports {kind}, which only {sorted(networks)} report",
                )
    return None


@response_check(
    "buffer.posts.page_info",
    "A posts page has hasPreviousPage false, startCursor/endCursor equal to its first/last "
    "edge's cursor (null when empty), and at most `first` edges",
    "DOMAIN.md 4 (Buffer: Relay connection, hasPreviousPage always false); buffer.graphql",
    operations=OPS,
)
def page_info(ex: Exchange) -> Skip | None:
    v = view(ex)
    roots = [r for r in (v.roots if v else []) if r.name == "posts" and isinstance(r.value, dict)]
    if not roots:
        return SKIP
    for root in roots:
        edges, info = root.value.get("edges"), root.value.get("pageInfo") or {}
        if info.get("hasPreviousPage") is not None:
            ensure(info["hasPreviousPage"] is False, "hasPreviousPage must always be false")
        if not isinstance(edges, list):
            continue
        first = root.args.get("first")
        if isinstance(first, int) and first >= 0:
            ensure(len(edges) <= first, f"{len(edges)} edges for first={first}")
        cursors = [e.get("cursor") for e in edges if isinstance(e, dict)]
        if cursors and all(c is not None for c in cursors):
            for key, want in (("startCursor", cursors[0]), ("endCursor", cursors[-1])):
                if key in info:
                    ensure(info[key] == want, f"pageInfo.{key} {info[key]!r} != {want!r}")
        elif not edges:
            for key in ("startCursor", "endCursor"):
                ensure(info.get(key) is None, f"empty page with pageInfo.{key} {info.get(key)!r}")
    return None


@response_check(
    "buffer.metrics.engagement_rate",
    "engagementRate = 100 x (reactions + comments + shares + reposts) / impressions of the same "
    "list, rounded half-up to 2 decimals, absent when impressions is 0",
    "specs/graphql/buffer.graphql PostMetricType.engagementRate 'Mock choice'",
    operations=OPS,
    gap=True,
)
def engagement_rate(ex: Exchange) -> Skip | None:
    lists = _metric_lists(ex, "Post") + _metric_lists(ex, "AggregatedPostMetrics")
    checked = False
    for metrics in lists:
        values = {m["type"]: m["value"] for m in metrics if "type" in m and "value" in m}
        if "impressions" not in values:
            continue
        parts = [values.get(k, 0.0) for k in ("reactions", "comments", "shares", "reposts")]
        expected = buffer_engagement_rate(
            parts[0], parts[1], parts[2], parts[3], values["impressions"]
        )
        ensure(
            values.get("engagementRate") == expected,
            f"engagementRate {values.get('engagementRate')}, expected {expected} from "
            f"{dict(zip(('reactions', 'comments', 'shares', 'reposts'), parts, strict=True))} "
            f"and impressions {values['impressions']}",
        )
        checked = True
    return None if checked else SKIP
