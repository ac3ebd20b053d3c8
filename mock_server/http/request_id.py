"""Deterministic request ids.

A request id is a digest of the request itself (method, path, sorted query, auth header),
so that identical requests get identical bytes back in any process and any order: the
project's determinism rule holds for whole responses, ids included.
"""

from __future__ import annotations

import hashlib

from werkzeug.wrappers import Request


def request_id_for(request: Request) -> str:
    """``req_`` followed by 24 hex digits derived from the request's content."""
    query = sorted(request.args.items(multi=True))
    material = "\n".join(
        [request.method, request.path, repr(query), request.headers.get("Authorization", "")]
    )
    return "req_" + hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:24]
