"""Generated Later posts, as columns: who posted what, when, in which campaign.

Posting follows a weekly rhythm (busier midweek, quieter at weekends) and a seasonal one
(a peak before the holidays, a summer dip); each campaign posts inside its own window in a
mix of 2-5 content types, through creators who have an account on the network. Metrics are
drawn by :mod:`.later_metrics_gen`. Nothing here loops over posts: loops run over campaigns
and networks.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from numpy.typing import NDArray

from mock_server.world.base import GenContext, rng_for
from mock_server.world.later_draws import DayDraws
from mock_server.world.later_entities import SPAN_DAYS, span_days
from mock_server.world.later_metrics_gen import draw_metrics
from mock_server.world.later_model import (
    CONTENT_TYPES,
    NETWORK_OF,
    NETWORKS,
    Campaign,
    Creator,
    PostColumns,
)

SECONDS_PER_DAY = 86_400
WEEKDAY_WEIGHT = np.array([1.0, 1.15, 1.2, 1.15, 1.0, 0.7, 0.65])  # Monday first
HOUR_WEIGHT = np.array(
    [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 9, 9, 8, 8, 9, 10, 11, 11, 10, 8, 5, 2], dtype=float
)
TYPE_NETWORK = np.array([NETWORKS.index(NETWORK_OF[ct]) for ct in CONTENT_TYPES])


DAY_STRIDE = 10_000
"""postId = epoch day * DAY_STRIDE + index in the day: ids grow with publication time."""


def day_weights(first_day: int, days: int) -> NDArray[np.float64]:
    """Relative posting activity of each day (weekday times season)."""
    epoch = np.arange(first_day, first_day + days)
    weekday = (epoch + 3) % 7  # 1970-01-01 was a Thursday
    day_of_year = (epoch % 365.25) / 365.25
    season = (
        1.0
        + 0.3 * np.cos(2 * np.pi * (day_of_year - 0.9))
        - 0.1 * np.cos(4 * np.pi * (day_of_year - 0.55))
    )
    return np.asarray(WEEKDAY_WEIGHT[weekday] * season, dtype=np.float64)


MEAN_WEIGHT = float(day_weights(0, 1461 * 7).mean())
"""Mean activity over whole weeks and leap cycles, so the density is absolute."""


def generate_posts(
    ctx: GenContext, campaigns: tuple[Campaign, ...], creators: tuple[Creator, ...], count: int
) -> PostColumns:
    """About ``count`` posts over the days the clock makes exist; what happens on one day is
    a function of (seed, that day) alone (world/later_draws.py)."""
    first, stop = span_days(ctx.now)
    days = np.arange(first, stop, dtype=np.int64)
    active = _active(ctx.seed, campaigns, days)
    lam = count / SPAN_DAYS * day_weights(first, days.size) / MEAN_WEIGHT
    day_u = DayDraws(ctx.seed, days, np.arange(days.size), np.zeros(days.size, np.int64))
    per_day = np.where(active.any(axis=1), np.floor(lam + day_u.random("day-count")), 0)
    slot = np.repeat(np.arange(days.size), per_day.astype(np.intp))
    draw = DayDraws(ctx.seed, days, slot, _index_in_day(per_day))
    campaign = _pick_rows(active, slot, draw.random("campaign")).astype(np.int32)
    mix, rosters = _campaign_tables(ctx.seed, campaigns, creators)
    ctype = _pick_rows(mix, campaign, draw.random("content-type")).astype(np.int8)
    hour = np.searchsorted(HOUR_CDF, draw.random("hour"), side="right")
    second = hour * 3600 + (draw.random("second") * 3600).astype(np.int64)
    creator = rosters.pick(campaign, TYPE_NETWORK[ctype], draw.random("creator"))
    order = np.lexsort((second, slot))
    campaign, ctype, creator, second = campaign[order], ctype[order], creator[order], second[order]
    index = _index_in_day(per_day)
    epoch_day = days[slot]
    posted = epoch_day * SECONDS_PER_DAY + second
    followers = np.where(creator >= 0, rosters.followers[creator, TYPE_NETWORK[ctype]], 5_000.0)
    final = DayDraws(ctx.seed, days, slot, index)
    flags, metrics = draw_metrics(final, ctype, followers, epoch_day)
    post_id = epoch_day * DAY_STRIDE + index
    return PostColumns(post_id, posted, campaign, ctype, creator, flags, metrics)


HOUR_CDF = np.cumsum(HOUR_WEIGHT)[:-1] / HOUR_WEIGHT.sum()


def _index_in_day(per_day: NDArray[np.float64]) -> NDArray[np.int64]:
    counts = per_day.astype(np.int64)
    starts = np.cumsum(counts) - counts
    return np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)


def _active(
    seed: int, campaigns: tuple[Campaign, ...], days: NDArray[np.int64]
) -> NDArray[np.float64]:
    """(days, campaigns) weights: the campaign's intensity on the days inside its window."""
    out = np.zeros((days.size, len(campaigns)))
    for column, c in enumerate(campaigns):
        lo, hi = _epoch(c.start), _epoch(c.end) + 1
        always_on = c.name.startswith("Always-on")
        intensity = 1.0 if always_on else _intensity(seed, c.campaign_id)
        out[(days >= lo) & (days < hi), column] = intensity
    return out


