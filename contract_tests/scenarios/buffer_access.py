"""Buffer aggregates at the edges (channelIds [] vs null, the 365-day cap) and access
(anonymous, a key without insights:read, another organization's ids).

Sources: seeds/buffer-post-metrics.txt (Filter input: "Omit (or pass null) to aggregate
across every channel"; "Passing an empty array matches no channels"; "The range is capped
at 365 days; longer windows are rejected"; Required OAuth scope insights:read) and DOMAIN.md
section 4 (HTTP 401 UNAUTHENTICATED; INSUFFICIENT_SCOPE on each metrics field, path ending
in "metrics", the rest of the post intact).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.scenarios.buffer import SEED, aggregate, needs_org
from contract_tests.scenarios.buffer_queries import (
    CHANNEL,
    POST,
    POSTS,
    codes,
    data,
    errors,
    instant,
    services,
)

CHANNEL_IDS = scenario_rule(
    "buffer.aggregate.channel_ids",
    "channelIds [] matches no channel (the trio at 0, metricsUpdatedAt null); null or omitted "
    "means every channel, the same as listing them all",
    f"{SEED}: Filter input (channelIds), metricsUpdatedAt ('null when no posts matched')",
)
CAP = scenario_rule(
    "buffer.aggregate.window_cap",
    "A window of 365 calendar days is answered; a longer one (367 days) is rejected without data",
    f"{SEED}: Filter input ('capped at 365 days; longer windows are rejected')",
)
ANONYMOUS = scenario_rule(
    "buffer.auth.missing_token",
    "A request without credentials is HTTP 401 UNAUTHENTICATED, without data",
    "DOMAIN.md 4 (Buffer: anonymous request gets HTTP 401 UNAUTHENTICATED)",
)
INSIGHTS = scenario_rule(
    "buffer.auth.insights_scope",
    "Without insights:read a post's metrics are null with INSUFFICIENT_SCOPE on a path ending "
    "in 'metrics', the rest of the post intact",
    f"{SEED}: Required OAuth scope; DOMAIN.md 4 (INSUFFICIENT_SCOPE on each metrics field)",
)
ISOLATION = scenario_rule(
    "buffer.auth.isolation",
    "Another organization's posts, post, channel or aggregate are an error, never its data",
    "buffer.graphql Query (NOT_FOUND for posts the caller cannot read); DOMAIN.md 4",
)


def _trio(metrics: list[dict[str, object]]) -> dict[str, object]:
    return {str(m["type"]): m["value"] for m in metrics}


@scenario("buffer.channel_ids", rules=(CHANNEL_IDS, CAP), needs=needs_org, weight=0.1)
def channel_ids(ctx: Context, d: st.DataObject) -> None:
    end = ctx.target.data_until - timedelta(days=d.draw(st.integers(0, 30), "end offset"))
    start, stop = instant(end - timedelta(days=120)), instant(end - timedelta(seconds=1))
    empty = ctx.ok(aggregate(ctx, [], start, stop), "channelIds []")
    result = data(empty).get("aggregatedPostMetrics") or {}
    ctx.check(
        CHANNEL_IDS.id,
        _trio(result.get("metrics") or []) == {"postCount": 0, "reactions": 0, "comments": 0}
        and result.get("metricsUpdatedAt") is None,
        f"channelIds [] answered {result}",
        empty,
    )
    answers = [
        aggregate(ctx, None, start, stop),
        aggregate(ctx, sorted(services(ctx)), start, stop),
    ]
    bodies = [data(ctx.ok(a, "aggregate")).get("aggregatedPostMetrics") for a in answers]
    ctx.check(
        CHANNEL_IDS.id,
        bodies[0] == bodies[1],
        f"channelIds omitted gives {bodies[0]}, every channel listed gives {bodies[1]}",
        answers[0],
    )
    first = end.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=365)
    year = aggregate(ctx, None, instant(first), instant(first + timedelta(days=365, seconds=-1)))
    ctx.check(
        CAP.id,
        bool(data(year).get("aggregatedPostMetrics")) and not errors(year),
        f"a 365-day window was not answered: {year.body[:300]!r}",
        year,
    )
    longer = aggregate(ctx, None, instant(first), instant(first + timedelta(days=367)))
    ctx.check(
        CAP.id,
        bool(errors(longer)) and not data(longer).get("aggregatedPostMetrics"),
        f"a 367-day window was answered: {longer.body[:300]!r}",
        longer,
    )


def _refused(ctx: Context, rule_id: str, ex: Exchange, field: str) -> None:
    ctx.check(
        rule_id,
        bool(errors(ex)) and not data(ex).get(field),
        f"expected an error and no {field}, got {ex.body[:300]!r}",
        ex,
    )


@scenario("buffer.auth", rules=(ANONYMOUS, INSIGHTS, ISOLATION), needs=needs_org, weight=0.1)
def access(ctx: Context, d: st.DataObject) -> None:
    org = ctx.target.buffer.organization_id
    anonymous = ctx.client.graphql(POSTS, {"input": {"organizationId": org}}, token=None)
    ctx.check(
        ANONYMOUS.id,
        anonymous.status == 401
        and "UNAUTHENTICATED" in codes(anonymous)
        and not data(anonymous).get("posts"),
        f"anonymous request answered {anonymous.status} {anonymous.body[:200]!r}",
        anonymous,
    )
    _insights(ctx)
    buffer = ctx.target.buffer
    if buffer.foreign_organization_id:
        ex = ctx.client.graphql(
            POSTS, {"input": {"organizationId": buffer.foreign_organization_id}}
        )
        _refused(ctx, ISOLATION.id, ex, "posts")
    if buffer.foreign_post_id:
        _refused(
            ctx, ISOLATION.id, ctx.client.graphql(POST, {"id": buffer.foreign_post_id}), "post"
        )
    if buffer.foreign_channel_id:
        ex = ctx.client.graphql(CHANNEL, {"id": buffer.foreign_channel_id})
        _refused(ctx, ISOLATION.id, ex, "channel")
        now = ctx.target.data_until
        ex = aggregate(
            ctx, [buffer.foreign_channel_id], instant(now - timedelta(days=90)), instant(now)
        )
        _refused(ctx, ISOLATION.id, ex, "aggregatedPostMetrics")


def _sent_post(ctx: Context) -> str | None:
    for post_id in ctx.target.buffer.post_ids:
        ex = ctx.client.graphql(POST, {"id": post_id})
        post = data(ex).get("post") or {}
        if post.get("status") == "sent" and post.get("metrics"):
            return post_id
    return None


def _insights(ctx: Context) -> None:
    weak = ctx.target.buffer.token_without_insights
    post_id = _sent_post(ctx) if weak else None
    if weak is None or post_id is None:
        return
    ex = ctx.client.graphql(POST, {"id": post_id}, token=weak)
    post = data(ex).get("post") or {}
    paths = [
        e.get("path") or []
        for e in errors(ex)
        if (e.get("extensions") or {}).get("code") == "INSUFFICIENT_SCOPE"
    ]
    ctx.check(
        INSIGHTS.id,
        post.get("id") == post_id
        and post.get("status") == "sent"
        and post.get("metrics") is None
        and any(p and p[-1] == "metrics" for p in paths),
        f"post read without insights:read answered {ex.body[:400]!r}",
        ex,
    )
