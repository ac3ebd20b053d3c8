"""The Buffer world: organizations, their API keys and channels.

Extended by the Buffer issue with tagged posts in every status and per-network metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_server.world.base import GenContext, derive_seed

ORGANIZATION_COUNT = 2


@dataclass(frozen=True)
class Organization:
    """A Buffer organization; ``token`` is a personal API key (full access) and
    ``token_without_insights`` an OAuth token whose scopes lack ``insights:read``."""

    id: str
    token: str
    token_without_insights: str


@dataclass(frozen=True)
class BufferWorld:
    organizations: tuple[Organization, ...]

    def catalog(self) -> dict[str, Any]:
        return {
            "organizations": [
                {"id": o.id, "token": o.token, "token_without_insights": o.token_without_insights}
                for o in self.organizations
            ]
        }


def _hex(seed: int, *keys: object) -> str:
    return format(derive_seed(seed, "buffer", *keys), "016x")


def generate(ctx: GenContext) -> BufferWorld:
    """Organizations with one key of each kind."""
    orgs = tuple(
        Organization(
            id=_hex(ctx.seed, "org", i) + _hex(ctx.seed, "org2", i)[:8],
            token="buffer_pk_" + _hex(ctx.seed, "key", i),
            token_without_insights="buffer_oauth_" + _hex(ctx.seed, "oauth", i),
        )
        for i in range(ORGANIZATION_COUNT)
    )
    return BufferWorld(organizations=orgs)
