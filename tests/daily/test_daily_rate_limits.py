"""Vendor rate limits, off by default and on with --rate-limits, in each vendor's own 429."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server.http.rate_limit import RATELIMIT, RateLimiter, RatePolicy
from tests.daily.conftest import BUFFER_QUERY, LATER_SUMMARY

SpecCheck = Callable[[str, str, Any], None]


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def limited_app(make_app: Callable[..., Flask]) -> Flask:
    return make_app(rate_limits=True)


@pytest.fixture
def clock(limited_app: Flask) -> Iterator[Clock]:
    """A fresh limiter state on a hand-moved clock, for each test."""
    limiter: RateLimiter = limited_app.extensions["metrics_mock_rate_limiter"]
    limiter.reset()
    fake = Clock()
    limiter.clock = fake
    yield fake
    limiter.reset()


@pytest.fixture
def limited(limited_app: Flask, clock: Clock) -> FlaskClient:
    return limited_app.test_client()


def layers_auth(catalog: dict[str, Any], tier: str) -> dict[str, str]:
    org = next(o for o in catalog["layers"]["organizations"] if o["rate_limit_tier"] == tier)
    return {"Authorization": f"Bearer {org['token']}"}


# --- off by default -----------------------------------------------------------------------


def test_rate_limits_are_off_by_default(
    client: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    statuses = {client.get("/v1/whoami", headers=auth["layers"]).status_code for _ in range(130)}
    assert statuses == {200}
    response = client.get("/v1/whoami", headers=auth["layers"])
    assert "X-RateLimit-Limit" not in response.headers


def test_an_app_without_rate_limits_keeps_no_limiter(app: Flask) -> None:
    assert "metrics_mock_rate_limiter" not in app.extensions


# --- Layers: reads per minute of the organization's tier ----------------------------------


def test_a_standard_organization_gets_120_reads_then_a_429_envelope(
    limited: FlaskClient, catalog: dict[str, Any], spec_check: SpecCheck
) -> None:
    headers = layers_auth(catalog, "standard")
    statuses = [limited.get("/v1/whoami", headers=headers).status_code for _ in range(120)]
    assert statuses == [200] * 120
    response = limited.get("/v1/whoami", headers=headers)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "RATE_LIMITED"
    assert response.headers["Retry-After"] == "60"
    assert response.headers["X-RateLimit-Limit"] == "120"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    spec_check("layers", "/v1/whoami", response)


@pytest.mark.parametrize(("tier", "limit"), [("standard", 120), ("pilot", 1200), ("partner", 6000)])
def test_the_limit_follows_the_tokens_organization_tier(
    limited: FlaskClient, catalog: dict[str, Any], tier: str, limit: int
) -> None:
    response = limited.get("/v1/whoami", headers=layers_auth(catalog, tier))
    assert response.status_code == 200
    assert response.get_json()["rateLimitTier"] == tier
    assert response.headers["X-RateLimit-Limit"] == str(limit)
    assert response.headers["X-RateLimit-Remaining"] == str(limit - 1)
    assert response.headers["X-RateLimit-Reset"] == "60"


def test_each_endpoint_class_counts_on_its_own(
    limited: FlaskClient, catalog: dict[str, Any], metrics_url: str
) -> None:
    headers = layers_auth(catalog, "standard")
    for _ in range(3):
        limited.get("/v1/whoami", headers=headers)
    response = limited.get(metrics_url, headers=headers)
    assert response.headers["X-RateLimit-Remaining"] == "119"


def test_the_window_reopens_after_a_minute_on_the_monotonic_clock(
    limited: FlaskClient, catalog: dict[str, Any], clock: Clock
) -> None:
    headers = layers_auth(catalog, "standard")
    for _ in range(120):
        limited.get("/v1/whoami", headers=headers)
    clock.now += 45
    refused = limited.get("/v1/whoami", headers=headers)
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "15")
    clock.now += 15
    assert limited.get("/v1/whoami", headers=headers).status_code == 200


def test_requests_without_a_known_token_are_not_counted(limited: FlaskClient) -> None:
    statuses = {limited.get("/v1/whoami").status_code for _ in range(130)}
    assert statuses == {401}


# --- Later: 120 per minute per caller -----------------------------------------------------


def test_later_allows_120_a_minute_then_answers_an_anl_00429_problem(
    limited: FlaskClient, auth: dict[str, dict[str, str]], spec_check: SpecCheck
) -> None:
    for _ in range(120):
        assert limited.get(LATER_SUMMARY, headers=auth["later"]).status_code == 200
    response = limited.get(LATER_SUMMARY, headers=auth["later"])
    assert response.status_code == 429
    assert response.get_json(force=True)["type"] == "ANL_00429"
    assert response.headers["X-Ratelimit-Limit"] == "120"
    assert response.headers["X-Ratelimit-Window"] == "60s"
    assert response.headers["X-Ratelimit-Remaining"] == "0"
    assert response.headers["Retry-After"] == "60"
    spec_check("later", LATER_SUMMARY, response)


# --- Buffer: 100 per 15 minutes -----------------------------------------------------------


def test_buffer_allows_100_in_15_minutes_then_answers_http_429_rate_limit_exceeded(
    limited: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    for _ in range(100):
        response = limited.post("/graphql", json=BUFFER_QUERY, headers=auth["buffer"])
        assert response.status_code == 200
    response = limited.post("/graphql", json=BUFFER_QUERY, headers=auth["buffer"])
    assert response.status_code == 429
    assert response.get_json()["errors"][0]["extensions"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert response.headers["Retry-After"] == "900"
    assert response.headers["RateLimit-Limit"] == "100"
    assert response.headers["RateLimit-Remaining"] == "0"


def test_the_graphiql_page_is_not_counted(
    limited: FlaskClient, auth: dict[str, dict[str, str]]
) -> None:
    limited.get("/graphql", headers=auth["buffer"])
    response = limited.post("/graphql", json=BUFFER_QUERY, headers=auth["buffer"])
    assert response.headers["RateLimit-Remaining"] == "99"


# --- the limiter on its own ---------------------------------------------------------------


def test_buckets_are_independent_and_windows_are_fixed() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    one, two = RatePolicy("a", 2, 10, RATELIMIT), RatePolicy("b", 2, 10, RATELIMIT)
    assert [limiter.hit(one).allowed for _ in range(3)] == [True, True, False]
    assert limiter.hit(two).remaining == 1
    clock.now += 9.5
    assert (limiter.hit(one).allowed, limiter.hit(one).reset_s) == (False, 1)
    clock.now += 0.5
    assert limiter.hit(one).remaining == 1
