"""How a vendor plugs into the app: its URL prefixes, its error envelope, its headers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import Response
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.rate_limit import RatePolicy


def _unchanged(response: Response) -> Response:
    return response


def _unmetered(request: Request) -> RatePolicy | None:
    return None


def _no_headers(request: Request) -> list[tuple[str, str]]:
    return []


HotAnswer = Callable[[Request], str | bytes]
"""The JSON of a 200 answer to a request, as text or UTF-8 bytes (raises :class:`ApiError`
for anything else)."""


@dataclass(frozen=True)
class VendorMount:
    """A mounted vendor. ``render_error`` turns an :class:`ApiError` into its envelope;
    ``finish`` adds the headers every one of its responses carries (error or not).

    ``error_statuses`` is the vendor's kind -> HTTP status table (which faults it can be
    asked for with ``Prefer: code=``), narrowed per operationId by ``documented_statuses``
    when the spec lists them; ``rate_policy`` says which bucket a request is
    counted in when rate limits are on (None: not counted, e.g. no known token).

    ``hot_routes`` (Flask endpoint -> :data:`HotAnswer`) are the routes the WSGI fast path
    (http/fast_path.py) may answer without Flask; ``hot_headers`` are the headers ``finish``
    adds to each of their answers, in order.
    """

    name: str
    prefixes: tuple[str, ...]
    render_error: Callable[[ApiError], Response]
    finish: Callable[[Response], Response] = _unchanged
    error_statuses: Mapping[ErrorKind, int] = field(default_factory=dict, hash=False)
    documented_statuses: Mapping[str, frozenset[int]] = field(default_factory=dict, hash=False)
    rate_policy: Callable[[Request], RatePolicy | None] = _unmetered
    hot_routes: Mapping[str, HotAnswer] = field(default_factory=dict, hash=False)
    hot_headers: Callable[[Request], list[tuple[str, str]]] = _no_headers

    def owns(self, path: str) -> bool:
        """Whether a request path belongs to this vendor."""
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)
