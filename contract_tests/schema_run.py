"""Schema conformance: Schemathesis' engine over specs/, positive and negative, with the
built-in checks and every per-response rule (bridged), its results folded into the kit's
outcomes.

Phases: examples, coverage, fuzzing (stateful needs OpenAPI links, which the specs do not
have). Buffer's SDL gets GraphQL fuzzing. Shrinking is off: a failure is reported with the
request that found it, which keeps runs fast and reproducible by seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis
from schemathesis.engine import Status, events
from schemathesis.specs.graphql.scalars import CUSTOM_SCALARS

from contract_tests.bridge import SCHEMA_RULES, SLUG_TO_RULE, Session, activate, rule_for_check
from contract_tests.exchange import redact
from contract_tests.outcomes import Outcomes
from contract_tests.specs import GRAPHQL_SDL, OPENAPI_SPECS
from contract_tests.steering import install
from contract_tests.target import Target

# Statuses the specs document for requests that are valid against them but refused by a
# handler rule (Layers: unknown metric, scope/id mismatch; Later: platform with contentType).
POSITIVE_REFUSALS = {"layers": ["422"], "later": ["400"], "buffer": []}
# Buffer answers a caller's mistake with a resolver error carrying `path` (NOT_FOUND,
# FORBIDDEN, ...; DOMAIN.md section 4), which Schemathesis would call a server error.
BUFFER_CLIENT_CODES = frozenset(
    {
        "NOT_FOUND",
        "FORBIDDEN",
        "UNAUTHORIZED",
        "UNAUTHENTICATED",
        "INSUFFICIENT_SCOPE",
        "BAD_USER_INPUT",
        "RATE_LIMIT_EXCEEDED",
    }
)
Progress = Callable[[str], None]


def _checks(target: Target, outcomes: Outcomes, reference: str | None) -> dict[str, Any]:
    checks: dict[str, Any] = {"enabled": False}
    for (vendor, name), rule in SCHEMA_RULES.items():
        if vendor == target.vendor and outcomes.enabled(rule.id):
            checks[name] = {"enabled": True}
    if "positive_data_acceptance" in checks:
        checks["positive_data_acceptance"]["expected-statuses"] = [
            "2xx",
            "401",
            "403",
            "404",
            "429",
            *POSITIVE_REFUSALS[target.vendor],
        ]
    for slug, rule_id in SLUG_TO_RULE.items():
        if outcomes.enabled(rule_id):
            checks[slug] = {"enabled": True}
    if reference:
        checks["kit_differential"] = {"enabled": True}
    return checks


def build_config(
    target: Target, outcomes: Outcomes, *, max_examples: int, seed: int, reference: str | None
) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "base-url": target.endpoint,
            "headers": {"Authorization": f"Bearer {target.token}"},
            "seed": seed,
            "generation": {
                "mode": "all",
                "max-examples": max_examples,
                "database": "none",
                "no-shrink": True,
            },
            "phases": {"stateful": {"enabled": False}},
            # Reports redact a real target's tokens themselves (as shell variables), so the
            # curl commands stay runnable; Schemathesis' own "[Filtered]" would not be.
            "output": {"sanitization": {"enabled": False}},
            "checks": _checks(target, outcomes, reference),
            "request-timeout": 30,
        }
    )


def load_schema(target: Target, config: schemathesis.Config) -> Any:
    if target.vendor == "buffer":
        return schemathesis.graphql.from_path(GRAPHQL_SDL, config=config)
    return schemathesis.openapi.from_path(OPENAPI_SPECS[target.vendor], config=config)


def filter_failure(ctx: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep a GraphQL "server error" only when some error is not a documented client error."""
    errors = getattr(failure, "errors", None)
    if type(failure).__name__ != "GraphQLServerError" or not isinstance(errors, list):
        return True
    codes = {(e.get("extensions") or {}).get("code") for e in errors if isinstance(e, dict)}
    return not codes <= BUFFER_CLIENT_CODES


@contextmanager
def scalars_restored() -> Iterator[None]:
    """Buffer's scalar strategies are global in Schemathesis: put back what was there."""
    saved = dict(CUSTOM_SCALARS)
    try:
        yield
    finally:
        CUSTOM_SCALARS.clear()
        CUSTOM_SCALARS.update(saved)


def _message(failure: Any, rule_id: str) -> str:
    """A bridged rule's own message; a built-in check's title and message."""
    if str(failure.title).startswith("Custom check failed"):
        return str(failure.message).removeprefix(f"[{rule_id}] ")
    return f"{failure.title}: {failure.message}" if failure.message else str(failure.title)


def _record(event: events.ScenarioFinished, target: Target, outcomes: Outcomes) -> int:
    """Fold one operation's check results into the outcomes; returns the cases it sent."""
    secrets = target.secrets()
    for checks in event.recorder.checks.values():
        for node in checks:
            rule_id = rule_for_check(target.vendor, node.name)
            if rule_id is None:
                continue
            if node.status == Status.SUCCESS:
                outcomes.passed(rule_id)
            elif node.status == Status.FAILURE and node.failure_info is not None:
                curl = redact(node.failure_info.code_sample, secrets)
                outcomes.failed(rule_id, _message(node.failure_info.failure, rule_id), curl)
    return len(event.recorder.cases)


def run_schema(
    target: Target,
    outcomes: Outcomes,
    *,
    max_examples: int,
    seed: int,
    reference: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Run Schemathesis against ``target``; returns how many requests it generated."""
    config = build_config(
        target, outcomes, max_examples=max_examples, seed=seed, reference=reference
    )
    schema = load_schema(target, config)
    if target.vendor == "buffer":
        schema.hooks.register_hook_with_name(filter_failure, "filter_failure")
    sent = 0
    with scalars_restored(), activate(Session(target, outcomes, reference)):
        install(schema, target)
        for event in schemathesis.engine.from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished) and event.label:
                count = _record(event, target, outcomes)
                sent += count
                if progress and count:
                    progress(f"{event.phase.value:<9} {event.label} ({count} requests)")
            elif isinstance(event, events.NonFatalError):
                outcomes.error(f"Schemathesis: {event.label}: {event.value}")
            elif isinstance(event, events.FatalError):
                outcomes.error(f"Schemathesis stopped: {event.exception!r}")
    return sent
