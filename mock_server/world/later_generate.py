"""Generated Later posts, as columns: who posted what, when, in which campaign.

Posting follows a weekly rhythm (busier midweek, quieter at weekends) and a seasonal one
(a peak before the holidays, a summer dip); each campaign posts inside its own window in a
mix of 2-5 content types, through creators who have an account on the network. Metrics are
drawn by :mod:`.later_metrics_gen`. Nothing here loops over posts: loops run over campaigns
and networks.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from mock_server.world.base import GenContext, rng_for
from mock_server.world.later_entities import span_start
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


def _epoch_day(day: datetime) -> int:
    return int(day.timestamp()) // SECONDS_PER_DAY


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


def generate_posts(
    ctx: GenContext,
    campaigns: tuple[Campaign, ...],
    creators: tuple[Creator, ...],
    count: int,
    first_post_id: int,
) -> PostColumns:
    """``count`` posts spread over the campaigns (the always-on ones carry the base load)."""
    first_day = _epoch_day(datetime.combine(span_start(ctx), datetime.min.time(), tzinfo=UTC))
    clock = int(ctx.now.timestamp())
    days = (clock - 1) // SECONDS_PER_DAY - first_day + 1
    cdf = np.concatenate(([0.0], np.cumsum(day_weights(first_day, days))))
    sizes = _campaign_sizes(ctx, campaigns, first_day, cdf, count)
    roster = _Roster(creators)
    parts = [
        _campaign_posts(ctx, c, index, int(sizes[index]), first_day, cdf, roster)
        for index, c in enumerate(campaigns)
    ]
    posted = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    posted = np.minimum(posted, clock - 1)
    campaign = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
    ctype = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int8)
    creator = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.int32)
    post_id = _post_ids(ctx, posted, first_post_id)
    followers = np.where(creator >= 0, roster.followers[creator, TYPE_NETWORK[ctype]], 5_000.0)
    flags, metrics = draw_metrics(ctx.seed, ctype, followers, posted // SECONDS_PER_DAY)
    return PostColumns(post_id, posted, campaign, ctype, creator, flags, metrics)


def _campaign_sizes(
    ctx: GenContext,
    campaigns: tuple[Campaign, ...],
    first_day: int,
    cdf: NDArray[np.float64],
    count: int,
) -> NDArray[np.int64]:
    """Posts per campaign: activity in its window times its intensity."""
    weights = np.zeros(len(campaigns))
    rng = rng_for(ctx.seed, "later", "campaign-intensity")
    for index, campaign in enumerate(campaigns):
        lo, hi = _window(campaign, first_day, len(cdf) - 1)
        always_on = campaign.name.startswith("Always-on")
        weights[index] = (cdf[hi] - cdf[lo]) * (1.0 if always_on else rng.uniform(1.5, 4.0))
    if not campaigns or count == 0:
        return np.zeros(len(campaigns), np.int64)
    return rng.multinomial(count, weights / weights.sum())


def _window(campaign: Campaign, first_day: int, days: int) -> tuple[int, int]:
    lo = _epoch_day(datetime.combine(campaign.start, datetime.min.time(), tzinfo=UTC))
    hi = _epoch_day(datetime.combine(campaign.end, datetime.min.time(), tzinfo=UTC)) + 1
    return int(np.clip(lo - first_day, 0, days)), int(np.clip(hi - first_day, 0, days))


def _campaign_posts(
    ctx: GenContext,
    campaign: Campaign,
    index: int,
    size: int,
    first_day: int,
    cdf: NDArray[np.float64],
    roster: _Roster,
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.int8], NDArray[np.int32]]:
    rng = rng_for(ctx.seed, "later", "campaign-posts", campaign.campaign_id)
    lo, hi = _window(campaign, first_day, len(cdf) - 1)
    u = cdf[lo] + rng.random(size) * (cdf[hi] - cdf[lo])
    day = np.clip(np.searchsorted(cdf, u, side="right") - 1, lo, max(hi - 1, lo))
    hour = rng.choice(24, size=size, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    second = hour * 3600 + rng.integers(0, 3600, size)
    posted = (first_day + day).astype(np.int64) * SECONDS_PER_DAY + second
    types = rng.choice(len(CONTENT_TYPES), size=int(rng.integers(2, 6)), replace=False)
    mix = rng.dirichlet(np.full(types.size, 2.0))
    ctype = types[rng.choice(types.size, size=size, p=mix)].astype(np.int8)
    creator = roster.pick(rng, ctype, int(rng.integers(6, 40)))
    return posted, np.full(size, index, np.int32), ctype, creator


class _Roster:
    """Creators by network, with their followers per network."""

    def __init__(self, creators: tuple[Creator, ...]) -> None:
        self.followers = np.zeros((max(len(creators), 1), len(NETWORKS)), np.float64)
        for i, creator in enumerate(creators):
            for profile in creator.profiles:
                self.followers[i, NETWORKS.index(profile.network)] = profile.followers
        self.by_network = [np.flatnonzero(self.followers[:, n]) for n in range(len(NETWORKS))]

    def pick(
        self, rng: np.random.Generator, ctype: NDArray[np.int8], size: int
    ) -> NDArray[np.int32]:
        """A campaign roster of about ``size`` creators per network, and one per post."""
        out = np.full(ctype.size, -1, np.int32)
        network = TYPE_NETWORK[ctype]
        for n in np.unique(network):
            pool = self.by_network[int(n)]
            if pool.size == 0:
                continue
            chosen = rng.choice(pool, size=min(size, pool.size), replace=False)
            where = np.flatnonzero(network == n)
            out[where] = chosen[rng.integers(0, chosen.size, where.size)]
        return out


def _post_ids(ctx: GenContext, posted: NDArray[np.int64], first: int) -> NDArray[np.int64]:
    """Ids increase with publication time, with small gaps (other tenants' posts)."""
    order = np.argsort(posted, kind="stable")
    gaps = rng_for(ctx.seed, "later", "post-ids").integers(1, 4, posted.size)
    ids = np.empty(posted.size, np.int64)
    ids[order] = first + np.cumsum(gaps)
    return ids
