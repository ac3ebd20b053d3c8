"""Steer Schemathesis' positive cases towards the target's real data.

Generated from the spec alone, a positive request almost never names an entity the token
can read or a window that holds posts, so nearly every answer would be a 404 or an empty
page and the domain rules would have nothing to judge. For three positive cases in four
these hooks swap in ids and windows from the target's config; negative cases and the
fourth positive case stay as generated. Buffer's id and DateTime scalars get strategies
that mostly draw the target's own ids.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from contract_tests.scenarios.later import CONTENT_TYPES
from contract_tests.scenarios.layers import VALID_METRICS, entities
from contract_tests.target import Target
from mock_server.domain.calendar import format_utc_z

LATER_SUMMARY = (
    "engagements",
    "impressions",
    "engagementRate",
    "postsCount",
    "reach",
    "views",
    "estimatedValueGenerated",
    "campaignsCost",
    "returnOnInvestment",
    "cpe",
    "cpm",
    "paidEngagements",
    "paidImpressions",
    "paidEngagementRate",
    "paidAdSpend",
    "paidCpe",
    "paidCpm",
)


def _is_positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    return mode is not None and getattr(mode, "value", mode) == "positive"


def _window(target: Target, max_days: int) -> st.SearchStrategy[tuple[str, str]]:
    def build(back: int, span: int) -> tuple[str, str]:
        until = target.data_until - timedelta(hours=back)
        return format_utc_z(until - timedelta(hours=span)), format_utc_z(until)

    return st.builds(build, st.integers(0, 24 * 60), st.integers(1, 24 * max_days))


def _layers(target: Target, case: Any) -> st.SearchStrategy[Any]:
    found = entities(target)
    if not found or case.operation.label.endswith("/whoami"):
        return st.just(case)

    def apply(entity: tuple[str, str, str], window: tuple[str, str], metrics: list[str]) -> Any:
        case.path_parameters = {**case.path_parameters, "projectId": entity[0]}
        query = {**case.query, "scope": entity[1], "id": entity[2]}
        if "since" in query or "until" in query:
            query["since"], query["until"] = window
        if query.get("granularity") == "week" and entity[1] == "platform_post":
            query["granularity"] = "day"
        if "metrics" in query:
            query["metrics"] = metrics
        case.query = query
        return case

    metrics = st.lists(st.sampled_from(VALID_METRICS), min_size=1, max_size=6)
    return st.builds(apply, st.sampled_from(found), _window(target, 80), metrics)


def _later(target: Target, case: Any) -> st.SearchStrategy[Any]:
    ids = target.later.instance_ids

    def apply(window: tuple[str, str], picked: list[str], metrics: list[str]) -> Any:
        query = dict(case.query)
        query["startDate"], query["endDate"] = window[0][:10], window[1][:10]
        if ids and "instanceIds" in query:
            query["instanceIds"] = picked
        if "platform" in query and "contentType" in query:
            query.pop("platform")
        if "contentType" in query:
            query["contentType"] = [t for t in query["contentType"] if t in CONTENT_TYPES] or None
        if "metrics" in query or case.operation.label.endswith("/instances/performance"):
            query["metrics"] = metrics
        case.query = {k: v for k, v in query.items() if v is not None}
        return case

    picked = st.lists(st.sampled_from(ids), min_size=1, unique=True) if ids else st.just([])
    metrics = st.lists(st.sampled_from(LATER_SUMMARY), min_size=1, max_size=8, unique=True)
    return st.builds(apply, _window(target, 120), picked, metrics)


def install(schema: Any, target: Target) -> None:
    """Register the steering hook on ``schema`` (and Buffer's scalar strategies)."""
    if target.vendor == "buffer":
        register_buffer_scalars(target)
        return
    steer = _layers if target.vendor == "layers" else _later

    def flatmap_case(ctx: Any, case: Any) -> st.SearchStrategy[Any]:
        if not _is_positive(case):
            return st.just(case)
        return st.integers(0, 3).flatmap(lambda k: st.just(case) if k == 0 else steer(target, case))

    schema.hooks.register_hook_with_name(flatmap_case, "flatmap_case")


def _ids(own: tuple[str, ...], *others: str | None) -> st.SearchStrategy[Any]:
    pool = [*own, *own, *own, *(o for o in others if o), "000000000000000000000000"]
    return st.sampled_from(pool).map(nodes.String)


def register_buffer_scalars(target: Target) -> None:
    """Buffer's id and DateTime scalars: mostly the target's own ids and in-window instants."""
    b = target.buffer
    org = (b.organization_id,) if b.organization_id else ()
    schemathesis.graphql.scalar("OrganizationId", _ids(org, b.foreign_organization_id))
    schemathesis.graphql.scalar(
        "ChannelId", _ids(tuple(c.id for c in b.channels), b.foreign_channel_id)
    )
    schemathesis.graphql.scalar("PostId", _ids(b.post_ids, b.foreign_post_id))
    schemathesis.graphql.scalar("TagId", _ids(b.tag_ids))
    instants = st.integers(0, 24 * 400).map(
        lambda h: format_utc_z(target.data_until - timedelta(hours=h))
    )
    odd = st.sampled_from(["2026-01-01T00:00:00+02:00", "2026-13-01T00:00:00Z", "yesterday"])
    schemathesis.graphql.scalar("DateTime", st.one_of(instants, instants, odd).map(nodes.String))
