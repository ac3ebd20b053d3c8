"""The start banner: where the mock listens, its world, and one working call per vendor."""

from __future__ import annotations

import json

from mock_server.world import World


def banner(world: World, host: str, port: int) -> str:
    base = f"http://{host}:{port}"
    lines = [
        f"metrics-mock listening on {base}",
        f"  seed {world.seed}, clock {world.now:%Y-%m-%dT%H:%M:%SZ}, scale {world.scale}",
        f"  catalog: curl {base}/_mock/catalog",
        f"  docs: {base}/docs (Swagger UI)",
    ]
    if world.layers is not None:
        org = world.layers.organizations[0]
        lines += [
            "Layers  (specs: /openapi/layers.yaml)",
            f"  token {org.token}",
            f"  curl -H 'Authorization: Bearer {org.token}' {base}/v1/whoami",
        ]
    if world.later is not None:
        client = world.later.clients[0]
        day = world.now.date()
        start = day.replace(day=1, month=1)
        lines += [
            "Later   (specs: /openapi/later.yaml)",
            f"  token {client.token}",
            f"  curl -H 'Authorization: Bearer {client.token}' "
            f"'{base}/v2/instances/performance-over-time?startDate={start}&endDate={day}"
            "&granularity=month'",
        ]
    if world.buffer is not None:
        org_b = world.buffer.organizations[0]
        gql = '{ channels(input: {organizationId: "%s"}) { id service } }'.replace("%s", org_b.id)
        query = json.dumps({"query": gql})
        lines += [
            "Buffer  (GraphQL: POST /graphql, SDL: /graphql/schema.graphql)",
            f"  token {org_b.token}",
            f"  curl -H 'Authorization: Bearer {org_b.token}' -H 'Content-Type: application/json' "
            f"-d '{query}' {base}/graphql",
        ]
    return "\n".join(lines)
