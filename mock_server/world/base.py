"""Seeding and sizes shared by the vendor generators.

Every random value is drawn from a generator seeded by ``(seed, vendor, entity, ...)``
through SHA-256, never from a shared stream, never from ``hash()``: what one entity looks
like does not depend on what was generated before it, on the process or on PYTHONHASHSEED.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from faker import Faker

from mock_server.world.fixtures import FixtureSet


def derive_seed(seed: int, *keys: object) -> int:
    """A 64-bit integer seed for ``keys`` under ``seed`` (stable across processes)."""
    material = "\x1f".join([str(seed), *(str(k) for k in keys)]).encode()
    return int.from_bytes(hashlib.sha256(material).digest()[:8], "big")


def hex_id(seed: int, *keys: object, length: int = 24) -> str:
    """A lowercase hex id of ``length`` digits for ``keys`` under ``seed`` (max 64)."""
    material = "\x1f".join(["id", str(seed), *(str(k) for k in keys)]).encode()
    return hashlib.sha256(material).hexdigest()[:length]


def rng_for(seed: int, *keys: object) -> np.random.Generator:
    """A NumPy generator for one entity or one column, independent of all others."""
    return np.random.Generator(np.random.PCG64(derive_seed(seed, *keys)))


def faker_for(seed: int, *keys: object, locale: str = "en_US") -> Faker:
    """A Faker seeded for one entity; Faker is pinned in pyproject so names stay the same."""
    fake = Faker(locale)
    fake.seed_instance(derive_seed(seed, *keys))
    return fake


@dataclass(frozen=True)
class ScaleSpec:
    """How big each vendor's generated world is at a named scale."""

    name: str
    later_posts: int
    layers_posts: int
    buffer_posts: int


SCALE_SPECS: dict[str, ScaleSpec] = {
    "tiny": ScaleSpec("tiny", later_posts=2_000, layers_posts=2_000, buffer_posts=600),
    "default": ScaleSpec("default", later_posts=30_000, layers_posts=20_000, buffer_posts=5_000),
    "large": ScaleSpec(
        "large", later_posts=1_000_000, layers_posts=1_000_000, buffer_posts=100_000
    ),
    "xl": ScaleSpec("xl", later_posts=2_000_000, layers_posts=2_000_000, buffer_posts=200_000),
}


@dataclass(frozen=True)
class GenContext:
    """What a vendor generator may depend on, and nothing else."""

    seed: int
    now: datetime
    scale: ScaleSpec
    fixtures: FixtureSet
