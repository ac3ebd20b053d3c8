"""Layers views: thin; the caller is in ``g.caller`` and the parameters, validated by the
spec gate, in ``g.gate``. Domain errors become ApiErrors (vendors/layers/errors.py)."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify

from mock_server.query.layers import LayersRules, MetricsRequest, project_metrics
from mock_server.state import MockState
from mock_server.vendors.layers.errors import domain_errors_as_api_errors
from mock_server.vendors.layers.mapping import metrics_text, whoami_json
from mock_server.world.layers import LayersWorld


def register(
    blueprint: Blueprint, state: MockState, world: LayersWorld, rules: LayersRules
) -> None:
    """Routes named after the spec's operationIds."""

    @blueprint.get("/v1/projects/<project_id>/metrics", endpoint="getProjectMetrics")
    def get_project_metrics(project_id: str) -> Response:
        query = g.gate.query
        metrics = query.get("metrics")
        request = MetricsRequest(
            project_id=g.gate.path["projectId"],
            scope=query["scope"],
            entity_id=query["id"],
            metrics=None if metrics is None else tuple(metrics),
            since=query.get("since"),
            until=query.get("until"),
            granularity=query.get("granularity", "day"),
        )
        with domain_errors_as_api_errors():
            result = project_metrics(world, g.caller.organization, request, state.config.now, rules)
        return Response(metrics_text(result) + "\n", mimetype="application/json")

    @blueprint.get("/v1/whoami", endpoint="whoami")
    def whoami() -> Response:
        return jsonify(whoami_json(g.caller, world.organizations[g.caller.organization]))
