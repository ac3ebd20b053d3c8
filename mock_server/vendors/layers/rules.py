"""The Layers vocabulary, read from the spec's extensions once at mount.

specs/openapi/layers.yaml is the single source of the metric names (``x-valid-metrics``),
default bundles (``x-default-metrics``), paid names (``x-paid-metrics``), id prefixes per
scope (``x-id-prefixes``), the hourly clamp (``x-hour-window-max-days``) and the longest
series (``MetricsResponse.series.maxItems``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.query.layers_rules import LayersRules


def rules_from_spec(spec: Mapping[str, Any]) -> LayersRules:
    components = spec["components"]
    metrics = components["parameters"]["Metrics"]
    granularity = components["parameters"]["Granularity"]
    series = components["schemas"]["MetricsResponse"]["properties"]["series"]
    return LayersRules(
        valid_metrics=tuple(metrics["x-valid-metrics"]),
        default_metrics={k: tuple(v) for k, v in metrics["x-default-metrics"].items()},
        paid_metrics=frozenset(metrics["x-paid-metrics"]),
        id_prefixes=dict(components["parameters"]["EntityId"]["x-id-prefixes"]),
        hour_window_days=int(granularity["x-hour-window-max-days"]),
        max_buckets=int(series["maxItems"]),
    )
