"""The app skeleton: mounting, spec serving, and every vendor's error shape for bad requests."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def layers_token(catalog: dict[str, Any]) -> str:
    return str(catalog["layers"]["organizations"][0]["token"])


def later_token(catalog: dict[str, Any]) -> str:
    return str(catalog["later"]["clients"][0]["token"])


def assert_layers_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["requestId"].startswith("req_")
    assert body["error"]["message"]
    assert response.headers["X-Request-Id"] == body["error"]["requestId"]
    assert response.headers["X-RateLimit-Endpoint-Class"]


def assert_later_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert body["type"] == f"ANL_{status:05d}"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


def test_create_app_mounts_all_three_vendors(app: Any) -> None:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert "/v1/projects/<project_id>/metrics" in rules
    assert "/v2/posts/performance" in rules
    assert "/graphql" in rules


@pytest.mark.parametrize(
    ("url", "marker"),
    [
        ("/openapi/layers.yaml", "/v1/projects/{projectId}/metrics"),
        ("/openapi/later.yaml", "/v2/posts/performance"),
        ("/graphql/schema.graphql", "aggregatedPostMetrics"),
    ],
)
def test_the_mock_serves_each_spec_at_a_stable_url(
    client: FlaskClient, url: str, marker: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert marker in response.get_data(as_text=True)


def test_catalog_names_seed_clock_and_two_tenants_per_vendor(catalog: dict[str, Any]) -> None:
    assert catalog["seed"] == 42
    assert catalog["now"] == "2026-11-01T00:00:00Z"
    assert len(catalog["layers"]["organizations"]) >= 2
    assert len(catalog["later"]["clients"]) >= 2
    assert len(catalog["buffer"]["organizations"]) >= 2


# --- Layers: every failure in {"error": {code, message, requestId}} ---------------------


def test_layers_request_without_token_is_unauthenticated(client: FlaskClient) -> None:
    response = client.get("/v1/projects/prj_abc/metrics?scope=project&id=prj_abc")
    assert_layers_error(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "query",
    [
        "scope=galaxy&id=prj_abc",  # unknown enum
        "id=prj_abc",  # missing required scope
        "scope=project&id=prj_abc&since=2026-01-01",  # not a UTC Z timestamp
        "scope=project&id=prj_abc&granularity=month",  # not hour|day|week
        "scope=project&id=prj_abc&granularity=day&granularity=hour",  # repeated scalar
    ],
)
def test_layers_invalid_query_is_a_422_validation(
    client: FlaskClient, catalog: dict[str, Any], query: str
) -> None:
    headers = {"Authorization": f"Bearer {layers_token(catalog)}"}
    response = client.get(f"/v1/projects/prj_abc/metrics?{query}", headers=headers)
    assert_layers_error(response, 422, "VALIDATION")


def test_layers_unknown_path_is_a_404_in_the_layers_envelope(client: FlaskClient) -> None:
    assert_layers_error(client.get("/v1/nothing-here"), 404, "NOT_FOUND")


def test_layers_wrong_method_is_a_405_that_keeps_allow(client: FlaskClient) -> None:
    response = client.post("/v1/whoami")
    assert_layers_error(response, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in response.headers["Allow"]


# --- Later: every failure in application/problem+json with an ANL_* type ----------------


def test_later_request_without_token_is_a_401_problem(client: FlaskClient) -> None:
    response = client.get("/v2/posts/performance?startDate=2026-01-01&endDate=2026-01-31")
    assert_later_problem(response, 401)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("endDate=2026-01-31", "startDate"),
        ("startDate=2026-13-01&endDate=2026-01-31", "startDate"),
        ("startDate=2026-01-01&endDate=2026-01-31&pageSize=500", "pageSize"),
        ("startDate=2026-01-01&endDate=2026-01-31&pageNumber=0", "pageNumber"),
        ("startDate=2026-01-01&endDate=2026-01-31&sortDirection=UP", "sortDirection"),
        ("startDate=2026-01-01&endDate=2026-01-31&platform[]=myspace", "platform"),
        ("startDate=2026-01-01&endDate=2026-01-31&contentType=tiktok,nope", "contentType"),
        ("startDate=2026-01-01&endDate=2026-01-31&pageSize=1&pageSize=2", "pageSize"),
    ],
)
def test_later_invalid_query_is_a_400_problem_naming_the_parameter(
    client: FlaskClient, catalog: dict[str, Any], query: str, named: str
) -> None:
    headers = {"Authorization": f"Bearer {later_token(catalog)}"}
    response = client.get(f"/v2/posts/performance?{query}", headers=headers)
    body = assert_later_problem(response, 400)
    assert named in body["detail"]


def test_later_campaign_ids_over_fifty_are_refused(
    client: FlaskClient, catalog: dict[str, Any]
) -> None:
    ids = ",".join(str(i) for i in range(1, 52))
    headers = {"Authorization": f"Bearer {later_token(catalog)}"}
    url = f"/v2/posts/performance?startDate=2026-01-01&endDate=2026-01-31&campaignIds={ids}"
    body = assert_later_problem(client.get(url, headers=headers), 400)
    assert "campaignIds" in body["detail"]


def test_later_unknown_path_and_wrong_method_are_problems(client: FlaskClient) -> None:
    assert_later_problem(client.get("/v2/nothing"), 404)
    response = client.delete("/v2/posts/performance")
    assert_later_problem(response, 405)
    assert "GET" in response.headers["Allow"]
