"""Counter-based random draws keyed by absolute UTC day, for Later posts.

DOMAIN.md section 5: what happened on a day is a function of (seed, fixtures, absolute
dates), never of the clock. Every value drawn here is a function of (seed, "later", column
name, epoch day, index in that day) alone: a SplitMix64 key per (column, day), derived from
the column's SHA-256 seed (world/base.py), hashed with the index of the draw. So the posts
of 2026-03-14 are the same whatever window of days the clock makes exist, and the draws stay
vectorised over every post of every day at once.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mock_server.world.base import derive_seed

U64 = NDArray[np.uint64]
F64 = NDArray[np.float64]
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_S32, _LOW = np.uint64(32), np.uint64(0xFFFFFFFF)


def _mix(x: U64) -> U64:
    """The SplitMix64 finaliser (a bijection on 64-bit integers)."""
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return np.asarray(x ^ (x >> _S31), dtype=np.uint64)


class DayDraws:
    """Uniforms for draw ``index[k]`` of day ``days[slot[k]]`` (epoch days), per column."""

    def __init__(
        self, seed: int, days: NDArray[np.int64], slot: NDArray[np.intp], index: NDArray[np.int64]
    ) -> None:
        self.seed, self.slot, self.size = seed, slot, int(slot.size)
        self.day_keys = _mix(days.astype(np.uint64) * _GOLDEN)
        self.counter = (index.astype(np.uint64) + np.uint64(1)) * _GOLDEN

    def bits(self, *name: object) -> U64:
        """64 random bits for every draw, for the column ``name``."""
        base = np.uint64(derive_seed(self.seed, "later", *name))
        return _mix(_mix(self.day_keys ^ base)[self.slot] + self.counter)

    def random(self, *name: object) -> F64:
        """Uniform in [0, 1) for every draw, for the column ``name``."""
        return np.asarray((self.bits(*name) >> _S11).astype(np.float64) * 2.0**-53, np.float64)

    def normal(self, *name: object) -> F64:
        """Standard normal for every draw (Box-Muller over the two 32-bit halves of one
        column's bits)."""
        bits = self.bits(*name)
        high = ((bits >> _S32).astype(np.float64) + 0.5) * 2.0**-32
        low = (bits & _LOW).astype(np.float64) * 2.0**-32
        radius = np.sqrt(-2.0 * np.log(high))
        return np.asarray(radius * np.cos(2 * np.pi * low), np.float64)

    def uniform(self, name: str, lo: float, hi: float) -> F64:
        return lo + (hi - lo) * self.random("metric", name)

    def lognormal(self, name: str, median: float, sigma: float) -> F64:
        return np.asarray(median * np.exp(sigma * self.normal("metric", name)), np.float64)

    def chance(self, name: str, p: float | F64) -> NDArray[np.bool_]:
        return np.asarray(self.random("metric", name, "chance") < p, dtype=np.bool_)

    def shares(self, name: str, weights: list[float]) -> F64:
        """(n, 4) shares around ``weights``, each post a little different."""
        noise = np.stack(
            [np.exp(0.35 * self.normal("metric", name, k)) for k in range(len(weights))], 1
        )
        raw = noise * np.array(weights)
        return np.asarray(raw / raw.sum(axis=1, keepdims=True), dtype=np.float64)
