"""Buffer post-metric normalisation, the cross-channel intersection and aggregation.

Rules from seeds/buffer-post-metrics.txt: per-network fields normalise into one
PostMetricType enum; a metric a network has not reported is absent, never 0; aggregates
always carry the baseline trio (postCount, reactions, comments) and other types only when
every channel in the filter supports them ("never zero-padded"). The catalogue (which
network reports what, names, units, deprecated values) is in :mod:`.buffer_catalog` and is
re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .buffer_catalog import (
    BASELINE,
    COMPUTED,
    DEPRECATED,
    DEPRECATION_REASONS,
    METRIC_DESCRIPTIONS,
    METRIC_NAMES,
    NETWORK_METRICS,
    NETWORK_RAW_NAMES,
    POST_METRIC_TYPES,
    SERVICES,
    UNITS,
)
from .formulas import buffer_engagement_rate

__all__ = [
    "BASELINE",
    "COMPUTED",
    "DEPRECATED",
    "DEPRECATION_REASONS",
    "METRIC_DESCRIPTIONS",
    "METRIC_NAMES",
    "NETWORK_METRICS",
    "NETWORK_RAW_NAMES",
    "POST_METRIC_TYPES",
    "SERVICES",
    "UNITS",
    "PostMetric",
    "aggregate_metrics",
    "aggregate_types",
    "intersection_types",
    "normalise",
    "post_metrics",
]


def _canonical(types: Iterable[str]) -> tuple[str, ...]:
    wanted = list(types)
    return tuple(t for t in POST_METRIC_TYPES if t in wanted)


def _reported(service: str) -> tuple[str, ...]:
    try:
        return NETWORK_METRICS[service]
    except KeyError:
        raise ValueError(f"unknown Buffer service {service!r}") from None


def _engagement_rate(values: Mapping[str, float]) -> float | None:
    get = values.get
    return buffer_engagement_rate(
        get("reactions", 0.0),
        get("comments", 0.0),
        get("shares", 0.0),
        get("reposts", 0.0),
        get("impressions", 0.0),
    )


def normalise(service: str, raw: Mapping[str, float]) -> dict[str, float]:
    """Map a network's raw metric fields to PostMetricType values for one post.

    ``raw`` keys are raw network names (:data:`NETWORK_RAW_NAMES`) or already-normalised
    types. Returns only what the network reported, in canonical order; engagementRate is
    added when the service reports it and impressions is above 0 (mock choice, see
    :func:`~.formulas.buffer_engagement_rate`). Raises ValueError for an unknown service, a
    type the service does not report, two raw fields landing on one type, or a computed or
    aggregate-only type in ``raw``.
    """
    reported = _reported(service)
    renames = NETWORK_RAW_NAMES[service]
    values: dict[str, float] = {}
    for name in sorted(raw):
        kind = renames.get(name, name)
        if kind not in reported or kind in COMPUTED:
            raise ValueError(f"{service} does not report {name!r} as a raw metric")
        if kind in values:
            raise ValueError(f"{service}: two raw fields map to {kind!r}")
        values[kind] = float(raw[name])
    if "engagementRate" in reported:
        rate = _engagement_rate(values)
        if rate is not None:
            values["engagementRate"] = rate
    return {t: values[t] for t in POST_METRIC_TYPES if t in values}


def intersection_types(services: Iterable[str]) -> tuple[str, ...]:
    """Types reported by every service in ``services``, in canonical order.

    "the response includes additional metric types only when every channel in the filter
    set supports them". An empty set of services has no extras, so it yields ``()``.
    """
    distinct = sorted(set(services))
    if not distinct:
        return ()
    common = set(_reported(distinct[0]))
    for service in distinct[1:]:
        common &= set(_reported(service))
    return _canonical(common)


def aggregate_types(services: Iterable[str]) -> tuple[str, ...]:
    """Types ``aggregatedPostMetrics`` emits for channels of these services.

    postCount first, then reactions and comments, then the intersection's extras in
    canonical order, with no duplicates. ``[]`` (no channel) gives the baseline only.
    """
    extras = [t for t in intersection_types(services) if t not in BASELINE]
    return BASELINE + _canonical(extras)


def aggregate_metrics(
    services: Iterable[str], posts: Sequence[Mapping[str, float]]
) -> dict[str, float]:
    """Aggregate per-post metrics (as :func:`normalise` returns them) over matched posts.

    ``services`` are the services of every channel in the filter set, not only of channels
    with matched posts. postCount is ``len(posts)``; every other count is the sum over posts,
    absent values contributing 0; engagementRate is recomputed from the sums (a ratio of sums,
    never a mean of per-post rates) and left out when summed impressions are 0.
    """
    types = aggregate_types(services)
    counted = [t for t in types if t != "postCount" and t not in COMPUTED]
    values = {t: float(sum(post.get(t, 0.0) for post in posts)) for t in counted}
    values["postCount"] = float(len(posts))
    rate = _engagement_rate(values) if "engagementRate" in types else None
    if rate is not None:
        values["engagementRate"] = rate
    return {t: values[t] for t in types if t in values}


@dataclass(frozen=True)
class PostMetric:
    """One ``PostMetric`` object: ``{type, name, description, value, unit}``."""

    type: str
    name: str
    description: str
    value: float
    unit: str


def post_metrics(values: Mapping[str, float]) -> list[PostMetric]:
    """Render normalised values as PostMetric objects in canonical order.

    Raises ValueError for a name that is not a live PostMetricType (the seven deprecated
    values are "never emitted").
    """
    unknown = sorted(t for t in values if t not in POST_METRIC_TYPES)
    if unknown:
        raise ValueError(f"not live PostMetricTypes: {unknown}")
    return [
        PostMetric(t, METRIC_NAMES[t], METRIC_DESCRIPTIONS[t], float(values[t]), UNITS[t])
        for t in POST_METRIC_TYPES
        if t in values
    ]
