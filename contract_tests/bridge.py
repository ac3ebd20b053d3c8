"""The kit's rules as Schemathesis checks, and Schemathesis' built-in checks as kit rules.

Every per-response rule is registered with ``@schemathesis.check`` under its slug
(``kit_later__pagination__arithmetic``), so it runs on every generated request, both in
the engine run and in ``case.call_and_validate()`` under pytest. The checks do nothing
unless a kit session is active (:func:`activate`): importing the kit never changes what
another Schemathesis user in the same process sees.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests
import schemathesis

from contract_tests.checks import RESPONSE_CHECKS
from contract_tests.checks.base import ResponseCheck
from contract_tests.differential import reference_difference
from contract_tests.exchange import Exchange
from contract_tests.outcomes import Outcomes
from contract_tests.registry import VENDORS, Rule, rule
from contract_tests.target import Target

# (check name, gap, what it asserts); the built-ins of Schemathesis 4.32.
BUILTINS: tuple[tuple[str, bool, str], ...] = (
    ("not_a_server_error", False, "No request is answered 5xx"),
    ("status_code_conformance", False, "Every status code is one the spec documents"),
    ("content_type_conformance", False, "Every Content-Type is one the spec documents"),
    ("response_headers_conformance", False, "Every required response header is present, valid"),
    ("response_schema_conformance", False, "Every body validates against the spec's schema"),
    ("negative_data_rejection", False, "A request that breaks the spec is refused with a 4xx"),
    ("positive_data_acceptance", False, "A request the spec allows is not refused as invalid"),
    ("ignored_auth", False, "Missing or wrong credentials are refused"),
    ("unsupported_method", True, "An undeclared method is 405 (not 404 or 200)"),
)
GRAPHQL_BUILTINS = ("not_a_server_error",)


def _source(vendor: str) -> str:
    return "specs/graphql/buffer.graphql" if vendor == "buffer" else f"specs/openapi/{vendor}.yaml"


def _schema_rules() -> dict[tuple[str, str], Rule]:
    rules: dict[tuple[str, str], Rule] = {}
    for vendor in VENDORS:
        for name, gap, title in BUILTINS:
            if vendor == "buffer" and name not in GRAPHQL_BUILTINS:
                continue
            source = _source(vendor) + f" (Schemathesis {name})"
            rules[(vendor, name)] = rule(
                f"{vendor}.schema.{name}", title, source, kind="schema", gap=gap
            )
    return rules


SCHEMA_RULES = _schema_rules()


@dataclass
class Session:
    """What the bridged checks need while a kit run is under way."""

    target: Target
    outcomes: Outcomes
    reference: str | None = None
    http: requests.Session = field(default_factory=requests.Session)


_active: Session | None = None
_lock = threading.Lock()


@contextmanager
def activate(session: Session) -> Iterator[Session]:
    """Make the bridged checks report against ``session`` for the duration."""
    global _active
    with _lock:
        previous, _active = _active, session
    try:
        yield session
    finally:
        with _lock:
            _active = previous


def exchange_from(case: Any, response: Any, target: Target) -> Exchange:
    """An :class:`Exchange` from a Schemathesis case and response."""
    request = response.request
    body = request.body
    return Exchange(
        vendor=target.vendor,
        method=str(request.method),
        url=str(request.url),
        request_headers=dict(request.headers),
        request_body=body.encode() if isinstance(body, str) else body,
        status=int(response.status_code),
        headers={
            k.lower(): (v[0] if isinstance(v, list) else v) for k, v in response.headers.items()
        },
        body=bytes(response.content or b""),
        redactions=target.secrets(),
    )


def _bridge(check: ResponseCheck) -> None:
    def run(ctx: Any, response: Any, case: Any) -> bool | None:
        session = _active
        if session is None or not session.outcomes.enabled(check.rule.id):
            return True
        ex = exchange_from(case, response, session.target)
        if not check.applies(ex):
            return True
        message = check.evaluate(ex)
        if message:
            raise AssertionError(f"[{check.rule.id}] {message}")
        return True if message == "" else None

    run.__name__ = check.rule.slug
    run.__doc__ = check.rule.title
    schemathesis.check(run)


def kit_differential(ctx: Any, response: Any, case: Any) -> bool | None:
    """With --reference: the reference answers this request the same way."""
    session = _active
    if session is None or session.reference is None:
        return True
    rule_id = f"{session.target.vendor}.differential.matches_reference"
    if not session.outcomes.enabled(rule_id):
        return True
    ex = exchange_from(case, response, session.target)
    problem = reference_difference(ex, session.reference, session.http)
    if problem:
        raise AssertionError(f"[{rule_id}] {problem}")
    return None


for _check in RESPONSE_CHECKS:
    _bridge(_check)
schemathesis.check(kit_differential)

SLUG_TO_RULE: dict[str, str] = {c.rule.slug: c.rule.id for c in RESPONSE_CHECKS}


def rule_for_check(vendor: str, name: str) -> str | None:
    """The kit rule id a Schemathesis check name reports to."""
    if name == "kit_differential":
        return f"{vendor}.differential.matches_reference"
    if name in SLUG_TO_RULE:
        return SLUG_TO_RULE[name]
    found = SCHEMA_RULES.get((vendor, name))
    return found.id if found else None
