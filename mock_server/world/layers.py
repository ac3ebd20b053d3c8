"""The Layers world: organizations and their API tokens.

Extended by the Layers issue with projects, layers, social accounts (with reconnected
siblings), platform posts and follower series.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_server.world.base import GenContext, derive_seed, faker_for

ORGANIZATION_COUNT = 3
TIERS = ("standard", "pilot", "partner")


@dataclass(frozen=True)
class Organization:
    """A Layers tenant. ``token`` has ``metrics:read``; the other token lacks it."""

    id: str
    name: str
    token: str
    token_without_metrics_scope: str
    rate_limit_tier: str


@dataclass(frozen=True)
class LayersWorld:
    organizations: tuple[Organization, ...]

    def catalog(self) -> dict[str, Any]:
        return {
            "organizations": [
                {
                    "id": org.id,
                    "name": org.name,
                    "token": org.token,
                    "token_without_metrics_scope": org.token_without_metrics_scope,
                }
                for org in self.organizations
            ]
        }


def _token(seed: int, *keys: object) -> str:
    return "lp_" + format(derive_seed(seed, "layers", "token", *keys), "016x")


def generate(ctx: GenContext) -> LayersWorld:
    """Organizations, each with a full token and a token without ``metrics:read``."""
    orgs = []
    for index in range(ORGANIZATION_COUNT):
        fake = faker_for(ctx.seed, "layers", "org", index)
        orgs.append(
            Organization(
                id="org_" + format(derive_seed(ctx.seed, "layers", "org", index), "016x"),
                name=fake.company(),
                token=_token(ctx.seed, index, "full"),
                token_without_metrics_scope=_token(ctx.seed, index, "no-metrics"),
                rate_limit_tier=TIERS[index % len(TIERS)],
            )
        )
    return LayersWorld(organizations=tuple(orgs))
