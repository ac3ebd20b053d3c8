"""The ``metrics`` list: defaults per scope, unknown and paid names, duplicates, order.
Spec Metrics (x-valid-metrics, x-default-metrics, x-paid-metrics, x-mock-choice)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.layers.conftest import Get, assert_error, metrics_url

VALID = "views, reach, impressions, likes, comments, shares, saves, watch_time_ms, engagement_rate, followers, follower_delta, posts_published"  # noqa: E501

DEFAULTS = {
    "platform_post": ["views", "likes", "comments", "shares", "saves", "engagement_rate"],
    "social_account": ["followers", "follower_delta", "posts_published", "views"],
    "project_layer": ["views", "engagement_rate", "posts_published"],
    "project": ["views", "engagement_rate", "posts_published"],
    "organization": ["views", "posts_published"],
}


def entity_for(org: dict[str, Any], scope: str) -> str:
    project = org["projects"][0]
    return {
        "platform_post": project["platform_posts"][0],
        "social_account": project["social_accounts"][0],
        "project": project["id"],
        "project_layer": project["layers"][0],
        "organization": org["id"],
    }[scope]


@pytest.mark.parametrize("scope", sorted(DEFAULTS))
def test_omitted_metrics_serve_the_scopes_default_bundle(
    app: Flask, get: Get, org0: dict[str, Any], scope: str
) -> None:
    url = metrics_url(org0["projects"][0]["id"], scope, entity_for(org0, scope))
    body = get(app, url, org0["token"]).get_json()
    assert sorted(body["totals"]) == sorted([*DEFAULTS[scope], "post_count"])
    assert all(sorted(entry) == sorted(["bucket", *DEFAULTS[scope]]) for entry in body["series"])


def ask(app: Flask, get: Get, org: dict[str, Any], *metrics: str) -> Any:
    project = org["projects"][0]["id"]
    return get(app, metrics_url(project, "project", project, *metrics), org["token"])


def test_an_unknown_name_is_422_listing_the_valid_ones(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    error = assert_error(ask(app, get, org0, "views", "clicks"), 422, "VALIDATION")
    assert error["message"] == f"Unknown metric: clicks. Valid metrics: {VALID}."


@pytest.mark.parametrize("name", ["spend", "cpa", "roas", "conversions"])
def test_a_paid_name_points_at_the_ads_metrics_endpoint(
    app: Flask, get: Get, org0: dict[str, Any], name: str
) -> None:
    error = assert_error(ask(app, get, org0, name), 422, "VALIDATION")
    assert error["message"] == (
        f"Unknown metric: {name}. Use /v1/projects/:projectId/ads-metrics for paid metrics."
    )


def test_the_first_unknown_name_in_query_order_is_named(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    error = assert_error(ask(app, get, org0, "zeta", "spend"), 422, "VALIDATION")
    assert error["message"].startswith("Unknown metric: zeta.")


def test_a_repeated_name_is_served_once(app: Flask, get: Get, org0: dict[str, Any]) -> None:
    body = ask(app, get, org0, "views", "views", "likes").get_json()
    assert list(body["totals"]) == ["views", "likes", "post_count"]


def test_metrics_come_back_in_the_specs_order_whatever_the_query_order(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    forward = ask(app, get, org0, "views", "likes").get_data()
    backward = ask(app, get, org0, "likes", "views").get_data()
    assert forward == backward


def test_every_valid_metric_can_be_asked_for_at_once(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    names = VALID.split(", ")
    body = ask(app, get, org0, *names).get_json()
    assert list(body["totals"]) == [*names, "post_count"]
