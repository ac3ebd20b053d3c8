"""One request and its response, as every check sees it, wherever it came from.

Checks never see a ``requests`` or Schemathesis object: the HTTP client and the
Schemathesis bridge both build an :class:`Exchange`, so a rule is written once and runs on
generated requests and on scenario requests alike. ``curl`` renders the request as a
command that reproduces it.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from contract_tests.registry import Vendor

# REST operations by path suffix; a base URL may carry a prefix before these.
_OPERATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("getProjectMetrics", re.compile(r"/v1/projects/[^/]+/metrics$")),
    ("whoami", re.compile(r"/v1/whoami$")),
    ("getPostsPerformance", re.compile(r"/v2/posts/performance$")),
    ("getInstancesPerformanceOverTime", re.compile(r"/v2/instances/performance-over-time$")),
    ("getInstancesPerformance", re.compile(r"/v2/instances/performance$")),
)

# Later's array parameters accept `a,b`, repeated keys and `key[]` (seeds/later-*.txt).
LATER_ARRAYS = frozenset({"instanceIds", "campaignIds", "platform", "contentType", "metrics"})


def operation_of(path: str) -> str | None:
    """The spec operationId a REST path belongs to, or None."""
    for name, pattern in _OPERATIONS:
        if pattern.search(path.rstrip("/")):
            return name
    return None


@dataclass(frozen=True)
class Exchange:
    """A request (method, url, headers, body) and the response (status, headers, body)."""

    vendor: Vendor
    method: str
    url: str
    request_headers: Mapping[str, str]
    request_body: bytes | None
    status: int
    headers: Mapping[str, str]  # keys lower-cased
    body: bytes
    redactions: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def path(self) -> str:
        return urlsplit(self.url).path

    @cached_property
    def operation(self) -> str | None:
        """REST operationId; for GraphQL, ``graphql``."""
        if self.vendor == "buffer":
            return "graphql"
        return operation_of(self.path)

    @cached_property
    def query(self) -> dict[str, list[str]]:
        """Query parameters as lists, ``key[]`` renamed ``key`` and, for Later's arrays,
        comma-separated values split, the way the vendor reads them."""
        out: dict[str, list[str]] = {}
        for key, value in parse_qsl(urlsplit(self.url).query, keep_blank_values=True):
            name = key[:-2] if key.endswith("[]") else key
            parts = value.split(",") if self.vendor == "later" and name in LATER_ARRAYS else [value]
            out.setdefault(name, []).extend(parts)
        return out

    def param(self, name: str, default: str | None = None) -> str | None:
        """The single value of a query parameter (the first one), or ``default``."""
        values = self.query.get(name)
        return values[0] if values else default

    @cached_property
    def json(self) -> Any:
        """The response body parsed as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None

    @cached_property
    def request_json(self) -> Any:
        if not self.request_body:
            return None
        try:
            return json.loads(self.request_body)
        except (ValueError, UnicodeDecodeError):
            return None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def curl(self) -> str:
        """A shell command that sends this request again (tokens redacted when asked)."""
        parts = ["curl", "-sS"]
        if self.method.upper() != "GET":
            parts += ["-X", self.method.upper()]
        parts.append(self.url)
        for name, value in self.request_headers.items():
            if name.lower() in {"authorization", "content-type"}:
                parts += ["-H", f"{name}: {value}"]
        if self.request_body:
            parts += ["--data-raw", self.request_body.decode("utf-8", "replace")]
        return redact(" ".join(shlex.quote(p) for p in parts), self.redactions)

    def describe(self) -> str:
        """``GET /v2/posts/performance?... -> 200`` for messages."""
        split = urlsplit(self.url)
        target = split.path + (f"?{split.query}" if split.query else "")
        return f"{self.method.upper()} {target} -> {self.status}"


def redact(text: str, redactions: Mapping[str, str]) -> str:
    """Replace each secret in ``text`` by its placeholder (``$LATER_TOKEN``)."""
    for secret, placeholder in redactions.items():
        if len(secret) >= 6:  # shorter strings would match ordinary text
            text = text.replace(secret, placeholder)
    return text
