"""The WSGI fast path: the hot GET endpoints answered without Flask's request machinery.

A dashboard's reads (Layers metrics, Later's three reports) are plain GETs whose answer is
a JSON text. For them Flask's request and application contexts, hooks and response object
cost as much as the query itself, so this middleware, wrapped around ``app.wsgi_app``,
routes with the app's own URL map and calls the vendor's :data:`~.mount.HotAnswer`: the very
function the Flask view calls, with the same spec gate (openapi-core), authentication and
query code. It writes the headers Flask would: ``Content-Type``, ``Content-Length``, the CORS
headers of ``cors.CorsPolicy.headers_for``, then the vendor's ``hot_headers`` (what
``VendorMount.finish`` adds).

Only a clean 200 is answered here. Anything else goes to Flask untouched, which renders it
the one way it always does:
* the answer raised (any :class:`ApiError`, or a bug): Flask runs the request again from the
  start (answers are pure functions of the request, so running it twice is harmless);
* anything that changes how an answer travels: ``Prefer`` (faults, latency), a CORS policy
  with named origins, a non-GET method, a body; rate limiting or ``--latency`` turn the
  fast path off altogether (app.py).

tests/test_fast_path.py proves status, headers and body equal to Flask's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from werkzeug.routing import Map
from werkzeug.wrappers import Request

from mock_server.http.cors import CorsPolicy
from mock_server.http.memo import Memo
from mock_server.http.mount import HotAnswer, VendorMount

WSGIApp = Any
StartResponse = Any
JSON = "application/json"


class FastPath:
    """WSGI middleware: hot routes answered directly, everything else by ``inner``."""

    def __init__(
        self, inner: WSGIApp, url_map: Map, mounts: Iterable[VendorMount], cors: CorsPolicy
    ) -> None:
        self.inner = inner
        self.url_map = url_map
        self.cors = cors
        self.routes: dict[str, tuple[HotAnswer, Callable[[Request], list[tuple[str, str]]]]] = {}
        for mount in mounts:
            for endpoint, answer in mount.hot_routes.items():
                self.routes[endpoint] = (answer, mount.hot_headers)
        self.adapter = None if url_map.host_matching else url_map.bind("localhost")
        self.matched: Memo[str, str] = Memo()
        # Hot rules without variables, by path: werkzeug ranks such a rule above any rule
        # with variables, so an exact path names its endpoint without running the matcher.
        self.static: dict[str, str] = {
            rule.rule: str(rule.endpoint)
            for rule in url_map.iter_rules()
            if rule.endpoint in self.routes
            and not rule.arguments
            and not rule.host
            and "GET" in (rule.methods or ())
        }

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            answered = self._answer(environ) if self._eligible(environ) else None
        except Exception:  # noqa: BLE001 - Flask renders errors (and logs bugs) its one way
            answered = None
        if answered is None:
            return self.inner(environ, start_response)  # type: ignore[no-any-return]
        headers, data = answered
        start_response("200 OK", headers)
        return [data]

    def _answer(self, environ: dict[str, Any]) -> tuple[list[tuple[str, str]], bytes] | None:
        """Headers and body of a hot route's 200, or None when the route is not hot (any
        exception, HTTPException from routing included, also leaves it to Flask)."""
        route = self.routes.get(self._endpoint(environ))
        if route is None:
            return None
        answer, extra_headers = route
        request = Request(environ)
        body = answer(request)
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        headers = [("Content-Type", JSON), ("Content-Length", str(len(data)))]
        headers += self.cors.headers_for(environ.get("HTTP_ORIGIN"))
        headers += extra_headers(request)
        return headers, data

    def _endpoint(self, environ: dict[str, Any]) -> str:
        """The routed endpoint's name (raises HTTPException when nothing matches)."""
        path = environ.get("PATH_INFO", "")
        endpoint = self.static.get(path)
        if endpoint is not None:
            return endpoint
        if self.adapter is not None and path.isascii():
            # An ASCII path reads the same however it is decoded: the adapter bound at start
            # matches it (hot rules name no host), and what it matched is remembered by path
            # (a pure function of the path); other paths are bound per request.
            endpoint = self.matched.get(path)
            if endpoint is None:
                found, _ = self.adapter.match(path, "GET")
                endpoint = self.matched.remember(path, str(found))
            return endpoint
        found, _ = self.url_map.bind_to_environ(environ).match()
        return str(found)

    def _eligible(self, environ: Mapping[str, Any]) -> bool:
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_PREFER" in environ:
            return False
        if environ.get("CONTENT_LENGTH") not in (None, "", "0"):
            return False
        return "HTTP_ORIGIN" not in environ or self.cors.any
