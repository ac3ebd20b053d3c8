"""Schemathesis, in process, over specs/openapi/later.yaml: positive and negative data,
every check, no failure (STYLE.md "Checks"; TOOLCHAIN.md, Schemathesis 4.32).

OpenAPI cannot state rules that tie parameters together (platform XOR contentType,
startDate <= endDate within 2 years, instanceIds bound to the caller, metrics valid for the
filter); the spec states them in prose and the handlers answer 400/403. The ``map_query``
hook below makes schema-valid values obey those rules too, so that "positive" data is
really valid and the positive-data-acceptance check stays strict. Values that break the
schema are left alone, so negative data stays negative.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import schemathesis
from schemathesis import GenerationMode

from mock_server import Config, create_app

APP = create_app(
    Config(seed=42, now=datetime(2026, 11, 1, tzinfo=UTC), scale="tiny", vendors=("later",))
)
CLIENT = APP.extensions["metrics_mock"].world.later.clients[0]
INSTANCE = re.compile(r"[A-Za-z0-9_-]{1,64}")
METRIC = re.compile(r"[A-Za-z]{1,64}")
KNOWN_METRICS = {"engagements", "impressions", "reach", "views", "postsCount", "cpm", "paidCpe"}

schema = schemathesis.openapi.from_wsgi("/openapi/later.yaml", APP)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=60, deterministic=True
)


def _date(value: Any) -> date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dates(query: dict[str, Any]) -> None:
    start, end = _date(query.get("startDate")), _date(query.get("endDate"))
    if start is None or end is None:
        return
    start, end = min(start, end), max(start, end)
    if (end - start).days > 700:
        end = start + timedelta(days=365)
    query["startDate"], query["endDate"] = start.isoformat(), end.isoformat()


def _replace_valid_items(query: dict[str, Any], key: str, ok: Any, allowed: set[str]) -> None:
    values = query.get(key)
    if not isinstance(values, list):
        return
    pool = sorted(allowed)
    query[key] = [
        pool[i % len(pool)] if isinstance(v, str) and ok(v) and v not in allowed else v
        for i, v in enumerate(values)
    ]


def obey_the_prose_rules(query: dict[str, Any]) -> dict[str, Any]:
    """The same query with schema-valid values moved inside the prose rules."""
    query = dict(query)
    if "platform" in query and "contentType" in query:
        del query["contentType"]
    _dates(query)
    _replace_valid_items(query, "instanceIds", INSTANCE.fullmatch, set(CLIENT.instance_ids))
    _replace_valid_items(query, "metrics", METRIC.fullmatch, KNOWN_METRICS)
    return query


@schema.auth()
class ClientToken:
    """The first client's bearer token, except where a negative case dropped the header."""

    def get(self, case: Any, context: Any) -> str:
        return str(CLIENT.token)

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
def test_the_api_honours_its_spec(case: Any) -> None:
    if isinstance(case.query, dict):
        case.query = obey_the_prose_rules(case.query)
    case.call_and_validate()
