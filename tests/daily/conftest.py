"""Shared helpers for the daily-tool tests: tokens from the catalog, one header set each."""

from __future__ import annotations

from typing import Any

import pytest

WINDOW = "startDate=2026-01-01&endDate=2026-01-31"
LATER_SUMMARY = f"/v2/instances/performance?{WINDOW}&metrics=engagements"
BUFFER_QUERY = {"query": "{ __typename }"}


@pytest.fixture(scope="session")
def tokens(catalog: dict[str, Any]) -> dict[str, str]:
    """One working bearer token per vendor."""
    return {
        "layers": catalog["layers"]["organizations"][0]["token"],
        "later": catalog["later"]["clients"][0]["token"],
        "buffer": catalog["buffer"]["organizations"][0]["token"],
    }


@pytest.fixture(scope="session")
def auth(tokens: dict[str, str]) -> dict[str, dict[str, str]]:
    """``auth[vendor]``: the Authorization header for that vendor's token."""
    return {vendor: {"Authorization": f"Bearer {token}"} for vendor, token in tokens.items()}


@pytest.fixture(scope="session")
def metrics_url(catalog: dict[str, Any]) -> str:
    """A valid Layers metrics request for the first organization's first project."""
    org = catalog["layers"]["organizations"][0]
    project = org["projects"][0]["id"]
    return (
        f"/v1/projects/{project}/metrics?scope=project&id={project}&metrics=views"
        "&since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z"
    )
