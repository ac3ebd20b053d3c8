"""The Later world: OAuth clients, each bound to a set of instances.

Extended by the Later issue with campaigns, creators, posts and daily performance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_server.world.base import GenContext, derive_seed, hex_id

CLIENT_COUNT = 3
INSTANCES_PER_CLIENT = 3


@dataclass(frozen=True)
class Client:
    """An OAuth client (client credentials); it sees only ``instance_ids``."""

    token: str
    instance_ids: tuple[str, ...]


@dataclass(frozen=True)
class LaterWorld:
    clients: tuple[Client, ...]

    def catalog(self) -> dict[str, Any]:
        return {
            "clients": [
                {"token": c.token, "instanceIds": list(c.instance_ids)} for c in self.clients
            ]
        }


def generate(ctx: GenContext) -> LaterWorld:
    """Clients with disjoint instance sets, so isolation can be tried."""
    clients = []
    for index in range(CLIENT_COUNT):
        instances = tuple(
            "instance_" + format(derive_seed(ctx.seed, "later", "instance", index, i), "012x")
            for i in range(INSTANCES_PER_CLIENT)
        )
        token = "later_" + hex_id(ctx.seed, "later", "client", index, length=32)
        clients.append(Client(token=token, instance_ids=instances))
    return LaterWorld(clients=tuple(clients))
