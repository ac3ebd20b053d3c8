"""One log line per request (``--log-requests``): method, path, status, milliseconds.

Off by default, and then not installed at all, so benchmarks pay nothing. The line goes to
the ``mock_server.requests`` logger at INFO, e.g. ``GET /v1/whoami 200 1.9ms``; the query
string is left out (it can be long, and the path says which endpoint answered). The time
is measured around the whole WSGI call, added latency and error rendering included.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

log = logging.getLogger("mock_server.requests")

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def line(method: str, path: str, status: str, seconds: float) -> str:
    """``GET /v1/whoami 200 1.9ms``."""
    return f"{method} {path} {status.split(' ', 1)[0]} {seconds * 1000:.1f}ms"


class RequestLog:
    """WSGI middleware that logs each request once its status is known."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        status = ["-"]

        def _start(code: str, headers: Any, *args: Any) -> Any:
            status[0] = code
            return start_response(code, headers, *args)

        try:
            return self.app(environ, _start)
        finally:
            method, path = environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", "/")
            log.info(line(method, path, status[0], time.perf_counter() - started))


def install(app: Flask) -> None:
    """Wrap the app's WSGI callable with :class:`RequestLog` and let INFO lines through."""
    log.setLevel(logging.INFO)
    app.wsgi_app = RequestLog(app.wsgi_app)  # type: ignore[method-assign]


def log_to_stderr() -> None:
    """Send request lines to stderr, bare (the server process calls this once)."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.propagate = False
