"""Integer indices over the Layers entities: who owns what, and which rows are siblings.

Entity lists are in project order (projects by organization, layers and credential rows by
project), so each project's layers and rows have consecutive indices and each project's
posts are contiguous in the post table. A *logical account* is the set of sibling rows
with the same (platform, platform_user_id) in a project: the metrics endpoint reads them as
one account (seeds/layers-metrics.txt, Notes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.world.layers_model import (
    FULL_SCOPES,
    LIMITED_SCOPES,
    Layer,
    Organization,
    Project,
    SocialAccount,
)

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Caller:
    """What a bearer token stands for."""

    organization: int
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class LayersIndex:
    tokens: Mapping[str, Caller]
    org_by_id: Mapping[str, int]
    project_by_id: Mapping[str, int]
    layer_by_id: Mapping[str, int]
    row_by_id: Mapping[str, int]
    project_org: I64
    layer_project: I64
    row_project: I64
    row_logical: I64
    logical_rows: tuple[tuple[int, ...], ...]
    layers_of_project: tuple[I64, ...]
    logical_of_project: tuple[I64, ...]
    projects_of_org: tuple[I64, ...]

    def siblings(self, row: int) -> tuple[int, ...]:
        """Every credential row of the same logical account (``row`` included)."""
        return self.logical_rows[int(self.row_logical[row])]

    def logical_of_org(self, org: int) -> I64:
        parts = [self.logical_of_project[p] for p in self.projects_of_org[org]]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def layers_of_org(self, org: int) -> I64:
        parts = [self.layers_of_project[p] for p in self.projects_of_org[org]]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _positions(ids: Sequence[str]) -> dict[str, int]:
    return {value: i for i, value in enumerate(ids)}


def _groups(owner: I64, count: int) -> tuple[I64, ...]:
    return tuple(np.flatnonzero(owner == i).astype(np.int64) for i in range(count))


def build_index(
    organizations: Sequence[Organization],
    projects: Sequence[Project],
    layers: Sequence[Layer],
    accounts: Sequence[SocialAccount],
) -> LayersIndex:
    """Index entities already checked for unique ids and valid references."""
    org_by_id = _positions([o.id for o in organizations])
    project_by_id = _positions([p.id for p in projects])
    project_org = np.array([org_by_id[p.organization_id] for p in projects], dtype=np.int64)
    layer_project = np.array([project_by_id[la.project_id] for la in layers], dtype=np.int64)
    row_project = np.array([project_by_id[a.project_id] for a in accounts], dtype=np.int64)
    logical: dict[tuple[str, str, str], int] = {}
    for account in accounts:
        logical.setdefault(account.sibling_key, len(logical))
    row_logical = np.array([logical[a.sibling_key] for a in accounts], dtype=np.int64)
    logical_project = np.zeros(len(logical), dtype=np.int64)
    logical_project[row_logical] = row_project
    tokens = {o.token: Caller(i, FULL_SCOPES) for i, o in enumerate(organizations)}
    tokens.update(
        {
            o.token_without_metrics_scope: Caller(i, LIMITED_SCOPES)
            for i, o in enumerate(organizations)
        }
    )
    return LayersIndex(
        tokens=tokens,
        org_by_id=org_by_id,
        project_by_id=project_by_id,
        layer_by_id=_positions([la.id for la in layers]),
        row_by_id=_positions([a.id for a in accounts]),
        project_org=project_org,
        layer_project=layer_project,
        row_project=row_project,
        row_logical=row_logical,
        logical_rows=tuple(
            tuple(int(r) for r in np.flatnonzero(row_logical == k)) for k in range(len(logical))
        ),
        layers_of_project=_groups(layer_project, len(projects)),
        logical_of_project=_groups(logical_project, len(projects)),
        projects_of_org=_groups(project_org, len(organizations)),
    )
