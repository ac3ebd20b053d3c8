"""Who is asking, and what they may read, in the Buffer world.

A personal API key has full access to its organization; an OAuth token whose scopes lack
``insights:read`` reads posts and channels but no metrics (seeds/buffer-post-metrics.txt,
"Required OAuth scope"). Nobody reads another organization: its ids are NOT_FOUND (posts,
channels) or FORBIDDEN (organizations), never its data (SDL, Query).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_server.domain.errors import Forbidden, NotFound
from mock_server.world.buffer import BufferWorld


@dataclass(frozen=True)
class Caller:
    """The organization a token belongs to and whether it has ``insights:read``."""

    org: int
    insights: bool


@dataclass(frozen=True)
class TagFilter:
    """The SDL's TagComparator: any tag in ``bits``, or (``is_empty``) no tag at all."""

    bits: int
    is_empty: bool

    def matches(self, masks: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        """Which tag bitmasks pass the filter (vectorised)."""
        hit: npt.NDArray[np.bool_] = (masks & np.uint64(self.bits)) != 0
        if self.is_empty:
            hit |= masks == 0
        return hit


def caller_for(world: BufferWorld, token: str) -> Caller | None:
    """The caller a bearer token stands for, or None for an unknown token."""
    found = world.tokens.get(token)
    return None if found is None else Caller(*found)


def readable_org(world: BufferWorld, caller: Caller, org_id: str) -> int:
    """Index of ``org_id`` if the caller may read it; FORBIDDEN otherwise (SDL, channels)."""
    org = world.org_index.get(org_id)
    if org is None or org != caller.org:
        raise Forbidden(
            f"You do not have access to organization {org_id!r}; your token belongs to "
            f"organization {world.organizations[caller.org].id!r}.",
            "organizationId",
        )
    return org


def readable_channel(world: BufferWorld, caller: Caller, channel_id: str, param: str) -> int:
    """Index of a channel of the caller's organization; NOT_FOUND otherwise."""
    channel = world.channel_index.get(channel_id)
    if channel is None or world.channels[channel].org != caller.org:
        raise NotFound(f"Channel {channel_id!r} not found in this organization.", param)
    return channel


def readable_post(world: BufferWorld, caller: Caller, post_id: str) -> int:
    """Row of a post of the caller's organization; NOT_FOUND otherwise (SDL, Query.post)."""
    row = world.posts.row_of(post_id)
    if row is None or int(world.posts.cols.org[row]) != caller.org:
        raise NotFound(f"Post {post_id!r} not found.", "input.id")
    return row


def channel_set(
    world: BufferWorld, caller: Caller, org: int, channel_ids: Iterable[str] | None, param: str
) -> npt.NDArray[np.int64]:
    """Channel indices selected by ``channelIds``: null means every channel of the
    organization, ``[]`` none; an id outside the organization is NOT_FOUND."""
    if channel_ids is None:
        return np.array(world.org_channels[org], dtype=np.int64)
    chosen = {readable_channel(world, caller, c, param) for c in channel_ids}
    return np.array(sorted(chosen), dtype=np.int64)


def tag_filter(world: BufferWorld, org: int, tag_ids: Iterable[str], is_empty: bool) -> TagFilter:
    """The bitmask of the listed tags; tags of another organization (or unknown) never match."""
    bits = 0
    for tag_id in tag_ids:
        tag = world.tag_index.get(tag_id)
        if tag is not None and world.tags[tag].org == org:
            bits |= 1 << world.tags[tag].bit
    return TagFilter(bits, is_empty)
