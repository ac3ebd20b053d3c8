"""Response-level faults: the mock answers correctly, then a middleware rewrites the answer.

Each function is a :data:`contract_tests.faults.Rewrite` (or the JSON edit behind one): it
stands for an implementation that computes the right thing and reports it wrongly
(totalPages + 1, a mean of rates, Sunday labels, a 500 where a 400 belongs, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from contract_tests.faults import Reply, Request, Rewrite
from mock_server.domain.calendar import Granularity, bucket_start

JsonEdit = Callable[[Any, Request], Any]


def on_json(path: str, edit: JsonEdit, status: int = 200) -> Rewrite:
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


# --- Later -------------------------------------------------------------------------------


def total_pages_plus_one(data: Any, request: Request) -> Any:
    data["pagination"]["totalPages"] += 1
    return data


def first_bucket_unclipped(data: Any, request: Request) -> Any:
    granularity = (request.query.get("granularity") or ["month"])[0]
    if data["data"]:
        first = date.fromisoformat(data["data"][0]["startDate"])
        start = bucket_start(datetime.combine(first, time(), tzinfo=UTC), Granularity(granularity))
        data["data"][0]["startDate"] = start.date().isoformat()
    return data


def server_error_on_bad_date(request: Request, reply: Reply) -> Reply:
    detail = str((reply.json() or {}).get("detail", ""))
    if reply.status == 400 and ("startDate" in detail or "endDate" in detail):
        return reply.with_json({**(reply.json() or {}), "status": 500, "type": "ANL_00500"}, 500)
    return reply


def summary_rate_plus_one(data: Any, request: Request) -> Any:
    metrics = data["data"]["metrics"]
    if isinstance(metrics.get("engagementRate"), int | float):
        metrics["engagementRate"] = round(metrics["engagementRate"] + 1, 2)
    return data


# --- Layers ------------------------------------------------------------------------------


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


def bare_error_message(request: Request, reply: Reply) -> Reply:
    data = reply.json()
    if request.path.startswith("/v1/") and reply.status >= 400 and isinstance(data, dict):
        return reply.with_json({"message": data.get("error", {}).get("message", "error")})
    return reply


# --- Buffer ------------------------------------------------------------------------------


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
