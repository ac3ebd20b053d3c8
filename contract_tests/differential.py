"""Differential mode: the same request to the target and to a reference (the mock loaded
with the same world) must get the same status and the same body, request ids aside.

Layers puts a request id in ``error.requestId`` (and every response's ``X-Request-Id``
header, which is never compared); nothing else may differ.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from contract_tests.exchange import Exchange
from contract_tests.outcomes import Outcomes
from contract_tests.registry import VENDORS, rule
from contract_tests.target import Target

RULES = {
    vendor: rule(
        f"{vendor}.differential.matches_reference",
        "Every request gets the same status and body from the target as from the reference "
        "(--reference), request ids aside",
        "--reference: the mock loaded with the same world",
        kind="scenario",
    )
    for vendor in VENDORS
}


def normalise(body: bytes) -> Any:
    """The body as JSON with request ids removed (raw bytes when it is not JSON)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return body
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        data["error"].pop("requestId", None)
    return data


def reference_url(url: str, reference: str) -> str:
    """``url`` with its scheme and host replaced by the reference's (path kept)."""
    target, ref = urlsplit(url), urlsplit(reference)
    path = ref.path.rstrip("/") + target.path
    return urlunsplit((ref.scheme, ref.netloc, path, target.query, ""))


def difference(ours: Exchange, status: int, body: bytes) -> str | None:
    """Why the target's answer differs from the reference's, or None."""
    if ours.status != status:
        return f"status {ours.status}, the reference answered {status}"
    mine, theirs = normalise(ours.body), normalise(body)
    if mine == theirs:
        return None
    return (
        "bodies differ (request ids aside):\n  target:    "
        + json.dumps(mine, sort_keys=True, default=str)[:400]
        + "\n  reference: "
        + json.dumps(theirs, sort_keys=True, default=str)[:400]
    )


def reference_difference(ex: Exchange, reference: str, session: requests.Session) -> str | None:
    """Replay ``ex`` against the reference; why the answers differ, or None."""
    headers = {k: v for k, v in ex.request_headers.items() if k.lower() != "content-length"}
    response = session.request(
        ex.method,
        reference_url(ex.url, reference),
        headers=headers,
        data=ex.request_body,
        timeout=30,
    )
    return difference(ex, response.status_code, response.content)


def compare_with_reference(
    ex: Exchange, target: Target, reference: str, outcomes: Outcomes, session: requests.Session
) -> None:
    """Replay ``ex`` against the reference and record whether the answers agree."""
    rule_id = RULES[target.vendor].id
    if not outcomes.enabled(rule_id):
        return
    problem = reference_difference(ex, reference, session)
    if problem is None:
        outcomes.passed(rule_id)
    else:
        outcomes.failed(rule_id, f"{problem}\n  request: {ex.describe()}", ex.curl())
