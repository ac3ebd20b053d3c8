"""One log line per request when asked (--log-requests); nothing at all by default."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server.http.request_log import line

LOGGER = "mock_server.requests"
LINE = re.compile(r"^(GET|POST|OPTIONS) (/\S*) (\d{3}) \d+\.\dms$")


def test_a_logged_request_names_method_path_status_and_milliseconds(
    make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    client = make_app(log_requests=True).test_client()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/v2/posts/performance?startDate=2026-01-01&endDate=2026-01-31")
        client.post("/graphql", json={"query": "{ __typename }"})
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    parsed = [LINE.match(m) for m in messages]
    assert [(m.group(1), m.group(2), m.group(3)) for m in parsed if m] == [
        ("GET", "/v2/posts/performance", "401"),
        ("POST", "/graphql", "401"),
    ]


def test_requests_are_not_logged_by_default(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        client.get("/_mock/health")
    assert [r for r in caplog.records if r.name == LOGGER] == []


def test_the_line_keeps_only_the_status_code_and_tenths_of_a_millisecond() -> None:
    assert line("GET", "/v1/whoami", "200 OK", 0.00191) == "GET /v1/whoami 200 1.9ms"
