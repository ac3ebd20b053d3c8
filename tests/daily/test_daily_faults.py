"""Faults and latency on demand with Prism's Prefer header, in each vendor's own shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server.http import faults
from tests.daily.conftest import BUFFER_QUERY, LATER_SUMMARY

SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay the mock asked for, in seconds (nobody waits)."""
    delays: list[float] = []
    monkeypatch.setattr(faults, "sleep", delays.append)
    return delays


# --- Layers: its envelope, for every status the operation documents -----------------------


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (401, "UNAUTHENTICATED"),
        (403, "FORBIDDEN_SCOPE"),
        (404, "NOT_FOUND"),
        (422, "VALIDATION"),
        (429, "RATE_LIMITED"),
        (500, "INTERNAL"),
        (503, "UNAVAILABLE"),
    ],
)
def test_layers_answers_the_requested_status_in_its_envelope(
    client: FlaskClient,
    auth: dict[str, dict[str, str]],
    metrics_url: str,
    spec_check: SpecCheck,
    status: int,
    code: str,
) -> None:
    response = client.get(metrics_url, headers={**auth["layers"], "Prefer": f"code={status}"})
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    spec_check("layers", metrics_url, response)


def test_a_requested_fault_keeps_the_request_id_and_endpoint_class(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    normal = client.get("/v1/whoami", headers=auth["layers"])
    faulted = client.get("/v1/whoami", headers={**auth["layers"], "Prefer": "code=500"})
    assert faulted.headers["X-Request-Id"] == normal.headers["X-Request-Id"]
    assert faulted.get_json()["error"]["requestId"] == normal.headers["X-Request-Id"]
    assert faulted.headers["X-RateLimit-Endpoint-Class"] == "whoami"


def test_a_requested_429_carries_retry_after(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    response = client.get("/v1/whoami", headers={**auth["layers"], "Prefer": "code=429"})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"


def test_a_fault_is_served_before_authentication(client: FlaskClient) -> None:
    response = client.get("/v1/whoami", headers={"Prefer": "code=503"})
    assert response.status_code == 503


def test_a_status_the_operation_does_not_document_is_refused_naming_the_allowed_ones(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    response = client.get("/v1/whoami", headers={**auth["layers"], "Prefer": "code=403"})
    assert response.status_code == 422
    message = response.get_json()["error"]["message"]
    assert "code=403" in message
    assert "200, 401, 429, 500, 503" in message


@pytest.mark.parametrize("value", ["418", "abc", "405", "²", "9" * 5000])
def test_a_status_no_vendor_sends_is_refused(
    client: FlaskClient, auth: dict[str, dict[str, str]], metrics_url: str, value: str
) -> None:
    response = client.get(metrics_url, headers={**auth["layers"], "Prefer": f"code={value}"})
    assert response.status_code == 422
    assert "Prefer: code=" in response.get_json()["error"]["message"]


def test_code_200_is_the_normal_answer_byte_for_byte(
    client: FlaskClient, auth: dict[str, dict[str, str]], metrics_url: str
) -> None:
    normal = client.get(metrics_url, headers=auth["layers"])
    asked = client.get(metrics_url, headers={**auth["layers"], "Prefer": "code=200"})
    assert asked.status_code == 200
    assert asked.get_data() == normal.get_data()


def test_other_preferences_are_ignored(
    client: FlaskClient, auth: dict[str, dict[str, str]], metrics_url: str
) -> None:
    normal = client.get(metrics_url, headers=auth["layers"])
    prefer = "return=minimal, example=whatever, dynamic=true"
    asked = client.get(metrics_url, headers={**auth["layers"], "Prefer": prefer})
    assert asked.get_data() == normal.get_data()


# --- Later: problem+json for every error status ------------------------------------------


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500, 503])
def test_later_answers_the_requested_status_as_a_problem(
    client: FlaskClient, auth: dict[str, dict[str, str]], spec_check: SpecCheck, status: int
) -> None:
    response = client.get(LATER_SUMMARY, headers={**auth["later"], "Prefer": f"code={status}"})
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert (body["type"], body["status"]) == (f"ANL_{status:05d}", status)
    assert response.headers["X-Ratelimit-Limit"] == "120"
    spec_check("later", LATER_SUMMARY, response)


# --- Buffer: GraphQL errors with the HTTP status asked for --------------------------------


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "BAD_REQUEST"),
        (401, "UNAUTHENTICATED"),
        (404, "NOT_FOUND"),
        (429, "RATE_LIMIT_EXCEEDED"),
        (500, "UNEXPECTED"),
        (503, "UNEXPECTED"),
    ],
)
def test_buffer_answers_the_requested_status_with_graphql_errors(
    client: FlaskClient, auth: dict[str, dict[str, str]], status: int, code: str
) -> None:
    headers = {**auth["buffer"], "Prefer": f"code={status}"}
    response = client.post("/graphql", json=BUFFER_QUERY, headers=headers)
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"errors"}
    assert body["errors"][0]["extensions"]["code"] == code


