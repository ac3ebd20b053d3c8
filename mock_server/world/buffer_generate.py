"""Generated Buffer tenants (organizations, channels, tags) and their posts.

Every random value comes from a generator seeded by (seed, "buffer", entity, ...) so one
organization's posts never depend on another's. Posts are drawn column by column, vectorised;
dates are consistent with the status and the clock (``ctx.now``): sent posts were sent before
it, scheduled ones are due after it, ``createdAt <= updatedAt <= now``. Every time is
absolute: posts are drawn per UTC day, keyed by (seed, org, day, slot), and only the status
(and the clipping of ``updatedAt``) is read off the clock, as DOMAIN.md section 5 requires.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.domain.buffer_metrics import SERVICES
from mock_server.world.base import GenContext, derive_seed, faker_for, rng_for
from mock_server.world.buffer_draws import DAY_OFFSET, SLOT_BITS, U64, HashDraws, post_keys
from mock_server.world.buffer_metric_gen import RngFor, generate_metrics
from mock_server.world.buffer_model import Channel, Organization, Tag, TenantParts, avatar_url
from mock_server.world.buffer_table import NULL_TIME, SENT, STATUSES, IntArray, PostColumns

ORG_SERVICES: tuple[tuple[str, ...], ...] = (
    ("instagram", "facebook", "twitter", "linkedin", "threads", "tiktok", "pinterest", "mastodon"),
    ("instagram", "linkedin", "linkedin", "facebook", "youtube", "bluesky", "googlebusiness",
     "startPage"),
)  # fmt: skip
"""Channels of each generated organization, by network (mixed, two LinkedIn pages in one)."""
TAG_NAMES = ("Campaign", "Product launch", "Evergreen", "Behind the scenes", "Customer story",
             "Promo", "Hiring", "Event", "Tutorial", "Announcement")  # fmt: skip
TAGS_PER_ORG = 6
TIMEZONES = ("Europe/London", "America/New_York", "Europe/Berlin", "America/Los_Angeles",
             "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Europe/Paris")  # fmt: skip
STATUS_SHARES = {"draft": 0.05, "needs_approval": 0.03}
"""Shares of posts not meant to be published (yet); the rest are published on their day."""
ERROR_SHARE = 0.04
"""Share of past-due posts whose publication failed."""
TAG_COUNT_SHARES = (0.45, 0.35, 0.15, 0.05)
"""Share of posts carrying 0, 1, 2 and 3 tags."""
DAY = 86_400
HISTORY_DAYS = 540
"""The scale's posts are spread over about this many days (the daily rate)."""
WINDOW_DAYS = HISTORY_DAYS + 180
AHEAD_DAYS = 22
"""Days generated before and after the clock's day (leads are at most 21 days)."""


@dataclass(frozen=True)
class ChannelSeed:
    """What post generation needs to know about a channel."""

    org: int
    service: str
    audience: float


def hex24(seed: int, *keys: object) -> str:
    """A 24-character lowercase hexadecimal id (the SDL's id format)."""
    return (
        format(derive_seed(seed, "buffer", *keys), "016x")
        + format(derive_seed(seed, "buffer", *keys, "tail"), "016x")[:8]
    )


def channel_services(org: int) -> tuple[str, ...]:
    """The networks of generated organization ``org``'s channels."""
    return ORG_SERVICES[org % len(ORG_SERVICES)]


def generated_channel(seed: int, org: int, index: int) -> tuple[Channel, ChannelSeed]:
    """Channel ``index`` of generated organization ``org``, and its latent audience.

    The last channel of each organization is locked (over the plan's channel limit); every
    fourth has no display name distinct from its handle.
    """
    fake = faker_for(seed, "buffer", "channel", org, index)
    handle, company = fake.user_name(), fake.company()
    channel_id = hex24(seed, "channel", org, index)
    service = channel_services(org)[index]
    channel = Channel(
        id=channel_id,
        org=org,
        service=service,
        name=handle,
        display_name=None if index % 4 == 3 else company,
        avatar=avatar_url(channel_id),
        is_locked=index == len(channel_services(org)) - 1,
        timezone=TIMEZONES[(org * 3 + index) % len(TIMEZONES)],
    )
    audience = float(10 ** rng_for(seed, "buffer", "audience", org, index).uniform(2.5, 4.6))
    return channel, ChannelSeed(org, service, audience)


def generated_tags(seed: int, org: int) -> list[Tag]:
    """Tags of generated organization ``org``: distinct names, ``#rrggbb`` colours."""
    order = rng_for(seed, "buffer", "tags", org).permutation(len(TAG_NAMES))[:TAGS_PER_ORG]
    fake = faker_for(seed, "buffer", "tag-colours", org)
    return [
        Tag(hex24(seed, "tag", org, bit), org, TAG_NAMES[int(i)], fake.hex_color(), bit)
        for bit, i in enumerate(order)
    ]


