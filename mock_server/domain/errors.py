"""Typed errors raised by the domain and query layers.

The domain never renders an error: each vendor adapter maps these classes to its own
envelope in one table (Layers ``{"error": {...}}``, Later problem+json ``ANL_*`` types,
Buffer ``errors[].extensions.code``), as STYLE.md "Errors" asks. A 500 is always a bug,
so anything a client can cause must be one of these classes.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a client request can cause.

    ``message`` is the human-readable text the adapter puts in its envelope (Layers
    ``message``, Later ``detail``, Buffer ``message``); ``param`` names the offending
    request parameter or input field when there is one.
    """

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param

    def __repr__(self) -> str:
        return f"{type(self).__name__}(message={self.message!r}, param={self.param!r})"


class ValidationError(DomainError, ValueError):
    """The request is well-formed HTTP but its values break a documented rule.

    Layers renders it as 422 ``VALIDATION``, Later as 400 ``ANL_00400``, Buffer as a
    GraphQL error. It is also a ``ValueError`` so plain parsing code can catch it.
    """


class InvalidCursor(ValidationError):
    """A Relay ``after`` cursor that is malformed or was issued for another query."""


class BadTimestamp(ValidationError):
    """A timestamp or date that is not in the strict format the vendor documents."""


class NotFound(DomainError):
    """The addressed entity does not exist, or lies outside the caller's organization.

    Layers documents both cases as 404 (seeds/layers-metrics.txt), so the domain does not
    distinguish them.
    """


class Forbidden(DomainError):
    """The caller is authenticated but may not read this entity or scope.

    Examples: a Later instanceId outside the client's instances (``ANL_00403``), a Layers
    token without ``metrics:read`` (``FORBIDDEN_SCOPE``), a Buffer key without
    ``insights:read``.
    """


class Unauthenticated(DomainError):
    """No credentials, or credentials the mock does not recognise."""
