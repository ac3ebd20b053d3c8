"""Request ids are digests of the request (http/request_id.py), remembered once worked out.

The id depends on the method, the path, the query's items in sorted order and the
Authorization header; the memo is keyed by the raw query string, so two spellings of one
query share an id while any change of what the id covers gives another.
"""

from __future__ import annotations

import hashlib

from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from mock_server.http import request_id
from mock_server.http.request_id import request_id_for


def _request(query: str, auth: str = "Bearer lp_a") -> Request:
    builder = EnvironBuilder(path="/v1/whoami", query_string=query, headers={"Authorization": auth})
    return Request(builder.get_environ())


def test_the_id_is_the_documented_digest() -> None:
    material = "\n".join(["GET", "/v1/whoami", repr([("a", "1"), ("b", "2")]), "Bearer lp_a"])
    expected = "req_" + hashlib.sha256(material.encode()).hexdigest()[:24]
    assert request_id_for(_request("b=2&a=1")) == expected


def test_spellings_of_one_query_share_an_id_and_changes_do_not() -> None:
    first = request_id_for(_request("a=1&b=2"))
    assert request_id_for(_request("b=2&a=1")) == first
    assert request_id_for(_request("a=1&b=2")) == first
    assert request_id_for(_request("a=1&b=3")) != first
    assert request_id_for(_request("a=1&b=2", auth="Bearer lp_b")) != first


def test_the_memo_is_bounded() -> None:
    request_id._issued.clear()
    for i in range(request_id._issued.limit + 5):
        request_id_for(_request(f"n={i}"))
    assert len(request_id._issued) <= request_id._issued.limit
