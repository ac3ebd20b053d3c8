"""``GET /v1/projects/{projectId}/metrics`` over the Layers world, vendor-neutral.

Order of checks: metric names, id kind and granularity (422), window (422), project and
entity (404), then the sums. Everything a client can send wrong raises a domain error
(ValidationError, NotFound), which the vendor package renders in the Layers envelope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mock_server.query.layers_rules import (
    LayersRules,
    MetricsRequest,
    check_id_kind,
    resolve_metrics,
)
from mock_server.query.layers_scope import select
from mock_server.query.layers_series import SeriesAndTotals, compute
from mock_server.query.layers_window import Window, resolve_window
from mock_server.world.layers import LayersWorld

__all__ = ["LayersRules", "MetricsRequest", "MetricsResult", "project_metrics"]


@dataclass(frozen=True)
class MetricsResult:
    scope: str
    entity_id: str
    window: Window
    metrics: tuple[str, ...]
    values: SeriesAndTotals


def project_metrics(
    world: LayersWorld,
    organization: int,
    request: MetricsRequest,
    now: datetime,
    rules: LayersRules,
) -> MetricsResult:
    """Series and totals of the scoped entity for the caller's ``organization`` (an index)."""
    metrics = resolve_metrics(rules, request.scope, request.metrics)
    check_id_kind(rules, request)
    window = resolve_window(
        request.since,
        request.until,
        request.granularity,
        now,
        hour_window_days=rules.hour_window_days,
        max_buckets=rules.max_buckets,
    )
    selection = select(world, organization, request)
    values = compute(world, selection, window, metrics)
    return MetricsResult(request.scope, request.entity_id, window, metrics, values)
