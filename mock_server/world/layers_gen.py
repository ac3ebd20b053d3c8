"""Generated Layers tenants: organizations, projects, layers and social accounts.

Each organization gets 2-4 projects; each project 2-4 layers and 3-6 accounts on TikTok,
Instagram, YouTube, Facebook, X or LinkedIn. Some accounts were reconnected: 2 or 3
credential rows share one (platform, platform_user_id), each live until the next took over
(seeds/layers-metrics.txt, Notes: "when an account is reconnected, OAuth produces a new
social_accounts row"). The first account of every project is always reconnected, so the
sibling union can be observed in any project. Every value comes from a generator seeded by
(seed, "layers", entity, ...) (world/base.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from faker import Faker

from mock_server.world.base import GenContext, derive_seed, rng_for
from mock_server.world.layers_model import (
    LAYER_NAMES,
    PLATFORMS,
    TIERS,
    Layer,
    Organization,
    Project,
    SocialAccount,
)

ORGANIZATION_COUNT = 3
HISTORY_DAYS = 365
"""Generated posts and follower levels cover the 365 UTC days before the clock's day."""
DAY_S = 86_400
ANCHOR_DAY = 19_723
"""2024-01-01 (days since the Unix epoch): generated accounts were first connected before it,
and follower levels are drawn forward and backward from it (DOMAIN.md section 5: data at
absolute dates does not depend on the clock)."""
TAKEOVER_FIRST_DAY, TAKEOVER_LAST_DAY = 20_413, 20_755
"""2025-11-21 and 2026-10-29: reconnections happen on absolute days in this range."""
PLATFORM_SHARE = np.array([0.25, 0.3, 0.15, 0.12, 0.1, 0.08])


@dataclass(frozen=True)
class AccountProfile:
    """How one generated logical account behaves; drives its posts and followers."""

    row_ids: tuple[str, ...]
    takeovers_s: tuple[int, ...]
    platform: str
    log_views: float
    like_rate: float
    weight: float
    followers0: int
    growth: float


@dataclass(frozen=True)
class ProjectProfile:
    project_id: str
    layer_ids: tuple[str, ...]
    layer_weights: tuple[float, ...]
    accounts: tuple[AccountProfile, ...]


@dataclass(frozen=True)
class GeneratedTenants:
    organizations: list[Organization]
    projects: list[Project]
    layers: list[Layer]
    accounts: list[SocialAccount]
    profiles: list[ProjectProfile]


