"""Shared fixtures: apps built from frozen configs (fixed seed and clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server import Config, create_app

FROZEN_NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def config() -> Config:
    return Config(seed=42, now=FROZEN_NOW, scale="tiny")


@pytest.fixture(scope="session")
def app(config: Config) -> Flask:
    return create_app(config)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def catalog(app: Flask) -> dict[str, Any]:
    data: dict[str, Any] = app.test_client().get("/_mock/catalog").get_json()
    return data


@pytest.fixture(scope="session")
def make_app() -> Callable[..., Flask]:
    """Factory for apps with other configs (cached per config: building a world costs)."""
    cache: dict[Config, Flask] = {}

    def build(**changes: Any) -> Flask:
        cfg = Config(seed=42, now=FROZEN_NOW, scale="tiny").replace(**changes)
        if cfg not in cache:
            cache[cfg] = create_app(cfg)
        return cache[cfg]

    return build


@pytest.fixture(scope="session")
def spec_check() -> Callable[[str, str, Any], None]:
    """``spec_check(vendor, url, response)``: the served response validates against specs/.

    ``url`` is the path with its query string as sent; ``response`` a Flask test response.
    Validation is openapi-core's, against the same spec files the mock serves.
    """
    from urllib.parse import parse_qsl, urlsplit

    from openapi_core.testing import MockRequest, MockResponse
    from werkzeug.datastructures import ImmutableMultiDict

    from mock_server.http.openapi_gate import load_openapi
    from mock_server.specs import OPENAPI_SPECS

    specs = {vendor: load_openapi(path)[0] for vendor, path in OPENAPI_SPECS.items()}

    def check(vendor: str, url: str, response: Any) -> None:
        parts = urlsplit(url)
        args = ImmutableMultiDict(parse_qsl(parts.query, keep_blank_values=True))
        request = MockRequest("http://localhost", "get", parts.path, args=args)  # type: ignore[arg-type]
        mock = MockResponse(
            response.get_data(),
            status_code=response.status_code,
            headers=dict(response.headers),
            content_type=response.mimetype,
        )
        specs[vendor].validate_response(request, mock)

    return check
