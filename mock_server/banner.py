"""The start banner: where the mock listens, its world, and one working call per vendor.

Built from each vendor's catalog (the same data as ``GET /_mock/catalog``), so a world whose
fixtures left a vendor without tenants still starts, and says so.
"""

from __future__ import annotations

import json
from typing import Any

from mock_server.world import World


def banner(world: World, host: str, port: int) -> str:
    base = f"http://{host}:{port}"
    lines = [
        f"metrics-mock listening on {base}",
        f"  seed {world.seed}, clock {world.now:%Y-%m-%dT%H:%M:%SZ}, scale {world.scale}",
        f"  catalog: curl {base}/_mock/catalog",
        f"  docs: {base}/docs (Swagger UI), {base}/graphql (GraphiQL)",
    ]
    if world.layers is not None:
        lines += _layers(world.layers.catalog(), base)
    if world.later is not None:
        lines += _later(world.later.catalog(), base, world)
    if world.buffer is not None:
        lines += _buffer(world.buffer.catalog(), base)
    return "\n".join(lines)


def _none(vendor: str) -> list[str]:
    return [f"{vendor}: no tenants in this world (the fixtures replaced the generated ones)"]


def _layers(catalog: dict[str, Any], base: str) -> list[str]:
    orgs = catalog.get("organizations") or []
    if not orgs:
        return _none("Layers")
    org = orgs[0]
    lines = ["Layers  (specs: /openapi/layers.yaml)", f"  token {org['token']}"]
    projects = org.get("projects") or []
    if projects:
        project = projects[0]["id"]
        lines.append(
            f"  curl -H 'Authorization: Bearer {org['token']}' "
            f"'{base}/v1/projects/{project}/metrics?scope=project&id={project}'"
        )
    else:
        lines.append(f"  curl -H 'Authorization: Bearer {org['token']}' {base}/v1/whoami")
    return lines


def _later(catalog: dict[str, Any], base: str, world: World) -> list[str]:
    clients = catalog.get("clients") or []
    if not clients:
        return _none("Later")
    token = clients[0]["token"]
    day = world.now.date()
    start = day.replace(day=1, month=1)
    return [
        "Later   (specs: /openapi/later.yaml)",
        f"  token {token}",
        f"  curl -H 'Authorization: Bearer {token}' "
        f"'{base}/v2/instances/performance-over-time?startDate={start}&endDate={day}"
        "&granularity=month'",
    ]


def _buffer(catalog: dict[str, Any], base: str) -> list[str]:
    orgs = catalog.get("organizations") or []
    if not orgs:
        return _none("Buffer")
    org = orgs[0]
    gql = '{ channels(input: {organizationId: "%s"}) { id service } }'.replace("%s", org["id"])
    query = json.dumps({"query": gql})
    return [
        "Buffer  (GraphQL: POST /graphql, SDL: /graphql/schema.graphql)",
        f"  token {org['token']}",
        f"  curl -H 'Authorization: Bearer {org['token']}' -H 'Content-Type: application/json' "
        f"-d '{query}' {base}/graphql",
    ]
