"""Query results to Layers JSON (spec MetricsResponse and WhoAmI).

Series entries carry ``bucket`` and then the served metrics in the spec's x-valid-metrics
order; totals the same metrics and ``post_count``. Window bounds are echoed as
``YYYY-MM-DDTHH:MM:SSZ`` with microseconds only when non-zero (spec Window x-mock-choice).
The series is written from its columns, without a dict per bucket.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from json.encoder import encode_basestring_ascii
from typing import Any

from mock_server.query.layers import MetricsResult
from mock_server.vendors.json_rows import RowTemplate, dumps, float_texts
from mock_server.world.layers_index import Caller
from mock_server.world.layers_model import Organization, format_instant


def metrics_text(result: MetricsResult) -> str:
    """The MetricsResponse as compact JSON with ASCII escapes (as Flask's ``jsonify``
    writes it); the series rows come from a row template (vendors/json_rows.py)."""
    window = result.window
    series = result.values.series
    template = _template(result.metrics)
    rows = template.array([window.labels_json, *(_column(m, series) for m in result.metrics)])
    totals: dict[str, Any] = {m: result.values.totals[m] for m in result.metrics}
    totals["post_count"] = result.values.post_count
    head = _window_text(window.since, window.until, window.granularity.value)
    scope, entity = encode_basestring_ascii(result.scope), encode_basestring_ascii(result.entity_id)
    return (
        f'{{"scope":{scope},"id":{entity},"window":{head},"series":{rows},'
        f'"totals":{dumps(totals, ascii_only=True)}}}'
    )


@lru_cache(maxsize=64)
def _template(metrics: tuple[str, ...]) -> RowTemplate:
    """The series row of ``metrics`` (a handful of metric lists in use)."""
    return RowTemplate(("bucket", *metrics))


@lru_cache(maxsize=1024)
def _window_text(since: datetime, until: datetime, granularity: str) -> str:
    """The echoed window as JSON (remembered: many requests share a window)."""
    window = {"since": format_instant(since), "until": format_instant(until)}
    return dumps({**window, "granularity": granularity}, ascii_only=True)


def _column(name: str, series: Mapping[str, Sequence[Any]]) -> Sequence[Any]:
    """A series' values for the row template; engagement_rate (floats) as their texts."""
    values = series[name]
    return float_texts(values) if name == "engagement_rate" else values


def whoami_json(caller: Caller, organization: Organization) -> dict[str, Any]:
    return {
        "organizationId": organization.id,
        "organizationName": organization.name,
        "scopes": list(caller.scopes),
        "rateLimitTier": organization.rate_limit_tier,
    }
