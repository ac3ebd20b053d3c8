"""Later's reporting API v2, mounted under /v2."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g, request

from mock_server.http.errors import ApiError
from mock_server.http.mount import VendorMount
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.specs import OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.vendors.later import views
from mock_server.vendors.later.contract import LaterContract
from mock_server.vendors.later.errors import render_error

RATE_LIMIT_HEADERS = {"X-Ratelimit-Limit": "120", "X-Ratelimit-Window": "60s"}


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register Later's routes behind its spec gate; arrays accept a,b / repeated / key[]."""
    gate = OpenApiGate(OPENAPI_SPECS["later"], split_commas=True)
    blueprint = Blueprint("later", __name__)

    @blueprint.before_request
    def _validate() -> None:
        g.gate = gate.check(request)

    views.register(blueprint, state, LaterContract.from_spec(gate.spec))
    app.register_blueprint(blueprint)
    return VendorMount("later", ("/v2",), render_error=_render, finish=_finish)


def _render(error: ApiError) -> Response:
    return render_error(error, request.path)


def _finish(response: Response) -> Response:
    """Later documents a 120/minute limit per caller; every answer says so."""
    for name, value in RATE_LIMIT_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
