"""DOMAIN.md section 5: the clock only sets defaults and freshness; the data at absolute dates
is a function of (seed, fixtures, absolute dates). Moving the clock three weeks must not change
what happened in March 2026.

Each generator draws the posts of UTC day d from generators seeded by (seed, vendor, ..., d);
the clock only decides which days exist and what is already sent or ingested.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask

from mock_server import Config, create_app

EARLY, LATE = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 22, tzinfo=UTC)


def march_counts(app: Flask) -> dict[str, Any]:
    client = app.test_client()
    catalog = client.get("/_mock/catalog").get_json()
    later = catalog["later"]["clients"][0]["token"]
    summary = client.get(
        "/v2/instances/performance?startDate=2026-03-01&endDate=2026-03-31&metrics=postsCount",
        headers={"Authorization": f"Bearer {later}"},
    ).get_json()
    org = catalog["layers"]["organizations"][0]
    project = org["projects"][0]["id"]
    layers = client.get(
        f"/v1/projects/{project}/metrics?scope=project&id={project}&metrics=posts_published"
        "&since=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z",
        headers={"Authorization": f"Bearer {org['token']}"},
    ).get_json()
    buffer = catalog["buffer"]["organizations"][0]
    window = 'startDateTime: "2026-03-01T00:00:00Z", endDateTime: "2026-03-31T23:59:59Z"'
    query = (
        f'{{ aggregatedPostMetrics(input: {{organizationId: "{buffer["id"]}", {window}}}) '
        "{ metrics { type value } } }"
    )
    aggregate = client.post(
        "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {buffer['token']}"}
    ).get_json()
    metrics = aggregate["data"]["aggregatedPostMetrics"]["metrics"]
    return {
        "later postsCount": summary["data"]["metrics"]["postsCount"],
        "layers posts_published": layers["totals"]["posts_published"],
        "buffer postCount": next(m["value"] for m in metrics if m["type"] == "postCount"),
    }


def test_moving_the_clock_does_not_change_what_happened_in_a_past_month() -> None:
    early = march_counts(create_app(Config(seed=42, now=EARLY, scale="tiny")))
    late = march_counts(create_app(Config(seed=42, now=LATE, scale="tiny")))
    assert early == late
