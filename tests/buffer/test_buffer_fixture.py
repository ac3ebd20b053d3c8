"""The answers written in fixtures/buffer_small.yaml, asked through POST /graphql.

Every number below is derived by hand in the fixture's comment block (window Q1 2026).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask

from tests.buffer.conftest import (
    C1,
    C2,
    C3,
    C4,
    EVERGREEN,
    LAUNCH,
    Q1,
    SMALL_FIXTURE,
    SMALL_ORG,
    SMALL_TOKEN,
    Gql,
)

AGGREGATE = """
query Aggregate($input: AggregatedPostMetricsInput!) {
  aggregatedPostMetrics(input: $input) { metrics { type value unit } metricsUpdatedAt }
}
"""
POST = """
query Post($id: PostId!) {
  post(input: {id: $id}) { id status metrics { type value unit } metricsUpdatedAt }
}
"""


def aggregate(gql: Gql, app: Flask, **extra: Any) -> tuple[dict[str, float], str | None]:
    variables = {"input": {"organizationId": SMALL_ORG, **Q1, **extra}}
    result = gql(AGGREGATE, variables, token=SMALL_TOKEN, app=app)
    assert not result.errors, result.errors
    body = result.data["aggregatedPostMetrics"]
    return {m["type"]: m["value"] for m in body["metrics"]}, body["metricsUpdatedAt"]


def post_metrics(gql: Gql, app: Flask, post_id: str) -> dict[str, Any]:
    result = gql(POST, {"id": post_id}, token=SMALL_TOKEN, app=app)
    assert not result.errors, result.errors
    post: dict[str, Any] = result.data["post"]
    return post


# --- aggregates ------------------------------------------------------------------------


def test_all_channels_of_three_networks_give_only_the_baseline_trio(
    gql: Gql, small_app: Flask
) -> None:
    values, fresh = aggregate(gql, small_app)
    assert values == {"reactions": 172, "comments": 38, "postCount": 4}
    assert fresh == "2026-11-01T00:00:00Z"


def test_two_linkedin_channels_give_every_linkedin_type(gql: Gql, small_app: Flask) -> None:
    values, _ = aggregate(gql, small_app, channelIds=[C1, C2])
    assert values == {
        "reactions": 60, "comments": 15, "shares": 10, "reach": 2300, "impressions": 3000,
        "clicks": 40, "engagementRate": 2.83, "viewers": 300, "totalTimeWatched": 125.5,
        "postCount": 2,
    }  # fmt: skip


def test_linkedin_and_instagram_give_their_intersection(gql: Gql, small_app: Flask) -> None:
    values, _ = aggregate(gql, small_app, channelIds=[C1, C3])
    assert values == {
        "reactions": 140, "comments": 30, "shares": 15, "reach": 3800, "impressions": 5000,
        "engagementRate": 3.7, "postCount": 2,
    }  # fmt: skip


def test_a_tag_filter_keeps_posts_carrying_any_listed_tag(gql: Gql, small_app: Flask) -> None:
    values, _ = aggregate(gql, small_app, tags={"in": [LAUNCH]})
    assert values == {"reactions": 140, "comments": 30, "postCount": 2}


def test_is_empty_keeps_untagged_posts(gql: Gql, small_app: Flask) -> None:
    values, _ = aggregate(gql, small_app, tags={"in": [], "isEmpty": True})
    assert values == {"reactions": 20, "comments": 5, "postCount": 1}


def test_an_empty_channel_list_gives_zeros_and_no_freshness(gql: Gql, small_app: Flask) -> None:
    values, fresh = aggregate(gql, small_app, channelIds=[])
    assert values == {"reactions": 0, "comments": 0, "postCount": 0}
    assert fresh is None


def test_both_window_bounds_are_inclusive(gql: Gql, small_app: Flask) -> None:
    instant = "2026-03-10T09:00:00Z"  # P2's sentAt
    variables = {"startDateTime": instant, "endDateTime": instant}
    values, _ = aggregate(gql, small_app, **variables)
    assert values == {"reactions": 20, "comments": 5, "postCount": 1}


def test_a_window_with_an_offset_is_read_in_utc(gql: Gql, small_app: Flask) -> None:
    # 2026-03-10T11:00:00+02:00 is P2's sentAt, 09:00 UTC.
    instant = "2026-03-10T11:00:00+02:00"
    values, _ = aggregate(gql, small_app, startDateTime=instant, endDateTime=instant)
    assert values["postCount"] == 1


# --- single posts ----------------------------------------------------------------------


def test_a_post_lists_only_what_its_network_reported_plus_its_engagement_rate(
    gql: Gql, small_app: Flask
) -> None:
    post = post_metrics(gql, small_app, "fa0000000000000000000b01")
    assert [(m["type"], m["value"]) for m in post["metrics"]] == [
        ("reactions", 40), ("comments", 10), ("shares", 5), ("reach", 800),
        ("impressions", 1000), ("clicks", 30), ("engagementRate", 5.5),
    ]  # fmt: skip
    assert post["metrics"][-1]["unit"] == "percentage"


def test_a_mastodon_post_has_no_impressions_so_no_engagement_rate(
    gql: Gql, small_app: Flask
) -> None:
    post = post_metrics(gql, small_app, "fa0000000000000000000b04")
    assert [m["type"] for m in post["metrics"]] == ["reactions", "comments", "reposts"]


@pytest.mark.parametrize(
    ("post_id", "status"),
    [("fa0000000000000000000b06", "scheduled"), ("fa0000000000000000000b07", "draft")],
)
def test_a_post_that_is_not_sent_has_null_metrics(
    gql: Gql, small_app: Flask, post_id: str, status: str
) -> None:
    post = post_metrics(gql, small_app, post_id)
    assert (post["status"], post["metrics"], post["metricsUpdatedAt"]) == (status, None, None)


def test_a_post_sent_today_waits_for_the_next_midnight_ingestion(
    gql: Gql, make_app: Callable[..., Flask]
) -> None:
    evening = make_app(fixtures=(SMALL_FIXTURE,), now=datetime(2026, 10, 31, 18, tzinfo=UTC))
    today = post_metrics(gql, evening, "fa0000000000000000000b08")
    assert (today["metrics"], today["metricsUpdatedAt"]) == ([], None)
    older = post_metrics(gql, evening, "fa0000000000000000000b01")
    assert older["metricsUpdatedAt"] == "2026-10-31T00:00:00Z"


def test_the_fixture_channels_come_back_ordered_by_name(gql: Gql, small_app: Flask) -> None:
    query = "query($o: OrganizationId!) { channels(input: {organizationId: $o}) { id name } }"
    result = gql(query, {"o": SMALL_ORG}, token=SMALL_TOKEN, app=small_app)
    assert [c["id"] for c in result.data["channels"]] == [C4, C2, C1, C3]


def test_a_post_carries_its_fixture_tags_and_text(gql: Gql, small_app: Flask) -> None:
    query = 'query { post(input: {id: "fa0000000000000000000b03"}) { tags { id name color } } }'
    result = gql(query, token=SMALL_TOKEN, app=small_app)
    assert result.data["post"]["tags"] == [
        {"id": LAUNCH, "name": "Launch", "color": "#ff5733"},
        {"id": EVERGREEN, "name": "Evergreen", "color": "#2e8b57"},
    ]
