"""``aggregatedPostMetrics``: baseline trio, cross-network intersection, [] vs null, the
365-day cap, freshness, engagementRate from sums, and totals equal to the posts summed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mock_server.domain.buffer_metrics import aggregate_metrics, intersection_types
from tests.buffer.conftest import Gql

All = Callable[..., list[dict[str, Any]]]
AGGREGATE = """
query Aggregate($input: AggregatedPostMetricsInput!) {
  aggregatedPostMetrics(input: $input) {
    metrics { type name description value unit } metricsUpdatedAt
  }
}
"""
YEAR = {"startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-10-31T23:59:59Z"}


def ask(gql: Gql, org: dict[str, Any], **changes: Any) -> Any:
    variables = {"input": {"organizationId": org["id"], **YEAR, **changes}}
    return gql(AGGREGATE, variables, token=org["token"])


def values(result: Any) -> dict[str, float]:
    assert not result.errors, result.errors
    return {m["type"]: m["value"] for m in result.data["aggregatedPostMetrics"]["metrics"]}


def channels_of(org: dict[str, Any], *services: str) -> list[str]:
    return [c["id"] for c in org["channels"] if c["service"] in services]


# --- which types come back -------------------------------------------------------------


def test_every_channel_of_a_mixed_organization_gives_the_baseline_trio_only(
    gql: Gql, org: dict[str, Any]
) -> None:
    assert list(values(ask(gql, org))) == ["reactions", "comments", "postCount"]


@pytest.mark.parametrize(
    "services",
    [
        pytest.param(("linkedin",), id="linkedin alone"),
        pytest.param(("instagram", "facebook"), id="instagram+facebook"),
        pytest.param(("instagram", "twitter"), id="instagram+twitter"),
        pytest.param(("twitter", "threads", "mastodon"), id="three reposting networks"),
        pytest.param(("facebook", "tiktok"), id="facebook+tiktok"),
    ],
)
def test_other_types_are_the_intersection_of_the_selected_networks(
    gql: Gql, org: dict[str, Any], services: tuple[str, ...]
) -> None:
    got = values(ask(gql, org, channelIds=channels_of(org, *services)))
    expected = {"reactions", "comments", "postCount", *intersection_types(services)}
    assert set(got) == expected


def test_a_single_network_surfaces_its_richer_metrics(gql: Gql, org: dict[str, Any]) -> None:
    got = values(ask(gql, org, channelIds=channels_of(org, "instagram")))
    assert {"saves", "follows", "impressions", "engagementRate"} <= set(got)


def test_entries_follow_the_enum_order_with_names_and_units(gql: Gql, org: dict[str, Any]) -> None:
    result = ask(gql, org, channelIds=channels_of(org, "linkedin"))
    metrics = result.data["aggregatedPostMetrics"]["metrics"]
    assert [m["type"] for m in metrics][-1] == "postCount"
    rate = next(m for m in metrics if m["type"] == "engagementRate")
    assert (rate["name"], rate["unit"]) == ("Engagement Rate", "percentage")
    assert all(m["description"] for m in metrics)


def test_null_channel_ids_means_every_channel_and_empty_means_none(
    gql: Gql, org: dict[str, Any]
) -> None:
    everything = values(ask(gql, org, channelIds=None))
    assert everything == values(ask(gql, org))
    assert everything["postCount"] > 0
    nothing = ask(gql, org, channelIds=[])
    assert values(nothing) == {"reactions": 0, "comments": 0, "postCount": 0}
    assert nothing.data["aggregatedPostMetrics"]["metricsUpdatedAt"] is None


def test_metrics_updated_at_is_the_latest_ingestion_or_null_when_nothing_matched(
    gql: Gql, org: dict[str, Any]
) -> None:
    fresh = ask(gql, org).data["aggregatedPostMetrics"]["metricsUpdatedAt"]
    assert fresh == "2026-11-01T00:00:00Z"
    empty = ask(gql, org, startDateTime="2020-01-01T00:00:00Z", endDateTime="2020-02-01T00:00:00Z")
    assert values(empty)["postCount"] == 0
    assert empty.data["aggregatedPostMetrics"]["metricsUpdatedAt"] is None


# --- the window ------------------------------------------------------------------------


def test_a_window_of_exactly_365_days_is_accepted(gql: Gql, org: dict[str, Any]) -> None:
    window = {"startDateTime": "2025-11-01T00:00:00Z", "endDateTime": "2026-11-01T00:00:00Z"}
    assert values(ask(gql, org, **window))["postCount"] > 0


def test_a_window_one_second_longer_than_365_days_is_rejected(
    gql: Gql, org: dict[str, Any]
) -> None:
    window = {"startDateTime": "2025-11-01T00:00:00Z", "endDateTime": "2026-11-01T00:00:01Z"}
    result = ask(gql, org, **window)
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.errors[0]["message"] == "Date range cannot exceed 365 days."
    assert result.data is None


def test_a_window_ending_before_it_starts_is_rejected(gql: Gql, org: dict[str, Any]) -> None:
    result = ask(gql, org, startDateTime="2026-02-01T00:00:00Z", endDateTime="2026-01-01T00:00:00Z")
    assert result.errors[0]["message"] == "endDateTime must not be before startDateTime."


def test_a_date_time_without_offset_is_a_validation_error(gql: Gql, org: dict[str, Any]) -> None:
    result = ask(gql, org, startDateTime="2026-01-01T00:00:00")
    assert result.codes == ["BAD_USER_INPUT"] and "offset" in result.errors[0]["message"]


# --- one world: aggregates agree with the posts ----------------------------------------


@pytest.mark.parametrize(
    "services",
    [("linkedin",), ("instagram", "twitter"), ("instagram", "facebook", "twitter", "linkedin",
     "threads", "tiktok", "pinterest", "mastodon")],
)  # fmt: skip
def test_totals_equal_the_sums_over_the_same_posts_read_through_posts(
    gql: Gql, all_posts: All, org: dict[str, Any], services: tuple[str, ...]
) -> None:
    chosen = channels_of(org, *services)
    window = {"startDateTime": "2026-02-01T00:00:00Z", "endDateTime": "2026-09-30T23:59:59Z"}
    aggregate = values(ask(gql, org, channelIds=chosen, **window))
    flt = {"channelIds": chosen, "status": ["sent"]}
    posts = all_posts({"organizationId": org["id"], "filter": flt}, token=org["token"])
    matched = [p for p in posts if window["startDateTime"] <= p["sentAt"] <= window["endDateTime"]]
    per_post = [{m["type"]: m["value"] for m in p["metrics"]} for p in matched]
    assert aggregate["postCount"] == len(matched) > 0
    for kind, total in aggregate.items():
        if kind not in ("postCount", "engagementRate"):
            assert total == pytest.approx(sum(p.get(kind, 0) for p in per_post), abs=0.005), kind
    if "engagementRate" in aggregate:
        # Recomputed from the sums in the same list (a type outside the intersection counts
        # 0), never the mean of the posts' own rates.
        parts = sum(aggregate.get(k, 0) for k in ("reactions", "comments", "shares", "reposts"))
        assert aggregate["engagementRate"] == round(100 * parts / aggregate["impressions"], 2)
        rates = [p["engagementRate"] for p in per_post if "engagementRate" in p]
        assert aggregate["engagementRate"] != round(sum(rates) / len(rates), 2), "not averaged"
    services = [c["service"] for c in org["channels"] if c["id"] in chosen]
    assert aggregate == pytest.approx(aggregate_metrics(services, per_post)), "the domain agrees"


def test_a_tag_filter_narrows_the_aggregate_like_the_posts(
    gql: Gql, all_posts: All, org: dict[str, Any]
) -> None:
    posts = all_posts({"organizationId": org["id"], "filter": {"status": ["sent"]}},
                      token=org["token"])  # fmt: skip
    tag = next(t["id"] for p in posts for t in p["tags"])
    tagged = [p for p in posts if tag in [t["id"] for t in p["tags"]]
              and YEAR["startDateTime"] <= p["sentAt"] <= YEAR["endDateTime"]]  # fmt: skip
    got = values(ask(gql, org, tags={"in": [tag]}))
    assert got["postCount"] == len(tagged)
    assert got["reactions"] == sum(m["value"] for p in tagged for m in p["metrics"]
                                   if m["type"] == "reactions")  # fmt: skip
