"""Layers' REST metrics API, mounted under /v1."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, g, request
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError
from mock_server.http.faults import documented_statuses
from mock_server.http.mount import VendorMount
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.http.rate_limit import RatePolicy
from mock_server.http.request_id import request_id_for
from mock_server.specs import OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.vendors.layers import views
from mock_server.vendors.layers.auth import authenticate, require_scope
from mock_server.vendors.layers.errors import STATUS_AND_CODE, render_error
from mock_server.vendors.layers.rules import rules_from_spec
from mock_server.world.layers import LayersWorld

READS_PER_MINUTE = {"standard": 120, "pilot": 1200, "partner": 6000}
"""Rate-limit tiers (DOMAIN.md section 4, Layers; spec components.responses.RateLimited)."""


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register Layers' routes behind authentication and the spec gate."""
    gate = OpenApiGate(OPENAPI_SPECS["layers"], split_commas=False)
    world = state.world.layers
    if world is None:
        raise RuntimeError("the Layers world is not built but Layers is mounted")
    required = _required_scopes(gate.spec)
    blueprint = Blueprint("layers", __name__)

    def admit(req: Request, endpoint: str) -> views.Admitted:
        """Authenticate, check the operation's scopes, then the spec gate (in that order)."""
        caller = authenticate(req, world.index)
        for scope in required.get(endpoint, ()):
            require_scope(caller, scope)
        return views.Admitted(caller, gate.check(req, endpoint, shared=True))  # views only read

    @blueprint.before_request
    def _validate() -> None:
        g.admitted = admit(request, (request.endpoint or "").rsplit(".", 1)[-1])

    hot = views.register(blueprint, state, world, rules_from_spec(gate.spec), admit)
    app.register_blueprint(blueprint)
    return VendorMount(
        "layers",
        ("/v1",),
        render_error=_render,
        finish=_finish,
        hot_routes=hot,
        hot_headers=_headers,
        error_statuses={kind: status for kind, (status, _) in STATUS_AND_CODE.items()},
        documented_statuses=documented_statuses(gate.spec),
        rate_policy=lambda req: _rate_policy(world, req),
    )


def _rate_policy(world: LayersWorld, req: Request) -> RatePolicy | None:
    """Reads per minute of the token's organization tier, counted per endpoint class
    (the class every response names in ``X-RateLimit-Endpoint-Class``; mock choice)."""
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    caller = world.index.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
    if caller is None:
        return None
    tier = world.organizations[caller.organization].rate_limit_tier
    key = f"layers:{caller.organization}:{_endpoint_class(req.path)}"
    return RatePolicy(key, READS_PER_MINUTE[tier], 60)


def _endpoint_class(path: str) -> str:
    return "whoami" if path.rstrip("/") == "/v1/whoami" else "metrics"


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


def _headers(req: Request) -> list[tuple[str, str]]:
    """Every Layers response, error or not, carries its request id and endpoint class."""
    return [
        ("X-Request-Id", request_id_for(req)),
        ("X-RateLimit-Endpoint-Class", _endpoint_class(req.path)),
    ]


def _finish(response: Response) -> Response:
    for name, value in _headers(request):
        response.headers[name] = value
    return response
