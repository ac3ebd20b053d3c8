"""Vendor rate limits, on demand (``--rate-limits``; off by default).

Each vendor says which bucket a request counts in (:class:`RatePolicy`, from its
``VendorMount.rate_policy``): Layers per organization and endpoint class at its tier's reads
per minute (standard 120, pilot 1,200, partner 6,000), Later 120 per minute per caller,
Buffer 100 per 15 minutes per token (DOMAIN.md section 4). Over the limit, the vendor's own
429 is raised with ``Retry-After``.

Windows are fixed: a bucket's window opens at its first request and lasts ``window_s``
seconds of :func:`time.monotonic`. This is the only state the mock keeps between requests;
it lives in one process (each worker counts on its own) and exists only when rate limits are
on, so normal answers stay a pure function of the config.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, Response, g, request

from mock_server.http.errors import ApiError, ErrorKind

if TYPE_CHECKING:
    from mock_server.http.mount import VendorMount

X_RATELIMIT = "X-RateLimit-"
"""Layers and Later name their headers ``X-RateLimit-*`` (HTTP names are case-blind)."""
RATELIMIT = "RateLimit-"
"""Buffer's headers follow the IETF draft ``RateLimit-*`` names (mock choice)."""


@dataclass(frozen=True)
class RatePolicy:
    """The bucket a request counts in: at most ``limit`` requests per ``window_s`` seconds."""

    key: str
    limit: int
    window_s: int
    header_prefix: str = X_RATELIMIT


@dataclass(frozen=True)
class Verdict:
    """Whether a request may pass, what is left and when the window resets (whole seconds)."""

    allowed: bool
    remaining: int
    reset_s: int


class RateLimiter:
    """Fixed-window counters per bucket key, safe across threads of one process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, policy: RatePolicy) -> Verdict:
        """Count one request against ``policy``'s bucket, unless the bucket is full."""
        now = self.clock()
        with self._lock:
            start, count = self._windows.get(policy.key, (now, 0))
            if now >= start + policy.window_s:
                start, count = now, 0
            allowed = count < policy.limit
            if allowed:
                count += 1
            self._windows[policy.key] = (start, count)
        reset = max(1, math.ceil(start + policy.window_s - now))
        return Verdict(allowed, policy.limit - count, reset)

    def reset(self) -> None:
        """Forget every window (a fresh start, as after a restart)."""
        with self._lock:
            self._windows.clear()


def headers_for(policy: RatePolicy, verdict: Verdict) -> dict[str, str]:
    """Limit, remaining and reset (seconds from now) under the vendor's header names."""
    prefix = policy.header_prefix
    headers = {
        f"{prefix}Limit": str(policy.limit),
        f"{prefix}Remaining": str(verdict.remaining),
        f"{prefix}Reset": str(verdict.reset_s),
    }
    if not verdict.allowed:
        headers["Retry-After"] = str(verdict.reset_s)
    return headers


def install(app: Flask, mount_for: Callable[[str], VendorMount | None]) -> RateLimiter:
    """Count every routed vendor request; answer the vendor's 429 once a bucket is full."""
    limiter = RateLimiter()

    def _count() -> None:
        mount = mount_for(request.path)
        if mount is None or request.url_rule is None:
            return
        policy = mount.rate_policy(request)
        if policy is None:
            return
        verdict = limiter.hit(policy)
        g.rate_limit_headers = headers_for(policy, verdict)
        if not verdict.allowed:
            raise ApiError(
                ErrorKind.RATE_LIMITED,
                f"Rate limit of {policy.limit} requests per {policy.window_s}s exceeded; "
                f"retry after {verdict.reset_s} seconds.",
                headers=g.rate_limit_headers,
            )

    def _annotate(response: Response) -> Response:
        response.headers.update(g.get("rate_limit_headers", {}))
        return response

    app.before_request(_count)
    app.after_request(_annotate)
    app.extensions["metrics_mock_rate_limiter"] = limiter
    return limiter
