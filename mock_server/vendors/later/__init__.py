"""Later's reporting API v2, mounted under /v2."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g, request
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError
from mock_server.http.faults import documented_statuses
from mock_server.http.mount import VendorMount
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.http.rate_limit import RatePolicy
from mock_server.specs import OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.vendors.later import views
from mock_server.vendors.later.contract import LaterContract
from mock_server.vendors.later.errors import STATUS_AND_TITLE, render_error
from mock_server.world.later import LaterWorld

RATE_LIMIT = 120
RATE_WINDOW_S = 60
RATE_LIMIT_HEADERS = {
    "X-Ratelimit-Limit": str(RATE_LIMIT),
    "X-Ratelimit-Window": f"{RATE_WINDOW_S}s",
}


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register Later's routes behind its spec gate; arrays accept a,b / repeated / key[]."""
    gate = OpenApiGate(OPENAPI_SPECS["later"], split_commas=True)
    blueprint = Blueprint("later", __name__)

    @blueprint.before_request
    def _validate() -> None:
        g.gate = gate.check(request)

    hot = views.register(blueprint, state, LaterContract.from_spec(gate.spec), gate)
    app.register_blueprint(blueprint)
    world = state.world.later
    assert world is not None, "the later vendor is mounted, so its world was built"
    return VendorMount(
        "later",
        ("/v2",),
        render_error=_render,
        finish=_finish,
        error_statuses={kind: status for kind, (status, _) in STATUS_AND_TITLE.items()},
        documented_statuses=documented_statuses(gate.spec),
        rate_policy=lambda req: _rate_policy(world, req),
        hot_routes=hot,
        hot_headers=_headers,
    )


def _rate_policy(world: LaterWorld, req: Request) -> RatePolicy | None:
    """120 requests per minute per caller (DOMAIN.md section 4, Later)."""
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    client = world.client(token.strip()) if scheme.lower() == "bearer" else None
    if client is None:
        return None
    return RatePolicy(f"later:{client.token}", RATE_LIMIT, RATE_WINDOW_S)


def _render(error: ApiError) -> Response:
    return render_error(error, request.path)


def _headers(req: Request) -> list[tuple[str, str]]:
    """Later documents a 120/minute limit per caller; every answer says so."""
    return list(RATE_LIMIT_HEADERS.items())


def _finish(response: Response) -> Response:
    for name, value in _headers(request):
        response.headers.setdefault(name, value)
    return response
