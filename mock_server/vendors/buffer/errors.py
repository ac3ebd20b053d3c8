"""Buffer's GraphQL error shape: ``{"errors": [{"message", "extensions": {"code"}}]}``.

From DOMAIN.md section 4 (Buffer public reference): errors come with HTTP 200 in
``errors[].extensions.code`` (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNEXPECTED); an anonymous
request is HTTP 401 with UNAUTHENTICATED; rate limiting is HTTP 429 RATE_LIMIT_EXCEEDED; a key
without insights access gets INSUFFICIENT_SCOPE on each ``metrics`` field. The SDL adds
BAD_USER_INPUT for argument errors the docs do not name.

Two places render errors:

- :func:`render_error`: transport-level failures raised as :class:`ApiError` before GraphQL
  runs (bad JSON, wrong method or content type, no credentials), HTTP 400/401/405/415 with
  code BAD_REQUEST / UNAUTHENTICATED / METHOD_NOT_ALLOWED / UNSUPPORTED_MEDIA_TYPE;
- :func:`format_error`: Ariadne's ``error_formatter`` for errors inside a GraphQL result
  (HTTP 200), mapping the domain's typed errors to codes in one table. Query syntax and
  validation failures use Apollo's GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED. An
  unexpected exception is UNEXPECTED with a generic message; its text and traceback are
  shown only when ``config.debug`` is on.
"""

from __future__ import annotations

import logging
from typing import Any

from ariadne import format_error as ariadne_format_error
from flask import Response, jsonify
from graphql import GraphQLError

from mock_server.domain.errors import (
    DomainError,
    Forbidden,
    NotFound,
    Unauthenticated,
    ValidationError,
)
from mock_server.http.errors import ApiError, ErrorKind

log = logging.getLogger("mock_server.buffer")

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

UNEXPECTED_MESSAGE = "Unexpected error in the mock (a bug: please report it)."


class InsufficientScope(Forbidden):
    """The token lacks the OAuth scope a field needs (``insights:read`` for metrics)."""


DOMAIN_CODES: tuple[tuple[type[DomainError], str], ...] = (
    (InsufficientScope, "INSUFFICIENT_SCOPE"),
    (ValidationError, "BAD_USER_INPUT"),
    (NotFound, "NOT_FOUND"),
    (Forbidden, "FORBIDDEN"),
    (Unauthenticated, "UNAUTHENTICATED"),
)
"""Most specific class first."""


def render_error(error: ApiError) -> Response:
    """A GraphQL response carrying only ``errors``."""
    status, code = STATUS_AND_CODE[error.kind]
    response = jsonify({"errors": [{"message": error.message, "extensions": {"code": code}}]})
    response.status_code = status
    response.headers.update(error.headers)
    return response


def _original(error: GraphQLError) -> BaseException | None:
    original: BaseException | None = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


def error_code(error: GraphQLError) -> str:
    """The ``extensions.code`` of an error in a GraphQL result."""
    original = _original(error)
    if isinstance(original, DomainError):
        return next(code for cls, code in DOMAIN_CODES if isinstance(original, cls))
    if error.path is not None:
        return "UNEXPECTED"  # raised while resolving a field, and not a client error
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if original is not None or error.message.startswith("Variable '$"):
        return "BAD_USER_INPUT"  # a variable or literal the schema's scalars refused
    return "GRAPHQL_VALIDATION_FAILED"


def format_error(error: GraphQLError, debug: bool = False) -> dict[str, Any]:
    """Ariadne error formatter: the message, locations and path, plus ``extensions.code``."""
    formatted: dict[str, Any] = ariadne_format_error(error, debug)
    code = error_code(error)
    if code == "UNEXPECTED":
        log.error("unexpected error in a Buffer resolver", exc_info=_original(error) or error)
        if not debug:
            formatted["message"] = UNEXPECTED_MESSAGE
    extensions = {"code": code, **(formatted.get("extensions") or {})}
    extensions["code"] = code
    formatted["extensions"] = extensions
    return formatted
