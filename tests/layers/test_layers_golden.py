"""Golden responses for seed 42, clock 2026-11-01T00:00:00Z, scale tiny.

A change in any served byte shows up as a diff of tests/layers/golden/*.json. To accept a
reviewed change: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/layers/test_layers_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.layers.conftest import Get, metrics_url

GOLDEN = Path(__file__).parent / "golden"


def requests(catalog: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """name -> (url, token): every scope, every granularity, and a few errors."""
    org = catalog["layers"]["organizations"][0]
    project = org["projects"][0]
    p = project["id"]
    token = org["token"]
    window = {"since": "2026-09-01T00:00:00Z", "until": "2026-10-01T00:00:00Z"}
    return {
        "whoami": ("/v1/whoami", token),
        "project_default": (metrics_url(p, "project", p), token),
        "project_week_all_metrics": (
            metrics_url(
                p,
                "project",
                p,
                "views",
                "reach",
                "impressions",
                "likes",
                "comments",
                "shares",
                "saves",
                "watch_time_ms",
                "engagement_rate",
                "followers",
                "follower_delta",
                "posts_published",
                granularity="week",
                **window,
            ),
            token,
        ),
        "project_layer_day": (
            metrics_url(p, "project_layer", project["layers"][0], **window),
            token,
        ),
        "social_account_week": (
            metrics_url(
                p,
                "social_account",
                project["reconnected_social_accounts"][0][0],
                granularity="week",
            ),
            token,
        ),
        "platform_post_hour": (
            metrics_url(
                p,
                "platform_post",
                project["platform_posts"][0],
                granularity="hour",
                since="2026-10-25T00:00:00Z",
                until="2026-11-01T00:00:00Z",
            ),
            token,
        ),
        "organization_week": (metrics_url(p, "organization", org["id"], granularity="week"), token),
        "error_paid_metric": (metrics_url(p, "project", p, "spend"), token),
        "error_forbidden_scope": (metrics_url(p, "project", p), org["token_without_metrics_scope"]),
        "error_other_org_project": (
            metrics_url(catalog["layers"]["organizations"][1]["projects"][0]["id"], "project", p),
            token,
        ),
    }


def served(app: Flask, get: Get, url: str, token: str) -> dict[str, Any]:
    response = get(app, url, token)
    return {
        "request": url,
        "status": response.status_code,
        "headers": {
            "X-Request-Id": response.headers["X-Request-Id"],
            "X-RateLimit-Endpoint-Class": response.headers["X-RateLimit-Endpoint-Class"],
        },
        "body": response.get_json(),
    }


NAMES = [
    "whoami",
    "project_default",
    "project_week_all_metrics",
    "project_layer_day",
    "social_account_week",
    "platform_post_hour",
    "organization_week",
    "error_paid_metric",
    "error_forbidden_scope",
    "error_other_org_project",
]


@pytest.mark.parametrize("name", NAMES)
def test_response_matches_its_golden_file(
    app: Flask, get: Get, catalog: dict[str, Any], name: str
) -> None:
    url, token = requests(catalog)[name]
    actual = served(app, get, url, token)
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"{name} changed; review and run with UPDATE_GOLDEN=1 to accept"


def test_every_golden_request_is_listed(catalog: dict[str, Any]) -> None:
    assert sorted(requests(catalog)) == sorted(NAMES)
