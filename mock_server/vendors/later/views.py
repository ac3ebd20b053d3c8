"""Later views: thin; parameters arrive validated by the spec gate in ``g.gate``.

Each view authenticates, turns the query into a scope (vendors/later/params.py), asks the
query layer, and maps the answer to Later's JSON (vendors/later/mapping.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, request

from mock_server.domain.pagination import PageInfo
from mock_server.query.later_filters import LaterFilter, select
from mock_server.query.later_posts import posts_page
from mock_server.query.later_series import series_page
from mock_server.query.later_summary import first_unsupported, summary, valid_metrics
from mock_server.state import MockState
from mock_server.vendors.json_rows import dumps
from mock_server.vendors.later import mapping, params
from mock_server.vendors.later.contract import LaterContract
from mock_server.world.later import Client


def _json(body: dict[str, Any]) -> Response:
    return _text(dumps(body))


def _text(text: str) -> Response:
    """A 200 with a JSON body already written (compact, UTF-8)."""
    return Response(text, status=200, mimetype="application/json")


def register(blueprint: Blueprint, state: MockState, contract: LaterContract) -> None:
    """Routes named after the spec's operationIds."""
    world = state.world.later
    assert world is not None, "the Later views need the Later world"
    renderer = mapping.PostRenderer(world, state.config.seed)

    def selection_for(query: dict[str, Any]) -> tuple[Client, LaterFilter]:
        client = params.authenticate(world, contract, request.headers.get("Authorization"))
        return client, params.scope(client, contract, query)

    @blueprint.get("/v2/posts/performance", endpoint="getPostsPerformance")
    def posts_performance() -> Response:
        query = dict(g.gate.query)
        client, scope = selection_for(query)
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
        return _text(mapping.posts_text(renderer, page, info))

    @blueprint.get(
        "/v2/instances/performance-over-time", endpoint="getInstancesPerformanceOverTime"
    )
    def performance_over_time() -> Response:
        query = dict(g.gate.query)
        client, scope = selection_for(query)
        scope = params.restrict(contract, client, scope, query)
        size, number = int(query["pageSize"]), int(query["pageNumber"])
        page = series_page(select(world, scope), str(query["granularity"]), number, size)
        info = PageInfo.of(page.total, number, size)
        return _text(mapping.series_text(page, info))

    @blueprint.get("/v2/instances/performance", endpoint="getInstancesPerformance")
    def performance() -> Response:
        query = dict(g.gate.query)
        client, scope = selection_for(query)
        names = _metric_names(contract, query)
        scope = params.restrict(contract, client, scope, query)
        values = summary(select(world, scope), names)
        return _json(mapping.summary_body(values))


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
