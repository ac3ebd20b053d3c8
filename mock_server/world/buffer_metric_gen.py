"""Per-post metric values for generated Buffer posts, vectorised over all posts at once.

Which types a post carries follows the domain catalogue (``NETWORK_METRICS``, a mock choice
built on seeds/buffer-post-metrics.txt) narrowed by post type: video-only types (Instagram and
Facebook views, LinkedIn viewers and totalTimeWatched) appear on video posts only, as the seed
says a type may be missing because the network "doesn't support that metric for that post
type". Values are realistic rather than uniform: a latent audience per channel, log-normal
spread per post, a few viral outliers, reach <= impressions, engagement a few percent of
impressions, and values that grow over the first day after ``sentAt``. Each draw is keyed
by the post's absolute key (:mod:`buffer_draws`), so final values never depend on the clock;
only the maturity factor (freshness) does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from mock_server.domain.buffer_metrics import NETWORK_METRICS, SERVICES
from mock_server.world.buffer_draws import HashDraws
from mock_server.world.buffer_table import ABSENT, COUNT_TYPES

Floats = npt.NDArray[np.float64]
RngFor = Callable[[str], HashDraws]

VIDEO_ONLY: dict[str, tuple[str, ...]] = {
    "instagram": ("views",),
    "facebook": ("views",),
    "linkedin": ("viewers", "totalTimeWatched"),
}
"""Types a network reports only for video posts (mock choice)."""
VIDEO_SHARE = 0.35
VIRAL_SHARE = 0.004


def reported_matrix() -> npt.NDArray[np.bool_]:
    """``[service, type]``: does the service report the stored type at all."""
    return np.array(
        [[t in NETWORK_METRICS[s] for t in COUNT_TYPES] for s in SERVICES], dtype=np.bool_
    )


def video_only_matrix() -> npt.NDArray[np.bool_]:
    """``[service, type]``: is the type reported only on video posts of that service."""
    return np.array(
        [[t in VIDEO_ONLY.get(s, ()) for t in COUNT_TYPES] for s in SERVICES], dtype=np.bool_
    )


def _u(rng_for: RngFor, name: str, n: int, low: float, high: float) -> Floats:
    return rng_for(name).uniform(low, high, n)


def _exposure(rng_for: RngFor, audience: Floats, age_s: Floats) -> Floats:
    """Latent impressions: audience x noise x rare viral boost x maturity after sending."""
    n = audience.shape[0]
    noise = rng_for("noise").lognormal(0.0, 0.7, n)
    viral = np.where(
        rng_for("viral").random(n) < VIRAL_SHARE, _u(rng_for, "viral-boost", n, 20, 80), 1.0
    )
    maturity = 1.0 - np.exp(-np.maximum(age_s, 0.0) / (20 * 3600))
    result: Floats = audience * noise * viral * maturity
    return result


def metric_values(
    rng_for: RngFor, audience: Floats, age_s: Floats, video_first: npt.NDArray[np.bool_]
) -> dict[str, Floats]:
    """Every stored type's value for every post (whole numbers; hundredths for watch time).

    On ``video_first`` networks (no impressions reported) views are the exposure itself, so
    they stay above reach; elsewhere views are the video share of impressions.
    """
    n = audience.shape[0]
    impressions = np.floor(_exposure(rng_for, audience, age_s))
    rate = np.clip(rng_for("rate").lognormal(np.log(0.035), 0.6, n), 0.002, 0.3)
    interactions = impressions * rate
    reactions = np.floor(interactions * _u(rng_for, "reactions", n, 0.55, 0.8))
    reposts = np.floor(interactions * _u(rng_for, "reposts", n, 0.03, 0.1))
    viewers = np.floor(impressions * _u(rng_for, "viewers", n, 0.1, 0.4))
    return {
        "reactions": reactions,
        "comments": np.floor(interactions * _u(rng_for, "comments", n, 0.03, 0.12)),
        "shares": np.floor(interactions * _u(rng_for, "shares", n, 0.02, 0.08)),
        "reposts": reposts,
        "reach": np.floor(impressions * _u(rng_for, "reach", n, 0.55, 0.92)),
        "impressions": impressions,
        "views": np.floor(
            impressions * np.where(video_first, 1.0, _u(rng_for, "views", n, 0.2, 0.7))
        ),
        "clicks": np.floor(impressions * _u(rng_for, "clicks", n, 0.004, 0.03)),
        "saves": np.floor(reactions * _u(rng_for, "saves", n, 0.03, 0.15)),
        "follows": np.floor(impressions * _u(rng_for, "follows", n, 0.0, 0.001)),
        "quotes": np.floor(reposts * _u(rng_for, "quotes", n, 0.1, 0.4)),
        "viewers": viewers,
        "totalTimeWatched": np.round(viewers * _u(rng_for, "watch", n, 0.2, 1.5) * 100),
        "likes": np.floor(reactions * _u(rng_for, "likes", n, 0.6, 0.9)),
    }


def generate_metrics(
    rng_for: RngFor,
    service: npt.NDArray[np.int64],
    sent: npt.NDArray[np.bool_],
    audience: Floats,
    age_s: Floats,
) -> npt.NDArray[np.int64]:
    """``(n, len(COUNT_TYPES))`` int64 matrix; :data:`ABSENT` where not reported or not sent.

    ``service`` indexes :data:`SERVICES`; ``age_s`` is seconds since ``sentAt``.
    """
    n = service.shape[0]
    reported = reported_matrix()
    video_first = ~reported[service, COUNT_TYPES.index("impressions")]
    values = metric_values(rng_for, audience, age_s, video_first)
    matrix = np.stack([values[t] for t in COUNT_TYPES], axis=1).astype(np.int64)
    video: npt.NDArray[np.bool_] = np.asarray(rng_for("video").random(n) < VIDEO_SHARE)
    present = reported[service] & ~(video_only_matrix()[service] & ~video[:, None])
    present &= sent[:, None]
    return np.where(present, matrix, ABSENT)
