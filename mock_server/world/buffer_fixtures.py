"""``buffer:`` sections of fixture files: hand-written organizations, channels, tags, posts.

Shape (see fixtures/buffer_small.yaml)::

    buffer:
      organizations:
        - id: 24 lowercase hex digits          # the SDL's id format
          token: ...                            # personal API key (full access)
          token_without_insights: ...           # OAuth token without insights:read
          tags: [{id, name, color}]
          channels: [{id, service, name, displayName?, timezone?, isLocked?, avatar?}]
          posts:
            - {id, channelId, status, createdAt, updatedAt?, dueAt?, sentAt?, tags?, text?,
               metrics?: {type: value}}

Every problem raises FixtureError naming the file, the entry (``buffer.organizations[0]
.posts[2]``) and what is wrong. Metrics are the network's reported values; engagementRate and
metricsUpdatedAt are derived by the mock, so they may not be given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from mock_server.domain.buffer_metrics import SERVICES
from mock_server.world.buffer_fixture_posts import Entry, PostReader
from mock_server.world.buffer_model import Channel, Organization, Tag, TenantParts, avatar_url
from mock_server.world.buffer_table import COUNT_TYPES, PostColumns

__all__ = ["empty_columns", "load_buffer_fixture"]

COLOR = re.compile(r"#[0-9a-f]{6}")
MAX_TAGS = 64
ORG_KEYS = {"id", "token", "token_without_insights", "tags", "channels", "posts"}
CHANNEL_KEYS = {"id", "service", "name", "displayName", "timezone", "isLocked", "avatar"}


def empty_columns() -> PostColumns:
    """A post table with no rows."""
    ints = np.zeros(0, dtype=np.int64)
    return PostColumns(
        ids=np.zeros(0, dtype="U24"), org=ints, channel=ints, status=ints, created=ints,
        updated=ints, due=ints, sent=ints, tags=np.zeros(0, dtype=np.uint64),
        metrics=np.zeros((0, len(COUNT_TYPES)), dtype=np.int64),
    )  # fmt: skip


def load_buffer_fixture(source: str, section: Mapping[str, Any], parts: TenantParts) -> None:
    """Add the organizations of one file's ``buffer:`` section to ``parts``."""
    root = Entry(source, "buffer")
    section = root.mapping(section, {"organizations"})
    taken = _taken_ids(parts)
    for index, row in enumerate(root.items(section, "organizations")):
        _organization(root.child(f".organizations[{index}]"), row, parts, taken)


def _taken_ids(parts: TenantParts) -> set[str]:
    taken = {o.id for o in parts.organizations}
    taken |= {c.id for c in parts.channels} | {t.id for t in parts.tags}
    taken |= {o.token for o in parts.organizations}
    taken |= {o.token_without_insights for o in parts.organizations}
    for columns in parts.posts:
        taken.update(columns.ids.tolist())
    return taken


def _organization(at: Entry, row: object, parts: TenantParts, taken: set[str]) -> None:
    fields = at.mapping(row, ORG_KEYS)
    org = len(parts.organizations)
    org_id = at.hex_id(fields, "id", taken)
    tokens = [at.text(fields, "token"), at.text(fields, "token_without_insights")]
    for token in tokens:
        if token in taken:
            raise at.fail(f"token {token!r} is already used")
        taken.add(token)
    parts.organizations.append(Organization(org_id, tokens[0], tokens[1]))
    tags = [_tag(at.child(f".tags[{i}]"), t, org, i, taken)
            for i, t in enumerate(at.items(fields, "tags"))]  # fmt: skip
    if len(tags) > MAX_TAGS:
        raise at.fail(f"at most {MAX_TAGS} tags per organization, got {len(tags)}")
    first_channel = len(parts.channels)
    channels = [_channel(at.child(f".channels[{i}]"), c, org, taken)
                for i, c in enumerate(at.items(fields, "channels"))]  # fmt: skip
    parts.tags.extend(tags)
    parts.channels.extend(channels)
    reader = PostReader(org, {c.id: (first_channel + i, c.service) for i, c in enumerate(channels)},
                        {t.id: t.bit for t in tags})  # fmt: skip
    for i, post in enumerate(at.items(fields, "posts")):
        reader.add(at.child(f".posts[{i}]"), post, taken)
    parts.posts.append(reader.columns())


def _tag(at: Entry, row: object, org: int, bit: int, taken: set[str]) -> Tag:
    fields = at.mapping(row, {"id", "name", "color"})
    tag_id, name, color = at.hex_id(fields, "id", taken), at.text(fields, "name"), "#000000"
    if "color" in fields:
        color = at.text(fields, "color")
        if not COLOR.fullmatch(color):
            raise at.fail(f"'color' must be #rrggbb in lowercase hexadecimal, got {color!r}")
    return Tag(tag_id, org, name, color, bit)


def _channel(at: Entry, row: object, org: int, taken: set[str]) -> Channel:
    fields = at.mapping(row, CHANNEL_KEYS)
    channel_id = at.hex_id(fields, "id", taken)
    service = at.text(fields, "service")
    if service not in SERVICES:
        raise at.fail(f"'service' {service!r} is not a Buffer Service; use one of {list(SERVICES)}")
    locked = fields.get("isLocked", False)
    if not isinstance(locked, bool):
        raise at.fail(f"'isLocked' must be true or false, got {locked!r}")
    display = fields.get("displayName")
    if display is not None and not isinstance(display, str):
        raise at.fail(f"'displayName' must be a string, got {display!r}")
    return Channel(
        id=channel_id,
        org=org,
        service=service,
        name=at.text(fields, "name"),
        display_name=display,
        avatar=str(fields.get("avatar") or avatar_url(channel_id)),
        is_locked=locked,
        timezone=str(fields.get("timezone") or "UTC"),
    )
