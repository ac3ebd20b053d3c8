"""Schemathesis fuzzes every Query field in-process (its GraphQL fuzzing phase) with a
personal API key: no 5xx, a JSON object per answer, no null in a non-null field, and every
error carrying one of Buffer's codes. Ids are drawn from the world so most cases reach data.

Schemathesis' own ``not_a_server_error`` and ``positive_data_acceptance`` checks read any
error with a ``path`` (NOT_FOUND, FORBIDDEN) or code BAD_USER_INPUT as a failure; here those
are documented answers, so the checks run are ``response_schema_conformance`` and
:func:`buffer_answer_is_well_formed`. The app is built at import: Schemathesis' lazy
``schemathesis.pytest.from_fixture`` fails under pytest 9 (``Function._nodeid`` is gone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.core.failures import Failure
from schemathesis.graphql import nodes
from schemathesis.specs.openapi.checks import response_schema_conformance

from mock_server import Config, create_app
from tests.buffer.conftest import KNOWN_CODES
from tests.conftest import FROZEN_NOW

APP = create_app(Config(seed=42, now=FROZEN_NOW, scale="tiny", vendors=("buffer",)))
CATALOG = APP.test_client().get("/_mock/catalog").get_json()
AUTH = {"Authorization": f"Bearer {CATALOG['buffer']['organizations'][0]['token']}"}


def _register_scalars(catalog: dict[str, Any]) -> None:
    """Draw ids from the world (plus one unknown id of each kind) and recent instants."""
    orgs = catalog["buffer"]["organizations"]
    org_ids = [o["id"] for o in orgs] + ["ffffffffffffffffffffffff"]
    channel_ids = [c["id"] for o in orgs for c in o["channels"]] + ["0" * 24]
    post_ids = [p for o in orgs for p in o["posts"]] + ["1" * 24]
    for name, values in (("OrganizationId", org_ids), ("ChannelId", channel_ids),
                         ("PostId", post_ids), ("TagId", ["2" * 24])):  # fmt: skip
        schemathesis.graphql.scalar(name, st.sampled_from(values).map(nodes.String))
    instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1))
    schemathesis.graphql.scalar(
        "DateTime", instants.map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")).map(nodes.String)
    )


_register_scalars(CATALOG)
schema = schemathesis.graphql.from_wsgi("/graphql", APP, headers=AUTH)


class IllFormedAnswer(Failure):
    """A Buffer answer outside the documented shapes."""


def buffer_answer_is_well_formed(ctx: Any, response: Any, case: Any) -> bool | None:
    """No 5xx; errors carry a known code, never UNEXPECTED, never a traceback."""
    body = response.json()
    problems = []
    if response.status_code >= 500:
        problems.append(f"HTTP {response.status_code}")
    for error in body.get("errors", []):
        code = (error.get("extensions") or {}).get("code")
        if code not in KNOWN_CODES:
            problems.append(f"error {error.get('message')!r} has code {code!r}")
        if "exception" in (error.get("extensions") or {}):
            problems.append("a traceback outside debug mode")
    if problems:
        raise IllFormedAnswer(operation=case.operation.label, title="Ill-formed Buffer answer",
                              message="; ".join(problems))  # fmt: skip
    return None


@schema.parametrize()
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_schemathesis_finds_no_failure(case: Any) -> None:
    case.call_and_validate(
        headers=AUTH, checks=[response_schema_conformance, buffer_answer_is_well_formed]
    )
