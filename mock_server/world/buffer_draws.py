"""Counter-based random draws for generated Buffer posts, keyed by absolute post keys.

DOMAIN.md section 5: the served data is a pure function of (seed, fixtures, absolute dates).
A sequential generator stream would make a post's values depend on which posts were drawn
before it (and so on the clock's window); here every value is a hash of (seed, column, post
key), where the post key is (absolute UTC day, slot within the day). Vectorised: one SplitMix64
finalizer pass per column over all posts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from mock_server.world.base import derive_seed

U64 = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.float64]
SLOT_BITS = 20
"""A post key is ``day << SLOT_BITS | slot``; at most 2**20 posts per organization per day."""
DAY_OFFSET = 1 << 24
"""Added to epoch days so that keys stay non-negative."""
_C1, _C2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def post_keys(days: npt.NDArray[np.int64], slots: npt.NDArray[np.int64]) -> U64:
    """Absolute key of the post ``slot`` of epoch day ``days``."""
    return ((days + DAY_OFFSET).astype(np.uint64) << np.uint64(SLOT_BITS)) | slots.astype(np.uint64)


def mix64(x: U64) -> U64:
    """SplitMix64's finalizer (a bijection of 64-bit words), element-wise."""
    x = (x ^ (x >> np.uint64(30))) * _C1
    x = (x ^ (x >> np.uint64(27))) * _C2
    result: U64 = x ^ (x >> np.uint64(31))
    return result


class HashDraws:
    """Draws for one column: the same key always gives the same value, whatever else is drawn.

    Mimics the few ``numpy.random.Generator`` methods the generators use; ``n`` must be the
    number of keys.
    """

    def __init__(self, seed: int, keys: U64, *names: object) -> None:
        self._column = np.uint64(derive_seed(seed, "buffer", "draws", *names))
        self._keys = keys

    def words(self, salt: int = 0) -> U64:
        """64 random bits per key."""
        column = self._column ^ np.uint64((salt * 0x9E3779B97F4A7C15) % 2**64)
        return mix64(mix64(self._keys * _GOLDEN ^ column) + column)

    def random(self, n: int, salt: int = 0) -> Floats:
        """Uniform in [0, 1)."""
        assert n == self._keys.shape[0]
        result: Floats = (self.words(salt) >> np.uint64(11)).astype(np.float64) * 2.0**-53
        return result

    def uniform(self, low: float, high: float, n: int) -> Floats:
        """Uniform in [low, high)."""
        return low + (high - low) * self.random(n)

    def normal(self, n: int) -> Floats:
        """Standard normal (Box-Muller)."""
        u1, u2 = 1.0 - self.random(n, 1), self.random(n, 2)
        result: Floats = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
        return result

    def lognormal(self, mean: float, sigma: float, n: int) -> Floats:
        """Log-normal with the underlying normal's ``mean`` and ``sigma``."""
        result: Floats = np.exp(mean + sigma * self.normal(n))
        return result

    def choice(self, k: int, n: int, p: Floats) -> npt.NDArray[np.int64]:
        """Index in ``range(k)`` with probabilities ``p``."""
        edges = np.cumsum(p)[:-1] / np.sum(p)
        assert edges.shape[0] == k - 1
        return np.searchsorted(edges, self.random(n), side="right").astype(np.int64)
