"""The spec gate remembers requests that passed, and nothing else (http/openapi_gate.py).

openapi-core's verdict depends on the method, host, path, query string and the headers the
spec names; a request equal in all of those gets the remembered result (a copy), a request
that differs in any of them is validated afresh, and a refused request is refused every time.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError
from mock_server.http.openapi_gate import OpenApiGate
from mock_server.specs import OPENAPI_SPECS

OVER_TIME = "/v2/instances/performance-over-time"
QUERY = "startDate=2026-01-01&endDate=2026-03-31&granularity=month&instanceIds=a,b"


def _request(query: str = QUERY, auth: str | None = "Bearer t") -> Request:
    headers = {"Authorization": auth} if auth is not None else {}
    builder = EnvironBuilder(path=OVER_TIME, query_string=query, headers=headers)
    return Request(builder.get_environ())


@pytest.fixture
def gate() -> OpenApiGate:
    return OpenApiGate(OPENAPI_SPECS["later"], split_commas=True)


class Counting:
    def __init__(self, inner: object) -> None:
        self.inner, self.calls = inner, 0

    def unmarshal(self, request: object) -> object:
        self.calls += 1
        return self.inner.unmarshal(request)  # type: ignore[attr-defined]


def test_a_passed_request_is_validated_once(gate: OpenApiGate) -> None:
    counting = Counting(gate.unmarshaller)
    gate.unmarshaller = counting  # type: ignore[assignment]
    first = gate.check(_request(), "getInstancesPerformanceOverTime")
    again = gate.check(_request(), "getInstancesPerformanceOverTime")
    assert counting.calls == 1
    assert first == again
    assert first.query["instanceIds"] == ["a", "b"]


def test_what_openapi_core_reads_is_in_the_key(gate: OpenApiGate) -> None:
    counting = Counting(gate.unmarshaller)
    gate.unmarshaller = counting  # type: ignore[assignment]
    gate.check(_request(), "x")
    gate.check(_request(QUERY + "&pageSize=5"), "x")
    gate.check(_request(auth="Bearer other"), "x")
    assert counting.calls == 3


def test_holders_cannot_change_the_remembered_result(gate: OpenApiGate) -> None:
    first = gate.check(_request(), "x")
    first.query["instanceIds"].append("zzz")  # type: ignore[attr-defined]
    assert gate.check(_request(), "x").query["instanceIds"] == ["a", "b"]


def test_a_refused_request_is_refused_every_time(gate: OpenApiGate) -> None:
    for _ in range(2):
        with pytest.raises(ApiError, match="granularity"):
            gate.check(_request(QUERY.replace("month", "fortnight")), "x")
    for _ in range(2):
        with pytest.raises(ApiError, match="Authorization"):
            gate.check(_request(auth=None), "x")
    assert not gate.passed


def test_a_shared_result_is_the_remembered_one_and_a_copy_is_not(gate: OpenApiGate) -> None:
    endpoint = "getInstancesPerformanceOverTime"
    shared = gate.check(_request(), endpoint, shared=True)
    assert gate.check(_request(), endpoint, shared=True) is shared
    copy = gate.check(_request(), endpoint)
    assert copy == shared and copy is not shared
    copy.query["instanceIds"].append("c")  # a holder may change its copy
    assert gate.check(_request(), endpoint, shared=True).query["instanceIds"] == ["a", "b"]


def test_the_hot_path_leaves_the_remembered_results_as_they_were(client: FlaskClient) -> None:
    """The fast path's bodies read the shared results: the same request answered again by
    it, and then by Flask (``Prefer`` leaves the fast path; Flask's copy), gives the same
    bytes. A body that changed a shared list would change the later answers."""
    catalog = client.get("/_mock/catalog").get_json()
    later = catalog["later"]["clients"][0]
    headers = {"Authorization": f"Bearer {later['token']}"}
    ids = ",".join(later["instanceIds"])
    for query in (
        f"/v2/instances/performance-over-time?startDate=2026-01-01&endDate=2026-06-30"
        f"&granularity=month&instanceIds={ids}&contentType=instagram_post,tiktok",
        f"/v2/posts/performance?startDate=2026-01-01&endDate=2026-06-30&instanceIds={ids}",
        f"/v2/instances/performance?startDate=2026-01-01&endDate=2026-06-30&instanceIds={ids}"
        "&metrics=impressions,engagementRate",
    ):
        answers = [client.get(query, headers=headers) for _ in range(3)]
        answers.append(client.get(query, headers={**headers, "Prefer": "code=200"}))
        assert {a.status_code for a in answers} == {200}
        assert len({a.data for a in answers}) == 1, query
