"""Layers validation and access rules: what must be refused, and with which error.

Sources: seeds/layers-metrics.txt (Auth Bearer, Scope metrics:read; "422 scope/id mismatch
or unknown metric"; "404 Scoped entity not found or not in your organization"; paid metrics
"returns VALIDATION"; platform_post "granularity=day or hour") and DOMAIN.md section 4
(401 UNAUTHENTICATED, 403 FORBIDDEN_SCOPE, whoami).
"""

from __future__ import annotations

from hypothesis import strategies as st

from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.scenarios.layers import SEED, entities, fetch, metrics_path, needs_projects
from contract_tests.target import Target

UNKNOWN_METRIC = scenario_rule(
    "layers.validation.unknown_metric",
    "An unknown metric is 422 VALIDATION 'Unknown metric: <name>.'; a paid one (spend, cpa, "
    "roas, conversions, ...) also points to /ads-metrics",
    f"{SEED}: 422 example, Notes (paid metrics)",
)
POST_WEEK = scenario_rule(
    "layers.validation.post_week",
    "scope=platform_post with granularity=week is 422 VALIDATION",
    f"{SEED}: Defaults by scope (platform_post: granularity=day or hour)",
)
SCOPE_MISMATCH = scenario_rule(
    "layers.validation.scope_mismatch",
    "An id whose kind does not match scope is 422 VALIDATION",
    f"{SEED}: 422 scope/id mismatch",
)
EMPTY_WINDOW = scenario_rule(
    "layers.validation.empty_window",
    "since at or after until is 422 VALIDATION",
    "specs/openapi/layers.yaml Until x-mock-choice",
    gap=True,
)
MISSING_TOKEN = scenario_rule(
    "layers.auth.missing_token",
    "No or an unknown bearer token is 401 UNAUTHENTICATED on every endpoint, never data",
    "DOMAIN.md 4 (Layers: UNAUTHENTICATED 401); specs/openapi/layers.yaml bearerAuth",
)
SCOPE = scenario_rule(
    "layers.auth.scope",
    "A valid token without metrics:read is 403 FORBIDDEN_SCOPE on metrics, 200 on whoami",
    f"{SEED}: Auth (Scope metrics:read); DOMAIN.md 4 (FORBIDDEN_SCOPE 403)",
)
ISOLATION = scenario_rule(
    "layers.auth.isolation",
    "Another organization's project or entity is 404 NOT_FOUND, never its data",
    f"{SEED}: 404 'not found or not in your organization'",
)
WHOAMI = scenario_rule(
    "layers.whoami.organization",
    "whoami names the token's organization, and scope=organization with that id answers 200",
    f"{SEED}: Query id ('organization takes the org id from /v1/whoami')",
)


def _error(ctx: Context, rule_id: str, ex: Exchange, status: int, code: str) -> bool:
    body = ex.json if isinstance(ex.json, dict) else {}
    got = (body.get("error") or {}).get("code") if isinstance(body.get("error"), dict) else None
    return ctx.check(
        rule_id,
        ex.status == status and got == code,
        f"expected {status} {code}, got {ex.status} {got!r}",
        ex,
    )


@scenario(
    "layers.validation",
    rules=(UNKNOWN_METRIC, POST_WEEK, SCOPE_MISMATCH, EMPTY_WINDOW),
    needs=needs_projects,
    weight=0.1,
)
def validation(ctx: Context, data: st.DataObject) -> None:
    entity = data.draw(st.sampled_from(entities(ctx.target, weekly=True)), label="entity")
    name = data.draw(st.sampled_from(["conversions", "spend", "roas", "frobs"]), label="metric")
    ex = fetch(ctx, entity, metrics=["views", name])
    if _error(ctx, UNKNOWN_METRIC.id, ex, 422, "VALIDATION"):
        message = ex.json["error"]["message"]
        ctx.check(
            UNKNOWN_METRIC.id,
            f"Unknown metric: {name}" in message,
            f"message {message!r} does not name the unknown metric {name}",
            ex,
        )
        if name != "frobs":
            ctx.check(
                UNKNOWN_METRIC.id,
                "ads-metrics" in message,
                f"message {message!r} does not point to /ads-metrics for {name}",
                ex,
            )
    posts = [e for e in entities(ctx.target) if e[1] == "platform_post"]
    if posts:
        _error(ctx, POST_WEEK.id, fetch(ctx, posts[0], granularity="week"), 422, "VALIDATION")
    project = entity[0]
    wrong = fetch(ctx, (project, "project_layer", project))
    _error(ctx, SCOPE_MISMATCH.id, wrong, 422, "VALIDATION")
    same = "2026-01-01T00:00:00Z"
    _error(ctx, EMPTY_WINDOW.id, fetch(ctx, entity, since=same, until=same), 422, "VALIDATION")


def _foreign(target: Target) -> str | None:
    return None if target.layers.foreign_project_id else "config lacks layers.foreign_project_id"


@scenario("layers.isolation", rules=(ISOLATION,), needs=_foreign, weight=0.1)
def isolation(ctx: Context, data: st.DataObject) -> None:
    foreign = ctx.target.layers.foreign_project_id
    assert foreign is not None
    _error(ctx, ISOLATION.id, fetch(ctx, (foreign, "project", foreign)), 404, "NOT_FOUND")
    own = entities(ctx.target)
    for scope, other in sorted(ctx.target.layers.foreign_ids.items()):
        if own:
            _error(ctx, ISOLATION.id, fetch(ctx, (own[0][0], scope, other)), 404, "NOT_FOUND")


@scenario("layers.auth", rules=(MISSING_TOKEN, SCOPE, WHOAMI), needs=needs_projects, weight=0.1)
def auth(ctx: Context, data: st.DataObject) -> None:
    project, scope, entity_id = entities(ctx.target)[0]
    params = {"scope": scope, "id": entity_id}
    for token in (None, "lp_unknown0000000000"):
        _error(
            ctx,
            MISSING_TOKEN.id,
            ctx.client.get(metrics_path(project), params, token=token),
            401,
            "UNAUTHENTICATED",
        )
        _error(
            ctx, MISSING_TOKEN.id, ctx.client.get("/v1/whoami", token=token), 401, "UNAUTHENTICATED"
        )
    weak = ctx.target.layers.token_without_scope
    if weak:
        ex = ctx.client.get(metrics_path(project), params, token=weak)
        _error(ctx, SCOPE.id, ex, 403, "FORBIDDEN_SCOPE")
        ex = ctx.client.get("/v1/whoami", token=weak)
        ctx.check(SCOPE.id, ex.status == 200, f"whoami needs no scope, got {ex.status}", ex)
    who = ctx.ok(ctx.client.get("/v1/whoami"), "whoami")
    org = who.json["organizationId"]
    expected = ctx.target.layers.organization_id
    ctx.check(
        WHOAMI.id,
        expected is None or org == expected,
        f"whoami organizationId {org}, the config says {expected}",
        who,
    )
    ex = fetch(ctx, (project, "organization", org))
    ctx.check(WHOAMI.id, ex.status == 200, f"scope=organization with whoami's id: {ex.status}", ex)
