"""Layers' error envelope: ``{"error": {"code", "message", "requestId"}}``.

Codes and statuses from DOMAIN.md section 4 (Layers public reference): UNAUTHENTICATED 401,
FORBIDDEN_SCOPE 403, NOT_FOUND 404, VALIDATION 422, RATE_LIMITED 429, INTERNAL 500. 405 and
415 and 503 are not documented; the mock uses the same envelope with a code of the same form.
Domain errors raised by the query layer map to kinds in one table, :data:`DOMAIN_KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Response, jsonify

from mock_server.domain.errors import (
    DomainError,
    Forbidden,
    NotFound,
    Unauthenticated,
    ValidationError,
)
from mock_server.http.errors import ApiError, ErrorKind

STATUS_AND_CODE: dict[ErrorKind, tuple[int, str]] = {
    ErrorKind.VALIDATION: (422, "VALIDATION"),
    ErrorKind.UNAUTHENTICATED: (401, "UNAUTHENTICATED"),
    ErrorKind.FORBIDDEN: (403, "FORBIDDEN_SCOPE"),
    ErrorKind.NOT_FOUND: (404, "NOT_FOUND"),
    ErrorKind.METHOD_NOT_ALLOWED: (405, "METHOD_NOT_ALLOWED"),
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: (415, "UNSUPPORTED_MEDIA_TYPE"),
    ErrorKind.RATE_LIMITED: (429, "RATE_LIMITED"),
    ErrorKind.INTERNAL: (500, "INTERNAL"),
    ErrorKind.UNAVAILABLE: (503, "UNAVAILABLE"),
}


def render_error(error: ApiError, request_id: str) -> Response:
    """The Layers envelope for ``error``, with the request id in body and header."""
    status, code = STATUS_AND_CODE[error.kind]
    body: dict[str, object] = {"code": code, "message": error.message, "requestId": request_id}
    if error.details is not None:
        body["details"] = error.details
    response = jsonify({"error": body})
    response.status_code = status
    response.headers.update(error.headers)
    return response


DOMAIN_KINDS: tuple[tuple[type[DomainError], ErrorKind], ...] = (
    (ValidationError, ErrorKind.VALIDATION),
    (NotFound, ErrorKind.NOT_FOUND),
    (Forbidden, ErrorKind.FORBIDDEN),
    (Unauthenticated, ErrorKind.UNAUTHENTICATED),
)


@contextmanager
def domain_errors_as_api_errors() -> Iterator[None]:
    """Re-raise a domain error as the ApiError of the same kind (message kept)."""
    try:
        yield
    except DomainError as exc:
        kind = next(k for cls, k in DOMAIN_KINDS if isinstance(exc, cls))
        raise ApiError(kind, exc.message) from exc
