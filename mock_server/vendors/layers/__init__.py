"""Layers' REST metrics API, mounted under /v1."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, g, request

from mock_server.http.errors import ApiError
from mock_server.http.mount import VendorMount
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.http.request_id import request_id_for
from mock_server.specs import OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.vendors.layers import views
from mock_server.vendors.layers.auth import authenticate, require_scope
from mock_server.vendors.layers.errors import render_error
from mock_server.vendors.layers.rules import rules_from_spec


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register Layers' routes behind authentication and the spec gate."""
    gate = OpenApiGate(OPENAPI_SPECS["layers"], split_commas=False)
    world = state.world.layers
    if world is None:
        raise RuntimeError("the Layers world is not built but Layers is mounted")
    required = _required_scopes(gate.spec)
    blueprint = Blueprint("layers", __name__)

    @blueprint.before_request
    def _validate() -> None:
        g.caller = authenticate(request, world.index)
        endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
        for scope in required.get(endpoint, ()):
            require_scope(g.caller, scope)
        g.gate = gate.check(request)

    views.register(blueprint, state, world, rules_from_spec(gate.spec))
    app.register_blueprint(blueprint)
    return VendorMount("layers", ("/v1",), render_error=_render, finish=_finish)


def _required_scopes(spec: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """operationId -> the operation's ``x-required-scopes`` (spec, metrics endpoint)."""
    out: dict[str, tuple[str, ...]] = {}
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                out[operation["operationId"]] = tuple(operation.get("x-required-scopes", ()))
    return out


def _render(error: ApiError) -> Response:
    return render_error(error, request_id_for(request))


def _finish(response: Response) -> Response:
    """Every Layers response, error or not, carries its request id and endpoint class."""
    response.headers["X-Request-Id"] = request_id_for(request)
    endpoint_class = "whoami" if request.path.rstrip("/") == "/v1/whoami" else "metrics"
    response.headers["X-RateLimit-Endpoint-Class"] = endpoint_class
    return response
