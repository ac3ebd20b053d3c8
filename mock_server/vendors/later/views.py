"""Later views: thin; parameters arrive validated by the spec gate (``g.gate`` in Flask).

Each view authenticates, turns the query into a scope (vendors/later/params.py), asks the
query layer, and maps the answer to Later's JSON (vendors/later/mapping.py). Each body is
written by a plain function of (request, validated parameters), so Flask's route and the
WSGI fast path (http/fast_path.py) serve the same bytes from the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, Response, g, request
from werkzeug.wrappers import Request

from mock_server.domain.pagination import PageInfo
from mock_server.http.mount import HotAnswer
from mock_server.http.openapi_gate import GateResult, OpenApiGate
from mock_server.query.later_filters import LaterFilter, select
from mock_server.query.later_posts import posts_page
from mock_server.query.later_series import series_page
from mock_server.query.later_summary import first_unsupported, summary, valid_metrics
from mock_server.state import MockState
from mock_server.vendors.json_rows import dumps
from mock_server.vendors.later import mapping, params, post_rows
from mock_server.vendors.later.contract import LaterContract
from mock_server.world.later import Client

POSTS = "getPostsPerformance"
OVER_TIME = "getInstancesPerformanceOverTime"
SUMMARY = "getInstancesPerformance"

Body = Callable[[Request, GateResult], str | bytes]


def _text(text: str | bytes) -> Response:
    """A 200 with a JSON body already written (compact; bytes are UTF-8)."""
    return Response(text, status=200, mimetype="application/json")


def register(
    blueprint: Blueprint, state: MockState, contract: LaterContract, gate: OpenApiGate
) -> Mapping[str, HotAnswer]:
    """Routes named after the spec's operationIds; returns the fast path's answers."""
    world = state.world.later
    assert world is not None, "the Later views need the Later world"
    renderer = mapping.PostRenderer(world, state.config.seed)

    def selection_for(req: Request, query: dict[str, Any]) -> tuple[Client, LaterFilter]:
        client = params.authenticate(world, contract, req.environ.get("HTTP_AUTHORIZATION"))
        return client, params.scope(client, contract, query)

    def posts_body(req: Request, gated: GateResult) -> bytes:
        query = dict(gated.query)
        client, scope = selection_for(req, query)
        scope = params.restrict(contract, client, scope, query)
        size, number = int(query["pageSize"]), int(query["pageNumber"])
        page = posts_page(
            select(world, scope),
            str(query["sortProperty"]),
            query["sortDirection"] == "DESC",
            number,
            size,
            mapping.POST_STORED,
        )
        info = PageInfo.of(page.total, number, size)
        return post_rows.posts_text(renderer, page, info)

    def over_time_body(req: Request, gated: GateResult) -> str:
        query = dict(gated.query)
        client, scope = selection_for(req, query)
        scope = params.restrict(contract, client, scope, query)
        size, number = int(query["pageSize"]), int(query["pageNumber"])
        page = series_page(select(world, scope), str(query["granularity"]), number, size)
        info = PageInfo.of(page.total, number, size)
        return mapping.series_text(page, info)

    def summary_body(req: Request, gated: GateResult) -> str:
        query = dict(gated.query)
        client, scope = selection_for(req, query)
        names = _metric_names(contract, query)
        scope = params.restrict(contract, client, scope, query)
        values = summary(select(world, scope), names)
        return dumps(mapping.summary_body(values))

    bodies: dict[str, Body] = {POSTS: posts_body, OVER_TIME: over_time_body, SUMMARY: summary_body}

    def route(endpoint: str) -> Callable[[], Response]:
        body = bodies[endpoint]
        return lambda: _text(body(request, g.gate))

    blueprint.add_url_rule("/v2/posts/performance", POSTS, route(POSTS), methods=["GET"])
    blueprint.add_url_rule(
        "/v2/instances/performance-over-time", OVER_TIME, route(OVER_TIME), methods=["GET"]
    )
    blueprint.add_url_rule("/v2/instances/performance", SUMMARY, route(SUMMARY), methods=["GET"])

    def hot(endpoint: str) -> HotAnswer:
        body = bodies[endpoint]
        return lambda req: body(req, gate.check(req, endpoint, shared=True))  # bodies only read

    return {f"{blueprint.name}.{name}": hot(name) for name in bodies}


def _metric_names(contract: LaterContract, query: dict[str, Any]) -> list[str]:
    """The requested metrics in x-valid-metrics order; 400 for an unsupported one."""
    requested = list(query["metrics"])
    given = query.get("contentType")
    valid = valid_metrics(
        contract.valid_metrics, contract.metric_content_types, None if given is None else given
    )
    unsupported = first_unsupported(requested, valid)
    if unsupported is not None:
        raise contract.error("unsupportedMetric", value=unsupported, values=", ".join(valid))
    wanted = set(requested)
    return [name for name in valid if name in wanted]
