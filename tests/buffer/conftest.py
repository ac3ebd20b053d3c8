"""Shared fixtures for the Buffer tests: a GraphQL caller that checks the response shape,
catalog organizations, the hand-written fixture world, and a pager over ``posts``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

SMALL_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "buffer_small.yaml"
SMALL_ORG = "fa0000000000000000000001"
SMALL_TOKEN = "buffer_pk_fixture_small"
SMALL_TOKEN_WITHOUT_INSIGHTS = "buffer_oauth_fixture_small"
C1, C2, C3, C4 = (f"fa00000000000000000000c{i}" for i in range(1, 5))
LAUNCH, EVERGREEN = "fa00000000000000000000a1", "fa00000000000000000000a2"
Q1 = {"startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-03-31T23:59:59Z"}

# The codes a Buffer error may carry (SDL Query description, DOMAIN.md section 4).
KNOWN_CODES = {
    "UNAUTHENTICATED", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT",
    "INSUFFICIENT_SCOPE", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST",
    "METHOD_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMIT_EXCEEDED",
}  # fmt: skip


class Result:
    """A GraphQL answer: HTTP status, parsed body, raw bytes."""

    def __init__(self, status: int, body: dict[str, Any], raw: bytes) -> None:
        self.status, self.body, self.raw = status, body, raw

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        errors: list[dict[str, Any]] = self.body.get("errors", [])
        return errors

    @property
    def codes(self) -> list[str]:
        return [e["extensions"]["code"] for e in self.errors]


def check_shape(status: int, body: Any) -> None:
    """What every /graphql answer looks like, whatever went wrong: a JSON object with only
    data/errors, each error with a message and a known code, never a 5xx or UNEXPECTED."""
    assert status < 500, body
    assert isinstance(body, dict) and set(body) <= {"data", "errors"}, body
    assert "data" in body or body.get("errors"), body
    for error in body.get("errors", []):
        assert error["message"] and error["extensions"]["code"] in KNOWN_CODES, error
        assert "exception" not in error["extensions"], "tracebacks only in debug mode"


Gql = Callable[..., Result]


@pytest.fixture(scope="session")
def gql(app: Flask) -> Gql:
    """``gql(query, variables=None, token=..., app=...)``: POST /graphql, shape-checked."""

    def run(query: str, variables: dict[str, Any] | None = None, *, token: str | None,
            app: Flask = app) -> Result:  # fmt: skip
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        payload = {"query": query, "variables": variables}
        response = app.test_client().post("/graphql", json=payload, headers=headers)
        body = response.get_json()
        check_shape(response.status_code, body)
        return Result(response.status_code, body, response.get_data())

    return run


@pytest.fixture(scope="session")
def org(catalog: dict[str, Any]) -> dict[str, Any]:
    """The first generated organization (id, tokens, channels, sample posts)."""
    first: dict[str, Any] = catalog["buffer"]["organizations"][0]
    return first


@pytest.fixture(scope="session")
def other_org(catalog: dict[str, Any]) -> dict[str, Any]:
    second: dict[str, Any] = catalog["buffer"]["organizations"][1]
    return second


@pytest.fixture(scope="session")
def small_app(make_app: Callable[..., Flask]) -> Flask:
    """The generated tiny world plus fixtures/buffer_small.yaml (mode: extend)."""
    return make_app(fixtures=(SMALL_FIXTURE,))


POSTS_PAGE = """
query Page($input: PostsInput!, $first: Int, $after: String) {
  posts(input: $input, first: $first, after: $after) {
    edges { cursor node { id status createdAt dueAt sentAt channelId channelService
                          tags { id } metrics { type value unit } metricsUpdatedAt } }
    pageInfo { startCursor endCursor hasPreviousPage hasNextPage }
  }
}
"""


@pytest.fixture(scope="session")
def all_posts(gql: Gql) -> Callable[..., list[dict[str, Any]]]:
    """``all_posts(input, token=..., app=...)``: every node of a ``posts`` query, page by page."""

    def collect(posts_input: dict[str, Any], *, token: str, **kwargs: Any) -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = []
        after = None
        while True:
            variables = {"input": posts_input, "first": 100, "after": after}
            result = gql(POSTS_PAGE, variables, token=token, **kwargs)
            assert not result.errors, result.errors
            page = result.data["posts"]
            nodes += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return nodes
            after = page["pageInfo"]["endCursor"]

    return collect
