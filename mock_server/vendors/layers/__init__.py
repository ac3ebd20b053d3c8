"""Layers' REST metrics API, mounted under /v1."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g, request

from mock_server.http.errors import ApiError
from mock_server.http.mount import VendorMount
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.http.request_id import request_id_for
from mock_server.specs import OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.vendors.layers import views
from mock_server.vendors.layers.errors import render_error


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register Layers' routes behind its spec gate."""
    gate = OpenApiGate(OPENAPI_SPECS["layers"], split_commas=False)
    blueprint = Blueprint("layers", __name__)

    @blueprint.before_request
    def _validate() -> None:
        g.gate = gate.check(request)

    views.register(blueprint, state)
    app.register_blueprint(blueprint)
    return VendorMount("layers", ("/v1",), render_error=_render, finish=_finish)


def _render(error: ApiError) -> Response:
    return render_error(error, request_id_for(request))


def _finish(response: Response) -> Response:
    """Every Layers response, error or not, carries its request id and endpoint class."""
    response.headers["X-Request-Id"] = request_id_for(request)
    endpoint_class = "whoami" if request.path.rstrip("/") == "/v1/whoami" else "metrics"
    response.headers["X-RateLimit-Endpoint-Class"] = endpoint_class
    return response
