"""The endpoint itself: hostile queries refused before execution, transport mistakes
answered in the GraphQL error shape (never a 500 or a traceback), GraphiQL on GET, and the
seven deprecated metric types present in the schema but never emitted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from mock_server.domain.buffer_metrics import DEPRECATED
from tests.buffer.conftest import Gql, check_shape

All = Callable[..., list[dict[str, Any]]]


def nested(field: str, depth: int, leaf: str) -> str:
    return f"{field} {{ " * depth + leaf + " }" * depth


def full_page(org_id: str, alias: str) -> str:
    return (
        f'{alias}: posts(input: {{organizationId: "{org_id}"}}, first: 100) {{ edges {{ node {{ '
        "id status text createdAt updatedAt dueAt sentAt externalLink channelId channelService "
        "channel { id name displayName service avatar organizationId isLocked timezone } "
        "tags { id name color } metrics { type name description value unit } "
        "metricsUpdatedAt } cursor } pageInfo { endCursor hasNextPage } }"
    )


# --- hostile queries -------------------------------------------------------------------


def test_a_query_deeper_than_25_is_refused_before_execution(gql: Gql, org: dict[str, Any]) -> None:
    query = '{ __type(name: "Post") { ' + nested("ofType", 24, "name") + " } }"  # 1 + 24 + 1
    result = gql(query, token=org["token"])
    assert "data" not in result.body
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert result.errors[0]["message"] == "Query depth 26 exceeds the maximum depth of 25."


def test_a_query_of_depth_25_runs(gql: Gql, org: dict[str, Any]) -> None:
    query = '{ __type(name: "Post") { ' + nested("ofType", 23, "name") + " } }"  # 1 + 23 + 1
    assert gql(query, token=org["token"]).errors == []


def test_fragments_count_towards_depth(gql: Gql, org: dict[str, Any]) -> None:
    query = ('{ __type(name: "Post") { ...Deep } } fragment Deep on __Type { '
             + nested("ofType", 25, "name") + " }")  # fmt: skip
    assert gql(query, token=org["token"]).codes == ["GRAPHQL_VALIDATION_FAILED"]


def test_more_than_30_aliases_are_refused(gql: Gql, org: dict[str, Any]) -> None:
    ok = "{ " + " ".join(f"a{i}: __typename" for i in range(30)) + " }"
    assert gql(ok, token=org["token"]).errors == []
    result = gql("{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }", token=org["token"])
    assert result.errors[0]["message"] == "Query uses 31 aliases; at most 30 are allowed."
    assert "data" not in result.body


def test_a_query_above_the_cost_limit_is_refused(gql: Gql, org: dict[str, Any]) -> None:
    one_page = "{ " + full_page(org["id"], "a") + " }"
    assert gql(one_page, token=org["token"]).errors == []
    four_pages = "{ " + " ".join(full_page(org["id"], f"p{i}") for i in range(4)) + " }"
    result = gql(four_pages, token=org["token"])
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"] and "data" not in result.body
    assert "exceeds the maximum cost of 10000" in result.errors[0]["message"]


def test_the_cost_limit_reads_first_from_variables(gql: Gql, org: dict[str, Any]) -> None:
    query = ("query($n: Int) { " + " ".join(
        f'p{i}: posts(input: {{organizationId: "{org["id"]}"}}, first: $n) '
        "{ edges { node { id text status createdAt updatedAt dueAt sentAt channelId "
        "channelService externalLink metricsUpdatedAt tags { id name color } "
        "channel { id name service } } cursor } }" for i in range(5)) + " }")  # fmt: skip
    assert gql(query, {"n": 20}, token=org["token"]).errors == []
    assert gql(query, {"n": 100}, token=org["token"]).codes == ["GRAPHQL_VALIDATION_FAILED"]


def test_a_huge_document_is_refused_by_the_parser(gql: Gql, org: dict[str, Any]) -> None:
    query = "{ " + " ".join(["__typename"] * 6000) + " }"
    assert gql(query, token=org["token"]).codes == ["GRAPHQL_PARSE_FAILED"]


# --- transport -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        pytest.param("{not json", "application/json", 400, "BAD_REQUEST", id="malformed JSON"),
        pytest.param("[1, 2]", "application/json", 400, "BAD_REQUEST", id="a JSON array"),
        pytest.param('{"query": 5}', "application/json", 400, "BAD_REQUEST", id="query not text"),
        pytest.param('{"query": "{ __typename }", "variables": [1]}', "application/json", 400,
                     "BAD_REQUEST", id="variables not an object"),
        pytest.param('{"query": "{ __typename }"}', "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE",
                     id="wrong content type"),
        pytest.param("query=%7B__typename%7D", "application/x-www-form-urlencoded", 415,
                     "UNSUPPORTED_MEDIA_TYPE", id="a form"),
        pytest.param(b"\xff\xfe", "application/json", 400, "BAD_REQUEST", id="not UTF-8"),
    ],
)  # fmt: skip
def test_a_bad_request_body_gets_a_graphql_error(
    app: Flask, org: dict[str, Any], body: str | bytes, content_type: str, status: int, code: str
) -> None:
    response = app.test_client().post(
        "/graphql", data=body, content_type=content_type,
        headers={"Authorization": f"Bearer {org['token']}"},
    )  # fmt: skip
    check_shape(response.status_code, response.get_json())
    assert (response.status_code, response.get_json()["errors"][0]["extensions"]["code"]) == (
        status, code,
    )  # fmt: skip


def test_a_query_sent_with_get_is_refused(app: Flask) -> None:
    response = app.test_client().get("/graphql?query=%7B__typename%7D")
    assert response.status_code == 400
    assert "POST" in response.get_json()["errors"][0]["message"]


def test_get_serves_the_graphiql_explorer(app: Flask) -> None:
    response = app.test_client().get("/graphql")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "graphiql" in response.get_data(as_text=True).lower()


def test_another_method_is_405_with_allow(app: Flask) -> None:
    response = app.test_client().delete("/graphql")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        pytest.param("{ post(input: {id: 5}) { id } }", None, "BAD_USER_INPUT", id="int id"),
        pytest.param("query($n: Int) { posts(input: {organizationId: \"x\"}, first: $n) "
                     "{ edges { cursor } } }", {"n": "ten"}, "BAD_USER_INPUT", id="string Int"),
        pytest.param("{ post(input: {id: \"x\"}) { likes } }", None, "GRAPHQL_VALIDATION_FAILED",
                     id="unknown field"),
        pytest.param("{ post(input: {id: \"x\"}) { id ", None, "GRAPHQL_PARSE_FAILED",
                     id="syntax"),
        pytest.param("mutation { post }", None, "GRAPHQL_VALIDATION_FAILED", id="no mutations"),
    ],
)  # fmt: skip
def test_a_query_the_schema_refuses_gets_a_coded_error_with_http_200(
    gql: Gql, org: dict[str, Any], query: str, variables: dict[str, Any] | None, code: str
) -> None:
    result = gql(query, variables, token=org["token"])
    assert result.status == 200 and result.codes[0] == code


def test_tracebacks_appear_only_in_debug_mode(
    make_app: Callable[..., Flask], org: dict[str, Any]
) -> None:
    query = {"query": '{ post(input: {id: "nope"}) { id } }'}
    headers = {"Authorization": f"Bearer {org['token']}"}
    debug = make_app(debug=True).test_client().post("/graphql", json=query, headers=headers)
    assert debug.get_json()["errors"][0]["extensions"]["exception"]["stacktrace"]
    plain = make_app().test_client().post("/graphql", json=query, headers=headers)
    assert "exception" not in plain.get_json()["errors"][0]["extensions"]


# --- deprecated metric types -----------------------------------------------------------

ENUM = '{ __type(name: "PostMetricType") { enumValues(includeDeprecated: true) ' \
    "{ name isDeprecated deprecationReason } } }"  # fmt: skip


def test_the_seven_deprecated_types_exist_and_are_marked(gql: Gql, org: dict[str, Any]) -> None:
    values = gql(ENUM, token=org["token"]).data["__type"]["enumValues"]
    deprecated = {v["name"] for v in values if v["isDeprecated"]}
    assert deprecated == set(DEPRECATED) and len(deprecated) == 7
    assert all(v["deprecationReason"] for v in values if v["isDeprecated"])


CHANNEL_AGGREGATE = """
query($o: OrganizationId!, $c: [ChannelId!]) {
  aggregatedPostMetrics(input: {organizationId: $o, startDateTime: "2026-01-01T00:00:00Z",
                                endDateTime: "2026-10-31T00:00:00Z", channelIds: $c}) {
    metrics { type }
  }
}
"""


def test_deprecated_types_are_never_emitted(
    gql: Gql, all_posts: All, org: dict[str, Any], other_org: dict[str, Any]
) -> None:
    emitted: set[str] = set()
    for tenant in (org, other_org):
        posts = all_posts({"organizationId": tenant["id"]}, token=tenant["token"])
        emitted |= {m["type"] for p in posts for m in p["metrics"] or ()}
        for channel in tenant["channels"]:
            query = CHANNEL_AGGREGATE
            result = gql(query, {"o": tenant["id"], "c": [channel["id"]]}, token=tenant["token"])
            emitted |= {m["type"] for m in result.data["aggregatedPostMetrics"]["metrics"]}
    assert len(emitted) >= 15
    assert emitted.isdisjoint(DEPRECATED)


def test_a_bug_in_a_resolver_is_unexpected_without_details(
    app: Flask, org: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("mock_server.vendors.buffer.resolvers.post_metric_list", broken)
    query = {"query": f'{{ post(input: {{id: "{org["posts"][0]}"}}) {{ id metrics {{ type }} }} }}'}
    response = app.test_client().post(
        "/graphql", json=query, headers={"Authorization": f"Bearer {org['token']}"}
    )
    error = response.get_json()["errors"][0]
    assert response.status_code == 200 and error["extensions"] == {"code": "UNEXPECTED"}
    assert "secret" not in error["message"] and error["path"] == ["post", "metrics"]
    assert response.get_json()["data"]["post"]["id"] == org["posts"][0]
