"""Error bodies in each vendor's shape, and Layers' request ids.

Layers: ``{"error": {"code", "message", "requestId"}}`` with one code per status, the
request id on every response (DOMAIN.md section 4, Layers public reference). Later:
``application/problem+json`` with an ``ANL_`` type per status (DOMAIN.md section 4, Later
public reference). Buffer: ``errors[].extensions.code``, resolver errors with HTTP 200,
anonymous requests HTTP 401 UNAUTHENTICATED (DOMAIN.md section 4, Buffer public reference).
"""

from __future__ import annotations

import re

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.exchange import Exchange
from contract_tests.registry import ensure

LAYERS_OPS = ("getProjectMetrics", "whoami")
LATER_OPS = ("getPostsPerformance", "getInstancesPerformanceOverTime", "getInstancesPerformance")
LAYERS_CODES = {
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN_SCOPE",
    404: "NOT_FOUND",
    422: "VALIDATION",
    429: "RATE_LIMITED",
    500: "INTERNAL",
}
LATER_TYPES = {
    400: ("ANL_00400", "ANL_00422"),
    401: ("ANL_00401",),
    403: ("ANL_00403",),
    404: ("ANL_00404",),
    500: ("ANL_00500",),
}
BUFFER_RESOLVER_CODES = {"UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "UNEXPECTED"}


@response_check(
    "layers.errors.envelope",
    "Every Layers error is {error: {code, message, requestId}} with the code of its status "
    "(401 UNAUTHENTICATED, 403 FORBIDDEN_SCOPE, 404 NOT_FOUND, 422 VALIDATION, 429 "
    "RATE_LIMITED, 500 INTERNAL)",
    "DOMAIN.md 4 (Layers public reference: error envelope); layers-metrics.txt: 422/404",
    operations=LAYERS_OPS,
    when="error",
)
def layers_error_envelope(ex: Exchange) -> Skip | None:
    body = ex.json
    ensure(
        isinstance(body, dict) and isinstance(body.get("error"), dict),
        lambda: f"expected a body {{'error': {{...}}}}, got {ex.body[:200]!r}",
    )
    error = body["error"]
    for key in ("code", "message", "requestId"):
        ensure(bool(error.get(key)), f"error.{key} is missing or empty in {error!r}")
    expected = LAYERS_CODES.get(ex.status)
    ensure(
        expected is None or error["code"] == expected,
        lambda: f"HTTP {ex.status} must carry error.code {expected}, got {error['code']!r}",
    )
    return None


@response_check(
    "layers.errors.request_id",
    "Every Layers response carries X-Request-Id (req_...), equal to error.requestId on errors",
    "DOMAIN.md 4 (Layers public reference: requestId on every response)",
    operations=LAYERS_OPS,
    when="any",
)
def layers_request_id(ex: Exchange) -> Skip | None:
    header = ex.headers.get("x-request-id", "")
    ensure(
        re.fullmatch(r"req_[A-Za-z0-9]+", header) is not None,
        f"X-Request-Id must look like req_..., got {header!r}",
    )
    if ex.status >= 400 and isinstance(ex.json, dict) and isinstance(ex.json.get("error"), dict):
        body_id = ex.json["error"].get("requestId")
        ensure(body_id == header, f"error.requestId {body_id!r} != X-Request-Id {header!r}")
    return None


@response_check(
    "layers.errors.validation_is_422",
    "A Layers request that breaks the spec is answered 422 VALIDATION, never 400",
    "specs/openapi/layers.yaml x-mock-choice (the vendor names only 422 for validation)",
    operations=LAYERS_OPS,
    when="error",
    gap=True,
)
def layers_no_400(ex: Exchange) -> Skip | None:
    ensure(ex.status != 400, "Layers answers invalid requests with 422 VALIDATION, got 400")
    return None


@response_check(
    "later.errors.problem",
    "Every Later error is application/problem+json with type ANL_ + the status "
    "(400 ANL_00400 or ANL_00422), title, status equal to the HTTP status, and a detail",
    "DOMAIN.md 4 (Later public reference: error body, ANL_ types); RFC 9457",
    operations=LATER_OPS,
    when="error",
)
def later_problem(ex: Exchange) -> Skip | None:
    ensure(
        ex.content_type == "application/problem+json",
        f"Content-Type must be application/problem+json, got {ex.content_type!r}",
    )
    body = ex.json
    ensure(isinstance(body, dict), lambda: f"expected a JSON object, got {ex.body[:200]!r}")
    for key in ("type", "title", "detail"):
        ensure(bool(body.get(key)), f"problem.{key} is missing or empty in {body!r}")
    ensure(body.get("status") == ex.status, f"problem.status {body.get('status')!r} != {ex.status}")
    allowed = LATER_TYPES.get(ex.status, (f"ANL_{ex.status:05d}",))
    ensure(
        body["type"] in allowed or ex.status not in LATER_TYPES,
        f"HTTP {ex.status} must carry type {' or '.join(allowed)}, got {body['type']!r}",
    )
    ensure(
        re.fullmatch(r"ANL_\d{5}", str(body["type"])) is not None,
        f"type must look like ANL_00400, got {body['type']!r}",
    )
    return None


@response_check(
    "later.errors.instance",
    "A Later problem's instance is the request path",
    "specs/openapi/later.yaml x-mock-choice (Problem.instance)",
    operations=LATER_OPS,
    when="error",
    gap=True,
)
def later_problem_instance(ex: Exchange) -> Skip | None:
    body = ex.json
    if not isinstance(body, dict):
        return SKIP
    ensure(
        body.get("instance") == ex.path,
        f"problem.instance must be the path {ex.path!r}, got {body.get('instance')!r}",
    )
    return None


def _buffer_errors(ex: Exchange) -> list[dict[str, object]]:
    body = ex.json
    if not isinstance(body, dict):
        return []
    errors = body.get("errors") or []
    return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


def _code(error: dict[str, object]) -> object:
    extensions = error.get("extensions")
    return extensions.get("code") if isinstance(extensions, dict) else None


@response_check(
    "buffer.errors.shape",
    "Buffer errors are errors[] with a message and extensions.code; resolver errors "
    "(UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNEXPECTED) come with HTTP 200, an anonymous "
    "request with HTTP 401 UNAUTHENTICATED, rate limiting with 429 RATE_LIMIT_EXCEEDED",
    "DOMAIN.md 4 (Buffer public reference: errors); buffer.graphql Query description",
    operations=("graphql",),
    when="error",
)
def buffer_error_shape(ex: Exchange) -> Skip | None:
    errors = _buffer_errors(ex)
    if ex.status == 200 and not errors:
        return SKIP
    ensure(bool(errors), lambda: f"HTTP {ex.status} without errors[]: {ex.body[:200]!r}")
    for error in errors:
        ensure(bool(error.get("message")), f"an error without a message: {error!r}")
        code = _code(error)
        ensure(isinstance(code, str) and bool(code), f"an error without extensions.code: {error!r}")
        if code in BUFFER_RESOLVER_CODES:
            ensure(ex.status == 200, f"code {code} must come with HTTP 200, got {ex.status}")
    codes = {_code(e) for e in errors}
    if ex.status == 401:
        ensure("UNAUTHENTICATED" in codes, f"HTTP 401 must carry UNAUTHENTICATED, got {codes}")
    if ex.status == 429:
        ensure("RATE_LIMIT_EXCEEDED" in codes, f"HTTP 429 must carry RATE_LIMIT_EXCEEDED: {codes}")
        ensure("retry-after" in ex.headers, "HTTP 429 without a Retry-After header")
    return None
