"""Deterministic request ids.

A request id is a digest of the request itself (method, path, sorted query, auth header),
so that identical requests get identical bytes back in any process and any order: the
project's determinism rule holds for whole responses, ids included.
"""

from __future__ import annotations

import hashlib

from werkzeug.wrappers import Request

from mock_server.http.memo import Memo

_issued: Memo[tuple[str, str, str, str], str] = Memo()


def request_id_for(request: Request) -> str:
    """``req_`` followed by 24 hex digits derived from the request's content.

    The id is a function of (method, path, raw query string, Authorization), so one worked
    out is remembered under those (bounded: cleared when full).
    """
    auth = request.headers.get("Authorization", "")
    key = (request.method, request.path, request.environ.get("QUERY_STRING", ""), auth)
    found = _issued.get(key)
    return found if found is not None else _issued.remember(key, _digest(request, auth))


def _digest(request: Request, auth: str) -> str:
    query = sorted(request.args.items(multi=True))
    material = "\n".join([request.method, request.path, repr(query), auth])
    return "req_" + hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:24]