def org_post_counts(total: int, org_count: int) -> list[int]:
    """Split ``total`` posts between organizations (the first ones busier)."""
    weights = np.linspace(1.2, 0.8, org_count) if org_count > 1 else np.ones(1)
    counts = np.floor(total * weights / weights.sum()).astype(int)
    counts[0] += total - counts.sum()
    return [int(c) for c in counts]


def _day_slots(seed: int, org: int, per_day: float, first: int, last: int) -> U64:
    """Keys of organization ``org``'s posts on epoch days ``first..last``, day by day.

    A day's number of posts depends only on (seed, org, day) and the scale's daily rate.
    """
    days = np.arange(first, last + 1, dtype=np.int64)
    day_keys = post_keys(days, np.zeros_like(days))
    weight = 0.5 + HashDraws(seed, day_keys, org, "day-weight").random(days.shape[0])
    jitter = HashDraws(seed, day_keys, org, "day-jitter").random(days.shape[0])
    n = np.floor(per_day * weight + jitter).astype(np.int64)
    starts = np.cumsum(n) - n
    slots = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(starts, n)
    return post_keys(np.repeat(days, n), slots)


def _post_days(keys: U64) -> npt.NDArray[np.int64]:
    return (keys >> np.uint64(SLOT_BITS)).astype(np.int64) - DAY_OFFSET


def _kinds(r: RngFor, n: int) -> npt.NDArray[np.int64]:
    """What each post is meant to be: a draft, awaiting approval, or to publish."""
    shares = np.array([STATUS_SHARES["draft"], STATUS_SHARES["needs_approval"]])
    shares = np.append(shares, 1.0 - shares.sum())
    return r("kind").choice(3, n, shares)


