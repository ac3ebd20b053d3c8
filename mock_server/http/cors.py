"""CORS, so that a web app on another origin (say http://localhost:5173) can call the mock.

Every answer to a request with an allowed ``Origin`` carries ``Access-Control-Allow-Origin``
(``*`` when any origin is allowed, else the origin itself with ``Vary: Origin``) and exposes
the headers clients read (request ids, rate limits). A preflight (``OPTIONS`` with ``Origin``
and ``Access-Control-Request-Method``) on a served path is answered 204 here, before any
vendor hook: OPTIONS is in no spec, so the spec gate must never see it. Any other OPTIONS on
a vendor path is the vendor's 405 with ``Allow``, like every other method it does not serve.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from flask import Flask, Response, request

from mock_server.http.errors import ApiError, ErrorKind

if TYPE_CHECKING:
    from mock_server.http.mount import VendorMount

ALLOW_HEADERS = "Authorization, Content-Type, Prefer, Accept"
EXPOSE_HEADERS = ", ".join(
    [
        "X-Request-Id",
        "X-RateLimit-Endpoint-Class",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-Ratelimit-Window",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "Retry-After",
    ]
)
MAX_AGE_S = "600"


class CorsPolicy:
    """Which origins may call; ``("*",)`` means any."""

    def __init__(self, origins: tuple[str, ...]) -> None:
        self.any = "*" in origins
        self.origins = frozenset(o.rstrip("/") for o in origins if o != "*")

    def allow_origin(self, origin: str | None) -> str | None:
        """The ``Access-Control-Allow-Origin`` value for ``origin``, or None (no CORS)."""
        if not origin:
            return None
        if self.any:
            return "*"
        return origin if origin in self.origins else None

    def headers_for(self, origin: str | None) -> list[tuple[str, str]]:
        """The CORS headers an answer to ``origin`` carries (none for a refused origin)."""
        allowed = self.allow_origin(origin)
        if allowed is None:
            return []
        return [
            ("Access-Control-Allow-Origin", allowed),
            ("Access-Control-Expose-Headers", EXPOSE_HEADERS),
        ]

    def annotate(self, response: Response, origin: str | None) -> Response:
        """Add the CORS headers an answer to ``origin`` carries; with named origins the
        answer also varies by ``Origin``."""
        if self.origins and not self.any:
            response.vary.add("Origin")
        for name, value in self.headers_for(origin):
            response.headers[name] = value
        return response


def _methods() -> list[str]:
    rule = request.url_rule
    return sorted(set(rule.methods or ()) - {"OPTIONS"}) if rule is not None else []


def _is_preflight() -> bool:
    return (
        request.method == "OPTIONS"
        and "Origin" in request.headers
        and "Access-Control-Request-Method" in request.headers
    )


def install(
    app: Flask, origins: tuple[str, ...], mount_for: Callable[[str], VendorMount | None]
) -> CorsPolicy:
    """Answer preflights, refuse other OPTIONS on vendor paths, annotate every answer;
    returns the policy (the WSGI fast path annotates its answers with it too)."""
    policy = CorsPolicy(origins)

    def _preflight() -> Response | None:
        if request.method != "OPTIONS" or request.url_rule is None:
            return None
        origin = request.headers.get("Origin")
        if _is_preflight() and policy.allow_origin(origin) is not None:
            response = Response(status=204)
            del response.headers["Content-Type"]
            response.headers["Access-Control-Allow-Methods"] = ", ".join([*_methods(), "OPTIONS"])
            response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = MAX_AGE_S
            return response
        if mount_for(request.path) is not None:
            allowed = ", ".join(_methods())
            raise ApiError(
                ErrorKind.METHOD_NOT_ALLOWED,
                f"Method OPTIONS is not allowed on {request.path}; allowed: {allowed} "
                "(browsers' CORS preflights are answered).",
                headers={"Allow": allowed},
            )
        return None

    def _annotate(response: Response) -> Response:
        if policy.any and "Origin" not in request.headers:
            return response  # not a browser: nothing to add (the common case, kept cheap)
        return policy.annotate(response, request.headers.get("Origin"))

    app.before_request(_preflight)
    app.after_request(_annotate)
    return policy
