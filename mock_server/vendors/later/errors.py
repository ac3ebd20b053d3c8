"""Later's errors: ``application/problem+json`` (RFC 9457) with ANL_* types.

Types from DOMAIN.md section 4 (Later public reference): ANL_00400 Validation Error,
ANL_00401, ANL_00403, ANL_00404, ANL_00500. The undocumented statuses (405, 415, 429, 503)
use a type of the same form, ``ANL_00`` + status.
"""

from __future__ import annotations

import json

from flask import Response

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.openapi_gate import PROBLEM_JSON

STATUS_AND_TITLE: dict[ErrorKind, tuple[int, str]] = {
    ErrorKind.VALIDATION: (400, "Validation Error"),
    ErrorKind.UNAUTHENTICATED: (401, "Unauthorized"),
    ErrorKind.FORBIDDEN: (403, "Forbidden"),
    ErrorKind.NOT_FOUND: (404, "Not Found"),
    ErrorKind.METHOD_NOT_ALLOWED: (405, "Method Not Allowed"),
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: (415, "Unsupported Media Type"),
    ErrorKind.RATE_LIMITED: (429, "Too Many Requests"),
    ErrorKind.INTERNAL: (500, "Internal Server Error"),
    ErrorKind.UNAVAILABLE: (503, "Service Unavailable"),
}


def render_error(error: ApiError, instance: str) -> Response:
    """The problem document for ``error``; ``instance`` is the request path."""
    status, title = STATUS_AND_TITLE[error.kind]
    body = {
        "type": f"ANL_{status:05d}",
        "title": title,
        "status": status,
        "detail": error.message,
        "instance": instance,
    }
    response = Response(
        json.dumps(body, separators=(",", ":")), status=status, mimetype=PROBLEM_JSON
    )
    response.headers.update(error.headers)
    return response
