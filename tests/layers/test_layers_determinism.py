"""Same (seed, fixtures, scale, clock), same bytes: two apps built separately answer every
request identically, headers included."""

from __future__ import annotations

from typing import Any

from flask import Flask

from mock_server import create_app
from tests.layers.conftest import SMALL_FIXTURE, Get, metrics_url


def urls(catalog: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for org in catalog["layers"]["organizations"]:
        out.append(("/v1/whoami", org["token"]))
        for project in org["projects"]:
            p = project["id"]
            out += [
                (
                    metrics_url(p, "project", p, granularity="week", since="2026-06-01T00:00:00Z"),
                    org["token"],
                ),
                (metrics_url(p, "social_account", project["social_accounts"][-1]), org["token"]),
                (
                    metrics_url(
                        p, "platform_post", project["platform_posts"][-1], granularity="hour"
                    ),
                    org["token"],
                ),
                (
                    metrics_url(p, "project_layer", project["layers"][-1], "watch_time_ms"),
                    org["token"],
                ),
                (metrics_url(p, "organization", org["id"], "followers"), org["token"]),
                (metrics_url(p, "project", p, "bogus"), org["token"]),
            ]
    return out


def test_two_separately_built_apps_serve_byte_identical_responses(
    config: Any, catalog: dict[str, Any], get: Get
) -> None:
    config = config.replace(fixtures=(SMALL_FIXTURE,))
    first: Flask = create_app(config)
    second: Flask = create_app(config)
    first_catalog = first.test_client().get("/_mock/catalog").get_json()
    assert first_catalog == second.test_client().get("/_mock/catalog").get_json()
    for url, token in urls(first_catalog):
        a, b = get(first, url, token), get(second, url, token)
        assert a.status_code == b.status_code
        assert a.get_data() == b.get_data(), url
        assert a.headers["X-Request-Id"] == b.headers["X-Request-Id"]
