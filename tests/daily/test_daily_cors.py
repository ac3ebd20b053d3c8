"""A web app on another origin can call the mock: CORS headers and preflights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.daily.conftest import LATER_SUMMARY

WEB_APP = "http://localhost:5173"
PREFLIGHT = {
    "Origin": WEB_APP,
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "authorization, prefer",
}
VENDOR_PATHS = ["/v1/whoami", "/v2/posts/performance", "/graphql"]


# --- preflights ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", VENDOR_PATHS)
def test_a_preflight_on_a_vendor_path_is_answered_204_before_auth_and_the_spec_gate(
    client: FlaskClient, path: str
) -> None:
    response = client.options(path, headers=PREFLIGHT)
    assert response.status_code == 204
    assert response.get_data() == b""
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    allowed_headers = response.headers["Access-Control-Allow-Headers"].split(", ")
    assert {"Authorization", "Content-Type", "Prefer"} <= set(allowed_headers)
    assert "GET" in response.headers["Access-Control-Allow-Methods"].split(", ")


def test_the_graphql_preflight_allows_post(client: FlaskClient) -> None:
    headers = {**PREFLIGHT, "Access-Control-Request-Method": "POST"}
    response = client.options("/graphql", headers=headers)
    assert "POST" in response.headers["Access-Control-Allow-Methods"].split(", ")


# --- OPTIONS that is not a preflight: the vendor's own 405 ---------------------------------


def test_a_plain_options_on_layers_is_its_405_envelope_with_allow(client: FlaskClient) -> None:
    response = client.options("/v1/whoami")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert response.headers["Allow"] == "GET, HEAD"


def test_a_plain_options_on_later_is_its_405_problem_with_allow(client: FlaskClient) -> None:
    response = client.options("/v2/posts/performance")
    assert response.status_code == 405
    assert response.get_json(force=True)["type"] == "ANL_00405"
    assert response.headers["Allow"] == "GET, HEAD"


def test_a_plain_options_on_graphql_is_buffers_405_with_allow(client: FlaskClient) -> None:
    response = client.options("/graphql")
    assert response.status_code == 405
    assert response.get_json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert response.headers["Allow"] == "GET, HEAD, POST"


# --- answers ------------------------------------------------------------------------------


def test_an_answer_to_a_browser_names_any_origin_and_exposes_the_request_id(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    response = client.get("/v1/whoami", headers={**auth["layers"], "Origin": WEB_APP})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Request-Id" in response.headers["Access-Control-Expose-Headers"].split(", ")


def test_errors_carry_cors_headers_too_so_the_browser_can_read_them(
    client: FlaskClient,
) -> None:
    response = client.get(LATER_SUMMARY, headers={"Origin": WEB_APP})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_request_without_origin_gets_no_cors_headers(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    response = client.get("/v1/whoami", headers=auth["layers"])
    assert not any(name.startswith("Access-Control-") for name in response.headers.keys())


# --- configured origins -------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_origin(make_app: Callable[..., Flask]) -> FlaskClient:
    return make_app(cors_origins=(WEB_APP,)).test_client()


def test_a_listed_origin_is_echoed_with_vary_origin(
    one_origin: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    response = one_origin.get("/v1/whoami", headers={**auth["layers"], "Origin": WEB_APP})
    assert response.headers["Access-Control-Allow-Origin"] == WEB_APP
    assert "Origin" in response.headers["Vary"]


def test_an_unlisted_origin_gets_no_allow_origin_and_its_preflight_is_a_405(
    one_origin: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    other = "http://evil.example"
    response = one_origin.get("/v1/whoami", headers={**auth["layers"], "Origin": other})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = one_origin.options("/v1/whoami", headers={**PREFLIGHT, "Origin": other})
    assert preflight.status_code == 405


def test_cors_can_be_turned_off(
    make_app: Callable[..., Flask], auth: dict[str, dict[str, str]]
) -> None:
    client = make_app(cors_origins=()).test_client()
    response = client.get("/v1/whoami", headers={**auth["layers"], "Origin": WEB_APP})
    assert "Access-Control-Allow-Origin" not in response.headers
    assert client.options("/v1/whoami", headers=PREFLIGHT).status_code == 405


def test_the_catalog_is_readable_cross_origin(client: FlaskClient) -> None:
    response = client.get("/_mock/catalog", headers={"Origin": WEB_APP})
    headers: Any = response.headers
    assert headers["Access-Control-Allow-Origin"] == "*"
