"""Buffer metric normalisation, intersection and aggregation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.domain.buffer_metrics import (
    BASELINE,
    DEPRECATED,
    DEPRECATION_REASONS,
    METRIC_DESCRIPTIONS,
    METRIC_NAMES,
    NETWORK_METRICS,
    NETWORK_RAW_NAMES,
    POST_METRIC_TYPES,
    SERVICES,
    UNITS,
    PostMetric,
    aggregate_metrics,
    aggregate_types,
    intersection_types,
    normalise,
    post_metrics,
)

# --- the catalogue respects the seed ----------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "services"),
    [
        ("saves", {"instagram", "pinterest"}),
        ("follows", {"instagram"}),
        ("quotes", {"threads"}),
        ("viewers", {"linkedin"}),
        ("totalTimeWatched", {"linkedin"}),
        ("likes", {"facebook"}),
        ("postCount", set()),
    ],
)
def test_network_only_types_appear_only_on_their_networks(metric: str, services: set[str]) -> None:
    assert {s for s, types in NETWORK_METRICS.items() if metric in types} == services


def test_engagement_rate_is_reported_exactly_where_impressions_are() -> None:
    for types in NETWORK_METRICS.values():
        assert ("engagementRate" in types) == ("impressions" in types)


def test_every_service_has_a_table_row_and_raw_names_that_land_on_it() -> None:
    assert tuple(NETWORK_METRICS) == SERVICES
    assert tuple(NETWORK_RAW_NAMES) == SERVICES
    for service, renames in NETWORK_RAW_NAMES.items():
        assert set(renames.values()) <= set(NETWORK_METRICS[service])


def test_every_live_type_has_a_name_a_description_and_a_unit() -> None:
    for catalogue in (METRIC_NAMES, METRIC_DESCRIPTIONS, UNITS):
        assert tuple(catalogue) == POST_METRIC_TYPES
    assert {t for t, unit in UNITS.items() if unit == "percentage"} == {"engagementRate"}


def test_the_seven_deprecated_values_are_never_live_and_name_their_replacement() -> None:
    assert len(DEPRECATED) == 7 and not set(DEPRECATED) & set(POST_METRIC_TYPES)
    assert tuple(DEPRECATION_REASONS) == tuple(DEPRECATED)
    for value, replacement in DEPRECATED.items():
        assert replacement is None or replacement in POST_METRIC_TYPES
        assert (replacement or "No replacement") in DEPRECATION_REASONS[value]


# --- normalise --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "raw", "expected"),
    [
        ("twitter", {"likes": 5, "retweets": 2, "replies": 1},
         {"reactions": 5, "comments": 1, "reposts": 2}),
        ("mastodon", {"favourites": 4, "reblogs": 3, "replies": 2},
         {"reactions": 4, "comments": 2, "reposts": 3}),
        ("threads", {"likes": 9, "replies": 8, "reposts": 7, "quotes": 1},
         {"reactions": 9, "comments": 8, "reposts": 7, "quotes": 1}),
        # Facebook keeps likes as the Like sub-count beside all reactions
        ("facebook", {"reactions": 10, "likes": 6}, {"reactions": 10, "likes": 6}),
        ("instagram", {"likes": 30, "comments": 10, "saved": 4, "impressions": 1000},
         {"reactions": 30, "comments": 10, "impressions": 1000, "engagementRate": 4.0,
          "saves": 4}),
        # no impressions yet: engagementRate is absent, not 0
        ("linkedin", {"likes": 3, "impressions": 0}, {"reactions": 3, "impressions": 0}),
        ("googlebusiness", {}, {}),
    ],
)  # fmt: skip
def test_normalise_maps_network_fields_onto_post_metric_types(
    service: str, raw: dict[str, float], expected: dict[str, float]
) -> None:
    result = normalise(service, raw)
    assert result == expected
    assert list(result) == [t for t in POST_METRIC_TYPES if t in result]


@pytest.mark.parametrize(
    ("service", "raw"),
    [
        ("myspace", {}),
        ("twitter", {"saves": 1}),  # not reported by the network
        ("twitter", {"likes": 1, "favorites": 1}),  # two fields for reactions
        ("linkedin", {"engagementRate": 3.0}),  # computed, never raw
        ("instagram", {"postCount": 1}),  # aggregate only
    ],
)
def test_normalise_rejects_what_the_network_cannot_report(
    service: str, raw: dict[str, float]
) -> None:
    with pytest.raises(ValueError):
        normalise(service, raw)


# --- intersection and aggregate types ---------------------------------------------------


@pytest.mark.parametrize(
    ("services", "expected"),
    [
        ([], ("postCount", "reactions", "comments")),
        (["linkedin"], ("postCount", "reactions", "comments", "shares", "reach", "impressions",
                        "clicks", "engagementRate", "viewers", "totalTimeWatched")),
        (["instagram", "pinterest"], ("postCount", "reactions", "comments", "impressions",
                                      "engagementRate", "saves")),
        (["pinterest", "instagram", "instagram"], ("postCount", "reactions", "comments",
                                                   "impressions", "engagementRate", "saves")),
        (["instagram", "mastodon"], ("postCount", "reactions", "comments")),
        (["googlebusiness", "startPage"], ("postCount", "reactions", "comments", "views",
                                           "clicks")),
    ],
)  # fmt: skip
def test_aggregate_types_are_the_baseline_plus_the_intersection(
    services: list[str], expected: tuple[str, ...]
) -> None:
    assert aggregate_types(services) == expected


def test_no_services_have_no_intersection() -> None:
    assert intersection_types([]) == ()


service_sets = st.lists(st.sampled_from(SERVICES), min_size=1, max_size=6)


@settings(deadline=None)
@given(service_sets, st.sampled_from(SERVICES))
def test_adding_a_channel_to_a_filter_never_adds_a_type(services: list[str], extra: str) -> None:
    types = aggregate_types(services)
    assert types[: len(BASELINE)] == BASELINE and len(set(types)) == len(types)
    assert set(aggregate_types([*services, extra])) <= set(types) | set(BASELINE)
    assert aggregate_types(reversed(services)) == types
    extras = [POST_METRIC_TYPES.index(t) for t in types[len(BASELINE) :]]
    assert extras == sorted(extras)


# --- aggregate values -------------------------------------------------------------------


def test_aggregates_sum_counts_and_recompute_the_rate_from_sums() -> None:
    posts = [
        normalise("linkedin", {"likes": 10, "comments": 0, "impressions": 100}),
        normalise("linkedin", {"likes": 1, "impressions": 1}),
    ]
    mean_of_rates = sum(p["engagementRate"] for p in posts) / len(posts)
    result = aggregate_metrics(["linkedin"], posts)
    assert result["postCount"] == 2 and result["reactions"] == 11 and result["comments"] == 0
    assert result["engagementRate"] == 10.89 != mean_of_rates  # 11/101, not (10 + 100) / 2
    assert list(result) == [t for t in aggregate_types(["linkedin"]) if t in result]


def test_aggregates_over_mixed_networks_keep_only_the_intersection() -> None:
    posts = [
        normalise("instagram", {"likes": 3, "saved": 2}),
        normalise("mastodon", {"reblogs": 1}),
    ]
    assert aggregate_metrics(["instagram", "mastodon"], posts) == {
        "postCount": 2.0,
        "reactions": 3.0,
        "comments": 0.0,
    }


def test_aggregates_with_no_posts_are_zero_baseline_without_a_rate() -> None:
    assert aggregate_metrics(["twitter"], []) == {
        "postCount": 0.0,
        "reactions": 0.0,
        "comments": 0.0,
        "reposts": 0.0,
        "impressions": 0.0,
        "clicks": 0.0,
    }


def test_post_metrics_render_name_description_and_unit_in_canonical_order() -> None:
    rendered = post_metrics({"engagementRate": 4.0, "reactions": 30})
    assert [m.type for m in rendered] == ["reactions", "engagementRate"]
    assert rendered[1] == PostMetric(
        "engagementRate", "Engagement Rate", METRIC_DESCRIPTIONS["engagementRate"], 4.0,
        "percentage",
    )  # fmt: skip


def test_deprecated_types_are_never_emitted() -> None:
    with pytest.raises(ValueError, match="favorites"):
        post_metrics({"favorites": 1.0})
