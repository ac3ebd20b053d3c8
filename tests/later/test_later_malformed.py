"""No input, however malformed, makes a Later endpoint answer 500: bad dates, huge pages,
unknown enums, junk in arrays, repeated scalars, unicode. Each answer is a problem document
that validates against specs/openapi/later.yaml."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

POSTS = "/v2/posts/performance"
OVER_TIME = "/v2/instances/performance-over-time"
SUMMARY = "/v2/instances/performance"
RANGE = "startDate=2026-01-01&endDate=2026-03-31"
SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture
def call(client: FlaskClient, spec_check: SpecCheck, catalog: dict[str, Any]) -> Callable[..., Any]:
    token = catalog["later"]["clients"][0]["token"]

    def get(path: str) -> Any:
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        spec_check("later", path, response)
        return response

    return get


# --- nothing is a 500 ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "startDate=2026-13-01&endDate=2026-01-31",
        "startDate=2026-02-30&endDate=2026-03-01",
        "startDate=26-01-01&endDate=2026-01-31",
        "startDate=２０２６-01-01&endDate=2026-01-31",
        "startDate=0001-01-01&endDate=0002-12-30",
        "startDate=9998-01-01&endDate=9999-12-31",
        "startDate=9999-12-31&endDate=9999-12-31",
        "startDate=0001-01-01&endDate=0001-01-01",
        f"{RANGE}&pageSize=100000000000000000000",
        f"{RANGE}&pageNumber=-1",
        f"{RANGE}&pageNumber=500&pageSize=100",
        f"{RANGE}&pageSize=1.5",
        f"{RANGE}&sortDirection=desc",
        f"{RANGE}&dateBasis=publish_date",
        f"{RANGE}&granularity=hour",
        f"{RANGE}&instanceIds=a,,b",
        f"{RANGE}&instanceIds=",
        f"{RANGE}&instanceIds=%00",
        f"{RANGE}&instanceIds=ünïcødé",
        f"{RANGE}&campaignIds=abc",
        f"{RANGE}&campaignIds=0",
        f"{RANGE}&campaignIds=-5",
        f"{RANGE}&campaignIds=99999999999999999999999",
        f"{RANGE}&campaignIds[]=",
        f"{RANGE}&contentType=tiktok&contentType=",
        f"{RANGE}&platform=Instagram",
        f"{RANGE}&startDate=2026-01-02",
        f"{RANGE}&dateBasis=post_date&dateBasis=performance_date",
        f"{RANGE}&metrics=engagements&metrics=engagements",
        f"{RANGE}&metrics=%F0%9F%98%80",
        f"{RANGE}&unknown=1",
        "startDate=&endDate=",
        "",
    ],
)
@pytest.mark.parametrize("endpoint", [POSTS, OVER_TIME, SUMMARY])
def test_malformed_input_is_a_problem_never_a_500(
    call: Callable[..., Any], endpoint: str, query: str
) -> None:
    response = call(f"{endpoint}?{query}")
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
        body = response.get_json(force=True)
        assert body["status"] == response.status_code and body["detail"]
