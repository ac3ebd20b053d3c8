"""Query results to Layers JSON (spec MetricsResponse and WhoAmI).

Series entries carry ``bucket`` and then the served metrics in the spec's x-valid-metrics
order; totals the same metrics and ``post_count``. Window bounds are echoed as
``YYYY-MM-DDTHH:MM:SSZ`` with microseconds only when non-zero (spec Window x-mock-choice).
"""

from __future__ import annotations

from typing import Any

from mock_server.query.layers import MetricsResult
from mock_server.world.layers_index import Caller
from mock_server.world.layers_model import Organization, format_instant


def metrics_json(result: MetricsResult) -> dict[str, Any]:
    window = result.window
    series = result.values.series
    columns = [series[m] for m in result.metrics]
    entries = [
        {"bucket": label, **dict(zip(result.metrics, values, strict=True))}
        for label, *values in zip(window.labels, *columns, strict=True)
    ]
    totals: dict[str, Any] = {m: result.values.totals[m] for m in result.metrics}
    totals["post_count"] = result.values.post_count
    return {
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


def whoami_json(caller: Caller, organization: Organization) -> dict[str, Any]:
    return {
        "organizationId": organization.id,
        "organizationName": organization.name,
        "scopes": list(caller.scopes),
        "rateLimitTier": organization.rate_limit_tier,
    }
