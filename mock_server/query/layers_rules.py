"""The request a Layers metrics query answers, and the vocabulary rules it is checked by.

The vocabulary (valid, default and paid metric names, id prefixes per scope, the hourly
clamp, the longest series) is read from the spec's extensions by the vendor package
(``x-valid-metrics``, ``x-default-metrics``, ``x-paid-metrics``, ``x-id-prefixes``,
``x-hour-window-max-days``, the series' ``maxItems``) and passed in here, so that specs/
stays the single source of those lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from mock_server.domain.errors import ValidationError
from mock_server.world.layers_model import POST_METRICS

DERIVED_METRICS = ("engagement_rate", "followers", "follower_delta", "posts_published")
COMPUTABLE = frozenset(POST_METRICS + DERIVED_METRICS)
PAID_HINT = "Use /v1/projects/:projectId/ads-metrics for paid metrics."


@dataclass(frozen=True)
class LayersRules:
    valid_metrics: tuple[str, ...]
    default_metrics: Mapping[str, tuple[str, ...]]
    paid_metrics: frozenset[str]
    id_prefixes: Mapping[str, str]
    hour_window_days: int
    max_buckets: int

    def __post_init__(self) -> None:
        missing = sorted(set(self.valid_metrics) - COMPUTABLE)
        if missing:
            raise ValueError(f"the spec lists metrics the mock cannot compute: {missing}")


@dataclass(frozen=True)
class MetricsRequest:
    """``GET /v1/projects/{projectId}/metrics`` after spec validation (seeds/layers-metrics.txt)."""

    project_id: str
    scope: str
    entity_id: str
    metrics: tuple[str, ...] | None
    since: datetime | None
    until: datetime | None
    granularity: str


def resolve_metrics(
    rules: LayersRules, scope: str, names: tuple[str, ...] | None
) -> tuple[str, ...]:
    """The metrics to serve, in the spec's order: the scope's default bundle when omitted.

    The first unknown name in query order is refused (spec Metrics x-mock-choice); a paid
    name gets the ads-metrics hint of seeds/layers-metrics.txt; duplicates count once.
    """
    if names is None:
        return rules.default_metrics[scope]
    for name in names:
        if name not in rules.valid_metrics:
            raise ValidationError(_unknown_metric(rules, name), "metrics")
    return tuple(m for m in rules.valid_metrics if m in names)


def _unknown_metric(rules: LayersRules, name: str) -> str:
    if name in rules.paid_metrics:
        return f"Unknown metric: {name}. {PAID_HINT}"
    return f"Unknown metric: {name}. Valid metrics: {', '.join(rules.valid_metrics)}."


def check_id_kind(rules: LayersRules, request: MetricsRequest) -> None:
    """The id's prefix must match the scope; scope=project must name the path's project.

    A mismatch is 422 VALIDATION (seeds/layers-metrics.txt: "422 scope/id mismatch"; the
    second rule is the spec's EntityId x-mock-choice).
    """
    prefix = rules.id_prefixes[request.scope]
    if not request.entity_id.startswith(prefix):
        raise ValidationError(
            f"id {request.entity_id} does not fit scope={request.scope}: "
            f"{request.scope} ids start with '{prefix}'.",
            "id",
        )
    if request.scope == "project" and request.entity_id != request.project_id:
        raise ValidationError(
            f"scope=project takes the path's project id {request.project_id} as id, "
            f"not {request.entity_id}.",
            "id",
        )
    if request.scope == "platform_post" and request.granularity == "week":
        raise ValidationError(
            "granularity=week is not available for scope=platform_post; use day or hour.",
            "granularity",
        )
