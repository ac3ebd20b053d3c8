"""Faults and latency on demand, with Prism's ``Prefer`` header (RFC 7240).

``Prefer: code=429`` answers that status in the vendor's own error shape (Layers envelope,
Later problem+json, Buffer GraphQL ``errors``), with ``Retry-After`` on 429; the codes a
vendor can be asked for are the error statuses it sends (its ``errors.py`` table), 405 and
415 aside, and, as with Prism, only those the operation documents in the spec (unless it
has a ``default`` response). ``code=200`` is the normal answer. ``Prefer: latency=MS`` (or
``--latency MS`` for every request) delays the answer, capped at 10 s (``MAX_LATENCY_MS``).
Other preferences (Prism's ``example=``, ``dynamic=``) are ignored, as RFC 7240 allows.
Faults apply to routed vendor requests only, checked before authentication and the spec
gate; nothing else in the answer changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask, request

from mock_server.config import MAX_LATENCY_MS
from mock_server.http.errors import ApiError, ErrorKind

if TYPE_CHECKING:
    from mock_server.http.mount import VendorMount

NOT_FAULTS = frozenset({ErrorKind.METHOD_NOT_ALLOWED, ErrorKind.UNSUPPORTED_MEDIA_TYPE})
"""Kinds about the request's form: asking for them as a fault would mean nothing."""
FAULT_RETRY_AFTER_S = 1
"""Retry-After of a requested 429: short, so that a client's retry test stays quick."""


def sleep(seconds: float) -> None:
    """The delay itself (a seam: tests replace it and never wait)."""
    time.sleep(seconds)


def preferences(values: Iterable[str]) -> dict[str, str]:
    """``{"code": "429", "latency": "200"}`` from ``Prefer`` header values.

    Preferences are comma-separated ``token[=value]`` with optional ``;`` parameters, and a
    request may send several ``Prefer`` headers (RFC 7240 section 2); the first one wins.
    """
    found: dict[str, str] = {}
    for value in values:
        for item in value.split(","):
            head = item.split(";", 1)[0].strip()
            name, _, raw = head.partition("=")
            if name:
                found.setdefault(name.strip().lower(), raw.strip().strip('"'))
    return found


def fault_kinds(error_statuses: Mapping[ErrorKind, int]) -> dict[int, ErrorKind]:
    """HTTP status -> error kind, for the statuses a vendor can be asked to fail with."""
    return {
        status: kind
        for kind, status in error_statuses.items()
        if status >= 400 and kind not in NOT_FAULTS
    }


def documented_statuses(spec: Mapping[str, Any]) -> dict[str, frozenset[int]]:
    """operationId -> the statuses its responses document; an operation with a ``default``
    response is left out (it documents every status)."""
    out: dict[str, frozenset[int]] = {}
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            codes = [str(code) for code in operation.get("responses", {})]
            if "default" not in codes:
                statuses = frozenset(int(c) for c in codes if c.isdigit())
                out[operation["operationId"]] = statuses
    return out


def _whole(raw: str, limit: int) -> int | None:
    """``raw`` as a whole number capped at ``limit``, or None if it is not plain ASCII digits
    (a huge value is capped without converting all of it)."""
    if not (raw.isascii() and raw.isdigit()):
        return None
    return limit if len(raw.lstrip("0")) > len(str(limit)) else min(int(raw), limit)


def latency_ms(prefs: Mapping[str, str], default_ms: int) -> int:
    """The delay for this request: ``latency=MS`` if given (capped), else the default."""
    raw = prefs.get("latency")
    if raw is None:
        return default_ms
    delay = _whole(raw, MAX_LATENCY_MS)
    if delay is None:
        raise ApiError(
            ErrorKind.VALIDATION,
            f"Prefer: latency={raw} is not a whole number of milliseconds (0 to {MAX_LATENCY_MS}).",
        )
    return delay


def requested_fault(prefs: Mapping[str, str], mount: VendorMount) -> ApiError | None:
    """The error ``Prefer: code=`` asks for, or None for the normal answer."""
    raw = prefs.get("code")
    if raw is None or raw == "200":
        return None
    kinds = fault_kinds(mount.error_statuses)
    endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
    documented = mount.documented_statuses.get(endpoint)
    if documented is not None:
        kinds = {status: kind for status, kind in kinds.items() if status in documented}
    status = _whole(raw, 999)
    kind = kinds.get(status) if status is not None else None
    if kind is None:
        allowed = ", ".join(str(s) for s in ["200", *sorted(kinds)])
        raise ApiError(
            ErrorKind.VALIDATION,
            f"Prefer: code={raw} is not a status {mount.name} documents for "
            f"{request.path}; use one of {allowed}.",
        )
    headers = {"Retry-After": str(FAULT_RETRY_AFTER_S)} if kind is ErrorKind.RATE_LIMITED else {}
    message = f"Simulated {status} requested with 'Prefer: code={raw}'."
    return ApiError(kind, message, headers=headers)


def install(
    app: Flask, mount_for: Callable[[str], VendorMount | None], *, default_latency_ms: int
) -> None:
    """Delay, then fail if asked, every routed vendor request (before auth and the gate)."""

    def _apply() -> None:
        if not default_latency_ms and "Prefer" not in request.headers:
            return  # the common case, kept cheap
        mount = mount_for(request.path)
        if mount is None or request.url_rule is None:
            return
        prefs = preferences(request.headers.getlist("Prefer"))
        delay = latency_ms(prefs, default_latency_ms)
        if delay:
            sleep(delay / 1000)
        fault = requested_fault(prefs, mount)
        if fault is not None:
            raise fault

    app.before_request(_apply)
