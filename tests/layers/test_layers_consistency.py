"""One world, one answer: the scopes of the generated world add up the way a dashboard's do.

project = sum over its layers = sum over its accounts (each reconnected account once);
organization = sum over its projects; series sums = totals; a reconnected account reads the
same through any of its credential rows (seeds/layers-metrics.txt, Notes).
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.layers.conftest import Get, metrics_url

COUNTERS = (
    "views",
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch_time_ms",
)
WINDOW = {"since": "2026-05-01T00:00:00Z", "until": "2026-11-01T00:00:00Z", "granularity": "week"}


def totals(app: Flask, get: Get, org: dict[str, Any], project: str, scope: str, entity: str) -> Any:
    url = metrics_url(project, scope, entity, *COUNTERS, "posts_published", **WINDOW)
    response = get(app, url, org["token"])
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["totals"]


def add(parts: list[dict[str, int]]) -> dict[str, int]:
    return {key: sum(p[key] for p in parts) for key in parts[0]}


@pytest.fixture(scope="module")
def project(org0: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = org0["projects"][0]
    return found


def test_the_window_holds_posts_so_the_sums_below_mean_something(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    assert totals(app, get, org0, project["id"], "project", project["id"])["post_count"] >= 30


def test_a_project_is_the_sum_of_its_layers(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    whole = totals(app, get, org0, project["id"], "project", project["id"])
    layers = [
        totals(app, get, org0, project["id"], "project_layer", la) for la in project["layers"]
    ]
    assert add(layers) == whole


def test_a_project_is_the_sum_of_its_accounts_each_reconnected_one_counted_once(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    whole = totals(app, get, org0, project["id"], "project", project["id"])
    siblings = {sa for group in project["reconnected_social_accounts"] for sa in group[1:]}
    accounts = [sa for sa in project["social_accounts"] if sa not in siblings]
    parts = [totals(app, get, org0, project["id"], "social_account", sa) for sa in accounts]
    assert add(parts) == whole


def test_every_credential_row_of_a_reconnected_account_reads_the_same(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    group = project["reconnected_social_accounts"][0]
    bodies = []
    for sa in group:
        url = metrics_url(project["id"], "social_account", sa, **WINDOW)
        body = get(app, url, org0["token"]).get_json()
        bodies.append((body["series"], body["totals"]))
    assert all(b == bodies[0] for b in bodies)
    assert bodies[0][1]["posts_published"] > 0


def test_an_organization_is_the_sum_of_its_projects(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    first = org0["projects"][0]["id"]
    whole = totals(app, get, org0, first, "organization", org0["id"])
    parts = [totals(app, get, org0, p["id"], "project", p["id"]) for p in org0["projects"]]
    assert add(parts) == whole


@pytest.mark.parametrize("granularity", ["hour", "day", "week"])
def test_series_sums_equal_the_totals(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any], granularity: str
) -> None:
    params = {**WINDOW, "granularity": granularity, "since": "2026-08-15T07:30:00Z"}
    url = metrics_url(
        project["id"], "project", project["id"], *COUNTERS, "posts_published", **params
    )
    body = get(app, url, org0["token"]).get_json()
    for metric in (*COUNTERS, "posts_published"):
        assert sum(entry[metric] for entry in body["series"]) == body["totals"][metric]
    assert body["totals"]["posts_published"] == body["totals"]["post_count"]


def test_follower_deltas_add_up_to_the_change_of_the_level(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    url = metrics_url(
        project["id"], "project", project["id"], "followers", "follower_delta", **WINDOW
    )
    body = get(app, url, org0["token"]).get_json()
    series = body["series"]
    assert sum(e["follower_delta"] for e in series) == body["totals"]["follower_delta"]
    assert series[-1]["followers"] == body["totals"]["followers"]
    assert series[-1]["followers"] - series[0]["followers"] == sum(
        e["follower_delta"] for e in series[1:]
    )


def test_a_post_read_alone_matches_its_share_of_the_project(
    app: Flask, get: Get, org0: dict[str, Any], project: dict[str, Any]
) -> None:
    post = project["platform_posts"][0]
    url = metrics_url(
        project["id"], "platform_post", post, "views", "posts_published", granularity="hour"
    )
    body = get(app, url, org0["token"]).get_json()
    busy = [e for e in body["series"] if e["posts_published"]]
    assert len(busy) == 1 and body["totals"]["post_count"] == 1
    hour = busy[0]["bucket"]
    params = {"since": hour, "until": hour.replace(":00:00Z", ":59:59Z"), "granularity": "hour"}
    whole = get(
        app, metrics_url(project["id"], "project", project["id"], "views", **params), org0["token"]
    )
    assert whole.get_json()["totals"]["views"] >= busy[0]["views"]
