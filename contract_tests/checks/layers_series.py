"""Layers metrics responses: echo, metric sets, the served window and its buckets.

Source: seeds/layers-metrics.txt (query parameters, "Defaults by scope", the example
response, Notes on the hourly clamp and UTC buckets). The exact calendar (ISO weeks from
Monday, hour labels, empty buckets present) is the mock's choice, checked by gap rules with
the domain's own calendar as the oracle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.exchange import Exchange
from contract_tests.registry import ensure
from mock_server.domain.calendar import (
    Granularity,
    layers_bucket_label,
    parse_utc_z,
    split_window,
)
from mock_server.domain.errors import BadTimestamp

SOURCE = "layers-metrics.txt"
OPS = ("getProjectMetrics",)
DEFAULT_METRICS: dict[str, tuple[str, ...]] = {
    "platform_post": ("views", "likes", "comments", "shares", "saves", "engagement_rate"),
    "social_account": ("followers", "follower_delta", "posts_published", "views"),
    "project_layer": ("views", "engagement_rate", "posts_published"),
    "project": ("views", "engagement_rate", "posts_published"),
    "organization": ("views", "posts_published"),
}
HOUR_WINDOW_MAX = timedelta(days=90)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HOUR = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:00:00Z")


@dataclass(frozen=True)
class Served:
    """The request's parameters next to the window and rows the response served."""

    scope: str
    metrics: tuple[str, ...]
    granularity: str
    since: datetime | None
    until: datetime | None
    window_since: datetime
    window_until: datetime
    series: list[dict[str, Any]]
    totals: dict[str, Any]


