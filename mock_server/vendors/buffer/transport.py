"""HTTP around GraphQL: credentials and the JSON body (the GraphiQL page is graphiql.py).

Everything refused here is refused before GraphQL runs, in Buffer's error shape
(:func:`.errors.render_error`): no credentials or an unknown token is HTTP 401
UNAUTHENTICATED (DOMAIN.md section 4); a body that is not a JSON object with a string
``query`` is HTTP 400 BAD_REQUEST; another content type is 415; a query sent with GET is 400
(GET serves only the GraphiQL page).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Request

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.query.buffer_access import Caller, caller_for
from mock_server.world.buffer import BufferWorld

MAX_BODY_BYTES = 100_000


def authenticate(world: BufferWorld, request: Request) -> Caller:
    """The caller named by ``Authorization: Bearer <token>``; 401 without a known token."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    caller = caller_for(world, token.strip()) if scheme.lower() == "bearer" else None
    if caller is None:
        problem = "is not a known API key or OAuth token" if header else "is missing"
        raise ApiError(
            ErrorKind.UNAUTHENTICATED,
            f"Authentication required: the Authorization header {problem}. Send "
            "'Authorization: Bearer <token>' with a token from /_mock/catalog.",
            headers={"WWW-Authenticate": 'Bearer realm="buffer"'},
        )
    return caller


def _bad(message: str) -> ApiError:
    return ApiError(ErrorKind.VALIDATION, message)


def read_operation(request: Request) -> dict[str, Any]:
    """``{"query", "variables", "operationName"}`` from a JSON POST body, checked."""
    if request.mimetype != "application/json":
        raise ApiError(
            ErrorKind.UNSUPPORTED_MEDIA_TYPE,
            f"Send GraphQL requests as application/json, not {request.mimetype or 'no type'}.",
        )
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise _bad(f"The request body exceeds {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(request.get_data(cache=False).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise _bad(f"The request body is not valid JSON: {exc}.") from None
    if not isinstance(body, dict):
        raise _bad('The body must be a JSON object like {"query": "...", "variables": {...}}.')
    query, variables, name = body.get("query"), body.get("variables"), body.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise _bad("'query' must be a non-empty string holding the GraphQL document.")
    if variables is not None and not isinstance(variables, dict):
        raise _bad("'variables' must be a JSON object or null.")
    if name is not None and not isinstance(name, str):
        raise _bad("'operationName' must be a string or null.")
    return {"query": query, "variables": variables, "operationName": name}
