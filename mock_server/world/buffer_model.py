"""Buffer tenants: organizations with their keys, channels and tags (small, row objects).

Posts are columnar (:mod:`mock_server.world.buffer_table`); these are the few dozen entities
they point at, by index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_server.world.buffer_table import PostColumns


@dataclass(frozen=True)
class Organization:
    """A Buffer organization; ``token`` is a personal API key (full access) and
    ``token_without_insights`` an OAuth token whose scopes lack ``insights:read``."""

    id: str
    token: str
    token_without_insights: str


@dataclass(frozen=True)
class Channel:
    """A connected social account of organization ``org`` (an index)."""

    id: str
    org: int
    service: str
    name: str
    display_name: str | None
    avatar: str
    is_locked: bool
    timezone: str


@dataclass(frozen=True)
class Tag:
    """A label of organization ``org``; ``bit`` is its position in the posts' tag bitmask."""

    id: str
    org: int
    name: str
    color: str
    bit: int


@dataclass
class TenantParts:
    """Entities collected from the generator and the fixture files, before indexing."""

    organizations: list[Organization] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    posts: list[PostColumns] = field(default_factory=list)


def avatar_url(channel_id: str) -> str:
    """Where a mock channel's avatar lives (a stable, obviously fake URL)."""
    return f"https://avatars.example.com/buffer/{channel_id}.png"
