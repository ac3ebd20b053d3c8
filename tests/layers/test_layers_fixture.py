"""The answers written in fixtures/layers_small.yaml, asked through the HTTP API.

Window 2026-10-05 .. 2026-10-15 (day) unless a test says otherwise; every number below is
derived by hand in the fixture's comment block.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.layers.conftest import SMALL_PROJECT, SMALL_TOKEN, Get, metrics_url

WINDOW = {"since": "2026-10-05T00:00:00Z", "until": "2026-10-15T00:00:00Z"}


def ask(app: Flask, get: Get, scope: str, entity: str, *metrics: str, **params: str) -> Any:
    response = get(
        app, metrics_url(SMALL_PROJECT, scope, entity, *metrics, **(WINDOW | params)), SMALL_TOKEN
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def by_bucket(body: dict[str, Any], metric: str) -> dict[str, Any]:
    return {entry["bucket"]: entry[metric] for entry in body["series"]}


def test_project_totals_are_the_sums_of_its_five_posts(small_app: Flask, get: Get) -> None:
    body = ask(small_app, get, "project", SMALL_PROJECT)
    assert body["totals"] == {
        "views": 8500,
        "engagement_rate": 0.0794,  # 675 / 8500
        "posts_published": 5,
        "post_count": 5,
    }


def test_engagement_rate_is_weighted_not_the_mean_of_post_rates(small_app: Flask, get: Get) -> None:
    body = ask(
        small_app,
        get,
        "project",
        SMALL_PROJECT,
        "likes",
        "comments",
        "shares",
        "saves",
        "views",
        "engagement_rate",
    )
    totals = body["totals"]
    assert (totals["likes"], totals["comments"], totals["shares"], totals["saves"]) == (
        523,
        46,
        59,
        47,
    )
    assert totals["engagement_rate"] == round(675 / 8500, 4) == 0.0794
    mean_of_rates = (60 / 1000 + 5 / 10 + 100 / 2000 + 500 / 5000 + 10 / 490) / 5
    assert round(mean_of_rates, 4) == 0.1461 != totals["engagement_rate"]


def test_project_day_series_has_ten_buckets_with_posts_on_four_days(
    small_app: Flask, get: Get
) -> None:
    body = ask(small_app, get, "project", SMALL_PROJECT)
    views, rates = by_bucket(body, "views"), by_bucket(body, "engagement_rate")
    assert len(body["series"]) == 10
    assert {day: v for day, v in views.items() if v} == {
        "2026-10-05": 1000,
        "2026-10-08": 10,
        "2026-10-12": 7000,  # pp_fixture-4 at 23:59:59 is still the 12th
        "2026-10-13": 490,  # pp_fixture-5 at 00:00:00 is the 13th
    }
    assert (rates["2026-10-05"], rates["2026-10-08"], rates["2026-10-12"], rates["2026-10-13"]) == (
        0.06,
        0.5,
        0.0857,
        0.0204,
    )
    assert rates["2026-10-06"] == 0.0 and views["2026-10-06"] == 0


def test_watch_time_counts_only_reels_and_tiktok(small_app: Flask, get: Get) -> None:
    body = ask(small_app, get, "project", SMALL_PROJECT, "watch_time_ms")
    assert body["totals"]["watch_time_ms"] == 6_000_000 + 40_000_000 + 2_450_000
    static = ask(small_app, get, "platform_post", "pp_fixture-3", "watch_time_ms")
    assert static["totals"]["watch_time_ms"] == 0  # an Instagram carousel


def test_layers_split_the_project_and_add_up_to_it(small_app: Flask, get: Get) -> None:
    social = ask(small_app, get, "project_layer", "lay_fixture-social")["totals"]
    ugc = ask(small_app, get, "project_layer", "lay_fixture-ugc")["totals"]
    assert social == {
        "views": 3000,
        "engagement_rate": 0.0533,
        "posts_published": 2,
        "post_count": 2,
    }
    assert ugc == {"views": 5500, "engagement_rate": 0.0936, "posts_published": 3, "post_count": 3}
    assert social["views"] + ugc["views"] == 8500


def test_either_sibling_credential_reads_the_whole_reconnected_account(
    small_app: Flask, get: Get
) -> None:
    old = ask(small_app, get, "social_account", "sa_fixture-ig-old")
    new = ask(small_app, get, "social_account", "sa_fixture-ig-new")
    assert old["totals"] == new["totals"]
    assert old["series"] == new["series"]
    assert old["totals"]["views"] == 1000 + 10 + 2000 + 490
    assert old["totals"]["posts_published"] == 4


def test_followers_are_end_of_bucket_levels_and_delta_the_change_within(
    small_app: Flask, get: Get
) -> None:
    body = ask(small_app, get, "social_account", "sa_fixture-ig-old", "followers", "follower_delta")
    followers, delta = by_bucket(body, "followers"), by_bucket(body, "follower_delta")
    assert list(followers.values()) == [5100] * 6 + [5150, 5300, 5300, 5300]
    assert list(delta.values()) == [0] * 6 + [50, 150, 0, 0]
    assert body["totals"] == {"followers": 5300, "follower_delta": 200, "post_count": 4}


def test_project_followers_add_the_instagram_and_tiktok_accounts(
    small_app: Flask, get: Get
) -> None:
    body = ask(small_app, get, "project", SMALL_PROJECT, "followers", "follower_delta")
    assert body["totals"]["followers"] == 5300 + 20000
    assert body["totals"]["follower_delta"] == 200  # TikTok's one level carries back: no change


def test_week_buckets_start_on_monday_and_the_last_is_clipped(small_app: Flask, get: Get) -> None:
    body = ask(
        small_app, get, "project", SMALL_PROJECT, "views", "posts_published", granularity="week"
    )
    assert body["series"] == [
        {"bucket": "2026-10-05", "views": 1010, "posts_published": 2},
        {"bucket": "2026-10-12", "views": 7490, "posts_published": 3},
    ]


def test_since_is_inclusive_and_until_exclusive_to_the_microsecond(
    small_app: Flask, get: Get
) -> None:
    body = ask(
        small_app,
        get,
        "project",
        SMALL_PROJECT,
        "views",
        since="2026-10-12T23:59:59.500000Z",
        until="2026-10-13T00:00:00.500000Z",
        granularity="hour",
    )
    assert body["window"] == {
        "since": "2026-10-12T23:59:59.500000Z",
        "until": "2026-10-13T00:00:00.500000Z",
        "granularity": "hour",
    }
    assert body["series"] == [
        {"bucket": "2026-10-12T23:00:00Z", "views": 0},
        {"bucket": "2026-10-13T00:00:00Z", "views": 490},
    ]


def test_a_platform_post_lands_in_the_bucket_of_its_publish_moment(
    small_app: Flask, get: Get
) -> None:
    body = ask(small_app, get, "platform_post", "pp_fixture-4")
    assert body["totals"] == {
        "views": 5000,
        "likes": 400,
        "comments": 30,
        "shares": 50,
        "saves": 20,
        "engagement_rate": 0.1,
        "post_count": 1,
    }
    busy = [entry["bucket"] for entry in body["series"] if entry["views"]]
    assert busy == ["2026-10-12"]


def test_organization_scope_covers_the_fixture_organization(small_app: Flask, get: Get) -> None:
    body = ask(small_app, get, "organization", "org_fixture-small")
    assert body["totals"] == {"views": 8500, "posts_published": 5, "post_count": 5}


def test_the_fixture_extends_the_generated_world_and_keeps_other_vendors(small_app: Flask) -> None:
    catalog = small_app.test_client().get("/_mock/catalog").get_json()
    orgs = catalog["layers"]["organizations"]
    assert [o["id"] for o in orgs][-1] == "org_fixture-small" and len(orgs) == 4
    assert orgs[-1]["projects"][0]["reconnected_social_accounts"] == [
        ["sa_fixture-ig-old", "sa_fixture-ig-new"]
    ]
    assert catalog["later"]["clients"] and catalog["buffer"]["organizations"]


def test_the_fixture_token_without_metrics_scope_is_403(small_app: Flask, get: Get) -> None:
    url = metrics_url(SMALL_PROJECT, "project", SMALL_PROJECT)
    assert get(small_app, url, "lp_fixture-small-limited").status_code == 403
