"""Daily follower levels per account, as one dense matrix over a common day grid.

A point ``(day D, level N)`` is the follower count at the end of UTC day D, i.e. from the
instant D+1 00:00Z on, until the next point. Levels form a step function of time, so the
level at any bucket edge is one index into the grid: the series' ``followers`` is the level
at the bucket's end and ``follower_delta`` the difference across the bucket (spec
SeriesEntry, x-mock-choice). Before an account's first point its level is that first value
and after its last point its last value, so a window that starts before the data shows no
phantom jump (mock choice).

Rows of the matrix are *logical* accounts, i.e. the union of sibling credentials with the
same (platform, platform_user_id) in a project (seeds/layers-metrics.txt, Notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
DAY_US = 86_400 * 1_000_000


@dataclass(frozen=True)
class FollowerPoints:
    """Known levels of one logical account: ``days`` (since the Unix epoch) ascending."""

    days: I64
    levels: I64


EMPTY_POINTS = FollowerPoints(np.zeros(0, np.int64), np.zeros(0, np.int64))


@dataclass(frozen=True)
class FollowerTable:
    """``levels[a, j]``: level of logical account ``a`` at the end of day ``first_day + j``."""

    first_day: int
    levels: I64

    @property
    def days(self) -> int:
        return int(self.levels.shape[1])

    def level_at(self, accounts: I64, instants_us: I64) -> I64:
        """Sum over ``accounts`` of the level at each instant (0 for no accounts or data)."""
        if not len(accounts) or not self.days:
            return np.zeros(len(instants_us), dtype=np.int64)
        column = instants_us // DAY_US - 1 - self.first_day
        column = np.clip(column, 0, self.days - 1)
        totals: I64 = self.levels[np.ix_(accounts, column)].sum(axis=0)
        return totals

    def points_of(self, account: int) -> FollowerPoints:
        """The dense series of one logical account (for exports)."""
        days = np.arange(self.first_day, self.first_day + self.days, dtype=np.int64)
        return FollowerPoints(days, self.levels[account].copy())


def build_follower_table(points: Sequence[FollowerPoints]) -> FollowerTable:
    """Forward-fill every account's points onto the grid spanning all of them."""
    present = [p for p in points if len(p.days)]
    if not present:
        return FollowerTable(0, np.zeros((len(points), 0), dtype=np.int64))
    first = int(min(int(p.days[0]) for p in present))
    last = int(max(int(p.days[-1]) for p in present))
    grid = np.arange(first, last + 1, dtype=np.int64)
    levels = np.zeros((len(points), len(grid)), dtype=np.int64)
    for row, p in enumerate(points):
        if len(p.days):
            index = np.clip(np.searchsorted(p.days, grid, side="right") - 1, 0, None)
            levels[row] = p.levels[index]
    return FollowerTable(first, levels)
