"""Credentials and tenancy: anonymous is 401, a token without insights:read gets
INSUFFICIENT_SCOPE on each metrics field only, another organization's ids are NOT_FOUND or
FORBIDDEN and never its data (seeds/buffer-post-metrics.txt "Required OAuth scope"; SDL)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.buffer.conftest import Gql

POST = """
query Post($id: PostId!) {
  post(input: {id: $id}) { id status text channel { id } metrics { type value } metricsUpdatedAt }
}
"""
POSTS = """
query Posts($o: OrganizationId!) {
  posts(input: {organizationId: $o, filter: {status: [sent]}}, first: 3) {
    edges { node { id metrics { type } } }
  }
}
"""
AGGREGATE = """
query Aggregate($o: OrganizationId!, $c: [ChannelId!]) {
  aggregatedPostMetrics(input: {organizationId: $o, startDateTime: "2026-01-01T00:00:00Z",
                                endDateTime: "2026-06-30T23:59:59Z", channelIds: $c}) {
    metrics { type value } metricsUpdatedAt
  }
}
"""
CHANNELS = "query($o: OrganizationId!) { channels(input: {organizationId: $o}) { id } }"
CHANNEL = "query($c: ChannelId!) { channel(input: {id: $c}) { id name } }"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no header"),
        pytest.param({"Authorization": "Bearer buffer_pk_unknown"}, id="unknown token"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="another scheme"),
    ],
)
def test_a_request_without_a_known_token_is_401_unauthenticated(
    app: Flask, headers: dict[str, str]
) -> None:
    response = app.test_client().post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_both_kinds_of_token_read_posts(gql: Gql, org: dict[str, Any]) -> None:
    for token in (org["token"], org["token_without_insights"]):
        result = gql(POST, {"id": org["posts"][0]}, token=token)
        assert result.data["post"]["id"] == org["posts"][0]


def test_without_insights_a_post_keeps_its_fields_and_loses_only_metrics(
    gql: Gql, org: dict[str, Any]
) -> None:
    result = gql(POST, {"id": org["posts"][0]}, token=org["token_without_insights"])
    post = result.data["post"]
    assert post["metrics"] is None and post["text"] and post["channel"]["id"]
    assert post["metricsUpdatedAt"] == "2026-11-01T00:00:00Z"
    assert result.codes == ["INSUFFICIENT_SCOPE"]
    assert result.errors[0]["path"] == ["post", "metrics"]


def test_without_insights_each_metrics_field_of_a_page_errors(
    gql: Gql, org: dict[str, Any]
) -> None:
    result = gql(POSTS, {"o": org["id"]}, token=org["token_without_insights"])
    assert result.codes == ["INSUFFICIENT_SCOPE"] * 3
    assert [e["path"] for e in result.errors] == [
        ["posts", "edges", i, "node", "metrics"] for i in range(3)
    ]
    assert all(edge["node"]["metrics"] is None for edge in result.data["posts"]["edges"])


def test_without_insights_the_aggregate_is_null_with_an_error_on_its_metrics(
    gql: Gql, org: dict[str, Any]
) -> None:
    result = gql(AGGREGATE, {"o": org["id"]}, token=org["token_without_insights"])
    assert result.data is None
    assert result.codes == ["INSUFFICIENT_SCOPE"]
    assert result.errors[0]["path"] == ["aggregatedPostMetrics", "metrics"]


# --- another organization --------------------------------------------------------------


def test_another_organizations_post_is_not_found(
    gql: Gql, org: dict[str, Any], other_org: dict[str, Any]
) -> None:
    result = gql(POST, {"id": other_org["posts"][0]}, token=org["token"])
    assert result.codes == ["NOT_FOUND"] and result.data is None


def test_another_organizations_channel_is_not_found(
    gql: Gql, org: dict[str, Any], other_org: dict[str, Any]
) -> None:
    result = gql(CHANNEL, {"c": other_org["channels"][0]["id"]}, token=org["token"])
    assert result.codes == ["NOT_FOUND"] and result.data is None


@pytest.mark.parametrize(
    "query", [CHANNELS, POSTS, AGGREGATE], ids=["channels", "posts", "aggregate"]
)
def test_another_organization_is_forbidden(
    gql: Gql, org: dict[str, Any], other_org: dict[str, Any], query: str
) -> None:
    result = gql(query, {"o": other_org["id"]}, token=org["token"])
    assert result.codes == ["FORBIDDEN"] and result.data is None
    assert other_org["id"] in result.errors[0]["message"]


def test_another_organizations_channel_in_a_filter_is_not_found(
    gql: Gql, org: dict[str, Any], other_org: dict[str, Any]
) -> None:
    foreign = [other_org["channels"][0]["id"]]
    result = gql(AGGREGATE, {"o": org["id"], "c": foreign}, token=org["token"])
    assert result.codes == ["NOT_FOUND"] and result.data is None
    query = "query($o: OrganizationId!, $c: [ChannelId!]) { posts(input: {organizationId: $o," \
        " filter: {channelIds: $c}}) { edges { node { id } } } }"  # fmt: skip
    assert gql(query, {"o": org["id"], "c": foreign}, token=org["token"]).codes == ["NOT_FOUND"]


def test_another_organizations_tags_never_match(gql: Gql, org: dict[str, Any], app: Flask) -> None:
    world = app.extensions["metrics_mock"].world.buffer
    foreign_tag = next(t.id for t in world.tags if t.org == 1)
    query = "query($o: OrganizationId!, $t: [TagId!]!) { posts(input: {organizationId: $o," \
        " filter: {tags: {in: $t}}}) { edges { node { id } } } }"  # fmt: skip
    result = gql(query, {"o": org["id"], "t": [foreign_tag]}, token=org["token"])
    assert result.data["posts"]["edges"] == []
