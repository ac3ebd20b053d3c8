"""dateBasis: post_date selects posts published in the range and shows their metrics as of
the clock; performance_date shows the metrics recorded on the days of the range, whatever
the publish date (seeds/later-*.txt: the Jan 5 / Feb 10 example)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.later.conftest import getter

SMALL = Path(__file__).parents[2] / "fixtures" / "later_small.yaml"
SpecCheck = Callable[[str, str, Any], None]


@pytest.fixture(scope="module")
def small(make_app: Callable[..., Flask]) -> Flask:
    return make_app(fixtures=(SMALL,), vendors=("later",))


@pytest.fixture
def fixture_get(small: Flask, spec_check: SpecCheck) -> Callable[[str], Any]:
    return getter(small.test_client(), "later_small_client_a", spec_check)


@pytest.fixture
def world_get(later_get: Callable[[str], Any]) -> Callable[[str], Any]:
    return later_get


def post_ids(get: Callable[[str], Any], query: str) -> list[int]:
    body = get(f"/v2/posts/performance?{query}&sortDirection=ASC&pageSize=100")
    return [p["postId"] for p in body["data"]]


# --- the seed's example, on fixtures/later_small.yaml (post 1 was published on Jan 5) ------


def test_post_date_finds_the_jan_5_post_in_january_only(fixture_get: Any) -> None:
    assert 1 in post_ids(fixture_get, "startDate=2026-01-01&endDate=2026-01-31")
    assert 1 not in post_ids(fixture_get, "startDate=2026-02-01&endDate=2026-02-28")


def test_performance_date_finds_it_in_february_with_what_it_recorded_then(
    fixture_get: Any,
) -> None:
    query = "startDate=2026-02-01&endDate=2026-02-28&dateBasis=performance_date"
    body = fixture_get(f"/v2/posts/performance?{query}&sortDirection=ASC")
    post = next(p for p in body["data"] if p["postId"] == 1)
    # days 27..54 after Jan 5: 3 days at 6 and 25 at 2 per thousand = 68 per thousand
    assert post["engagements"] == 5 * 68  # likes 5000; comments, shares, clicks < 1000
    assert post["impressions"] == 100 * 68
    assert post["postDate"] == "2026-01-05T14:30:00.000Z"


def test_engagement_recorded_on_feb_10_alone(fixture_get: Any) -> None:
    query = "startDate=2026-02-10&endDate=2026-02-10&dateBasis=performance_date"
    body = fixture_get(f"/v2/posts/performance?{query}&sortDirection=ASC")
    post = next(p for p in body["data"] if p["postId"] == 1)
    assert post["engagements"] == 10 and post["impressions"] == 200


def test_a_post_is_not_in_performance_date_ranges_before_it_was_published(
    fixture_get: Any,
) -> None:
    query = "startDate=2026-01-01&endDate=2026-01-04&dateBasis=performance_date"
    assert post_ids(fixture_get, query) == []


def test_after_sixty_days_a_post_records_nothing_more(fixture_get: Any) -> None:
    # post 1: Jan 5 + 60 days = Mar 6; post 4 (Mar 3) is the only one still recording in May
    query = "startDate=2026-03-06&endDate=2026-05-31&dateBasis=performance_date"
    assert 1 not in post_ids(fixture_get, query)
    assert (
        post_ids(fixture_get, "startDate=2026-05-02&endDate=2026-05-31&dateBasis=performance_date")
        == []
    )


# --- the generated world ---------------------------------------------------------------


def test_everything_published_is_recorded_by_the_clock(world_get: Any) -> None:
    names = "engagements,impressions,estimatedValueGenerated,paidEngagements,campaignsCost"
    query = f"/v2/instances/performance?metrics={names}"
    # every post lies in 2024-11-01 .. 2026-10-31, and every recorded day before the clock
    published = world_get(f"{query}&startDate=2024-11-01&endDate=2026-10-31")
    recorded = world_get(
        f"{query}&startDate=2024-11-01&endDate=2026-10-31&dateBasis=performance_date"
    )
    assert published == recorded


def test_performance_date_includes_posts_published_before_the_range(world_get: Any) -> None:
    query = "startDate=2025-05-01&endDate=2025-05-31&dateBasis=performance_date"
    body = world_get(f"/v2/posts/performance?{query}&sortDirection=ASC&pageSize=1")
    first = body["data"][0]["postDate"]
    assert "2025-03-02" <= first[:10] < "2025-05-01"  # up to 59 days earlier


def test_recent_posts_are_still_accruing_at_the_clock(world_get: Any) -> None:
    recent = "startDate=2026-10-01&endDate=2026-10-31"
    body = world_get(f"/v2/posts/performance?{recent}&pageSize=1&sortProperty=postDate")
    newest = body["data"][0]
    day = newest["postDate"][:10]
    recorded = world_get(
        f"/v2/posts/performance?startDate={day}&endDate=2026-12-31"
        f"&dateBasis=performance_date&pageSize=100"
    )
    same = next(p for p in recorded["data"] if p["postId"] == newest["postId"])
    assert same["impressions"] == newest["impressions"]  # as of the clock either way
