"""Bearer tokens, scopes and whoami (spec securitySchemes.bearerAuth, WhoAmI)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.layers.conftest import Get, assert_error, metrics_url


def project_url(org: dict[str, Any]) -> str:
    project = org["projects"][0]["id"]
    return metrics_url(project, "project", project)


def test_whoami_names_the_tokens_organization_scopes_and_tier(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    response = get(app, "/v1/whoami", org0["token"])
    assert response.status_code == 200
    assert response.get_json() == {
        "organizationId": org0["id"],
        "organizationName": org0["name"],
        "scopes": ["metrics:read", "projects:read"],
        "rateLimitTier": org0["rate_limit_tier"],
    }
    assert response.headers["X-RateLimit-Endpoint-Class"] == "whoami"
    assert response.headers["X-Request-Id"].startswith("req_")


def test_whoami_works_without_metrics_scope_and_lists_the_scopes_it_has(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    response = get(app, "/v1/whoami", org0["token_without_metrics_scope"])
    assert response.status_code == 200
    assert response.get_json()["scopes"] == ["projects:read"]


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no Authorization header at all
        {"Authorization": "Bearer lp_not-a-real-token"},  # unknown token
        {"Authorization": "Basic dXNlcjpwYXNz"},  # wrong scheme
        {"Authorization": "Bearer "},  # empty token
    ],
)
def test_missing_or_unknown_token_is_401_on_both_endpoints(
    app: Flask, get: Get, org0: dict[str, Any], headers: dict[str, str]
) -> None:
    for url in ("/v1/whoami", project_url(org0)):
        response = get(app, url, **headers)
        assert_error(response, 401, "UNAUTHENTICATED")


def test_token_without_metrics_read_is_403_forbidden_scope_naming_the_scope(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    response = get(app, project_url(org0), org0["token_without_metrics_scope"])
    error = assert_error(response, 403, "FORBIDDEN_SCOPE")
    assert "metrics:read" in error["message"]
    assert error["details"] == {"requiredScopes": ["metrics:read"]}
    assert response.headers["X-RateLimit-Endpoint-Class"] == "metrics"


def test_a_bad_token_is_reported_before_a_bad_query(app: Flask, get: Get) -> None:
    response = get(app, "/v1/projects/prj_x/metrics?scope=galaxy", "lp_unknown")
    assert_error(response, 401, "UNAUTHENTICATED")


def test_each_token_is_bound_to_its_own_organization(
    app: Flask, get: Get, catalog: dict[str, Any]
) -> None:
    ids = [
        get(app, "/v1/whoami", org["token"]).get_json()["organizationId"]
        for org in catalog["layers"]["organizations"]
    ]
    assert ids == [org["id"] for org in catalog["layers"]["organizations"]]
    assert len(set(ids)) == len(ids) >= 2
