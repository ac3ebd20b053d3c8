"""Buffer's GraphQL error shape: ``{"errors": [{"message", "extensions": {"code"}}]}``.

From DOMAIN.md section 4 (Buffer public reference): errors come with HTTP 200 in
``errors[].extensions.code`` (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNEXPECTED); an anonymous
request is HTTP 401 with UNAUTHENTICATED; rate limiting is HTTP 429 RATE_LIMIT_EXCEEDED.
Transport-level errors (bad JSON, wrong method or content type) are HTTP 400/405/415 with
code BAD_REQUEST / METHOD_NOT_ALLOWED / UNSUPPORTED_MEDIA_TYPE in the same shape.
"""

from __future__ import annotations

from flask import Response, jsonify

from mock_server.http.errors import ApiError, ErrorKind

STATUS_AND_CODE: dict[ErrorKind, tuple[int, str]] = {
    ErrorKind.VALIDATION: (400, "BAD_REQUEST"),
    ErrorKind.UNAUTHENTICATED: (401, "UNAUTHENTICATED"),
    ErrorKind.FORBIDDEN: (200, "FORBIDDEN"),
    ErrorKind.NOT_FOUND: (404, "NOT_FOUND"),
    ErrorKind.METHOD_NOT_ALLOWED: (405, "METHOD_NOT_ALLOWED"),
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: (415, "UNSUPPORTED_MEDIA_TYPE"),
    ErrorKind.RATE_LIMITED: (429, "RATE_LIMIT_EXCEEDED"),
    ErrorKind.INTERNAL: (500, "UNEXPECTED"),
    ErrorKind.UNAVAILABLE: (503, "UNEXPECTED"),
}


def render_error(error: ApiError) -> Response:
    """A GraphQL response carrying only ``errors``."""
    status, code = STATUS_AND_CODE[error.kind]
    response = jsonify({"errors": [{"message": error.message, "extensions": {"code": code}}]})
    response.status_code = status
    response.headers.update(error.headers)
    return response
