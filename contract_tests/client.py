"""The scenarios' HTTP client: every request becomes an :class:`Exchange`, every exchange
goes through the per-response checks, and with a reference every request is replayed there
and the two bodies compared (see :mod:`contract_tests.differential`)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import requests

from contract_tests.checks import run_response_checks
from contract_tests.differential import compare_with_reference
from contract_tests.exchange import Exchange
from contract_tests.outcomes import Outcomes
from contract_tests.target import Target

Params = Mapping[str, object] | Sequence[tuple[str, object]]
TIMEOUT = 30.0


class _Default:
    """Marker: use the target's own token."""


DEFAULT_TOKEN = _Default()
Token = str | None | _Default


def build_exchange(target: Target, response: requests.Response) -> Exchange:
    request = response.request
    body = request.body
    return Exchange(
        vendor=target.vendor,
        method=str(request.method),
        url=str(request.url),
        request_headers={str(k): str(v) for k, v in request.headers.items()},
        request_body=body.encode()
        if isinstance(body, str)
        else body
        if isinstance(body, bytes)
        else None,
        status=response.status_code,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=response.content,
        redactions=target.secrets(),
    )


class Client:
    """Sends requests to one target (and its reference, when given)."""

    def __init__(
        self,
        target: Target,
        outcomes: Outcomes,
        *,
        reference: str | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.target = target
        self.outcomes = outcomes
        self.reference = reference
        self.session = session or requests.Session()
        self.sent = 0

    def _headers(self, token: Token) -> dict[str, str]:
        value = self.target.token if isinstance(token, _Default) else token
        return {"Authorization": f"Bearer {value}"} if value is not None else {}

    def get(self, path: str, params: Params = (), *, token: Token = DEFAULT_TOKEN) -> Exchange:
        """GET ``{base}{path}`` with query ``params`` (lists become repeated keys)."""
        pairs = _pairs(params)
        url = self.target.base_url.rstrip("/") + path
        response = self.session.get(
            url, params=pairs, headers=self._headers(token), timeout=TIMEOUT
        )
        return self._record(response)

    def graphql(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        token: Token = DEFAULT_TOKEN,
    ) -> Exchange:
        """POST a GraphQL query (with variables) to the target's GraphQL endpoint."""
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = dict(variables)
        headers = {**self._headers(token), "Content-Type": "application/json"}
        response = self.session.post(
            self.target.endpoint, data=json.dumps(payload), headers=headers, timeout=TIMEOUT
        )
        return self._record(response)

    def _record(self, response: requests.Response) -> Exchange:
        self.sent += 1
        ex = build_exchange(self.target, response)
        run_response_checks(ex, self.outcomes)
        if self.reference:
            compare_with_reference(ex, self.target, self.reference, self.outcomes, self.session)
        return ex


def _pairs(params: Params) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(key, _text(v)) for v in values]
    return pairs


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
