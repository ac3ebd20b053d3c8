"""Generated Buffer tenants (organizations, channels, tags) and their posts.

Every random value comes from a generator seeded by (seed, "buffer", entity, ...) so one
organization's posts never depend on another's. Posts are drawn column by column, vectorised;
dates are consistent with the status and the clock (``ctx.now``): sent posts were sent before
it, scheduled ones are due after it, ``createdAt <= updatedAt <= now``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.domain.buffer_metrics import SERVICES
from mock_server.world.base import GenContext, derive_seed, faker_for, rng_for
from mock_server.world.buffer_metric_gen import RngFor, generate_metrics
from mock_server.world.buffer_model import Channel, Organization, Tag, TenantParts, avatar_url
from mock_server.world.buffer_table import NULL_TIME, SENT, STATUSES, PostColumns

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
STATUS_SHARES = {"draft": 0.05, "needs_approval": 0.03, "scheduled": 0.10, "sending": 0.005,
                 "sent": 0.78, "error": 0.035}  # fmt: skip
TAG_COUNT_SHARES = (0.45, 0.35, 0.15, 0.05)
"""Share of posts carrying 0, 1, 2 and 3 tags."""
DAY = 86_400
HISTORY_DAYS = 540
RECENT_SHARE = 0.03
"""Share of sent posts sent within the last 36 hours (some not yet ingested)."""


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


def _uniform_int(
    rng: np.random.Generator, n: int, low: float, high: float
) -> npt.NDArray[np.int64]:
    return np.floor(rng.uniform(low, high, n)).astype(np.int64)


def _times(r: RngFor, status: npt.NDArray[np.int64], now: int) -> dict[str, npt.NDArray[np.int64]]:
    """createdAt, updatedAt, dueAt, sentAt per post, consistent with its status."""
    n = status.shape[0]
    recent = r("recent").random(n) < RECENT_SHARE
    age = np.where(recent, _uniform_int(r("age-recent"), n, 300, 1.5 * DAY),
                   _uniform_int(r("age"), n, 300, HISTORY_DAYS * DAY))  # fmt: skip
    minute = 60
    past_due = (now - age) // minute * minute
    future_due = (now + _uniform_int(r("ahead"), n, 3600, 45 * DAY)) // minute * minute
    failed_due = (now - _uniform_int(r("failed"), n, 3600, 300 * DAY)) // minute * minute
    sending_due = now - _uniform_int(r("sending"), n, 0, 300)
    draft_due = np.where(r("undated").random(n) < 0.6, NULL_TIME, future_due)
    due = np.select(
        [status == STATUSES.index(s) for s in STATUSES],
        [draft_due, future_due, future_due, sending_due, past_due, failed_due],
    )
    sent = np.where(status == SENT, past_due + _uniform_int(r("delay"), n, 0, 90), NULL_TIME)
    lead = _uniform_int(r("lead"), n, 600, 21 * DAY)
    anchor = np.where(due == NULL_TIME, now, np.minimum(due, now))
    created = np.minimum(anchor - lead, now - 60)
    edited = created + np.floor(r("edit").random(n) * (now - created)).astype(np.int64)
    updated = np.clip(np.where(status == SENT, sent, edited), created, now)
    return {"created": created, "updated": updated, "due": due, "sent": sent}


def _tag_masks(r: RngFor, n: int, tag_count: int) -> npt.NDArray[np.uint64]:
    """Bitmask of each post's tags: 0 to 3 distinct tags of its organization."""
    if tag_count == 0:
        return np.zeros(n, dtype=np.uint64)
    k = r("tag-count").choice(len(TAG_COUNT_SHARES), n, p=TAG_COUNT_SHARES)
    order = np.argsort(r("tag-pick").random((n, tag_count)), axis=1)
    bits = np.left_shift(np.uint64(1), order.astype(np.uint64))
    keep = np.arange(tag_count)[None, :] < k[:, None]
    mask: npt.NDArray[np.uint64] = np.where(keep, bits, np.uint64(0)).sum(axis=1, dtype=np.uint64)
    return mask


def _object_ids(rng: np.random.Generator, created: npt.NDArray[np.int64]) -> npt.NDArray[np.str_]:
    """MongoDB-ObjectId-like ids: 4 bytes of createdAt, 8 random bytes, as 24 hex digits."""
    n = created.shape[0]
    raw = np.empty((n, 12), dtype=np.uint8)
    raw[:, :4] = created.astype(">u4").view(np.uint8).reshape(n, 4)
    raw[:, 4:] = np.frombuffer(rng.bytes(8 * n), dtype=np.uint8).reshape(n, 8)
    text = raw.tobytes().hex().encode("ascii")
    return np.frombuffer(text, dtype="S24").astype("U24")


def generate_org_posts(
    seed: int, org: int, count: int, first_channel: int, channels: list[ChannelSeed],
    tag_count: int, now: int,
) -> PostColumns:  # fmt: skip
    """``count`` posts of organization ``org`` whose channels start at ``first_channel``."""

    def r(name: str) -> np.random.Generator:
        return rng_for(seed, "buffer", "posts", org, name)

    weights = r("channel-weights").dirichlet(np.full(len(channels), 2.0))
    local = r("channel").choice(len(channels), count, p=weights)
    shares = np.array([STATUS_SHARES[s] for s in STATUSES])
    status = r("status").choice(len(STATUSES), count, p=shares / shares.sum()).astype(np.int64)
    times = _times(r, status, now)
    service = np.array([SERVICES.index(c.service) for c in channels], dtype=np.int64)[local]
    audience = np.array([c.audience for c in channels])[local]
    age = (now - times["sent"]).astype(np.float64)
    metrics = generate_metrics(r, service, status == SENT, audience, age)
    return PostColumns(
        ids=_object_ids(r("ids"), times["created"]),
        org=np.full(count, org, dtype=np.int64),
        channel=(local + first_channel).astype(np.int64),
        status=status,
        tags=_tag_masks(r, count, tag_count),
        metrics=metrics,
        created=times["created"],
        updated=times["updated"],
        due=times["due"],
        sent=times["sent"],
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
