"""The kit bites: the mock with one deliberate fault fails the rule meant to catch it.

Each mutant is a WSGI middleware (contract_tests.faults.FaultInjector) that rewrites some
responses of the unmutated mock; the kit then runs against it and the named rule must be
reported failed. The mutation score (mutants killed / mutants run) is printed at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import requests
from flask import Flask

from contract_tests.faults import FaultInjector, Reply, Request, serve
from contract_tests.runner import Options, run
from mock_server.domain.calendar import Granularity, bucket_start

JsonEdit = Callable[[Any, Request], Any]


def on_json(path: str, edit: JsonEdit, status: int = 200) -> Callable[[Request, Reply], Reply]:
    """Rewrite the JSON body of responses to ``path`` with ``status``."""

    def rewrite(request: Request, reply: Reply) -> Reply:
        data = reply.json()
        if request.path.endswith(path) and reply.status == status and data is not None:
            return reply.with_json(edit(data, request))
        return reply

    return rewrite


def metric_lists(node: Any) -> Iterator[list[dict[str, Any]]]:
    """Every GraphQL ``metrics`` list in a response, wherever it is nested."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "metrics" and isinstance(value, list):
                yield value
            else:
                yield from metric_lists(value)
    elif isinstance(node, list):
        for item in node:
            yield from metric_lists(item)


# --- the faults ------------------------------------------------------------------------


def total_pages_plus_one(data: Any, request: Request) -> Any:
    data["pagination"]["totalPages"] += 1
    return data


def totals_rate_is_mean_of_bucket_rates(data: Any, request: Request) -> Any:
    rates = [e["engagement_rate"] for e in data["series"] if "engagement_rate" in e]
    if rates and "engagement_rate" in data["totals"]:
        data["totals"]["engagement_rate"] = round(sum(rates) / len(rates), 4)
    return data


def weeks_start_on_sunday(data: Any, request: Request) -> Any:
    if data["window"]["granularity"] == "week":
        for entry in data["series"]:
            entry["bucket"] = date.fromisoformat(entry["bucket"]).toordinal() - 1
            entry["bucket"] = date.fromordinal(entry["bucket"]).isoformat()
    return data


def first_bucket_unclipped(data: Any, request: Request) -> Any:
    granularity = (request.query.get("granularity") or ["month"])[0]
    if data["data"]:
        first = date.fromisoformat(data["data"][0]["startDate"])
        start = bucket_start(datetime.combine(first, time(), tzinfo=UTC), Granularity(granularity))
        data["data"][0]["startDate"] = start.date().isoformat()
    return data


def another_tenants_data(request: Request, reply: Reply) -> Reply:
    if "/metrics" in request.path and reply.status == 404:
        scope, entity = request.query.get("scope", [""])[0], request.query.get("id", [""])[0]
        window = {
            "since": "2026-10-02T00:00:00Z",
            "until": "2026-11-01T00:00:00Z",
            "granularity": "day",
        }
        body = {
            "scope": scope,
            "id": entity,
            "window": window,
            "series": [],
            "totals": {"views": 1234, "post_count": 7},
        }
        return reply.with_json(body, status=200)
    return reply


def drop_baseline_comments(data: Any, request: Request) -> Any:
    for metrics in metric_lists(data):
        if any(m.get("type") == "postCount" for m in metrics):
            metrics[:] = [m for m in metrics if m.get("type") != "comments"]
    return data


def zero_pad_saves(data: Any, request: Request) -> Any:
    for metrics in metric_lists(data):
        types = {m.get("type") for m in metrics}
        if "postCount" in types and "saves" not in types:
            padded = {"type": "saves", "name": "Saves", "value": 0.0, "unit": "count"}
            metrics.append({k: v for k, v in padded.items() if k in metrics[0]})
    return data


def deprecated_favorites(data: Any, request: Request) -> Any:
    for metrics in metric_lists(data):
        for m in metrics:
            if m.get("type") == "reactions":
                m["type"] = "favorites"
    return data


def server_error_on_bad_date(request: Request, reply: Reply) -> Reply:
    detail = str((reply.json() or {}).get("detail", ""))
    if reply.status == 400 and ("startDate" in detail or "endDate" in detail):
        return reply.with_json({**(reply.json() or {}), "status": 500, "type": "ANL_00500"}, 500)
    return reply


