"""Layers views: thin. ``admit`` (the mount's authentication, scope check and spec gate)
gives the caller and the validated parameters; domain errors become ApiErrors
(vendors/layers/errors.py).

Each view's body is written by a plain function of (request, route arguments), so Flask's
route and the WSGI fast path (http/fast_path.py) serve the same bytes from the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from flask import Blueprint, Response, g, jsonify
from werkzeug.wrappers import Request

from mock_server.http.mount import HotAnswer
from mock_server.http.openapi_gate import GateResult
from mock_server.query.layers import LayersRules, MetricsRequest, project_metrics
from mock_server.state import MockState
from mock_server.vendors.layers.errors import domain_errors_as_api_errors
from mock_server.vendors.layers.mapping import metrics_text, whoami_json
from mock_server.world.layers import LayersWorld
from mock_server.world.layers_index import Caller

METRICS = "getProjectMetrics"


class Admitted(NamedTuple):
    """A request that passed authentication, its scopes and the spec gate."""

    caller: Caller
    gate: GateResult


def register(
    blueprint: Blueprint,
    state: MockState,
    world: LayersWorld,
    rules: LayersRules,
    admit: Callable[[Request, str], Admitted],
) -> Mapping[str, HotAnswer]:
    """Routes named after the spec's operationIds; returns the fast path's answers."""

    def metrics_body(admitted: Admitted) -> str:
        query = admitted.gate.query
        metrics = query.get("metrics")
        metrics_request = MetricsRequest(
            project_id=admitted.gate.path["projectId"],
            scope=query["scope"],
            entity_id=query["id"],
            metrics=None if metrics is None else tuple(metrics),
            since=query.get("since"),
            until=query.get("until"),
            granularity=query.get("granularity", "day"),
        )
        organization = admitted.caller.organization
        with domain_errors_as_api_errors():
            result = project_metrics(world, organization, metrics_request, state.config.now, rules)
        return metrics_text(result) + "\n"

    @blueprint.get("/v1/projects/<project_id>/metrics", endpoint=METRICS)
    def get_project_metrics(project_id: str) -> Response:
        return Response(metrics_body(g.admitted), mimetype="application/json")

    @blueprint.get("/v1/whoami", endpoint="whoami")
    def whoami() -> Response:
        caller = g.admitted.caller
        return jsonify(whoami_json(caller, world.organizations[caller.organization]))

    def hot_metrics(req: Request) -> str:
        return metrics_body(admit(req, METRICS))

    return {f"{blueprint.name}.{METRICS}": hot_metrics}
