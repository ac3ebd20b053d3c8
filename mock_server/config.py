"""Frozen configuration: everything a response depends on is in here.

Responses are a pure function of (seed, fixtures, scale, now). The wall clock is read in
exactly one place, :func:`default_now`, and only when no clock was given.

The transport options (CORS origins, added latency, vendor rate limits, the request log)
change how answers travel, never what they say; rate limits are the one option that keeps
state (per process, on monotonic clock windows) and they are off unless asked for.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

VENDORS: tuple[str, ...] = ("layers", "later", "buffer")
SCALES: tuple[str, ...] = ("tiny", "default", "large", "xl")
MAX_LATENCY_MS = 10_000
"""Added latency is capped, so that a typo cannot hang a test run."""


def default_now() -> datetime:
    """The current UTC day at 00:00, so that a whole day's answers are stable."""
    today = datetime.now(UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def parse_now(text: str) -> datetime:
    """Parse an ISO 8601 instant for ``--now``; a naive value is taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass(frozen=True)
class Config:
    """What the app is built from. Tests build it with a fixed ``now``."""

    seed: int = 42
    now: datetime = field(default_factory=default_now)
    scale: str = "default"
    fixtures: tuple[Path, ...] = ()
    vendors: tuple[str, ...] = VENDORS
    debug: bool = False
    cors_origins: tuple[str, ...] = ("*",)
    """Origins a browser may call from; ``("*",)`` is any, ``()`` turns CORS off."""
    latency_ms: int = 0
    """Delay added to every vendor answer (``Prefer: latency=MS`` overrides it per request)."""
    rate_limits: bool = False
    """Enforce each vendor's documented rate limit (per process, monotonic windows)."""
    log_requests: bool = False
    """Log one line per request: method, path, status, milliseconds."""

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("Config.now must be timezone-aware (UTC)")
        if self.scale not in SCALES:
            raise ValueError(f"unknown scale {self.scale!r}; choose one of {', '.join(SCALES)}")
        unknown = [v for v in self.vendors if v not in VENDORS]
        if unknown:
            raise ValueError(f"unknown vendor(s) {unknown}; choose from {', '.join(VENDORS)}")
        if not 0 <= self.latency_ms <= MAX_LATENCY_MS:
            raise ValueError(f"latency must be 0..{MAX_LATENCY_MS} ms, got {self.latency_ms}")
        bad = [o for o in self.cors_origins if o != "*" and "://" not in o]
        if bad:
            raise ValueError(f"CORS origins look like 'http://localhost:5173' or '*', not {bad}")

    def replace(self, **changes: object) -> Config:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
