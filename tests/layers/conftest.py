"""Shared fixtures for the Layers tests: apps, a spec-checked GET, catalog ids, URLs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask

SMALL_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "layers_small.yaml"
SMALL_TOKEN = "lp_fixture-small-full"
SMALL_PROJECT = "prj_fixture-small"

Get = Callable[..., Any]


@pytest.fixture(scope="session")
def small_app(make_app: Callable[..., Flask]) -> Flask:
    """The generated tiny world plus fixtures/layers_small.yaml (mode: extend)."""
    return make_app(fixtures=(SMALL_FIXTURE,))


@pytest.fixture(scope="session")
def get(spec_check: Callable[[str, str, Any], None]) -> Get:
    """``get(app, url, token=None)``: GET through the app; the response validates against
    specs/openapi/layers.yaml whatever its status."""

    def call(app: Flask, url: str, token: str | None = None, **headers: str) -> Any:
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = app.test_client().get(url, headers=headers)
        spec_check("layers", url, response)
        return response

    return call


def metrics_url(project: str, scope: str, entity: str, *metrics: str, **params: str) -> str:
    """``/v1/projects/{project}/metrics`` with repeated ``metrics`` keys."""
    query = [("scope", scope), ("id", entity), *(("metrics", m) for m in metrics)]
    query += sorted(params.items())
    return f"/v1/projects/{project}/metrics?{urlencode(query)}"


@pytest.fixture(scope="session")
def org0(catalog: dict[str, Any]) -> dict[str, Any]:
    """The first generated organization of the session app's catalog."""
    org: dict[str, Any] = catalog["layers"]["organizations"][0]
    return org


@pytest.fixture(scope="session")
def org1(catalog: dict[str, Any]) -> dict[str, Any]:
    org: dict[str, Any] = catalog["layers"]["organizations"][1]
    return org


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The Layers envelope with ``code``, the request id in body and header."""
    assert response.status_code == status, response.get_data(as_text=True)
    error: dict[str, Any] = response.get_json()["error"]
    assert error["code"] == code
    assert error["requestId"] == response.headers["X-Request-Id"]
    assert error["requestId"].startswith("req_")
    return error
