"""Deliberate faults, to prove that a rule bites: a WSGI middleware that alters requests
before the app sees them and rewrites responses after, and a server helper to put any WSGI
app (the mock, or the mock with a fault) on a free port.

A response fault is a :data:`Rewrite`: it gets the :class:`Request` and the :class:`Reply`
the app produced, and returns the reply to send instead. A request fault is an
:data:`Alter`: it gets the :class:`Request` and returns the one the app should see (a query
key dropped, a parameter renamed), the way a careless proxy or parser would. A test serves
``FaultInjector(create_app(config), rewrite, alter=alter)`` with :func:`serve` and asserts
that the rule meant to catch the fault fails.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlencode

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Reply:
    """A finished response: status, headers, body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def with_json(self, data: Any, status: int | None = None) -> Reply:
        """This reply with a new JSON body (and status); Content-Length follows."""
        return replace(self, body=json.dumps(data).encode(), status=status or self.status)


@dataclass(frozen=True)
class Request:
    """What a rewrite may look at: method, path, query, body."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes

    def with_query(self, query: dict[str, list[str]]) -> Request:
        """This request with another query (repeated keys kept in order)."""
        return replace(self, query=query)

    def graphql(self) -> str:
        try:
            return str(json.loads(self.body).get("query", ""))
        except (ValueError, AttributeError):
            return ""


Rewrite = Callable[[Request, Reply], Reply]
Alter = Callable[[Request], Request]


def unchanged(request: Request, reply: Reply) -> Reply:
    """The identity rewrite: for a fault that only alters requests."""
    return reply


def _request(environ: dict[str, Any]) -> tuple[Request, dict[str, Any]]:
    """The request, and an environ whose body stream can still be read by the app."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ = {**environ, "wsgi.input": io.BytesIO(body)}
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    return Request(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""), query, body), environ


def _with_request(environ: dict[str, Any], request: Request) -> dict[str, Any]:
    """``environ`` carrying ``request``'s query string and body."""
    return {
        **environ,
        "QUERY_STRING": urlencode(request.query, doseq=True),
        "CONTENT_LENGTH": str(len(request.body)),
        "wsgi.input": io.BytesIO(request.body),
    }


class FaultInjector:
    """WSGI middleware: every request goes through ``alter`` before ``app`` sees it, every
    response of ``app`` through ``rewrite`` before the client does."""

    def __init__(
        self, app: WsgiApp, rewrite: Rewrite = unchanged, *, alter: Alter | None = None
    ) -> None:
        self.app = app
        self.rewrite = rewrite
        self.alter = alter

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        request, environ = _request(environ)
        if self.alter is not None:
            altered = self.alter(request)
            if altered != request:
                environ, request = _with_request(environ, altered), altered
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        reply = Reply(int(captured["status"].split()[0]), tuple(captured["headers"]), body)
        new = self.rewrite(request, reply)
        headers = [(k, v) for k, v in new.headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(new.body))))
        start_response(f"{new.status} {HTTPStatus(new.status).phrase}", headers)
        return [new.body]


@contextmanager
def serve(app: WsgiApp) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yields its base URL."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