def test_buffer_refuses_403_since_it_sends_forbidden_inside_a_200(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    headers = {**auth["buffer"], "Prefer": "code=403"}
    response = client.post("/graphql", json=BUFFER_QUERY, headers=headers)
    assert response.status_code == 400
    assert "code=403" in response.get_json()["errors"][0]["message"]


# --- latency ------------------------------------------------------------------------------


def test_prefer_latency_delays_the_answer_without_changing_it(
    client: FlaskClient, auth: dict[str, dict[str, str]], slept: list[float]
) -> None:
    normal = client.get("/v1/whoami", headers=auth["layers"])
    delayed = client.get("/v1/whoami", headers={**auth["layers"], "Prefer": "latency=250"})
    assert slept == [0.25]
    assert delayed.get_data() == normal.get_data()


@pytest.mark.parametrize("value", ["10001", "3600000", "9" * 5000])
def test_latency_is_capped_at_ten_seconds(
    client: FlaskClient, auth: dict[str, dict[str, str]], slept: list[float], value: str
) -> None:
    response = client.get("/v1/whoami", headers={**auth["layers"], "Prefer": f"latency={value}"})
    assert (response.status_code, slept) == (200, [10.0])


def test_latency_and_code_combine_in_one_header(
    client: FlaskClient, auth: dict[str, dict[str, str]], slept: list[float]
) -> None:
    response = client.get(
        LATER_SUMMARY, headers={**auth["later"], "Prefer": "latency=40, code=503"}
    )
    assert (response.status_code, slept) == (503, [0.04])


def test_a_malformed_latency_is_the_vendors_validation_error(
    client: FlaskClient, auth: dict[str, dict[str, str]], slept: list[float]
) -> None:
    response = client.get(LATER_SUMMARY, headers={**auth["later"], "Prefer": "latency=-5"})
    assert response.status_code == 400
    assert "latency=-5" in response.get_json(force=True)["detail"]
    assert slept == []


@pytest.fixture(scope="module")
def slow_app(make_app: Callable[..., Flask]) -> Flask:
    return make_app(latency_ms=120)


def test_the_latency_option_delays_every_vendor_answer_and_prefer_overrides_it(
    slow_app: Flask, auth: dict[str, dict[str, str]], slept: list[float]
) -> None:
    client = slow_app.test_client()
    client.get("/v1/whoami", headers=auth["layers"])
    client.post("/graphql", json=BUFFER_QUERY, headers=auth["buffer"])
    client.get("/v1/whoami", headers={**auth["layers"], "Prefer": "latency=0"})
    assert slept == [0.12, 0.12]


def test_the_latency_option_leaves_the_mocks_own_pages_alone(
    slow_app: Flask, slept: list[float]
) -> None:
    client = slow_app.test_client()
    for path in ["/_mock/health", "/_mock/catalog", "/openapi/layers.yaml", "/docs"]:
        assert client.get(path).status_code == 200
    assert slept == []


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["code=429"], {"code": "429"}),
        (["code=429, latency=100"], {"code": "429", "latency": "100"}),
        (['code="500"; foo=bar'], {"code": "500"}),
        (["Code=404", "code=500"], {"code": "404"}),
        (["respond-async"], {"respond-async": ""}),
    ],
)
def test_preferences_are_read_as_rfc_7240_says(values: list[str], expected: dict[str, str]) -> None:
    assert faults.preferences(values) == expected
