"""Errors that carry an HTTP meaning, rendered by the vendor the request belongs to.

The domain raises :mod:`mock_server.domain.errors`; views and the spec gate raise
:class:`ApiError` with a *kind*. Each vendor maps a kind to its own status, code and body
(Layers sends validation as 422 ``VALIDATION``, Later as 400 ``ANL_00400``), in one place
per vendor: ``vendors/<vendor>/errors.py``.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What went wrong, independent of any vendor's vocabulary."""

    VALIDATION = "validation"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"


class ApiError(Exception):
    """An error to send back to the client in the vendor's envelope."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        details: object = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.headers = dict(headers or {})
        self.details = details
