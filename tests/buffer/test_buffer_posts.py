"""``post`` and ``posts``: metrics present only when reported, freshness, Relay paging with
stable opaque cursors, filters and sorting (SDL Query.posts, PostsFiltersInput)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from mock_server.domain.buffer_metrics import NETWORK_METRICS
from tests.buffer.conftest import POSTS_PAGE, Gql

All = Callable[..., list[dict[str, Any]]]
PAGE = """
query Page($input: PostsInput!, $first: Int, $after: String) {
  posts(input: $input, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { startCursor endCursor hasPreviousPage hasNextPage }
  }
}
"""


def page(gql: Gql, org: dict[str, Any], first: Any = None, after: Any = None,
         **input_changes: Any) -> Any:  # fmt: skip
    variables = {"input": {"organizationId": org["id"], **input_changes}, "first": first,
                 "after": after}  # fmt: skip
    return gql(PAGE, variables, token=org["token"])


def ids(result: Any) -> list[str]:
    return [edge["node"]["id"] for edge in result.data["posts"]["edges"]]


# --- metrics on a post -----------------------------------------------------------------


def test_sent_posts_carry_only_types_their_network_reports_never_zero_padded(
    all_posts: All, org: dict[str, Any]
) -> None:
    sent = all_posts({"organizationId": org["id"], "filter": {"status": ["sent"]}},
                     token=org["token"])  # fmt: skip
    assert len(sent) > 100
    for post in sent:
        types = [m["type"] for m in post["metrics"]]
        assert set(types) <= set(NETWORK_METRICS[post["channelService"]])
        assert "postCount" not in types
    padded = {m["type"] for p in sent for m in p["metrics"]}
    assert "likes" in padded and "quotes" in padded, "network-only types do appear"


def test_posts_that_are_not_sent_have_null_metrics_and_no_freshness(
    all_posts: All, org: dict[str, Any]
) -> None:
    waiting = ["draft", "needs_approval", "scheduled", "sending", "error"]
    posts = all_posts({"organizationId": org["id"], "filter": {"status": waiting}},
                      token=org["token"])  # fmt: skip
    assert posts and all(p["metrics"] is None and p["metricsUpdatedAt"] is None for p in posts)
    assert all(p["sentAt"] is None for p in posts)


def test_metrics_first_appear_at_the_midnight_after_sending_then_refresh_daily(
    all_posts: All, make_app: Callable[..., Flask]
) -> None:
    # The world does not move with the clock (DOMAIN.md 5), so the clock can be set around a
    # real post P: just after the next post Q of the same day was sent (Q is then the latest,
    # still sending; P is sent and not yet ingested), then two days after the next midnight.
    base = make_app(scale="default")
    org = base.test_client().get("/_mock/catalog").get_json()["buffer"]["organizations"][0]
    october = {"start": "2026-10-01T00:00:00Z", "end": "2026-10-28T00:00:00Z"}
    query = {"organizationId": org["id"], "filter": {"status": ["sent"], "dueAt": october}}
    sent = sorted(all_posts(query, token=org["token"], app=base), key=lambda p: p["sentAt"])
    post, after = next(
        (p, q)
        for p, q in zip(sent, sent[1:], strict=False)
        if p["sentAt"][:10] == q["sentAt"][:10] and q["sentAt"][11:13] < "23"
    )
    moment = datetime.fromisoformat(after["sentAt"].replace("Z", "+00:00"))
    midnight = moment.replace(hour=0, minute=0, second=0) + timedelta(days=1)
    window = {"start": post["dueAt"], "end": post["dueAt"]}
    single = {"organizationId": org["id"], "filter": {"dueAt": window}}

    def seen_at(now: datetime) -> dict[str, Any]:
        found = all_posts(single, token=org["token"], app=make_app(scale="default", now=now))
        return next(p for p in found if p["id"] == post["id"])

    fresh = seen_at(moment + timedelta(minutes=5))
    assert fresh["status"] == "sent"
    assert fresh["metrics"] == [] and fresh["metricsUpdatedAt"] is None
    later = seen_at(midnight + timedelta(days=2, hours=3))
    refreshed = (midnight + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert later["metrics"] and later["metricsUpdatedAt"] == refreshed


# --- paging ----------------------------------------------------------------------------


def test_first_above_100_is_the_documented_error(gql: Gql, org: dict[str, Any]) -> None:
    result = page(gql, org, first=101)
    assert result.codes == ["BAD_USER_INPUT"]
    assert (
        result.errors[0]["message"] == "Pagination limit exceeded. Maximum 100 items per request."
    )
    assert result.data is None


def test_first_omitted_or_null_means_20(gql: Gql, org: dict[str, Any]) -> None:
    assert len(ids(page(gql, org))) == 20
    query = 'query($o: OrganizationId!) { posts(input: {organizationId: $o, filter: null, ' \
        'sort: null}, first: null, after: null) { edges { node { id } } } }'  # fmt: skip
    assert len(gql(query, {"o": org["id"]}, token=org["token"]).data["posts"]["edges"]) == 20


def test_first_zero_returns_no_edges_but_says_more_follow(gql: Gql, org: dict[str, Any]) -> None:
    posts = page(gql, org, first=0).data["posts"]
    assert posts["edges"] == [] and posts["pageInfo"]["hasNextPage"] is True
    assert posts["pageInfo"]["endCursor"] is None


def test_paging_visits_every_post_once_and_cursors_are_stable(
    gql: Gql, org: dict[str, Any], all_posts: All
) -> None:
    every = [p["id"] for p in all_posts({"organizationId": org["id"]}, token=org["token"])]
    assert len(every) == len(set(every)) > 300
    first_pages = [page(gql, org, first=7) for _ in range(2)]
    assert first_pages[0].raw == first_pages[1].raw
    after = first_pages[0].data["posts"]["pageInfo"]["endCursor"]
    assert ids(page(gql, org, first=7, after=after)) == every[7:14]
    assert first_pages[0].data["posts"]["pageInfo"]["hasPreviousPage"] is False


def test_a_cursor_from_another_query_or_invented_is_rejected(gql: Gql, org: dict[str, Any]) -> None:
    cursor = page(gql, org, first=3).data["posts"]["pageInfo"]["endCursor"]
    replayed = page(gql, org, first=3, after=cursor, filter={"status": ["sent"]})
    assert (
        replayed.codes == ["BAD_USER_INPUT"] and "different query" in replayed.errors[0]["message"]
    )
    assert page(gql, org, after="not-a-cursor").codes == ["BAD_USER_INPUT"]


def test_cursors_are_opaque(gql: Gql, org: dict[str, Any]) -> None:
    edges = page(gql, org, first=3).data["posts"]["edges"]
    assert all(edge["node"]["id"] not in edge["cursor"] for edge in edges)


# --- filters and sort ------------------------------------------------------------------


def test_channel_ids_null_means_all_and_empty_means_none(gql: Gql, org: dict[str, Any]) -> None:
    assert len(ids(page(gql, org, first=5, filter={"channelIds": None}))) == 5
    empty = page(gql, org, first=5, filter={"channelIds": []}).data["posts"]
    assert empty["edges"] == [] and empty["pageInfo"]["hasNextPage"] is False
    assert ids(page(gql, org, filter={"status": []})) == []


def test_channel_and_status_filters_and_together(all_posts: All, org: dict[str, Any]) -> None:
    channel = org["channels"][0]
    flt = {"channelIds": [channel["id"]], "status": ["sent", "error"]}
    posts = all_posts({"organizationId": org["id"], "filter": flt}, token=org["token"])
    assert posts and {p["channelId"] for p in posts} == {channel["id"]}
    assert {p["status"] for p in posts} <= {"sent", "error"}


def test_tag_filter_matches_any_listed_tag_or_untagged(all_posts: All, org: dict[str, Any]) -> None:
    everything = all_posts({"organizationId": org["id"]}, token=org["token"])
    tag = next(t["id"] for p in everything for t in p["tags"])
    flt = {"tags": {"in": [tag], "isEmpty": True}}
    matched = all_posts({"organizationId": org["id"], "filter": flt}, token=org["token"])
    expected = [p["id"] for p in everything if not p["tags"] or tag in [t["id"] for t in p["tags"]]]
    assert [p["id"] for p in matched] == expected


def test_a_due_range_never_matches_a_post_without_due_date(
    all_posts: All, org: dict[str, Any]
) -> None:
    flt = {"status": ["draft"], "dueAt": {"start": None, "end": None}}
    dated = all_posts({"organizationId": org["id"], "filter": flt}, token=org["token"])
    drafts = all_posts({"organizationId": org["id"], "filter": {"status": ["draft"]}},
                       token=org["token"])  # fmt: skip
    assert all(p["dueAt"] for p in dated) and len(dated) < len(drafts)


def test_created_range_bounds_are_inclusive(all_posts: All, org: dict[str, Any]) -> None:
    some = all_posts({"organizationId": org["id"]}, token=org["token"])[5]
    flt = {"createdAt": {"start": some["createdAt"], "end": some["createdAt"]}}
    hits = all_posts({"organizationId": org["id"], "filter": flt}, token=org["token"])
    assert some["id"] in [p["id"] for p in hits]


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_due_sort_puts_posts_without_due_date_last_and_breaks_ties_by_id(
    all_posts: All, org: dict[str, Any], direction: str
) -> None:
    sort = [{"field": "dueAt", "direction": direction}]
    posts = all_posts({"organizationId": org["id"], "sort": sort}, token=org["token"])
    dated = [p for p in posts if p["dueAt"]]
    assert posts[: len(dated)] == dated and all(p["dueAt"] is None for p in posts[len(dated) :])
    dues = [p["dueAt"] for p in dated]
    assert dues == sorted(dues, reverse=direction == "desc")
    for before, after in zip(posts, posts[1:], strict=False):
        if before["dueAt"] == after["dueAt"]:
            assert before["id"] < after["id"]


def test_default_order_is_newest_created_first(all_posts: All, org: dict[str, Any]) -> None:
    posts = all_posts({"organizationId": org["id"], "sort": []}, token=org["token"])
    created = [p["createdAt"] for p in posts]
    assert created == sorted(created, reverse=True)


def test_the_shared_page_query_is_valid(gql: Gql, org: dict[str, Any]) -> None:
    variables = {"input": {"organizationId": org["id"]}, "first": 1}
    assert not gql(POSTS_PAGE, variables, token=org["token"]).errors
