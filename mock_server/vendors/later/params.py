"""From a request the spec gate accepted to a query scope, enforcing the handler's rules.

The gate has typed and defaulted every parameter (``g.gate.query``). What is left is what
the spec states in prose and extensions: the bearer token must belong to a client (401);
platform and contentType cannot be combined, startDate must not be after endDate, the
range may cover at most x-max-range-years (400); every instanceId must be bound to the
client (403). Checks run in that order, the first failure wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from mock_server.domain.calendar import exceeds_years
from mock_server.query.later_filters import LaterFilter
from mock_server.vendors.later.contract import LaterContract
from mock_server.world.later import Client, LaterWorld
from mock_server.world.later_model import CONTENT_TYPES


def authenticate(world: LaterWorld, contract: LaterContract, header: str | None) -> Client:
    """The client of ``Authorization: Bearer <token>``; 401 otherwise."""
    scheme, _, token = (header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise contract.error("missingToken")
    client = world.client(token)
    if client is None:
        raise contract.error("invalidToken")
    return client


def _unique(values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(values))


def too_long(start: date, end: date, years: int) -> bool:
    """Spec (StartDate x-mock-choice): the domain's rule for Later's range cap."""
    return exceeds_years(start, end, years)


def content_types(contract: LaterContract, query: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The content types the filter asks for (a platform means all of its types)."""
    if query.get("platform") is not None:
        wanted = {ct for p in query["platform"] for ct in contract.platform_content_types[p]}
        return tuple(ct for ct in CONTENT_TYPES if ct in wanted)
    if query.get("contentType") is not None:
        return _unique(query["contentType"])
    return None


def scope(client: Client, contract: LaterContract, query: Mapping[str, Any]) -> LaterFilter:
    """The validated scope of a request by ``client``."""
    if query.get("platform") is not None and query.get("contentType") is not None:
        raise contract.error("platformWithContentType")
    start, end = query["startDate"], query["endDate"]
    if start > end:
        raise contract.error("startDateAfterEndDate")
    if too_long(start, end, contract.max_range_years):
        raise contract.error("dateRangeTooLong")
    return LaterFilter(
        start=start,
        end=end,
        instance_ids=client.instance_ids,
        campaign_ids=_unique(query["campaignIds"]) if query.get("campaignIds") else None,
        content_types=content_types(contract, query),
        basis=str(query.get("dateBasis") or "post_date"),
    )


def restrict(
    contract: LaterContract, client: Client, scope_: LaterFilter, query: Mapping[str, Any]
) -> LaterFilter:
    """Narrow the scope to the requested instances; 403 for one outside the client's."""
    requested = query.get("instanceIds")
    if not requested:
        return scope_
    for instance_id in requested:
        if instance_id not in client.instance_ids:
            raise contract.error("instanceForbidden", value=instance_id)
    return LaterFilter(
        scope_.start,
        scope_.end,
        _unique(requested),
        scope_.campaign_ids,
        scope_.content_types,
        scope_.basis,
    )
