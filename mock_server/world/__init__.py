"""The one seeded world behind every endpoint.

``build_world(config)`` runs one generator per mounted vendor (``world/<vendor>.py``), each
a pure function of (seed, fixtures, scale, now). Vendor worlds are read-only after build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mock_server.config import Config
from mock_server.world import buffer as buffer_world
from mock_server.world import later as later_world
from mock_server.world import layers as layers_world
from mock_server.world.base import SCALE_SPECS, GenContext
from mock_server.world.fixtures import load_fixtures


@dataclass(frozen=True)
class World:
    """Every vendor's data; a vendor that is not mounted is None."""

    seed: int
    now: datetime
    scale: str
    layers: layers_world.LayersWorld | None
    later: later_world.LaterWorld | None
    buffer: buffer_world.BufferWorld | None


def build_world(config: Config) -> World:
    """Generate (and load fixtures into) the world for ``config``."""
    ctx = GenContext(
        config.seed, config.now, SCALE_SPECS[config.scale], load_fixtures(config.fixtures)
    )
    return World(
        seed=config.seed,
        now=config.now,
        scale=config.scale,
        layers=layers_world.generate(ctx) if "layers" in config.vendors else None,
        later=later_world.generate(ctx) if "later" in config.vendors else None,
        buffer=buffer_world.generate(ctx) if "buffer" in config.vendors else None,
    )
