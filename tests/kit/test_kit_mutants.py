"""The kit bites: the mock with one deliberate fault fails the rule meant to catch it.

Each mutant is the session's mock (seed 42, scale tiny, one world per vendor shared by
every mutant) with one fault: a response rewritten by a middleware
(contract_tests.faults.FaultInjector), a request altered before the mock sees it, or one
function of the mock monkeypatched for the test (tests/kit/kit_faults_*.py). The kit runs
the mutant's vendor, only the named rules, and each named rule must be reported failed;
the same run against the unmutated mock must pass them all. The mutation score (mutants
killed / mutants run) is printed at the end of the session (tests/kit/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import kit_faults_behaviour as behaviour
import kit_faults_rewrite as rewrite
import kit_score
import pytest
import requests
from flask import Flask
from kit_faults_behaviour import Patch

from contract_tests.faults import Alter, FaultInjector, Rewrite, serve, unchanged
from contract_tests.registry import VENDORS, Vendor
from contract_tests.runner import Options, RunResult, run

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Mutant:
    name: str
    vendor: Vendor
    rules: tuple[str, ...]  # the rules meant to catch the fault: each must fail
    rewrite: Rewrite = unchanged
    alter: Alter | None = None
    patch: Patch | None = None
    schema: bool = False  # whether Schemathesis must run to find it

    def __str__(self) -> str:
        return self.name


def later(name: str, rule: str, **fault: Any) -> Mutant:
    return Mutant(name, "later", (rule,), **fault)


def layers(name: str, rule: str, **fault: Any) -> Mutant:
    return Mutant(name, "layers", (rule,), **fault)


def buffer(name: str, rule: str, **fault: Any) -> Mutant:
    return Mutant(name, "buffer", (rule,), **fault)


POSTS, OVER_TIME, SUMMARY = (
    "/v2/posts/performance",
    "/v2/instances/performance-over-time",
    "/v2/instances/performance",
)
MUTANTS = [
    # Later
    later(
        "totalPages + 1",
        "later.pagination.arithmetic",
        rewrite=rewrite.on_json(POSTS, rewrite.total_pages_plus_one),
    ),
    later(
        "first bucket not clipped",
        "later.buckets.calendar",
        rewrite=rewrite.on_json(OVER_TIME, rewrite.first_bucket_unclipped),
    ),
    later(
        "500 on a bad date",
        "later.schema.not_a_server_error",
        rewrite=rewrite.server_error_on_bad_date,
        schema=True,
    ),
    later(
        "summary engagementRate off by one",
        "later.formulas.ratios",
        rewrite=rewrite.on_json(SUMMARY, rewrite.summary_rate_plus_one),
    ),
    later("bracket arrays ignored", "later.arrays.forms", alter=behaviour.strip_bracket_keys),
    later(
        "platform with contentType accepted",
        "later.validation.platform_with_content_type",
        alter=behaviour.drop_content_type_next_to_platform,
    ),
    later(
        "week buckets from Sunday",
        "later.buckets.calendar",
        patch=behaviour.later_weeks_from_sunday,
    ),
    later(
        "performance_date treated as post_date",
        "later.date_basis.example",
        patch=behaviour.later_ignores_performance_date,
    ),
    later(
        "summary from the other dateBasis",
        "later.consistency.totals",
        patch=behaviour.later_summary_from_the_other_basis,
    ),
    later(
        "page past the end repeats the last",
        "later.pagination.past_end",
        patch=behaviour.later_past_end_repeats_last_page,
    ),
    later(
        "sort ties in any order",
        "later.pagination.walk",
        patch=behaviour.later_ties_in_any_order,
    ),
    # Layers
    layers(
        "engagement_rate as a mean of rates",
        "layers.rate.weighted",
        rewrite=rewrite.on_json("/metrics", rewrite.totals_rate_is_mean_of_bucket_rates),
    ),
    layers(
        "week labels on Sunday",
        "layers.series.calendar",
        rewrite=rewrite.on_json("/metrics", rewrite.weeks_start_on_sunday),
    ),
    layers("another tenant's data", "layers.auth.isolation", rewrite=rewrite.another_tenants_data),
    layers("wrong error envelope", "layers.errors.envelope", rewrite=rewrite.bare_error_message),
    layers(
        "hourly window not clamped",
        "layers.window.bounds",
        patch=behaviour.layers_hour_window_unclamped,
    ),
    layers(
        "default window of 7 days",
        "layers.defaults.window",
        patch=behaviour.layers_default_window_a_week,
    ),
    layers(
        "siblings not unioned",
        "layers.consistency.siblings",
        patch=behaviour.layers_siblings_not_unioned,
    ),
    layers(
        "project reads one layer",
        "layers.consistency.project_layers",
        patch=behaviour.layers_project_reads_first_layer,
    ),
    layers(
        "organization check skipped",
        "layers.auth.isolation",
        patch=behaviour.layers_skips_organization_check,
    ),
    layers(
        "metrics without metrics:read",
        "layers.auth.scope",
        patch=behaviour.layers_skips_scope_check,
    ),
    # Buffer
    buffer(
        "aggregate without comments",
        "buffer.aggregate.baseline",
        rewrite=rewrite.on_json("/graphql", rewrite.drop_baseline_comments),
    ),
    buffer(
        "zero-padded intersection",
        "buffer.aggregate.network_only",
        rewrite=rewrite.on_json("/graphql", rewrite.zero_pad_saves),
    ),
    buffer(
        "deprecated enum emitted",
        "buffer.metrics.deprecated",
        rewrite=rewrite.on_json("/graphql", rewrite.deprecated_favorites),
    ),
    buffer(
        "channelIds [] as null",
        "buffer.aggregate.channel_ids",
        patch=behaviour.buffer_empty_channels_mean_all,
    ),
    buffer(
        "first above 100 served", "buffer.posts.first_limit", patch=behaviour.buffer_first_unlimited
    ),
    buffer(
        "365-day cap not enforced",
        "buffer.aggregate.window_cap",
        patch=behaviour.buffer_window_uncapped,
    ),
    buffer(
        "aggregate engagementRate averaged",
        "buffer.metrics.engagement_rate",
        patch=behaviour.buffer_rate_averaged,
    ),
    buffer(
        "metrics without insights:read",
        "buffer.auth.insights_scope",
        patch=behaviour.buffer_metrics_without_insights,
    ),
    buffer("cursor skips a post", "buffer.posts.walk", patch=behaviour.buffer_cursor_skips_one),
    buffer(
        "another organization's post",
        "buffer.auth.isolation",
        patch=behaviour.buffer_post_of_any_organization,
    ),
]


def built(url: str, vendor: Vendor) -> bool:
    path = {"layers": "/v1/whoami", "later": "/v2/posts/performance", "buffer": "/graphql"}[vendor]
    response = requests.post(url + path, json={"query": "{__typename}"}, timeout=30)
    return "not built" not in response.text


def check(url: str, vendor: Vendor, rules: tuple[str, ...], schema: bool) -> RunResult:
    options = Options(
        apis=(vendor,),
        base_url=url,
        max_examples=MAX_EXAMPLES,
        only=rules,
        schema=schema,
    )
    return run(options, progress=lambda line: None)


def statuses(result: RunResult) -> dict[str, str]:
    return {r.rule.id: r.status for r in result.runs[0].outcomes.results()}


def test_the_mutants_cover_every_vendor() -> None:
    for vendor in VENDORS:
        assert len([m for m in MUTANTS if m.vendor == vendor]) >= 7, vendor
    assert len({m.name for m in MUTANTS}) == len(MUTANTS) >= 24


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_unmutated_mock_passes_every_rule_a_mutant_targets(app: Flask, vendor: Vendor) -> None:
    targeted = tuple(sorted({r for m in MUTANTS if m.vendor == vendor for r in m.rules}))
    schema = any(m.schema for m in MUTANTS if m.vendor == vendor)
    with serve(app) as url:
        if not built(url, vendor):
            pytest.skip(f"{vendor} is not built in the mock yet")
        result = check(url, vendor, targeted, schema)
    assert result.runs[0].outcomes.errors == []
    got = statuses(result)
    assert {rule: got[rule] for rule in targeted} == dict.fromkeys(targeted, "passed")


@pytest.mark.parametrize("mutant", MUTANTS, ids=str)
def test_the_kit_fails_the_rule_meant_to_catch_each_mutant(
    app: Flask, monkeypatch: pytest.MonkeyPatch, mutant: Mutant
) -> None:
    if mutant.patch is not None:
        mutant.patch(monkeypatch, app)
    with serve(FaultInjector(app, mutant.rewrite, alter=mutant.alter)) as url:
        if not built(url, mutant.vendor):
            pytest.skip(f"{mutant.vendor} is not built in the mock yet")
        result = check(url, mutant.vendor, mutant.rules, mutant.schema)
    got = statuses(result)
    kit_score.KILLED[mutant.name] = all(got[rule] == "failed" for rule in mutant.rules)
    assert {rule: got[rule] for rule in mutant.rules} == dict.fromkeys(mutant.rules, "failed")
