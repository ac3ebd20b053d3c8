"""Which posts and which accounts a scoped Layers metrics query reads.

Lookups stay inside the caller's organization and the path's project (spec EntityId
x-mock-choice): a project outside the organization, or a post, account or layer outside
the path's project, is 404 NOT_FOUND, never another tenant's data. scope=social_account
reads every sibling credential row of the account and scope=project every layer and every
account of the project (seeds/layers-metrics.txt, Notes); scope=organization reads all the
organization's projects.

Follower levels belong to accounts: platform_post and project_layer reads carry no
accounts, so their followers and follower_delta are 0 (mock choice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.domain.errors import NotFound
from mock_server.query.layers_rules import MetricsRequest
from mock_server.world.layers import LayersWorld

I64 = npt.NDArray[np.int64]
NO_ACCOUNTS = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Selection:
    """Post-table segments (or one post) and logical accounts to aggregate."""

    segments: I64
    accounts: I64
    post: int | None = None


def select(world: LayersWorld, organization: int, request: MetricsRequest) -> Selection:
    """Resolve the path's project, then the scoped entity inside it (404 when absent)."""
    project = world.index.project_by_id.get(request.project_id)
    if project is None or int(world.index.project_org[project]) != organization:
        raise NotFound(f"project {request.project_id} not found.", "projectId")
    resolver = _RESOLVERS[request.scope]
    return resolver(world, organization, project, request.entity_id)


def _not_found(scope: str, entity_id: str, project_id: str) -> NotFound:
    return NotFound(f"{scope} {entity_id} not found in project {project_id}.", "id")


def _post(world: LayersWorld, organization: int, project: int, entity_id: str) -> Selection:
    pos = world.posts.find(entity_id)
    if pos is not None:
        layer = int(world.posts.seg_layer[world.posts.segment_at(pos)])
        if int(world.index.layer_project[layer]) == project:
            return Selection(NO_ACCOUNTS, NO_ACCOUNTS, post=pos)
    raise _not_found("platform_post", entity_id, world.projects[project].id)


def _account(world: LayersWorld, organization: int, project: int, entity_id: str) -> Selection:
    row = world.index.row_by_id.get(entity_id)
    if row is None or int(world.index.row_project[row]) != project:
        raise _not_found("social_account", entity_id, world.projects[project].id)
    segments = world.posts.segments_of_rows(np.array(world.index.siblings(row)))
    return Selection(segments, np.array([world.index.row_logical[row]], dtype=np.int64))


def _layer(world: LayersWorld, organization: int, project: int, entity_id: str) -> Selection:
    layer = world.index.layer_by_id.get(entity_id)
    if layer is None or int(world.index.layer_project[layer]) != project:
        raise _not_found("project_layer", entity_id, world.projects[project].id)
    return Selection(world.posts.segments_of_layers(np.array([layer])), NO_ACCOUNTS)


def _project(world: LayersWorld, organization: int, project: int, entity_id: str) -> Selection:
    segments = world.posts.segments_of_layers(world.index.layers_of_project[project])
    return Selection(segments, world.index.logical_of_project[project])


def _organization(world: LayersWorld, organization: int, project: int, entity_id: str) -> Selection:
    if entity_id != world.organizations[organization].id:
        raise NotFound(f"organization {entity_id} not found.", "id")
    segments = world.posts.segments_of_layers(world.index.layers_of_org(organization))
    return Selection(segments, world.index.logical_of_org(organization))


_RESOLVERS = {
    "platform_post": _post,
    "social_account": _account,
    "project_layer": _layer,
    "project": _project,
    "organization": _organization,
}