def epoch_s(ts: datetime) -> int:
    return int((ts - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(seconds=1))


def from_epoch_s(seconds: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)


def history_days(ctx: GenContext) -> tuple[int, int]:
    """First and last UTC day (since the epoch) that can hold generated data: the HISTORY_DAYS
    before the clock's day, and the clock's day itself up to the clock."""
    today = epoch_s(ctx.now) // DAY_S
    return today - HISTORY_DAYS, today


def _hex_id(prefix: str, seed: int, *keys: object) -> str:
    return prefix + format(derive_seed(seed, "layers", *keys), "016x")


def _token(seed: int, *keys: object) -> str:
    return "lp_" + format(derive_seed(seed, "layers", "token", *keys), "016x")


class Fakes:
    """One Faker re-seeded per entity: the same values as ``base.faker_for(seed, *keys)``
    (seeding fixes the whole state), without building a Faker per entity (~3 ms each)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.fake = Faker("en_US")

    def of(self, *keys: object) -> Faker:
        self.fake.seed_instance(derive_seed(self.seed, *keys))
        return self.fake


def generate_organizations(ctx: GenContext, fakes: Fakes) -> list[Organization]:
    """Organizations, each with a full token and a token without ``metrics:read``."""
    orgs = []
    for index in range(ORGANIZATION_COUNT):
        fake = fakes.of("layers", "org", index)
        orgs.append(
            Organization(
                id="org_" + format(derive_seed(ctx.seed, "layers", "org", index), "016x"),
                name=fake.company(),
                token=_token(ctx.seed, index, "full"),
                token_without_metrics_scope=_token(ctx.seed, index, "no-metrics"),
                rate_limit_tier=TIERS[index % len(TIERS)],
            )
        )
    return orgs


def generate_tenants(ctx: GenContext) -> GeneratedTenants:
    """Organizations and, inside each, its projects with layers and accounts."""
    fakes = Fakes(ctx.seed)
    out = GeneratedTenants(generate_organizations(ctx, fakes), [], [], [], [])
    for org_index, org in enumerate(out.organizations):
        rng = rng_for(ctx.seed, "layers", "org-shape", org_index)
        for project_index in range(int(rng.integers(2, 5))):
            _add_project(ctx, fakes, out, org, project_index)
    return out


def _add_project(
    ctx: GenContext, fakes: Fakes, out: GeneratedTenants, org: Organization, index: int
) -> None:
    project_id = _hex_id("prj_", ctx.seed, "project", org.id, index)
    rng = rng_for(ctx.seed, "layers", "project-shape", project_id)
    name = fakes.of("layers", "project", project_id).catch_phrase()
    out.projects.append(Project(project_id, org.id, name))
    names = [LAYER_NAMES[0]] + [
        LAYER_NAMES[1 + int(i)]
        for i in rng.choice(len(LAYER_NAMES) - 1, size=int(rng.integers(1, 4)), replace=False)
    ]
    layer_ids = tuple(_hex_id("lay_", ctx.seed, "layer", project_id, i) for i in range(len(names)))
    out.layers.extend(
        Layer(lid, project_id, name) for lid, name in zip(layer_ids, names, strict=True)
    )
    weights = rng.dirichlet(np.full(len(names), 2.0)) + np.eye(len(names))[0] * 0.5
    profiles = tuple(
        _account(ctx, fakes, out, project_id, i) for i in range(int(rng.integers(3, 7)))
    )
    out.profiles.append(
        ProjectProfile(project_id, layer_ids, tuple((weights / weights.sum()).tolist()), profiles)
    )


def _account(
    ctx: GenContext, fakes: Fakes, out: GeneratedTenants, project_id: str, index: int
) -> AccountProfile:
    rng = rng_for(ctx.seed, "layers", "account", project_id, index)
    handle = fakes.of("layers", "account", project_id, index).user_name()
    platform = PLATFORMS[int(rng.choice(len(PLATFORMS), p=PLATFORM_SHARE))]
    rows = 2 + int(rng.random() < 0.4) if index == 0 else 1 + int(rng.random() < 0.3)
    takeovers = sorted(
        int(t)
        for t in rng.integers(TAKEOVER_FIRST_DAY * DAY_S, TAKEOVER_LAST_DAY * DAY_S, rows - 1)
    )
    first = (ANCHOR_DAY - int(rng.integers(30, 700))) * DAY_S
    bounds = [first, *takeovers, None]
    user_key = derive_seed(ctx.seed, "layers", "platform-user", project_id, index)
    user_id = str(10**11 + user_key % (9 * 10**11))
    row_ids = tuple(_hex_id("sa_", ctx.seed, "account", project_id, index, r) for r in range(rows))
    for r, row_id in enumerate(row_ids):
        upto = bounds[r + 1]
        out.accounts.append(
            SocialAccount(
                id=row_id,
                project_id=project_id,
                platform=platform,
                platform_user_id=user_id,
                handle=handle,
                connected_at=from_epoch_s(int(bounds[r] or 0)),
                disconnected_at=None if upto is None else from_epoch_s(upto),
            )
        )
    return AccountProfile(
        row_ids=row_ids,
        takeovers_s=tuple(takeovers),
        platform=platform,
        log_views=float(rng.normal(7.3, 0.9)),
        like_rate=float(rng.uniform(0.02, 0.07)),
        weight=float(rng.gamma(2.0)),
        followers0=int(np.exp(rng.normal(9.5, 1.3))),
        growth=float(rng.uniform(0.0003, 0.003)),
    )
