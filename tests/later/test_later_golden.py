"""Golden responses for seed 42, clock 2026-11-01T00:00Z, tiny scale: a change in any
served byte is a reviewed diff. Regenerate with ``UPDATE_GOLDEN=1 pytest tests/later``.
Also: two separately built apps answer byte for byte the same."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mock_server import Config, create_app

FROZEN_NOW = datetime(2026, 11, 1, tzinfo=UTC)

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "posts_by_impressions": "/v2/posts/performance?startDate=2026-01-01&endDate=2026-03-31"
    "&pageSize=5&sortProperty=impressions",
    "posts_performance_date_page_2": "/v2/posts/performance?startDate=2026-02-01"
    "&endDate=2026-02-28&dateBasis=performance_date&pageSize=3&pageNumber=2"
    "&sortProperty=paidCpm&sortDirection=ASC",
    "over_time_weeks": "/v2/instances/performance-over-time?startDate=2026-01-14"
    "&endDate=2026-02-20&granularity=week&platform=instagram,tiktok",
    "over_time_quarters_performance_date": "/v2/instances/performance-over-time"
    "?startDate=2025-01-01&endDate=2025-12-31&granularity=quarter&dateBasis=performance_date",
    "summary_every_metric": "/v2/instances/performance?startDate=2025-01-01&endDate=2025-12-31"
    "&metrics=engagements,impressions,engagementRate,postsCount,reach,views,"
    "estimatedValueGenerated,estimatedContentCost,campaignsCost,returnOnInvestment,cpe,cpm,"
    "paidEngagements,paidImpressions,paidEngagementRate,paidPostsCount,paidViews,paidAdSpend,"
    "paidReturnOnAdSpend,paidCpe,paidCpm,trackingLinksClicks,trackingLinksConversions,"
    "trackingLinksConversionValue,affiliateLinksClicks,affiliateLinksConversions,"
    "affiliateLinksSales",
    "summary_reels": "/v2/instances/performance?startDate=2025-06-01&endDate=2026-05-31"
    "&contentType=instagram_reel&metrics=views,crosspostedFacebookOnlyViews,postsCount",
    "error_unsupported_metric": "/v2/instances/performance?startDate=2025-01-01"
    "&endDate=2025-12-31&platform=instagram&metrics=crosspostedFacebookOnlyViews",
}


def _later_app() -> Flask:
    return create_app(Config(seed=42, now=FROZEN_NOW, scale="tiny", vendors=("later",)))


def _answer(app: Flask, path: str) -> tuple[int, str]:
    catalog = app.test_client().get("/_mock/catalog").get_json()
    token = catalog["later"]["clients"][0]["token"]
    response = app.test_client().get(path, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture(scope="module")
def built() -> tuple[Flask, Flask]:
    return _later_app(), _later_app()


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_response_matches_its_golden_file(
    built: tuple[Flask, Flask], spec_check: Callable[[str, str, Any], None], name: str
) -> None:
    app = built[0]
    status, body = _answer(app, CASES[name])
    path = GOLDEN / f"{name}.json"
    record = {"request": CASES[name], "status": status, "body": json.loads(body)}
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
    token = app.extensions["metrics_mock"].world.later.clients[0].token
    response = app.test_client().get(CASES[name], headers={"Authorization": f"Bearer {token}"})
    spec_check("later", CASES[name], response)


@pytest.mark.parametrize("name", sorted(CASES))
def test_two_separately_built_apps_answer_byte_for_byte_alike(
    built: tuple[Flask, Flask], name: str
) -> None:
    first, second = built
    assert first is not second
    assert _answer(first, CASES[name]) == _answer(second, CASES[name])


def test_the_session_app_with_every_vendor_answers_like_the_later_only_app(
    built: tuple[Flask, Flask], app: Flask
) -> None:
    for path in CASES.values():
        assert _answer(app, path) == _answer(built[0], path)
