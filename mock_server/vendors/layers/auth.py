"""Bearer tokens of the Layers Partner API (spec securitySchemes.bearerAuth).

A missing, malformed or unknown token is 401 UNAUTHENTICATED; a valid token without the
operation's ``x-required-scopes`` is 403 FORBIDDEN_SCOPE with the required scopes in
``details``. Authentication runs before the spec gate, so a request with a bad token is
told so first, whatever else is wrong with it (mock choice).
"""

from __future__ import annotations

from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.world.layers_index import Caller, LayersIndex

METRICS_SCOPE = "metrics:read"


def authenticate(request: Request, index: LayersIndex) -> Caller:
    """The caller behind ``Authorization: Bearer lp_...``."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            ErrorKind.UNAUTHENTICATED,
            "Missing or malformed Authorization header: send 'Authorization: Bearer lp_...'.",
        )
    caller = index.tokens.get(token.strip())
    if caller is None:
        raise ApiError(ErrorKind.UNAUTHENTICATED, "Unknown or revoked API key.")
    return caller


def require_scope(caller: Caller, scope: str) -> None:
    """403 FORBIDDEN_SCOPE unless the token carries ``scope``."""
    if scope not in caller.scopes:
        raise ApiError(
            ErrorKind.FORBIDDEN,
            f"Token lacks required scope: {scope}.",
            details={"requiredScopes": [scope]},
        )
