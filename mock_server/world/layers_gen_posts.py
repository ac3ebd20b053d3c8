"""Generated platform posts and follower levels, vectorised per project.

Shape of the data (the issue "The world", Layers part): posts are published in the 365 days
before the clock (never after it), more on weekdays than at weekends and more in the
afternoon (UTC) than at night, with a slow upward trend. Views are log-normal per account,
platform and format, with a few viral outliers (0.3% of posts get 20-150x). Impressions
are at least views, reach at most views, and likes, comments, shares and saves are
small binomial fractions of views. watch_time_ms is non-zero only for TikTok and Instagram
Reels (seeds/layers-metrics.txt). Follower levels drift upward with daily noise.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from mock_server.world.base import GenContext, rng_for
from mock_server.world.layers_followers import FollowerPoints
from mock_server.world.layers_gen import (
    DAY_S,
    HISTORY_DAYS,
    AccountProfile,
    ProjectProfile,
    history_start_s,
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


def day_weights(ctx: GenContext) -> F64:
    """Probability of each history day: weekday rhythm times a slow upward trend."""
    first_day = history_start_s(ctx) // DAY_S
    weekday = (np.arange(first_day, first_day + HISTORY_DAYS) + 3) % 7  # 1970-01-01 was Thursday
    weights = WEEKDAY_WEIGHT[weekday] * np.linspace(0.7, 1.3, HISTORY_DAYS)
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def generate_posts(
    ctx: GenContext,
    profiles: list[ProjectProfile],
    layer_index: Mapping[str, int],
    row_index: Mapping[str, int],
) -> PostColumns:
    """``ctx.scale.layers_posts`` posts split over the projects, then generated per project."""
    split = rng_for(ctx.seed, "layers", "post-split")
    shares = split.dirichlet(np.full(len(profiles), 3.0)) if profiles else np.zeros(0)
    counts: list[int] = (
        split.multinomial(ctx.scale.layers_posts, shares).tolist() if profiles else []
    )
    days = day_weights(ctx)
    out = empty_posts(sum(counts))
    start = 0
    for profile, n in zip(profiles, counts, strict=True):
        out.fill(start, _project_posts(ctx, profile, n, days, layer_index, row_index))
        start += n
    return out


def _project_posts(
    ctx: GenContext,
    profile: ProjectProfile,
    n: int,
    days: F64,
    layer_index: Mapping[str, int],
    row_index: Mapping[str, int],
) -> PostColumns:
    rng = rng_for(ctx.seed, "layers", "posts", profile.project_id)
    accounts = profile.accounts
    weights = np.array([a.weight for a in accounts])
    account = rng.choice(len(accounts), size=n, p=weights / weights.sum())
    layer_local = rng.choice(len(profile.layer_ids), size=n, p=np.array(profile.layer_weights))
    hour = rng.choice(24, size=n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    published = (
        history_start_s(ctx)
        + rng.choice(HISTORY_DAYS, size=n, p=days) * DAY_S
        + hour * 3600
        + rng.integers(0, 3600, size=n)
    ).astype(np.int64)
    platform = np.array([PLATFORMS.index(a.platform) for a in accounts], dtype=np.int64)[account]
    u = rng.random(n)
    fmt = FORMAT_CODES[platform, (u[:, None] >= FORMAT_CUM[platform]).sum(axis=1).clip(0, 2)]
    layers = np.array([layer_index[i] for i in profile.layer_ids], dtype=np.int32)[layer_local]
    return PostColumns(
        id_keys=rng.integers(1, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True),
        row=_rows(accounts, account, published, row_index),
        layer=layers,
        fmt=fmt.astype(np.uint8),
        published_s=published,
        metrics=_metrics(rng, accounts, account, platform, fmt),
    )


def _rows(
    accounts: tuple[AccountProfile, ...], account: I64, published: I64, row_index: Mapping[str, int]
) -> npt.NDArray[np.int32]:
    """The credential row that was live when each post was published."""
    rows = np.zeros(len(account), dtype=np.int32)
    for a, profile in enumerate(accounts):
        mask = account == a
        live = np.searchsorted(
            np.array(profile.takeovers_s, dtype=np.int64), published[mask], "right"
        )
        rows[mask] = np.array([row_index[r] for r in profile.row_ids], dtype=np.int32)[live]
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
    """End-of-day levels over the history: upward drift, daily noise, never below zero."""
    rng = rng_for(ctx.seed, "layers", "followers", account.row_ids[0])
    first_day = history_start_s(ctx) // DAY_S
    mean = account.followers0 * account.growth
    deltas = np.rint(rng.normal(mean, mean * 1.5 + 3.0, HISTORY_DAYS)).astype(np.int64)
    levels = np.maximum(account.followers0 + np.cumsum(deltas), 0)
    return FollowerPoints(np.arange(first_day, first_day + HISTORY_DAYS, dtype=np.int64), levels)