def _absolute_times(r: RngFor, keys: U64) -> dict[str, npt.NDArray[np.int64]]:
    """The post's intended time (minute of its day) and creation (a seeded lead before it)."""
    n = keys.shape[0]
    minute = np.floor(r("minute").random(n) * (DAY // 60)).astype(np.int64)
    at = _post_days(keys) * DAY + minute * 60
    lead = np.floor(r("lead").uniform(600, 21 * DAY, n)).astype(np.int64)
    return {"at": at, "created": at - lead, "lead": lead}


def _select(keys: U64, created: npt.NDArray[np.int64], count: int, now: int) -> IntArray:
    """Rows of the ``count`` newest posts already created at ``now`` (retention window)."""
    rows = np.nonzero(created <= now)[0]
    order = np.lexsort((keys[rows], -created[rows]))
    return rows[order[:count]]


def _statuses(r: RngFor, kind: IntArray, due: IntArray, sent_at: IntArray, now: int) -> IntArray:
    """Status from the absolute times and the clock (DOMAIN.md section 5).

    Posts to publish are sent once ``sentAt`` has passed (a seeded few failed instead),
    scheduled while ``dueAt`` is ahead, and sending in between; the organization's latest
    past-due post is still sending (mock choice: so every world shows every status).
    """
    n = kind.shape[0]
    publish = kind == 2
    failed = r("failed").random(n) < ERROR_SHARE
    status = np.select(
        [kind == 0, kind == 1, publish & (due > now), publish & (sent_at >= now), failed],
        [STATUSES.index(s) for s in ("draft", "needs_approval", "scheduled", "sending", "error")],
        SENT,
    ).astype(np.int64)
    past = np.nonzero(status == SENT)[0]
    latest = past[np.lexsort((past, -due[past]))[:1]]
    status[latest] = STATUSES.index("sending")
    return status


def _times(r: RngFor, kind: IntArray, t: dict[str, IntArray], now: int) -> dict[str, IntArray]:
    """createdAt, updatedAt, dueAt, sentAt per post, and its status, from absolute times."""
    n = kind.shape[0]
    undated = (kind == 0) & (r("undated").random(n) < 0.6)
    due = np.where(undated, NULL_TIME, t["at"])
    sent_at = t["at"] + np.floor(r("delay").uniform(0, 90, n)).astype(np.int64)
    status = _statuses(r, kind, due, sent_at, now)
    sent = np.where(status == SENT, sent_at, NULL_TIME)
    edited = t["created"] + np.floor(r("edit").random(n) * t["lead"]).astype(np.int64)
    updated = np.clip(np.where(status == SENT, sent, edited), t["created"], now)
    return {"created": t["created"], "updated": updated, "due": due, "sent": sent,
            "status": status}  # fmt: skip


def _tag_masks(r: RngFor, n: int, tag_count: int) -> npt.NDArray[np.uint64]:
    """Bitmask of each post's tags: 0 to 3 distinct tags of its organization."""
    if tag_count == 0:
        return np.zeros(n, dtype=np.uint64)
    k = r("tag-count").choice(len(TAG_COUNT_SHARES), n, np.array(TAG_COUNT_SHARES))
    pick = r("tag-pick")
    draws = np.stack([pick.random(n, salt) for salt in range(tag_count)], axis=1)
    order = np.argsort(draws, axis=1)
    bits = np.left_shift(np.uint64(1), order.astype(np.uint64))
    keep = np.arange(tag_count)[None, :] < k[:, None]
    mask: npt.NDArray[np.uint64] = np.where(keep, bits, np.uint64(0)).sum(axis=1, dtype=np.uint64)
    return mask


def _object_ids(draws: HashDraws, created: IntArray) -> npt.NDArray[np.str_]:
    """MongoDB-ObjectId-like ids: 4 bytes of createdAt, 8 bytes hashed from the post key."""
    n = created.shape[0]
    raw = np.empty((n, 12), dtype=np.uint8)
    raw[:, :4] = created.astype(">u4").view(np.uint8).reshape(n, 4)
    raw[:, 4:] = draws.words().astype(">u8").view(np.uint8).reshape(n, 8)
    text = raw.tobytes().hex().encode("ascii")
    return np.frombuffer(text, dtype="S24").astype("U24")


def generate_org_posts(
    seed: int, org: int, count: int, first_channel: int, channels: list[ChannelSeed],
    tag_count: int, now: int,
) -> PostColumns:  # fmt: skip
    """About ``count`` posts of organization ``org`` whose channels start at ``first_channel``.

    Posts are generated per absolute UTC day over the retention window before the clock and
    a few weeks after it; every value is keyed by (seed, org, day, slot), never by the clock.
    """
    today = now // DAY
    keys = _day_slots(seed, org, count / HISTORY_DAYS, today - WINDOW_DAYS, today + AHEAD_DAYS)

    def r_all(name: str) -> HashDraws:
        return HashDraws(seed, keys, "posts", org, name)

    times = _absolute_times(r_all, keys)
    rows = _select(keys, times["created"], count, now)
    keys = keys[rows]
    times = {name: column[rows] for name, column in times.items()}

    def r(name: str) -> HashDraws:
        return HashDraws(seed, keys, "posts", org, name)

    n = keys.shape[0]
    weights = rng_for(seed, "buffer", "posts", org, "channel-weights").dirichlet(
        np.full(len(channels), 2.0)
    )
    local = r("channel").choice(len(channels), n, weights)
    dated = _times(r, _kinds(r, n), times, now)
    status = dated.pop("status")
    service = np.array([SERVICES.index(c.service) for c in channels], dtype=np.int64)[local]
    audience = np.array([c.audience for c in channels])[local]
    age = (now - dated["sent"]).astype(np.float64)
    return PostColumns(
        ids=_object_ids(r("id"), dated["created"]),
        org=np.full(n, org, dtype=np.int64),
        channel=(local + first_channel).astype(np.int64),
        status=status,
        tags=_tag_masks(r, n, tag_count),
        metrics=generate_metrics(r, service, status == SENT, audience, age),
        created=dated["created"],
        updated=dated["updated"],
        due=dated["due"],
        sent=dated["sent"],
    )


def add_generated(ctx: GenContext, parts: TenantParts, org_count: int) -> None:
    """Organizations with one key of each kind, mixed-network channels, tags and posts."""
    now = int(ctx.now.timestamp())
    counts = org_post_counts(ctx.scale.buffer_posts, org_count)
    for org in range(org_count):
        parts.organizations.append(
            Organization(
                id=_hex(ctx.seed, "org", org) + _hex(ctx.seed, "org2", org)[:8],
                token="buffer_pk_" + _hex(ctx.seed, "key", org),
                token_without_insights="buffer_oauth_" + _hex(ctx.seed, "oauth", org),
            )
        )
        first_channel = len(parts.channels)
        made = [generated_channel(ctx.seed, org, i) for i in range(len(channel_services(org)))]
        parts.channels.extend(channel for channel, _ in made)
        tags = generated_tags(ctx.seed, org)
        parts.tags.extend(tags)
        seeds = [seed for _, seed in made]
        parts.posts.append(
            generate_org_posts(ctx.seed, org, counts[org], first_channel, seeds, len(tags), now)
        )


def _hex(seed: int, *keys: object) -> str:
    return format(derive_seed(seed, "buffer", *keys), "016x")
