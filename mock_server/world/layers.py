"""The Layers world: organizations and their tokens, projects, layers, social accounts (with
reconnected siblings), platform posts (columnar, :mod:`.layers_posts`) and daily follower
levels (:mod:`.layers_followers`).

``generate(ctx)`` builds it from the seed (:mod:`.layers_gen`, :mod:`.layers_gen_posts`)
and the ``layers:`` sections of the fixtures (:mod:`.layers_fixtures`), assembled in
:mod:`.layers_build`. The world is read-only after build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from mock_server.world.base import GenContext
from mock_server.world.layers_build import assemble
from mock_server.world.layers_followers import DAY_US, FollowerTable
from mock_server.world.layers_index import LayersIndex
from mock_server.world.layers_model import (
    POST_METRICS,
    TIERS,
    Layer,
    Organization,
    Project,
    SocialAccount,
    format_instant,
)
from mock_server.world.layers_posts import SHIFT, PostTable

__all__ = ["TIERS", "LayersWorld", "Organization", "generate"]

CATALOG_POSTS = 5
"""How many recent platform post ids the catalog lists per project."""


@dataclass(frozen=True)
class LayersWorld:
    organizations: tuple[Organization, ...]
    projects: tuple[Project, ...]
    layers: tuple[Layer, ...]
    social_accounts: tuple[SocialAccount, ...]
    index: LayersIndex
    posts: PostTable
    followers: FollowerTable

    def catalog(self) -> dict[str, Any]:
        """Tenants, tokens and a few ids of each kind per project (GET /_mock/catalog)."""
        return {
            "organizations": [
                {
                    "id": org.id,
                    "name": org.name,
                    "token": org.token,
                    "token_without_metrics_scope": org.token_without_metrics_scope,
                    "rate_limit_tier": org.rate_limit_tier,
                    "projects": [
                        self._project_catalog(int(p)) for p in self.index.projects_of_org[i]
                    ],
                }
                for i, org in enumerate(self.organizations)
            ]
        }

    def _project_catalog(self, project: int) -> dict[str, Any]:
        rows = np.flatnonzero(self.index.row_project == project)
        logical = sorted({self.index.siblings(int(r)) for r in rows})
        return {
            "id": self.projects[project].id,
            "name": self.projects[project].name,
            "layers": [self.layers[int(la)].id for la in self.index.layers_of_project[project]],
            "social_accounts": [self.social_accounts[int(r)].id for r in rows],
            "reconnected_social_accounts": [
                [self.social_accounts[r].id for r in group] for group in logical if len(group) > 1
            ],
            "platform_posts": self._recent_posts(project),
        }

    def _recent_posts(self, project: int) -> list[str]:
        """The most recently published posts of a project (newest first, ties by id)."""
        segments = self.posts.segments_of_layers(self.index.layers_of_project[project])
        ends = np.searchsorted(self.posts.keys, (segments + 1) << SHIFT) - 1
        candidates = []
        for segment, end in zip(segments, ends, strict=True):
            start = max(
                int(np.searchsorted(self.posts.keys, segment << SHIFT)), end - CATALOG_POSTS + 1
            )
            candidates += [
                (-self.posts.published_s_at(p), self.posts.id_at(p)) for p in range(start, end + 1)
            ]
        return [post_id for _, post_id in sorted(candidates)[:CATALOG_POSTS]]

    def export_tables(self) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
        """Every table, as rows a ``layers:`` fixture section accepts (mode: replace rebuilds)."""
        yield "organizations", [_org_row(o) for o in self.organizations]
        yield (
            "projects",
            [
                {"id": p.id, "organization_id": p.organization_id, "name": p.name}
                for p in self.projects
            ],
        )
        yield (
            "layers",
            [{"id": la.id, "project_id": la.project_id, "name": la.name} for la in self.layers],
        )
        yield "social_accounts", [_account_row(a) for a in self.social_accounts]
        yield "platform_posts", self._post_rows()
        yield "follower_series", self._follower_rows()

    def _post_rows(self) -> Iterator[dict[str, Any]]:
        posts = self.posts
        for pos in range(len(posts)):
            segment = posts.segment_at(pos)
            account = self.social_accounts[int(posts.seg_row[segment])]
            row: dict[str, Any] = {
                "id": posts.id_at(pos),
                "social_account_id": account.id,
                "layer_id": self.layers[int(posts.seg_layer[segment])].id,
                "platform": account.platform,
                "format": posts.format_at(pos),
                "published_at": format_instant(_from_s(posts.published_s_at(pos))),
            }
            row.update({m: posts.metric_at(pos, m) for m in POST_METRICS})
            yield row

    def _follower_rows(self) -> Iterator[dict[str, Any]]:
        """Each logical account's levels, attributed to the row live at each day's end."""
        for logical, rows in enumerate(self.index.logical_rows):
            accounts = [self.social_accounts[r] for r in rows]
            points = self.followers.points_of(logical)
            for day, level in zip(points.days.tolist(), points.levels.tolist(), strict=True):
                snapshot = _from_s((day + 1) * DAY_US // 1_000_000)
                live = [a for a in accounts if a.connected_at <= snapshot] or accounts[:1]
                yield {
                    "social_account_id": max(live, key=lambda a: a.connected_at).id,
                    "date": (datetime(1970, 1, 1) + timedelta(days=day)).date().isoformat(),
                    "followers": level,
                }


def _from_s(seconds: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)


def _org_row(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "token": org.token,
        "token_without_metrics_scope": org.token_without_metrics_scope,
        "rate_limit_tier": org.rate_limit_tier,
    }


def _account_row(account: SocialAccount) -> dict[str, Any]:
    ended = account.disconnected_at
    return {
        "id": account.id,
        "project_id": account.project_id,
        "platform": account.platform,
        "platform_user_id": account.platform_user_id,
        "handle": account.handle,
        "connected_at": format_instant(account.connected_at),
        "disconnected_at": None if ended is None else format_instant(ended),
    }


def generate(ctx: GenContext) -> LayersWorld:
    """The seeded world (``ctx.scale.layers_posts`` posts) plus fixtures."""
    parts = assemble(ctx)
    return LayersWorld(
        organizations=parts.organizations,
        projects=parts.projects,
        layers=parts.layers,
        social_accounts=parts.accounts,
        index=parts.index,
        posts=parts.posts,
        followers=parts.followers,
    )
