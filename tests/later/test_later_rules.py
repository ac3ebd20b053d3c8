"""Request rules of the three Later endpoints: auth, tenant isolation, filters, dates and
the problem documents (seeds/later-*.txt, DOMAIN.md sections 2 and 4, spec
x-problem-details). Every response is validated against specs/openapi/later.yaml."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

POSTS = "/v2/posts/performance"
OVER_TIME = "/v2/instances/performance-over-time"
SUMMARY = "/v2/instances/performance"
RANGE = "startDate=2026-01-01&endDate=2026-03-31"
ENDPOINTS = [POSTS, OVER_TIME, SUMMARY + "?metrics=engagements"]

SpecCheck = Callable[[str, str, Any], None]


def url(endpoint: str, query: str) -> str:
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


@pytest.fixture
def call(client: FlaskClient, spec_check: SpecCheck, catalog: dict[str, Any]) -> Callable[..., Any]:
    def get(path: str, token: str | None = None, raw_auth: str | None = None) -> Any:
        token = catalog["later"]["clients"][0]["token"] if token is None else token
        auth = raw_auth if raw_auth is not None else f"Bearer {token}"
        response = client.get(path, headers={"Authorization": auth} if auth else {})
        spec_check("later", path, response)
        return response

    return get


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert body["type"] == f"ANL_{status:05d}" and body["status"] == status
    assert body["instance"] == response.request.path
    return body


def client_of(catalog: dict[str, Any], n: int) -> dict[str, Any]:
    return dict(catalog["later"]["clients"][n])


# --- authentication and isolation ------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_authorization_header_is_a_401(call: Callable[..., Any], endpoint: str) -> None:
    body = problem(call(url(endpoint, RANGE), raw_auth=""), 401)
    assert "Bearer" in body["detail"]


@pytest.mark.parametrize("auth", ["Bearer ", "Basic abc", "Token abc"])
def test_a_malformed_authorization_header_is_a_401(call: Callable[..., Any], auth: str) -> None:
    problem(call(url(POSTS, RANGE), raw_auth=auth), 401)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_unknown_token_is_a_401(call: Callable[..., Any], endpoint: str) -> None:
    body = problem(call(url(endpoint, RANGE), token="later_not_a_token"), 401)
    assert body["detail"] == "The access token is invalid or expired."


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_instance_of_another_client_is_a_403_naming_it(
    call: Callable[..., Any], catalog: dict[str, Any], endpoint: str
) -> None:
    other = client_of(catalog, 1)["instanceIds"][0]
    mine = client_of(catalog, 0)["instanceIds"][0]
    body = problem(call(url(endpoint, f"{RANGE}&instanceIds={mine},{other}")), 403)
    assert body["detail"] == (
        f"Access denied to instanceId '{other}': it is not bound to this client."
    )


def test_an_instance_that_does_not_exist_is_also_a_403(call: Callable[..., Any]) -> None:
    problem(call(url(POSTS, f"{RANGE}&instanceIds=instance_xyz")), 403)


def test_a_client_sees_only_its_own_instances(
    call: Callable[..., Any], catalog: dict[str, Any]
) -> None:
    for n in range(3):
        me = client_of(catalog, n)
        body = call(url(POSTS, f"{RANGE}&pageSize=100"), token=me["token"]).get_json()
        assert body["data"], n
        assert {p["instanceId"] for p in body["data"]} <= set(me["instanceIds"])


def test_omitted_instance_ids_mean_all_of_the_clients_instances(
    call: Callable[..., Any], catalog: dict[str, Any]
) -> None:
    ids = ",".join(client_of(catalog, 0)["instanceIds"])
    query = f"{RANGE}&metrics=postsCount,engagements"
    everything = call(url(SUMMARY, query)).get_json()
    listed = call(url(SUMMARY, f"{query}&instanceIds={ids}")).get_json()
    assert everything == listed


# --- filters ---------------------------------------------------------------------------


def summary_count(call: Callable[..., Any], query: str) -> int:
    body = call(url(SUMMARY, f"{RANGE}&metrics=postsCount&{query}")).get_json()
    return int(body["data"]["metrics"]["postsCount"])


@pytest.mark.parametrize(
    "query",
    [
        "platform=instagram,tiktok",
        "platform=instagram&platform=tiktok",
        "platform[]=instagram&platform[]=tiktok",
        "platform[]=instagram&platform=tiktok",
    ],
)
def test_the_three_array_forms_mean_the_same(call: Callable[..., Any], query: str) -> None:
    expected = summary_count(
        call, "contentType=instagram_post,instagram_reel,instagram_story,tiktok"
    )
    assert summary_count(call, query) == expected > 0


def test_a_platform_means_all_of_its_content_types(call: Callable[..., Any]) -> None:
    types = ["facebook_post", "facebook_live", "facebook_group", "facebook_reel"]
    parts = sum(summary_count(call, f"contentType={t}") for t in types)
    assert summary_count(call, "platform=facebook") == parts


def test_twitter_has_no_content_type_so_it_matches_nothing(call: Callable[..., Any]) -> None:
    assert summary_count(call, "platform=twitter") == 0


def test_campaign_ids_narrow_and_unknown_ones_match_nothing(
    call: Callable[..., Any], catalog: dict[str, Any]
) -> None:
    body = call(url(POSTS, f"{RANGE}&pageSize=100")).get_json()
    campaign = body["data"][0]["campaignId"]
    narrowed = call(url(POSTS, f"{RANGE}&pageSize=100&campaignIds={campaign}")).get_json()
    assert {p["campaignId"] for p in narrowed["data"]} == {campaign}
    assert summary_count(call, "campaignIds=1") == 0


def test_platform_with_content_type_is_a_400_that_says_why(call: Callable[..., Any]) -> None:
    for endpoint in ENDPOINTS:
        body = problem(call(url(endpoint, f"{RANGE}&platform=instagram&contentType=tiktok")), 400)
        assert body["detail"] == (
            "platform and contentType cannot be combined; provide only one of the two."
        )


def test_the_vendors_own_request_example_is_refused_for_that_reason(
    call: Callable[..., Any],
) -> None:
    seed = (
        "startDate=2024-01-01&endDate=2024-12-31&campaignIds=49761&campaignIds=49802"
        "&platform=instagram&platform=tiktok&contentType=instagram_reel&contentType=tiktok"
        "&dateBasis=post_date&pageSize=50&pageNumber=1&sortProperty=impressions&sortDirection=DESC"
    )
    body = problem(call(url(POSTS, seed)), 400)
    assert "cannot be combined" in body["detail"]


def test_more_than_fifty_campaign_ids_use_the_vendors_text(call: Callable[..., Any]) -> None:
    ids = ",".join(str(i) for i in range(1, 52))
    for endpoint in ENDPOINTS:
        body = problem(call(url(endpoint, f"{RANGE}&campaignIds={ids}")), 400)
        assert body["detail"] == "Maximum of 50 campaignIds allowed."


def test_fifty_campaign_ids_are_fine(call: Callable[..., Any]) -> None:
    ids = "&".join(f"campaignIds[]={i}" for i in range(1, 51))
    assert call(url(POSTS, f"{RANGE}&{ids}")).status_code == 200


def test_an_unknown_sort_property_lists_the_valid_ones(call: Callable[..., Any]) -> None:
    body = problem(call(url(POSTS, f"{RANGE}&sortProperty=likes")), 400)
    assert body["detail"] == (
        "Invalid sortProperty 'likes' for /posts/performance. Valid values are: engagements, "
        "impressions, engagementRate, estimatedValueGenerated, cpe, cpm, postDate, "
        "paidEngagements, paidImpressions, paidEngagementRate, paidCpe, paidCpm"
    )


# --- dates -----------------------------------------------------------------------------


def test_start_after_end_is_a_400(call: Callable[..., Any]) -> None:
    for endpoint in ENDPOINTS:
        body = problem(call(url(endpoint, "startDate=2026-02-01&endDate=2026-01-31")), 400)
        assert body["detail"] == "startDate must be on or before endDate."


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        ("2024-01-01", "2025-12-31", 200),  # 731 days: exactly two years
        ("2024-01-01", "2026-01-01", 400),  # one day more
        ("2024-02-29", "2026-02-28", 200),  # Feb 29 shifts to Mar 1 (spec x-mock-choice)
        ("2024-02-29", "2026-03-01", 400),
        ("2026-03-31", "2026-03-31", 200),  # a single day
    ],
)
def test_the_range_may_cover_at_most_two_years(
    call: Callable[..., Any], start: str, end: str, status: int
) -> None:
    response = call(url(POSTS, f"startDate={start}&endDate={end}"))
    assert response.status_code == status
    if status == 400:
        assert problem(response, 400)["detail"] == "Date range cannot exceed 2 years."


def test_dates_are_inclusive(call: Callable[..., Any]) -> None:
    body = call(url(POSTS, f"{RANGE}&pageSize=100&sortDirection=ASC")).get_json()
    first = body["data"][0]["postDate"][:10]
    day = call(url(POSTS, f"startDate={first}&endDate={first}&pageSize=100")).get_json()
    assert day["data"] and {p["postDate"][:10] for p in day["data"]} == {first}


# --- summary metrics -------------------------------------------------------------------


def test_empty_metrics_are_a_400(call: Callable[..., Any]) -> None:
    body = problem(call(url(SUMMARY, f"{RANGE}&metrics=")), 400)
    assert "metrics" in body["detail"]


def test_missing_metrics_are_a_400(call: Callable[..., Any]) -> None:
    body = problem(call(url(SUMMARY, RANGE)), 400)
    assert body["detail"] == "Missing required query parameter 'metrics'."


def test_an_unknown_metric_lists_the_valid_ones(call: Callable[..., Any]) -> None:
    body = problem(call(url(SUMMARY, f"{RANGE}&metrics=engagements,likes,bogus")), 400)
    assert body["detail"].startswith(
        "Unsupported metric 'likes'. Valid metrics for the current filters are: engagements, "
    )
    assert "crosspostedFacebookOnlyViews" not in body["detail"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("contentType=instagram_reel", 200),
        ("contentType=instagram_reel,instagram_reel", 200),
        ("contentType=instagram_reel,tiktok", 400),
        ("platform=instagram", 400),
        ("", 400),
    ],
)
def test_crossposted_facebook_only_views_exist_for_instagram_reels_only(
    call: Callable[..., Any], query: str, status: int
) -> None:
    path = url(SUMMARY, f"{RANGE}&metrics=crosspostedFacebookOnlyViews&{query}")
    response = call(path)
    assert response.status_code == status
    if status == 400:
        assert "crosspostedFacebookOnlyViews" in problem(response, 400)["detail"]
