"""Layers series written from arrays equal the series written bucket by bucket.

The reference is the MetricsResponse as it was built before: one dict per bucket with
engagement_rate from the domain's ``layers_engagement_rate`` of the bucket's sums, labels
from the domain's ``layers_bucket_label``, the whole body through ``json.dumps`` as Flask's
``jsonify`` writes it (ASCII escapes, compact).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.calendar import Granularity, layers_bucket_label, split_window
from mock_server.domain.formulas import layers_engagement_rate
from mock_server.query.layers import LayersRules, MetricsRequest, project_metrics
from mock_server.query.layers_window import resolve_window
from mock_server.specs import OPENAPI_SPECS
from mock_server.vendors.layers.mapping import metrics_text
from mock_server.vendors.layers.rules import rules_from_spec
from mock_server.world.layers import LayersWorld
from mock_server.world.layers_model import format_instant

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "layers_small.yaml"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
ALL = (
    "views", "reach", "impressions", "likes", "comments", "shares", "saves", "watch_time_ms",
    "engagement_rate", "followers", "follower_delta", "posts_published",
)  # fmt: skip
RATE_PARTS = ("likes", "comments", "shares", "saves", "views")


@pytest.fixture(scope="module", params=["generated", "fixture"])
def world(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> LayersWorld:
    fixtures = (FIXTURE,) if request.param == "fixture" else ()
    app = make_app(vendors=("layers",), fixtures=fixtures)
    layers: LayersWorld = app.extensions["metrics_mock"].world.layers
    return layers


def _reference(
    world: LayersWorld, organization: int, request: MetricsRequest, rules: LayersRules
) -> str:
    result = project_metrics(world, organization, request, NOW, rules)
    window, values = result.window, result.values
    series: dict[str, list[Any]] = dict(values.series)
    if "engagement_rate" in result.metrics:
        parts_request = replace(request, metrics=RATE_PARTS)
        parts = project_metrics(world, organization, parts_request, NOW, rules).values.series
        rows = zip(*(parts[p] for p in RATE_PARTS), strict=True)
        series["engagement_rate"] = [layers_engagement_rate(*row) for row in rows]
    buckets = split_window(window.since, window.until, window.granularity)
    labels = [layers_bucket_label(b.label_start, window.granularity) for b in buckets]
    entries = [
        {"bucket": label, **{m: series[m][k] for m in result.metrics}}
        for k, label in enumerate(labels)
    ]
    totals: dict[str, Any] = {m: values.totals[m] for m in result.metrics}
    totals["post_count"] = values.post_count
    body = {
        "scope": result.scope,
        "id": result.entity_id,
        "window": {
            "since": format_instant(window.since),
            "until": format_instant(window.until),
            "granularity": window.granularity.value,
        },
        "series": entries,
        "totals": totals,
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=True)


def _requests(world: LayersWorld) -> list[tuple[int, MetricsRequest]]:
    out = []
    for org_at, org in enumerate(world.organizations[:3]):
        projects = [p for p in world.projects if p.organization_id == org.id][:2]
        for project in projects:
            for granularity, days in (("day", 90), ("week", 400), ("hour", 5), ("day", 700)):
                for until in (NOW, datetime(2025, 6, 15, 13, 30, 0, 250, tzinfo=UTC)):
                    for metrics in (None, ALL):
                        request = MetricsRequest(
                            project_id=project.id,
                            scope="project",
                            entity_id=project.id,
                            metrics=metrics,
                            since=until - timedelta(days=days, hours=3),
                            until=until,
                            granularity=granularity,
                        )
                        out.append((org_at, request))
    return out


def test_a_metrics_response_is_byte_for_byte_the_per_bucket_rendering(world: LayersWorld) -> None:
    spec = yaml.safe_load(OPENAPI_SPECS["layers"].read_text(encoding="utf-8"))
    rules = rules_from_spec(spec)
    requests = _requests(world)
    assert requests
    for organization, request in requests:
        result = project_metrics(world, organization, request, NOW, rules)
        assert metrics_text(result) == _reference(world, organization, request, rules)


@settings(max_examples=300, deadline=None)
@given(
    since=st.datetimes(
        min_value=datetime(1, 2, 1), max_value=datetime(9990, 1, 1), timezones=st.just(UTC)
    ),
    days=st.integers(1, 2000),
    granularity=st.sampled_from(["day", "week"]),
)
@example(since=datetime(1972, 10, 20, tzinfo=UTC), days=30, granularity="day")  # block edge
def test_day_labels_from_the_table_are_the_domains_labels(
    since: datetime, days: int, granularity: str
) -> None:
    until = since + timedelta(days=days)
    window = resolve_window(since, until, granularity, NOW, hour_window_days=90, max_buckets=10**6)
    g = Granularity(granularity)
    buckets = split_window(window.since, window.until, g)
    assert window.labels == [layers_bucket_label(b.label_start, g) for b in buckets]
