"""fixtures/later_small.yaml: a hand-checkable world; the answers in its comment block,
computed through the HTTP API. Bad fixture entries are FixtureErrors naming file, entry and
problem."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mock_server.world.fixtures import FixtureError

SMALL = Path(__file__).parents[2] / "fixtures" / "later_small.yaml"
Q1 = "startDate=2026-01-01&endDate=2026-03-31"
SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture(scope="module")
def small(make_app: Callable[..., Flask]) -> Flask:
    return make_app(fixtures=(SMALL,), vendors=("later",))


@pytest.fixture
def fetch(small: Flask, spec_check: SpecCheck) -> Callable[..., Any]:
    client = small.test_client()

    def get(path: str, token: str = "later_small_client_a") -> Any:
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        spec_check("later", path, response)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return get


def test_the_catalog_lists_only_the_fixture_clients(small: Flask) -> None:
    catalog = small.test_client().get("/_mock/catalog").get_json()["later"]
    assert catalog == {
        "clients": [
            {
                "token": "later_small_client_a",
                "instanceIds": ["instance_small_shop", "instance_small_cafe"],
            },
            {"token": "later_small_client_b", "instanceIds": ["instance_small_other"]},
        ],
        "campaignIds": [101, 102, 201, 301],
    }


def test_each_post_shows_its_totals_and_ratios(fetch: Callable[..., Any]) -> None:
    body = fetch(f"/v2/posts/performance?{Q1}&sortDirection=ASC")
    posts = {p["postId"]: p for p in body["data"]}
    assert list(posts) == [1, 2, 3, 4]  # post 5 belongs to client b
    one = posts[1]
    assert (one["engagements"], one["impressions"], one["engagementRate"]) == (6000, 100000, 6.0)
    assert (one["cpe"], one["cpm"]) == (0.2, 12.0)
    assert (one["paidEngagements"], one["paidEngagementRate"]) == (1000, 2.5)
    assert (one["paidCpe"], one["paidCpm"]) == (2.0, 50.0)
    assert one["trackingLinksConversionValue"] == 1500 and "affiliateLinksRoi" not in one
    two = posts[2]
    assert (two["engagements"], two["engagementRate"], two["cpe"], two["cpm"]) == (
        1000,
        5.0,
        0.4,
        20.0,
    )
    assert two["paidEngagements"] is None and two["paidCpm"] is None
    assert posts[3]["affiliateLinksRoi"] == 0.53
    four = posts[4]
    assert four["engagements"] == 0 and four["engagementRate"] is None and four["cpe"] is None


def test_a_post_names_its_creator_profile_on_the_posts_network(fetch: Callable[..., Any]) -> None:
    body = fetch(f"/v2/posts/performance?{Q1}&sortDirection=ASC&pageSize=1")
    assert body["data"][0]["creatorProfile"] == {
        "contentType": "instagram_reel",
        "fullName": "Ada Lovelace",
        "handleName": "ada.lovelace",
        "profileImage": "https://cdn.later-mock.example/profiles/501_instagram.jpg",
        "profileLink": "https://instagram.com/ada.lovelace",
    }
    assert body["data"][0]["postDate"] == "2026-01-05T14:30:00.000Z"


def test_the_summary_matches_the_hand_computed_answers(fetch: Callable[..., Any]) -> None:
    names = (
        "engagements,impressions,engagementRate,postsCount,reach,views,estimatedValueGenerated,"
        "estimatedContentCost,campaignsCost,returnOnInvestment,cpe,cpm,paidEngagements,"
        "paidImpressions,paidEngagementRate,paidPostsCount,paidViews,paidAdSpend,"
        "paidReturnOnAdSpend,paidCpe,paidCpm,trackingLinksClicks,trackingLinksConversions,"
        "trackingLinksConversionValue,affiliateLinksClicks,affiliateLinksConversions,"
        "affiliateLinksSales"
    )
    body = fetch(f"/v2/instances/performance?{Q1}&metrics={names}")
    assert body == {
        "data": {
            "metrics": {
                "engagements": 10000, "impressions": 170000, "engagementRate": 5.88,
                "postsCount": 4, "reach": 135000, "views": 210000,
                "estimatedValueGenerated": 35000, "estimatedContentCost": 3000,
                "campaignsCost": 3100, "returnOnInvestment": 11.29, "cpe": 0.31, "cpm": 18.24,
                "paidEngagements": 1000, "paidImpressions": 40000, "paidEngagementRate": 2.5,
                "paidPostsCount": 1, "paidViews": 30000, "paidAdSpend": 2000,
                "paidReturnOnAdSpend": 3.5, "paidCpe": 2.0, "paidCpm": 50.0,
                "trackingLinksClicks": 300, "trackingLinksConversions": 15,
                "trackingLinksConversionValue": 1500, "affiliateLinksClicks": 200,
                "affiliateLinksConversions": 10, "affiliateLinksSales": 800,
            }
        },
        "nextCursor": None,
    }  # fmt: skip


def test_views_are_null_when_only_static_posts_are_selected(fetch: Callable[..., Any]) -> None:
    body = fetch(f"/v2/instances/performance?{Q1}&contentType=instagram_post&metrics=views,reach")
    assert body["data"]["metrics"] == {"reach": 15000, "views": None}


def test_the_monthly_buckets_match_the_hand_computed_answers(fetch: Callable[..., Any]) -> None:
    data = fetch(f"/v2/instances/performance-over-time?{Q1}")["data"]
    assert [(b["startDate"], b["endDate"]) for b in data] == [
        ("2026-01-01", "2026-01-31"), ("2026-02-01", "2026-02-28"), ("2026-03-01", "2026-03-31"),
    ]  # fmt: skip
    jan, feb, mar = (b["metrics"] for b in data)
    assert (jan["likes"], jan["comments"], jan["shares"], jan["clicks"]) == (5900, 360, 220, 520)
    assert (jan["engagements"], jan["impressions"], jan["engagementRate"]) == (7000, 120000, 5.83)
    assert (jan["cpe"], jan["cpm"], jan["paidLikes"], jan["paidEngagements"]) == (
        0.23,
        13.33,
        800,
        1000,
    )
    assert (feb["engagements"], feb["impressions"], feb["paidLikes"]) == (3000, 50000, None)
    assert (mar["engagements"], mar["engagementRate"]) == (0, None)


def test_client_b_sees_only_its_post(fetch: Callable[..., Any]) -> None:
    body = fetch(f"/v2/posts/performance?{Q1}", token="later_small_client_b")
    assert [p["postId"] for p in body["data"]] == [5]


# --- bad fixtures ----------------------------------------------------------------------

GOOD_CLIENT = "clients: [{token: later_fixture_t1, instanceIds: [inst_a]}]\n"
GOOD_CAMPAIGN = "campaigns: [{campaignId: 7, instanceId: inst_a, name: C}]\n"
POST = "{postId: 1, campaignId: 7, contentType: tiktok, postDate: '2026-01-05T00:00:00Z'"


@pytest.mark.parametrize(
    ("section", "entry", "problem"),
    [
        ("nonsense: []\n", "later.nonsense", "unknown table"),
        ("clients: [{token: short, instanceIds: [inst_a]}]\n", "later.clients[0]", "token"),
        (
            "clients: [{token: later_fixture_t1, instanceIds: ['bad id']}]\n",
            "later.clients[0]",
            "instanceIds",
        ),
        (
            GOOD_CLIENT + "campaigns: [{campaignId: 7, instanceId: inst_zz, name: C}]\n",
            "later.campaigns[0]",
            "bound to no client",
        ),
        (
            GOOD_CLIENT + "campaigns: [{campaignId: x, instanceId: inst_a, name: C}]\n",
            "later.campaigns[0]",
            "'campaignId' must be int",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, contentType: vine}}]\n",
            "later.posts[0]",
            "'contentType' must be one of",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, campaignId: 8}}]\n",
            "later.posts[0]",
            "campaignId 8 is not a known campaign",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, postDate: '2027-01-01T00:00:00Z'}}]\n",
            "later.posts[0]",
            "not before the clock",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, postDate: 'Jan 5'}}]\n",
            "later.posts[0]",
            "postDate",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, likes: -1}}]\n",
            "later.posts[0]",
            "'likes' must be between 0",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, lieks: 3}}]\n",
            "later.posts[0]",
            "unknown field(s) lieks",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, crosspostedFacebookOnlyViews: 3}}]\n",
            "later.posts[0]",
            "instagram_reel posts only",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}, creatorId: 99}}]\n",
            "later.posts[0]",
            "creatorId 99 is not a known creator",
        ),
        (
            GOOD_CLIENT + GOOD_CAMPAIGN + f"posts: [{POST}}}, {POST}}}]\n",
            "later.posts[1]",
            "postId 1 is already used",
        ),
    ],
)
def test_a_bad_entry_names_file_entry_and_problem(
    tmp_path: Path, make_app: Callable[..., Flask], section: str, entry: str, problem: str
) -> None:
    body = "mode: replace\nlater:\n" + "".join(f"  {line}\n" for line in section.splitlines())
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(FixtureError) as caught:
        make_app(fixtures=(path,), vendors=("later",))
    assert caught.value.source == str(path)
    assert caught.value.entry == entry
    assert problem in caught.value.problem


def test_extend_mode_adds_a_client_to_the_generated_world(
    tmp_path: Path, make_app: Callable[..., Flask]
) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "later:\n  " + GOOD_CLIENT + "  " + GOOD_CAMPAIGN + f"  posts: [{POST}, likes: 1234}}]\n",
        encoding="utf-8",
    )
    app = make_app(fixtures=(path,), vendors=("later",))
    catalog = app.test_client().get("/_mock/catalog").get_json()["later"]
    assert len(catalog["clients"]) == 4 and 7 in catalog["campaignIds"]
    response = app.test_client().get(
        "/v2/posts/performance?startDate=2026-01-01&endDate=2026-01-31",
        headers={"Authorization": "Bearer later_fixture_t1"},
    )
    assert [(p["postId"], p["engagements"]) for p in response.get_json()["data"]] == [(1, 1234)]


def test_an_exported_world_loaded_as_a_fixture_answers_the_same(
    tmp_path: Path, app: Flask, make_app: Callable[..., Flask]
) -> None:
    world = app.extensions["metrics_mock"].world.later
    tables = dict(world.export_tables())
    section = {k: list(tables[k]) for k in ("clients", "instances", "campaigns", "creators")}
    section["posts"] = list(tables["posts"])
    path = tmp_path / "exported.yaml"
    path.write_text(json.dumps({"mode": "replace", "later": section}), encoding="utf-8")
    rebuilt = make_app(fixtures=(path,), vendors=("later",))
    token = world.clients[1].token
    for query in (
        "/v2/posts/performance?startDate=2025-01-01&endDate=2025-06-30&sortProperty=cpm",
        "/v2/instances/performance-over-time?startDate=2025-01-01&endDate=2026-10-31"
        "&dateBasis=performance_date&granularity=week",
        "/v2/instances/performance?startDate=2025-01-01&endDate=2026-10-31"
        "&metrics=engagements,reach,paidCpm,affiliateLinksSales,postsCount",
    ):
        headers = {"Authorization": f"Bearer {token}"}
        expected = app.test_client().get(query, headers=headers)
        got = rebuilt.test_client().get(query, headers=headers)
        assert got.status_code == expected.status_code == 200
        assert got.get_data() == expected.get_data()
