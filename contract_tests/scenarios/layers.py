"""Layers scenarios: totals across granularities and scopes, defaults, validation.

Source: seeds/layers-metrics.txt (Query, Defaults by scope, 422/404, Notes). Every response
also goes through the per-response rules (buckets, rates, totals = sum of the series).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st

from contract_tests.checks.layers_series import DEFAULT_METRICS
from contract_tests.checks.layers_totals import ADDITIVE
from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.target import Target
from mock_server.domain.calendar import format_utc_z, parse_utc_z

SEED = "layers-metrics.txt"
VALID_METRICS = (
    "views",
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch_time_ms",
    "engagement_rate",
    "followers",
    "follower_delta",
    "posts_published",
)
SUMMED = (*ADDITIVE, "engagement_rate")
"""The additive metrics (summed over buckets and entities), then the weighted rate last."""
Entity = tuple[str, str, str]  # (path project id, scope, id)
CONSISTENCY_MIN_DAYS = 30  # windows compared across entities: long enough to hold posts

ANSWERS = scenario_rule(
    "layers.metrics.answers",
    "A metrics request for an entity of the caller's organization, with a window and "
    "valid metric names, is answered 200, an hourly window over 90 days too (clamped)",
    f"{SEED}: Query; Defaults by scope (platform_post: day or hour); Notes (hourly clamp)",
)
GRANULARITY = scenario_rule(
    "layers.consistency.granularity",
    "totals over one window are the same whatever the granularity (hour, day, week)",
    f"{SEED}: 'totals is the aggregate over the full window'",
)
PROJECT_LAYERS = scenario_rule(
    "layers.consistency.project_layers",
    "A project's totals are its layers' totals summed (counts), when every layer is listed",
    f"{SEED}: Defaults by scope ('project: Same as project_layer, summed across layers')",
)


def metrics_path(project_id: str) -> str:
    return f"/v1/projects/{project_id}/metrics"


def entities(target: Target, *, weekly: bool = False) -> list[Entity]:
    """Every (project, scope, id) the config names; platform posts left out if ``weekly``."""
    found: list[Entity] = []
    for p in target.layers.projects:
        found.append((p.id, "project", p.id))
        found += [(p.id, "project_layer", i) for i in p.layers]
        found += [(p.id, "social_account", i) for i in p.social_accounts]
        if not weekly:
            found += [(p.id, "platform_post", i) for i in p.platform_posts]
        if target.layers.organization_id:
            found.append((p.id, "organization", target.layers.organization_id))
    return found


def needs_projects(target: Target) -> str | None:
    return None if target.layers.projects else "config lists no layers.projects"


def draw_window(
    data: st.DataObject, target: Target, max_days: int, min_days: int = 1
) -> tuple[str, str]:
    """A window ending inside the data window, ``min_days`` to ``max_days`` long, often not
    on midnight."""
    hours_back = data.draw(st.integers(0, 24 * 60), label="until: hours before data_until")
    until = target.data_until - timedelta(hours=hours_back)
    span = data.draw(st.integers(min_days * 24, max_days * 24), label="span in hours")
    return format_utc_z(until - timedelta(hours=span)), format_utc_z(until)


def fetch(ctx: Context, entity: Entity, **params: object) -> Exchange:
    project, scope, entity_id = entity
    return ctx.client.get(metrics_path(project), {"scope": scope, "id": entity_id, **params})


@scenario("layers.windows", rules=(ANSWERS,), needs=needs_projects, weight=0.5)
def windows(ctx: Context, data: st.DataObject) -> None:
    """Random entity, granularity, window and metric list: one request, all response rules."""
    entity = data.draw(st.sampled_from(entities(ctx.target)), label="entity")
    allowed = ["day", "hour"] if entity[1] == "platform_post" else ["day", "hour", "week"]
    granularity = data.draw(st.sampled_from(allowed), label="granularity")
    since, until = draw_window(
        data, ctx.target, {"hour": 200, "day": 400, "week": 700}[granularity]
    )
    metrics = data.draw(
        st.one_of(
            st.none(),
            st.just(list(SUMMED)),
            st.lists(st.sampled_from(VALID_METRICS), min_size=1, max_size=6),
        ),
        label="metrics",
    )
    ex = fetch(ctx, entity, since=since, until=until, granularity=granularity, metrics=metrics)
    ctx.check(ANSWERS.id, ex.status == 200, f"expected 200, got {ex.status}: {ex.body[:300]!r}", ex)
    days = data.draw(st.integers(91, 200), label="days of a long hourly window (clamped)")
    long_since = parse_utc_z(until) - timedelta(days=days)
    ex = fetch(ctx, entity, since=format_utc_z(long_since), until=until, granularity="hour")
    ctx.check(
        ANSWERS.id,
        ex.status == 200,
        f"a {days}-day hourly window must be answered (clamped), got {ex.status}: "
        f"{ex.body[:300]!r}",
        ex,
    )


@scenario("layers.granularity", rules=(GRANULARITY,), needs=needs_projects, weight=0.3)
def granularity_invariance(ctx: Context, data: st.DataObject) -> None:
    entity = data.draw(st.sampled_from(entities(ctx.target)), label="entity")
    since, until = draw_window(data, ctx.target, 80)
    sizes = ["hour", "day"] if entity[1] == "platform_post" else ["hour", "day", "week"]
    answers = [
        ctx.ok(fetch(ctx, entity, since=since, until=until, granularity=g, metrics=list(SUMMED)), g)
        for g in sizes
    ]
    base = answers[0].json["totals"]
    for g, ex in zip(sizes[1:], answers[1:], strict=True):
        ctx.check(
            GRANULARITY.id,
            ex.json["totals"] == base,
            f"totals with granularity={g} {ex.json['totals']} differ from hour's {base}",
            ex,
        )


def _all_layers(target: Target) -> str | None:
    if any(p.all_layers_listed and p.layers for p in target.layers.projects):
        return None
    return "no layers.projects entry with all_layers_listed = true"


@scenario("layers.project_layers", rules=(PROJECT_LAYERS,), needs=_all_layers, weight=0.2)
def project_is_sum_of_layers(ctx: Context, data: st.DataObject) -> None:
    projects = [p for p in ctx.target.layers.projects if p.all_layers_listed and p.layers]
    project = data.draw(st.sampled_from(projects), label="project")
    since, until = draw_window(data, ctx.target, 120, min_days=CONSISTENCY_MIN_DAYS)
    params = {"since": since, "until": until, "metrics": list(SUMMED[:-1])}
    whole = ctx.ok(fetch(ctx, (project.id, "project", project.id), **params), "project")
    parts = [
        ctx.ok(fetch(ctx, (project.id, "project_layer", layer), **params), "layer")
        for layer in project.layers
    ]
    for metric in SUMMED[:-1]:
        summed = sum(int(p.json["totals"][metric]) for p in parts)
        got = int(whole.json["totals"][metric])
        ctx.check(
            PROJECT_LAYERS.id,
            got == summed,
            f"project {project.id} totals.{metric} = {got} but its {len(parts)} layers sum to "
            f"{summed}",
            whole,
        )


SIBLINGS = scenario_rule(
    "layers.consistency.siblings",
    "Every social_accounts row of one reconnected account (same platform and platform user) "
    "answers with the same series and totals: the rows are unioned",
    f"{SEED}: Notes ('scope=social_account ... reads expand to sibling credentials')",
)


def _siblings(target: Target) -> str | None:
    if any(p.sibling_accounts for p in target.layers.projects):
        return None
    return "no layers.projects entry lists sibling_accounts"


@scenario("layers.siblings", rules=(SIBLINGS,), needs=_siblings, weight=0.1)
def siblings_are_one_account(ctx: Context, data: st.DataObject) -> None:
    groups = [(p.id, g) for p in ctx.target.layers.projects for g in p.sibling_accounts]
    project, group = data.draw(st.sampled_from(groups), label="reconnected account")
    since, until = draw_window(data, ctx.target, 120, min_days=CONSISTENCY_MIN_DAYS)
    params = {"since": since, "until": until, "metrics": list(VALID_METRICS[:9])}
    answers = [
        ctx.ok(fetch(ctx, (project, "social_account", row), **params), "sibling") for row in group
    ]
    first = answers[0].json
    for row, ex in zip(group[1:], answers[1:], strict=True):
        same = (ex.json["series"], ex.json["totals"]) == (first["series"], first["totals"])
        ctx.check(
            SIBLINGS.id,
            same,
            f"{row} and {group[0]} are one reconnected account but "
            f"answer differently: totals {ex.json['totals']} vs {first['totals']}",
            ex,
        )


DEFAULTS = scenario_rule(
    "layers.defaults.window",
    "Without since/until the window is the 30 days up to now, at day granularity, with the "
    "scope's default metrics",
    f"{SEED}: Query (since default 30 days ago, until default now, granularity default day)",
)
SINCE_FROM_CLOCK = scenario_rule(
    "layers.defaults.since_from_clock",
    "With only until given, since defaults to 30 days before the clock (not before until)",
    "specs/openapi/layers.yaml Until x-mock-choice",
    gap=True,
)


@scenario("layers.defaults", rules=(DEFAULTS, SINCE_FROM_CLOCK), needs=needs_projects, weight=0.1)
def defaults(ctx: Context, data: st.DataObject) -> None:
    entity = data.draw(st.sampled_from(entities(ctx.target)), label="entity")
    ex = ctx.ok(fetch(ctx, entity), "defaults")
    window = ex.json["window"]
    since, until = parse_utc_z(window["since"]), parse_utc_z(window["until"])
    ctx.check(
        DEFAULTS.id,
        until - since == timedelta(days=30),
        f"default window {window['since']}..{window['until']} is not 30 days",
        ex,
    )
    ctx.check(
        DEFAULTS.id,
        window["granularity"] == "day",
        f"default granularity {window['granularity']!r}, expected day",
        ex,
    )
    got = set(ex.json["totals"]) - {"post_count"}
    want = set(DEFAULT_METRICS[entity[1]])
    ctx.check(
        DEFAULTS.id, got == want, f"{entity[1]} defaults {sorted(got)}, expected {sorted(want)}", ex
    )
    ctx.check(
        DEFAULTS.id,
        _near_now(ctx.target, until),
        f"default until {window['until']} is not now ({format_utc_z(ctx.target.now)})",
        ex,
    )
    explicit = ctx.target.now - timedelta(days=10)
    ex = fetch(ctx, entity, until=format_utc_z(explicit))
    if ex.status == 200:
        got_since = parse_utc_z(ex.json["window"]["since"])
        ctx.check(
            SINCE_FROM_CLOCK.id,
            got_since == ctx.target.now - timedelta(days=30),
            f"since defaulted to {got_since}, expected now - 30 days",
            ex,
        )


def _near_now(target: Target, until: datetime) -> bool:
    if target.is_mock:
        return until == target.now
    return abs(until - datetime.now(target.now.tzinfo)) < timedelta(days=1)
