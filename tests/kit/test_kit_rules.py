"""The kit's rules on hand-made responses, with numbers a person can check (most of them the
vendors' own examples from the seeds), and the plumbing around them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from contract_tests.checks import RESPONSE_CHECKS
from contract_tests.differential import normalise
from contract_tests.exchange import Exchange
from contract_tests.graphql_view import view
from contract_tests.outcomes import Outcomes
from contract_tests.registry import REGISTRY
from contract_tests.target import ConfigError, target_from_config

SEED_POST = {
    "postId": 1234,
    "instanceId": "instance_abc",
    "postDate": "2024-07-15T14:30:00.000Z",
    "contentType": "instagram_post",
    "engagements": 1240,
    "impressions": 8500,
    "engagementRate": 14.59,
    "estimatedValueGenerated": 3200,
    "cpe": 0.24,
    "cpm": 35.29,
    "paidEngagements": 380,
    "paidImpressions": 5200,
    "paidEngagementRate": 7.31,
    "paidCpe": 0.79,
    "paidCpm": 57.69,
}
LAYERS_SEED = {
    "scope": "project",
    "id": "prj_1",
    "window": {
        "since": "2026-04-01T00:00:00Z",
        "until": "2026-04-04T00:00:00Z",
        "granularity": "day",
    },
    "series": [
        {
            "bucket": "2026-04-01",
            "views": 1000,
            "likes": 30,
            "comments": 5,
            "shares": 3,
            "saves": 2,
            "engagement_rate": 0.04,
        },
        {
            "bucket": "2026-04-02",
            "views": 0,
            "likes": 0,
            "comments": 0,
            "shares": 0,
            "saves": 0,
            "engagement_rate": 0.0,
        },
        {
            "bucket": "2026-04-03",
            "views": 3000,
            "likes": 50,
            "comments": 10,
            "shares": 0,
            "saves": 0,
            "engagement_rate": 0.02,
        },
    ],
    "totals": {
        "views": 4000,
        "likes": 80,
        "comments": 15,
        "shares": 3,
        "saves": 2,
        "engagement_rate": 0.025,
        "post_count": 4,
    },
}
LAYERS_QUERY = (
    "?scope=project&id=prj_1&since=2026-04-01T00:00:00Z&until=2026-04-04T00:00:00Z"
    "&metrics=views&metrics=likes&metrics=comments&metrics=shares&metrics=saves"
    "&metrics=engagement_rate"
)


def exchange(vendor: str, url: str, body: Any, status: int = 200, **extra: Any) -> Exchange:
    return Exchange(
        vendor=vendor,  # type: ignore[arg-type]
        method=extra.get("method", "GET"),
        url="http://api.test" + url,
        request_headers={"Authorization": "Bearer secret-token"},
        request_body=extra.get("request_body"),
        status=status,
        headers={
            "content-type": extra.get("content_type", "application/json"),
            **extra.get("headers", {}),
        },
        body=json.dumps(body).encode(),
        redactions=extra.get("redactions", {}),
    )


def verdict(rule_id: str, ex: Exchange) -> str | None:
    """None when the rule held, '' when it did not apply, else the failure message."""
    check = next(c for c in RESPONSE_CHECKS if c.rule.id == rule_id)
    assert check.applies(ex)
    return check.evaluate(ex)


def posts_page(total: int, pages: int, page: int = 1, items: int = 1) -> dict[str, Any]:
    pagination = {"page": page, "pageSize": 50, "totalItems": total, "totalPages": pages}
    return {"data": [SEED_POST] * items, "pagination": pagination}


POSTS_URL = "/v2/posts/performance?startDate=2024-07-01&endDate=2024-07-31"

# --- Later pagination -------------------------------------------------------------------


def test_142_items_in_pages_of_50_make_3_pages() -> None:
    ex = exchange("later", POSTS_URL, posts_page(142, 3, items=50))
    assert verdict("later.pagination.arithmetic", ex) is None


def test_142_items_in_pages_of_50_announced_as_4_pages_fail() -> None:
    message = verdict(
        "later.pagination.arithmetic", exchange("later", POSTS_URL, posts_page(142, 4, items=50))
    )
    assert message is not None and "ceil(totalItems 142 / pageSize 50) = 3" in message


def test_the_last_of_3_pages_of_142_holds_42_items() -> None:
    url = POSTS_URL + "&pageNumber=3"
    assert (
        verdict(
            "later.pagination.arithmetic",
            exchange("later", url, posts_page(142, 3, page=3, items=42)),
        )
        is None
    )
    assert (
        verdict(
            "later.pagination.arithmetic",
            exchange("later", url, posts_page(142, 3, page=3, items=50)),
        )
        is not None
    )


# --- Later formulas ---------------------------------------------------------------------


def test_the_seed_post_satisfies_every_later_formula() -> None:
    ex = exchange("later", POSTS_URL, posts_page(1, 1))
    assert verdict("later.formulas.ratios", ex) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("engagementRate", 14.69), ("paidEngagementRate", 7.0), ("cpm", 45.0)],
)
def test_a_seed_post_with_one_ratio_changed_fails(field: str, value: float) -> None:
    post = {**SEED_POST, field: value}
    ex = exchange("later", POSTS_URL, {**posts_page(1, 1), "data": [post]})
    message = verdict("later.formulas.ratios", ex)
    assert message is not None and field in message


def test_a_summary_engagement_rate_is_engagements_over_impressions() -> None:
    url = (
        "/v2/instances/performance?startDate=2025-01-01&endDate=2025-12-31"
        "&metrics=engagements,impressions,engagementRate"
    )
    good = {
        "data": {"metrics": {"engagements": 45200, "impressions": 312000, "engagementRate": 14.49}},
        "nextCursor": None,
    }
    assert verdict("later.formulas.ratios", exchange("later", url, good)) is None
    good["data"]["metrics"]["engagementRate"] = 14.0  # type: ignore[index]
    assert verdict("later.formulas.ratios", exchange("later", url, good)) is not None


# --- Layers -----------------------------------------------------------------------------


def test_the_weighted_rate_holds_and_the_mean_of_rates_does_not() -> None:
    ex = exchange("layers", "/v1/projects/prj_1/metrics" + LAYERS_QUERY, LAYERS_SEED)
    assert verdict("layers.rate.weighted", ex) is None  # 100 / 4000 = 0.025
    mean = json.loads(json.dumps(LAYERS_SEED))
    mean["totals"]["engagement_rate"] = 0.02  # (0.04 + 0 + 0.02) / 3
    message = verdict("layers.rate.weighted", exchange("layers", ex.url[15:], mean))
    assert message is not None and "= 0.025000" in message


def test_totals_are_the_sum_of_the_series() -> None:
    ex = exchange("layers", "/v1/projects/prj_1/metrics" + LAYERS_QUERY, LAYERS_SEED)
    assert verdict("layers.totals.additive", ex) is None
    assert verdict("layers.series.calendar", ex) is None


def test_a_week_bucket_labelled_by_its_sunday_breaks_the_calendar() -> None:
    body = json.loads(json.dumps(LAYERS_SEED))
    body["window"] = {
        "since": "2026-04-01T00:00:00Z",
        "until": "2026-04-15T00:00:00Z",
        "granularity": "week",
    }
    body["series"] = [{"bucket": b} for b in ("2026-03-29", "2026-04-05", "2026-04-12")]
    body["totals"] = {"post_count": 0}
    url = "/v1/projects/prj_1/metrics?scope=project&id=prj_1&granularity=week&metrics=views"
    message = verdict("layers.series.calendar", exchange("layers", url, body))
    assert message is not None and "2026-03-30" in message  # the Monday


def test_a_layers_error_without_its_envelope_fails() -> None:
    headers = {"x-request-id": "req_1"}
    good = {"error": {"code": "NOT_FOUND", "message": "x", "requestId": "req_1"}}
    url = "/v1/projects/prj_1/metrics?scope=project&id=prj_1"
    assert (
        verdict("layers.errors.envelope", exchange("layers", url, good, 404, headers=headers))
        is None
    )
    bad = exchange("layers", url, {"message": "x"}, 404, headers=headers)
    assert verdict("layers.errors.envelope", bad) is not None


# --- Buffer -----------------------------------------------------------------------------

AGGREGATE_QUERY = (
    '{ aggregatedPostMetrics(input: {organizationId: "o", startDateTime: "2026-01-01T00:00:00Z",'
    ' endDateTime: "2026-03-31T23:59:59Z"}) { metrics { type value unit } } }'
)


def graphql(body: Any) -> Exchange:
    request = json.dumps({"query": AGGREGATE_QUERY}).encode()
    return exchange("buffer", "/graphql", body, method="POST", request_body=request)


def metrics(*types: str) -> dict[str, Any]:
    entries = [{"type": t, "value": 1.0, "unit": "count"} for t in types]
    return {"data": {"aggregatedPostMetrics": {"metrics": entries}}}


def test_an_aggregate_without_comments_lacks_the_baseline_trio() -> None:
    assert (
        verdict("buffer.aggregate.baseline", graphql(metrics("reactions", "comments", "postCount")))
        is None
    )
    message = verdict("buffer.aggregate.baseline", graphql(metrics("reactions", "postCount")))
    assert message is not None and "comments" in message


def test_a_deprecated_type_is_never_emitted() -> None:
    message = verdict("buffer.metrics.deprecated", graphql(metrics("favorites", "postCount")))
    assert message is not None and "favorites" in message


def test_the_graphql_view_finds_nulls_in_non_null_fields_and_unrequested_keys() -> None:
    body = {
        "data": {
            "aggregatedPostMetrics": {
                "metrics": [
                    {"type": "reactions", "value": None, "unit": "count", "name": "Reactions"}
                ]
            }
        }
    }
    found = view(graphql(body))
    assert found is not None
    assert any("null in a non-null" in p for p in found.problems)
    assert any("not requested" in p for p in found.problems)


# --- plumbing ---------------------------------------------------------------------------


def test_later_reads_arrays_in_all_three_forms() -> None:
    ex = exchange(
        "later", "/v2/posts/performance?instanceIds=a,b&instanceIds=c&instanceIds[]=d", {}
    )
    assert ex.query["instanceIds"] == ["a", "b", "c", "d"]


def test_curl_commands_hide_a_real_targets_tokens() -> None:
    ex = exchange("later", POSTS_URL, {}, redactions={"secret-token": "'\"$LATER_TOKEN\"'"})
    assert "secret-token" not in ex.curl() and "$LATER_TOKEN" in ex.curl()


def test_differential_mode_ignores_request_ids_only() -> None:
    one = json.dumps({"error": {"code": "X", "requestId": "req_1"}}).encode()
    two = json.dumps({"error": {"code": "X", "requestId": "req_2"}}).encode()
    assert normalise(one) == normalise(two)
    assert normalise(one) != normalise(one.replace(b'"X"', b'"Y"'))


def test_a_rule_fails_once_any_evaluation_failed_and_is_skipped_only_when_never_run() -> None:
    rules = REGISTRY.select(["later"])
    outcomes = Outcomes(rules, disabled={rules[1].id: "switched off"})
    outcomes.passed(rules[0].id, 3)
    outcomes.failed(rules[0].id, "broken")
    statuses = {r.rule.id: r.status for r in outcomes.results()}
    assert statuses[rules[0].id] == "failed"
    assert statuses[rules[1].id] == "skipped"
    assert statuses[rules[2].id] == "not exercised"
    assert not outcomes.ok()


def test_a_secret_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIT_TEST_TOKEN", "from-env")
    data = {"later": {"token_env": "KIT_TEST_TOKEN"}}
    assert target_from_config("later", data, base_url="http://x", token=None).token == "from-env"
    with pytest.raises(ConfigError, match="KIT_TEST_MISSING"):
        target_from_config(
            "later", {"later": {"token_env": "KIT_TEST_MISSING"}}, base_url="http://x", token=None
        )


def test_every_rule_names_its_source_and_gap_rules_name_the_mocks_choice() -> None:
    rules = REGISTRY.select(["layers", "later", "buffer"])
    assert len(rules) >= 90
    assert all(r.source and r.title for r in rules)
    gap_sources = [r.source for r in rules if r.gap]
    assert all("mock" in s or "specs/" in s or "Schemathesis" in s for s in gap_sources)
