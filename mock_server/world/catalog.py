"""``GET /_mock/catalog``: everything a user or a test needs to find its way in the world."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.config import VENDORS

if TYPE_CHECKING:
    from mock_server.state import MockState


def build_catalog(state: MockState) -> dict[str, Any]:
    """Seed, clock, and each mounted vendor's tenants, tokens and a few ids of each kind."""
    world = state.world
    catalog: dict[str, Any] = {
        "seed": world.seed,
        "now": world.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "scale": world.scale,
    }
    for vendor in VENDORS:
        vendor_world = getattr(world, vendor)
        if vendor_world is not None:
            catalog[vendor] = vendor_world.catalog()
    return catalog
