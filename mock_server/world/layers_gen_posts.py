"""Generated platform posts and follower levels, vectorised per project.

Shape of the data (the issue "The world", Layers part): posts are published in the 365 days
before the clock (never after it), more on weekdays than at weekends and more in the
afternoon (UTC) than at night, with a mild yearly season. Each UTC day is drawn on its own
from (seed, day), so moving the clock never changes a past day (DOMAIN.md section 5).
Views are log-normal per account, platform and format, with a few viral outliers (0.3% of
posts get 20-150x). Impressions are at least views, reach at most views, and likes,
comments, shares and saves are small binomial fractions of views. watch_time_ms is non-zero
only for TikTok and Instagram Reels (seeds/layers-metrics.txt).
Follower levels drift upward with daily noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.world.base import GenContext, rng_for
from mock_server.world.layers_followers import FollowerPoints
from mock_server.world.layers_gen import (
    ANCHOR_DAY,
    DAY_S,
    HISTORY_DAYS,
    AccountProfile,
    ProjectProfile,
    epoch_s,
    history_days,
)
from mock_server.world.layers_model import FORMATS, PLATFORM_FORMATS, PLATFORMS
from mock_server.world.layers_posts import PostColumns, empty_posts

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

WEEKDAY_WEIGHT = np.array([1.0, 1.15, 1.2, 1.15, 1.0, 0.6, 0.55])  # Monday first
HOUR_WEIGHT = np.array(
    [2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 10, 9, 8, 6, 5, 4, 3], dtype=float
)
FORMAT_WEIGHTS: dict[str, tuple[float, ...]] = {
    "tiktok": (1.0,),
    "instagram": (0.5, 0.25, 0.25),
    "youtube": (0.4, 0.6),
    "facebook": (0.35, 0.45, 0.2),
    "x": (0.5, 0.35, 0.15),
    "linkedin": (0.4, 0.4, 0.2),
}
PLATFORM_LOG_OFFSET = np.array([0.6, 0.2, 0.3, -0.1, -0.3, -0.7])
FORMAT_LOG_OFFSET = np.array([0.3, 0.5, -0.2, 0.0, 0.4, -0.6, -0.8])
SAVE_FACTOR = np.array([0.08, 0.2, 0.1, 0.3, 0.05, 0.02, 0.02])
VIRAL_SHARE = 0.003


def _format_table() -> tuple[F64, npt.NDArray[np.int64]]:
    """Per platform: cumulative format probabilities and the global format codes."""
    width = max(len(f) for f in PLATFORM_FORMATS.values())
    cum = np.ones((len(PLATFORMS), width))
    codes = np.zeros((len(PLATFORMS), width), dtype=np.int64)
    for p, platform in enumerate(PLATFORMS):
        weights = np.array(FORMAT_WEIGHTS[platform])
        cum[p, : len(weights)] = np.cumsum(weights / weights.sum())
        names = PLATFORM_FORMATS[platform]
        codes[p, : len(names)] = [FORMATS.index(n) for n in names]
        codes[p, len(names) :] = codes[p, len(names) - 1]
    return cum, codes


FORMAT_CUM, FORMAT_CODES = _format_table()


def day_density(days: I64) -> F64:
    """Relative posting density of absolute UTC days (mean about 1): weekday rhythm times a
    mild yearly season. It depends on the date only, never on the clock (DOMAIN.md section 5)."""
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday
    season = 1.0 + 0.15 * np.sin(2 * np.pi * (days - ANCHOR_DAY) / 365.25)
    return np.asarray(WEEKDAY_WEIGHT[weekday] / WEEKDAY_WEIGHT.mean() * season, np.float64)


@dataclass(frozen=True)
class _Tables:
    """Every generated project and account flattened, padded for vectorised choices."""

    project_cum: F64
    account_cum: F64
    account_base: I64
    layer_cum: F64
    layer_global: npt.NDArray[np.int32]
    accounts: tuple[AccountProfile, ...]
    platform: I64


def _padded_cum(rows: list[F64]) -> F64:
    width = max(len(r) for r in rows)
    cum = np.ones((len(rows), width))
    for i, r in enumerate(rows):
        cum[i, : len(r)] = np.cumsum(r / r.sum())
    return cum


def _choose(cum: F64, group: I64, u: F64) -> I64:
    """Index drawn by uniform ``u`` from the cumulative row ``cum[group]``."""
    index: I64 = np.minimum((u[:, None] >= cum[group]).sum(axis=1), cum.shape[1] - 1)
    return index.astype(np.int64)


def _tables(seed: int, profiles: list[ProjectProfile], layer_index: Mapping[str, int]) -> _Tables:
    """Project shares (a Dirichlet draw from the seed) and per-project account and layer tables."""
    shares = rng_for(seed, "layers", "post-split").dirichlet(np.full(len(profiles), 3.0))
    accounts = tuple(a for p in profiles for a in p.accounts)
    layer_global = np.zeros((len(profiles), max(len(p.layer_ids) for p in profiles)), np.int32)
    for i, p in enumerate(profiles):
        layer_global[i, : len(p.layer_ids)] = [layer_index[lid] for lid in p.layer_ids]
    return _Tables(
        project_cum=_padded_cum([shares]),
        account_cum=_padded_cum([np.array([a.weight for a in p.accounts]) for p in profiles]),
        account_base=np.cumsum([0] + [len(p.accounts) for p in profiles])[:-1].astype(np.int64),
        layer_cum=_padded_cum([np.array(p.layer_weights) for p in profiles]),
        layer_global=layer_global,
        accounts=accounts,
        platform=np.array([PLATFORMS.index(a.platform) for a in accounts], dtype=np.int64),
    )


def generate_posts(
    ctx: GenContext,
    profiles: list[ProjectProfile],
    layer_index: Mapping[str, int],
    row_index: Mapping[str, int],
) -> PostColumns:
    """The posts of every UTC day in the history window, each day drawn from a generator seeded
    by (seed, "layers", "posts", day): what was published on a day never depends on the clock,
    which only decides which days exist (posts at or after it do not). About
    ``ctx.scale.layers_posts`` posts in the window (density = target / HISTORY_DAYS)."""
    if not profiles:
        return empty_posts(0)
    tables = _tables(ctx.seed, profiles, layer_index)
    first, today = history_days(ctx)
    days = np.arange(first, today + 1, dtype=np.int64)
    expected = ctx.scale.layers_posts / HISTORY_DAYS * day_density(days)
    parts = [
        _day_posts(ctx.seed, int(d), float(x), tables) for d, x in zip(days, expected, strict=True)
    ]
    out = PostColumns.concat(parts)
    keep = np.flatnonzero(out.published_s < epoch_s(ctx.now))
    account = out.row[keep].astype(np.int64)  # the generated account until rows are resolved
    return PostColumns(
        id_keys=out.id_keys[keep],
        row=_rows(tables.accounts, account, out.published_s[keep], row_index),
        layer=out.layer[keep],
        fmt=out.fmt[keep],
        published_s=out.published_s[keep],
        metrics={m: v[keep] for m, v in out.metrics.items()},
    )


def _day_posts(seed: int, day: int, expected: float, tables: _Tables) -> PostColumns:
    """One UTC day's posts; ``row`` holds the generated account index for now."""
    rng = rng_for(seed, "layers", "posts", day)
    n = int(np.floor(expected + rng.random()))
    project = _choose(tables.project_cum, np.zeros(n, np.int64), rng.random(n))
    account = tables.account_base[project] + _choose(tables.account_cum, project, rng.random(n))
    layer = tables.layer_global[project, _choose(tables.layer_cum, project, rng.random(n))]
    hour = rng.choice(24, size=n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    published = (day * DAY_S + hour * 3600 + rng.integers(0, 3600, size=n)).astype(np.int64)
    platform = tables.platform[account]
    u = rng.random(n)
    fmt = FORMAT_CODES[platform, (u[:, None] >= FORMAT_CUM[platform]).sum(axis=1).clip(0, 2)]
    return PostColumns(
        id_keys=rng.integers(1, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True),
        row=account.astype(np.int32),
        layer=layer.astype(np.int32),
        fmt=fmt.astype(np.uint8),
        published_s=published,
        metrics=_metrics(rng, tables.accounts, account, platform, fmt),
    )


def _rows(
    accounts: tuple[AccountProfile, ...], account: I64, published: I64, row_index: Mapping[str, int]
) -> npt.NDArray[np.int32]:
    """The credential row that was live when each post was published (absolute takeovers)."""
    rows = np.zeros(len(account), dtype=np.int32)
    order = np.argsort(account, kind="stable")
    bounds = np.searchsorted(account[order], np.arange(len(accounts) + 1))
    for a, profile in enumerate(accounts):
        mine = order[bounds[a] : bounds[a + 1]]
        live = np.searchsorted(
            np.array(profile.takeovers_s, dtype=np.int64), published[mine], "right"
        )
        rows[mine] = np.array([row_index[r] for r in profile.row_ids], dtype=np.int32)[live]
    return rows


def _metrics(
    rng: np.random.Generator,
    accounts: tuple[AccountProfile, ...],
    account: I64,
    platform: I64,
    fmt: I64,
) -> dict[str, I64]:
    n = len(account)
    log_views = (
        np.array([a.log_views for a in accounts])[account]
        + PLATFORM_LOG_OFFSET[platform]
        + FORMAT_LOG_OFFSET[fmt]
        + rng.normal(0.0, 0.9, n)
    )
    viral = rng.random(n) < VIRAL_SHARE
    log_views += viral * rng.uniform(np.log(20), np.log(150), n)
    views = np.floor(np.exp(np.clip(log_views, 0.0, 20.0))).astype(np.int64)
    impressions = views + np.floor(views * rng.uniform(0.05, 0.8, n)).astype(np.int64)
    like_p = np.clip(
        np.array([a.like_rate for a in accounts])[account] * rng.uniform(0.6, 1.4, n), 0, 0.5
    )
    watch = (platform == PLATFORMS.index("tiktok")) | (fmt == FORMATS.index("reel"))
    return {
        "views": views,
        "reach": np.floor(views * rng.uniform(0.5, 0.95, n)).astype(np.int64),
        "impressions": impressions,
        "likes": rng.binomial(views, like_p).astype(np.int64),
        "comments": rng.binomial(views, like_p * 0.05).astype(np.int64),
        "shares": rng.binomial(views, like_p * 0.08).astype(np.int64),
        "saves": rng.binomial(views, like_p * SAVE_FACTOR[fmt]).astype(np.int64),
        "watch_time_ms": np.where(watch, views * rng.integers(3000, 14000, n), 0).astype(np.int64),
    }


def generate_followers(ctx: GenContext, account: AccountProfile) -> FollowerPoints:
    """End-of-day levels over the history window: upward drift, daily noise, never below zero.

    The level of an absolute day is ``followers0`` at ANCHOR_DAY plus the deltas drawn forward
    from it (or minus those drawn backward), so it does not depend on the clock, which only
    chooses the days shown (DOMAIN.md section 5)."""
    first, today = history_days(ctx)
    days = np.arange(first, today, dtype=np.int64)
    mean = account.followers0 * account.growth
    spread = mean * 1.5 + 3.0
    forward = rng_for(ctx.seed, "layers", "followers", account.row_ids[0])
    backward = rng_for(ctx.seed, "layers", "followers-before", account.row_ids[0])
    after = np.cumsum(np.rint(forward.normal(mean, spread, max(today - ANCHOR_DAY, 0))))
    before = np.cumsum(np.rint(backward.normal(mean, spread, max(ANCHOR_DAY - first, 0))))
    offset = np.where(
        days >= ANCHOR_DAY,
        after[np.clip(days - ANCHOR_DAY, 0, max(len(after) - 1, 0))] if len(after) else 0,
        -before[np.clip(ANCHOR_DAY - 1 - days, 0, max(len(before) - 1, 0))] if len(before) else 0,
    )
    levels = np.maximum(account.followers0 + offset, 0).astype(np.int64)
    return FollowerPoints(days, levels)