def _intensity(seed: int, campaign_id: int) -> float:
    return float(rng_for(seed, "later", "campaign-intensity", campaign_id).uniform(1.5, 4.0))


def _epoch(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def _pick_rows(
    weights: NDArray[np.float64],
    row: NDArray[np.int64] | NDArray[np.intp] | NDArray[np.int32],
    u: NDArray[np.float64],
) -> NDArray[np.intp]:
    """Column picked in ``weights[row]`` with probability proportional to its weight."""
    if weights.shape[1] == 0:
        return np.zeros(row.size, np.intp)
    total = np.maximum(weights.sum(axis=1, keepdims=True), 1e-300)
    cum = np.cumsum(weights / total, axis=1)
    cum[:, -1] = 1.0
    flat = (cum + np.arange(weights.shape[0])[:, None]).ravel()
    at = np.searchsorted(flat, row + u, side="right")
    return np.asarray(np.minimum(at - row * weights.shape[1], weights.shape[1] - 1), np.intp)


def _campaign_tables(
    seed: int, campaigns: tuple[Campaign, ...], creators: tuple[Creator, ...]
) -> tuple[NDArray[np.float64], _Roster]:
    """Per campaign: its content-type mix (2-5 types) and its creators per network, each
    from (seed, campaign id)."""
    mix = np.zeros((len(campaigns), len(CONTENT_TYPES)))
    roster = _Roster(creators, len(campaigns))
    for row, campaign in enumerate(campaigns):
        rng = rng_for(seed, "later", "campaign-posts", campaign.campaign_id)
        types = rng.choice(len(CONTENT_TYPES), size=int(rng.integers(2, 6)), replace=False)
        mix[row, types] = rng.dirichlet(np.full(types.size, 2.0))
        roster.choose(rng, row, int(rng.integers(6, 40)))
    return mix, roster


class _Roster:
    """Creators by network, with their followers per network, and each campaign's picks."""

    def __init__(self, creators: tuple[Creator, ...], campaigns: int) -> None:
        self.followers = np.zeros((max(len(creators), 1), len(NETWORKS)), np.float64)
        for i, creator in enumerate(creators):
            for profile in creator.profiles:
                self.followers[i, NETWORKS.index(profile.network)] = profile.followers
        self.by_network = [np.flatnonzero(self.followers[:, n]) for n in range(len(NETWORKS))]
        self.chosen = np.full((campaigns, len(NETWORKS), 40), -1, np.int32)
        self.sizes = np.zeros((campaigns, len(NETWORKS)), np.int64)

    def choose(self, rng: np.random.Generator, campaign: int, size: int) -> None:
        """A campaign roster of about ``size`` creators per network."""
        for n, pool in enumerate(self.by_network):
            if pool.size:
                picked = rng.choice(pool, size=min(size, pool.size), replace=False)
                self.chosen[campaign, n, : picked.size] = picked
                self.sizes[campaign, n] = picked.size

    def pick(
        self, campaign: NDArray[np.int32], network: NDArray[np.int64], u: NDArray[np.float64]
    ) -> NDArray[np.int32]:
        """One creator of the campaign's roster on the post's network (-1 if none)."""
        size = self.sizes[campaign, network]
        slot = np.minimum((u * size).astype(np.int64), np.maximum(size - 1, 0))
        return np.asarray(self.chosen[campaign, network, slot], np.int32)