def _instant(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_utc_z(text)
    except BadTimestamp:
        return None


def served(ex: Exchange) -> Served:
    """Read a 200 metrics exchange (raises KeyError/TypeError on a malformed body)."""
    body = ex.json
    scope = ex.param("scope") or ""
    requested = ex.query.get("metrics")
    metrics = tuple(dict.fromkeys(requested)) if requested else DEFAULT_METRICS.get(scope, ())
    window = body["window"]
    return Served(
        scope=scope,
        metrics=metrics,
        granularity=ex.param("granularity") or "day",
        since=_instant(ex.param("since")),
        until=_instant(ex.param("until")),
        window_since=parse_utc_z(window["since"]),
        window_until=parse_utc_z(window["until"]),
        series=list(body["series"]),
        totals=dict(body["totals"]),
    )


@response_check(
    "layers.response.echo",
    "scope and id echo the request; window.granularity is the requested one (default day)",
    f"{SOURCE}: Query, example response",
    operations=OPS,
)
def echo(ex: Exchange) -> Skip | None:
    body, s = ex.json, served(ex)
    ensure(body["scope"] == s.scope, f"scope {body['scope']!r} != requested {s.scope!r}")
    ensure(body["id"] == ex.param("id"), f"id {body['id']!r} != requested {ex.param('id')!r}")
    got = body["window"]["granularity"]
    ensure(got == s.granularity, f"window.granularity {got!r} != requested {s.granularity!r}")
    return None


@response_check(
    "layers.response.metric_set",
    "Each bucket carries exactly the requested metrics (or the scope's default bundle, a "
    "repeated name once); totals carry the same plus post_count",
    f"{SOURCE}: Query metrics, Defaults by scope",
    operations=OPS,
)
def metric_set(ex: Exchange) -> Skip | None:
    s = served(ex)
    want = set(s.metrics)
    for entry in s.series:
        got = set(entry) - {"bucket"}
        if got != want:
            ensure(
                False,
                f"bucket {entry.get('bucket')} has metrics {sorted(got)}, expected {sorted(want)}",
            )
    got_totals = set(s.totals)
    ensure(
        got_totals == want | {"post_count"},
        f"totals has {sorted(got_totals)}, expected {sorted(want | {'post_count'})}",
    )
    return None


@response_check(
    "layers.window.bounds",
    "window echoes the requested since/until (since < until); only an hourly window longer "
    "than 90 days is narrowed, to at most 90 days",
    f"{SOURCE}: Query since/until, Notes (hourly clamp)",
    operations=OPS,
)
def window_bounds(ex: Exchange) -> Skip | None:
    s = served(ex)
    ensure(s.window_since < s.window_until, "window.since must be before window.until")
    if s.until is not None:
        ensure(s.window_until == s.until, f"window.until {s.window_until} != requested {s.until}")
    clamps = s.granularity == "hour"
    if s.since is not None and not (clamps and s.window_until - s.since > HOUR_WINDOW_MAX):
        ensure(s.window_since == s.since, f"window.since {s.window_since} != requested {s.since}")
    if clamps:
        span = s.window_until - s.window_since
        ensure(span <= HOUR_WINDOW_MAX, f"an hourly window spans {span}, more than 90 days")
    return None


@response_check(
    "layers.window.hour_clamp",
    "An hourly window longer than 90 days keeps the last 90 days: window.since = until - 90d",
    "specs/openapi/layers.yaml Granularity x-mock-choice (the vendor only says 'clamped')",
    operations=OPS,
    gap=True,
)
def hour_clamp(ex: Exchange) -> Skip | None:
    s = served(ex)
    if s.granularity != "hour" or s.since is None or s.window_until - s.since <= HOUR_WINDOW_MAX:
        return SKIP
    expected = s.window_until - HOUR_WINDOW_MAX
    ensure(s.window_since == expected, f"clamped window.since {s.window_since} != {expected}")
    return None


def _label_start(label: str, granularity: str) -> datetime:
    pattern = _HOUR if granularity == "hour" else _DAY
    ensure(pattern.fullmatch(label) is not None, f"bucket label {label!r} is not a {granularity}")
    text = label if granularity == "hour" else label + "T00:00:00Z"
    return parse_utc_z(text)


@response_check(
    "layers.series.order",
    "Buckets are labelled in the granularity's format (day YYYY-MM-DD), strictly increasing, "
    "one calendar unit apart at most, and every bucket intersects the window",
    f"{SOURCE}: granularity, example response; Notes (UTC buckets)",
    operations=OPS,
)
def series_order(ex: Exchange) -> Skip | None:
    s = served(ex)
    g = Granularity(s.granularity)
    starts = [_label_start(str(e["bucket"]), s.granularity) for e in s.series]
    for prev, cur in zip(starts, starts[1:], strict=False):
        ensure(cur > prev, f"bucket {cur} follows {prev}: buckets must strictly increase")
    for start in starts:
        unit = split_window(start, start + timedelta(seconds=1), g)[0]
        ensure(
            unit.label_start < s.window_until and unit.label_end > s.window_since,
            f"bucket {start} lies outside the window [{s.window_since}, {s.window_until})",
        )
    return None


@response_check(
    "layers.series.calendar",
    "The series is every calendar bucket of the window, empty ones included: ISO weeks "
    "labelled by their Monday, hours as YYYY-MM-DDTHH:00:00Z, edge buckets keep their label",
    "specs/openapi/layers.yaml SeriesEntry/Granularity x-mock-choice",
    operations=OPS,
    gap=True,
)
def series_calendar(ex: Exchange) -> Skip | None:
    s = served(ex)
    g = Granularity(s.granularity)
    expected = [
        layers_bucket_label(b.label_start, g)
        for b in split_window(s.window_since, s.window_until, g)
    ]
    got = [str(e["bucket"]) for e in s.series]
    if got != expected:
        missing = [b for b in expected if b not in got][:3]
        extra = [b for b in got if b not in expected][:3]
        ensure(
            False,
            f"{len(got)} buckets served, {len(expected)} expected for {s.granularity} over "
            f"[{s.window_since}, {s.window_until}); missing {missing}, unexpected {extra}",
        )
    return None
