"""What one app instance holds: its frozen config and the world built from it."""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.config import Config
from mock_server.world import World, build_world


@dataclass(frozen=True)
class MockState:
    """Read-only after start: requests never mutate it, so answers never depend on order."""

    config: Config
    world: World

    @classmethod
    def build(cls, config: Config) -> MockState:
        return cls(config=config, world=build_world(config))
