"""The WSGI fast path answers exactly what Flask answers, byte for byte (http/fast_path.py).

Every request is sent twice: to the app as served (fast path in front) and to the Flask app
behind it (``app.wsgi_app.inner``). Status line, header list (names, values and order) and
body must be equal. Valid dashboard reads must be answered by the fast path itself; anything
else (errors, Prefer, named CORS origins, other methods) must be left to Flask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.test import EnvironBuilder

from bench.queries import later_over_time, later_posts, layers_project_series
from mock_server.http.fast_path import FastPath

Answer = tuple[str, list[tuple[str, str]], bytes]


def _call(wsgi: Callable[..., Iterable[bytes]], environ: dict[str, Any]) -> Answer:
    seen: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc: Any = None) -> None:
        seen.append((status, list(headers)))

    body = b"".join(wsgi(dict(environ), start_response))
    return seen[0][0], seen[0][1], body


class Counting:
    """The Flask app behind the fast path, counting the requests it is handed."""

    def __init__(self, inner: Callable[..., Iterable[bytes]]) -> None:
        self.inner, self.calls = inner, 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        return self.inner(environ, start_response)


def _environ(url: str, headers: dict[str, str], method: str = "GET") -> dict[str, Any]:
    path, _, query = url.partition("?")
    environ: dict[str, Any] = EnvironBuilder(
        path=path, query_string=query, method=method, headers=headers
    ).get_environ()
    return environ


def _both(app: Flask, environ: dict[str, Any]) -> tuple[Answer, Answer, bool]:
    """(fast-path answer, Flask answer, whether the fast path answered by itself)."""
    fast = app.wsgi_app
    assert isinstance(fast, FastPath)
    counting = Counting(fast.inner)
    fast.inner = counting
    try:
        via_fast = _call(app.wsgi_app, environ)
    finally:
        fast.inner = counting.inner
    via_flask = _call(fast.inner, environ)
    return via_fast, via_flask, counting.calls == 0


def _dashboard_requests(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for build in (later_over_time, later_posts, layers_project_series):
        lines, headers = build(catalog, 1200)
        out += [_environ(line.split(" ", 2)[1], headers) for line in lines[::40]]
    return out


def test_dashboard_reads_are_answered_by_the_fast_path_with_flasks_bytes(
    app: Flask, catalog: dict[str, Any]
) -> None:
    environs = _dashboard_requests(catalog)
    assert len(environs) == 90
    for environ in environs:
        via_fast, via_flask, answered_alone = _both(app, environ)
        assert via_fast == via_flask, environ["PATH_INFO"] + "?" + environ["QUERY_STRING"]
        assert via_fast[0] == "200 OK"
        assert answered_alone


def test_browser_requests_carry_the_same_cors_headers(app: Flask, catalog: dict[str, Any]) -> None:
    environ = _dashboard_requests(catalog)[0]
    environ["HTTP_ORIGIN"] = "http://localhost:5173"
    via_fast, via_flask, answered_alone = _both(app, environ)
    assert via_fast == via_flask
    assert ("Access-Control-Allow-Origin", "*") in via_fast[1]
    assert answered_alone


def _later_token(catalog: dict[str, Any]) -> str:
    return str(catalog["later"]["clients"][0]["token"])


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [
        ("/v2/instances/performance?startDate=2026-01-01&endDate=2026-01-31", {}, "401"),
        ("/v2/instances/performance?startDate=2026-01-01&endDate=2026-01-31", None, "400"),
        ("/v2/posts/performance?startDate=2026-02-01&endDate=2026-01-01", None, "400"),
        ("/v2/posts/performance?startDate=2026-01-01&endDate=2026-01-31&pageSize=999", None, "400"),
        ("/v2/instances/performance-over-time?startDate=x&endDate=2026-01-31", None, "400"),
        ("/v1/projects/prj_nope/metrics?scope=project&id=prj_nope", "layers", "401"),
        ("/v2/nothing-here", None, "404"),
        ("/v2/instances/performance/?startDate=2026-01-01&endDate=2026-01-31", None, "404"),
    ],
)
def test_errors_are_left_to_flask(
    app: Flask, catalog: dict[str, Any], url: str, headers: dict[str, str] | None, status: str
) -> None:
    if headers is None:
        headers = {"Authorization": f"Bearer {_later_token(catalog)}"}
    elif headers == "layers":
        headers = {"Authorization": "Bearer lp_not_a_token"}
    via_fast, via_flask, answered_alone = _both(app, _environ(url, headers))
    assert via_fast == via_flask
    assert via_fast[0].startswith(status)
    assert not answered_alone


def test_layers_unknown_project_is_left_to_flask(app: Flask, catalog: dict[str, Any]) -> None:
    org = catalog["layers"]["organizations"][0]
    url = "/v1/projects/prj_nope/metrics?scope=project&id=prj_nope"
    environ = _environ(url, {"Authorization": f"Bearer {org['token']}"})
    via_fast, via_flask, answered_alone = _both(app, environ)
    assert via_fast == via_flask
    assert via_fast[0].startswith("404")
    assert not answered_alone


def test_a_routed_path_is_remembered_and_an_unrouted_one_is_not(app: Flask) -> None:
    fast = app.wsgi_app
    assert isinstance(fast, FastPath)
    assert fast._endpoint(_environ("/v1/projects/prj_a/metrics", {})) == "layers.getProjectMetrics"
    assert fast.matched["/v1/projects/prj_a/metrics"] == "layers.getProjectMetrics"
    with pytest.raises(HTTPException):
        fast._endpoint(_environ("/v1/projects/prj_a/nothing-here", {}))
    assert "/v1/projects/prj_a/nothing-here" not in fast.matched


@pytest.mark.parametrize(
    ("extra", "method"),
    [
        ({"HTTP_PREFER": "code=429"}, "GET"),
        ({"HTTP_PREFER": "latency=0"}, "GET"),
        ({}, "HEAD"),
        ({}, "POST"),
    ],
)
def test_what_changes_how_answers_travel_is_left_to_flask(
    app: Flask, catalog: dict[str, Any], extra: dict[str, str], method: str
) -> None:
    environ = _dashboard_requests(catalog)[0]
    environ.update(extra, REQUEST_METHOD=method)
    via_fast, via_flask, answered_alone = _both(app, environ)
    assert via_fast == via_flask
    assert not answered_alone


def test_named_cors_origins_are_left_to_flask(
    make_app: Callable[..., Flask], catalog: dict[str, Any]
) -> None:
    app = make_app(cors_origins=("http://localhost:5173",))
    environ = _dashboard_requests(catalog)[0]
    environ["HTTP_ORIGIN"] = "http://localhost:5173"
    via_fast, via_flask, answered_alone = _both(app, environ)
    assert via_fast == via_flask
    assert ("Vary", "Origin") in via_fast[1]
    assert not answered_alone


@pytest.mark.parametrize("changes", [{"rate_limits": True}, {"latency_ms": 5}])
def test_no_fast_path_when_every_answer_depends_on_more_than_its_request(
    make_app: Callable[..., Flask], changes: dict[str, Any]
) -> None:
    assert not isinstance(make_app(**changes).wsgi_app, FastPath)