def bare_error_message(request: Request, reply: Reply) -> Reply:
    data = reply.json()
    if request.path.startswith("/v1/") and reply.status >= 400 and isinstance(data, dict):
        return reply.with_json({"message": data.get("error", {}).get("message", "error")})
    return reply


def summary_rate_plus_one(data: Any, request: Request) -> Any:
    metrics = data["data"]["metrics"]
    if isinstance(metrics.get("engagementRate"), int | float):
        metrics["engagementRate"] = round(metrics["engagementRate"] + 1, 2)
    return data


@dataclass(frozen=True)
class Mutant:
    name: str
    vendor: str
    rule: str  # the rule that must fail
    rewrite: Callable[[Request, Reply], Reply]
    schema: bool = False  # whether Schemathesis must run to find it

    def __str__(self) -> str:
        return self.name


MUTANTS = [
    Mutant(
        "totalPages + 1",
        "later",
        "later.pagination.arithmetic",
        on_json("/v2/posts/performance", total_pages_plus_one),
    ),
    Mutant(
        "engagement_rate as a mean of rates",
        "layers",
        "layers.rate.weighted",
        on_json("/metrics", totals_rate_is_mean_of_bucket_rates),
    ),
    Mutant(
        "week buckets starting Sunday",
        "layers",
        "layers.series.calendar",
        on_json("/metrics", weeks_start_on_sunday),
    ),
    Mutant(
        "first bucket not clipped",
        "later",
        "later.buckets.calendar",
        on_json("/v2/instances/performance-over-time", first_bucket_unclipped),
    ),
    Mutant("another tenant's data", "layers", "layers.auth.isolation", another_tenants_data),
    Mutant(
        "aggregate without comments",
        "buffer",
        "buffer.aggregate.baseline",
        on_json("/graphql", drop_baseline_comments),
    ),
    Mutant(
        "zero-padded intersection",
        "buffer",
        "buffer.aggregate.network_only",
        on_json("/graphql", zero_pad_saves),
    ),
    Mutant(
        "deprecated enum emitted",
        "buffer",
        "buffer.metrics.deprecated",
        on_json("/graphql", deprecated_favorites),
    ),
    Mutant(
        "500 on a bad date",
        "later",
        "later.schema.not_a_server_error",
        server_error_on_bad_date,
        schema=True,
    ),
    Mutant("wrong error envelope", "layers", "layers.errors.envelope", bare_error_message),
    Mutant(
        "summary engagementRate off by one",
        "later",
        "later.formulas.ratios",
        on_json("/v2/instances/performance", summary_rate_plus_one),
    ),
]
KILLED: dict[str, bool] = {}


@pytest.fixture(scope="module", autouse=True)
def mutation_score(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if KILLED and reporter is not None and capture is not None:
        killed = sum(KILLED.values())
        survivors = ", ".join(name for name, dead in KILLED.items() if not dead) or "none"
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nmutation score: {killed}/{len(KILLED)} mutants killed (survivors: {survivors})"
            )


def built(url: str, vendor: str) -> bool:
    path = {"layers": "/v1/whoami", "later": "/v2/posts/performance", "buffer": "/graphql"}[vendor]
    response = requests.post(url + path, json={"query": "{__typename}"}, timeout=30)
    return "not built" not in response.text


@pytest.mark.parametrize("mutant", MUTANTS, ids=str)
def test_the_kit_fails_the_rule_meant_to_catch_each_mutant(app: Flask, mutant: Mutant) -> None:
    with serve(FaultInjector(app, mutant.rewrite)) as url:
        if not built(url, mutant.vendor):
            pytest.skip(f"{mutant.vendor} is not built in the mock yet")
        options = Options(
            apis=(mutant.vendor,),
            base_url=url,
            max_examples=5,  # type: ignore[arg-type]
            only=(mutant.rule,),
            schema=mutant.schema,
        )
        result = run(options, progress=lambda line: None)
    outcome = next(r for r in result.runs[0].outcomes.results() if r.rule.id == mutant.rule)
    KILLED[mutant.name] = outcome.status == "failed"
    assert outcome.status == "failed", f"{mutant.rule} did not catch '{mutant.name}'"
