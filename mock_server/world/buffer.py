"""The Buffer world: organizations, their keys, channels, tags and tagged posts with metrics.

Generated per (seed, scale, clock) and extended or replaced by the ``buffer:`` sections of
fixture files (:mod:`mock_server.world.buffer_fixtures`). Posts live in a columnar
:class:`~mock_server.world.buffer_table.PostTable`; text and links derive from the post id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from mock_server.domain.timestamps import format_utc_z
from mock_server.world.base import GenContext
from mock_server.world.buffer_content import external_link, post_text, text_bank
from mock_server.world.buffer_fixtures import empty_columns, load_buffer_fixture
from mock_server.world.buffer_generate import add_generated
from mock_server.world.buffer_model import Channel, Organization, Tag, TenantParts
from mock_server.world.buffer_table import (
    COUNT_TYPES,
    HUNDREDTHS,
    NULL_TIME,
    SENT,
    STATUSES,
    PostTable,
    build_table,
    concat_columns,
)

__all__ = ["BufferWorld", "Channel", "Organization", "Tag", "generate"]

ORGANIZATION_COUNT = 2
CATALOG_STATUS_ORDER = ("sent", "draft", "needs_approval", "scheduled", "sending", "error")


def utc(seconds: int) -> datetime:
    """An epoch-seconds column value as an aware UTC datetime."""
    return datetime.fromtimestamp(int(seconds), UTC)


@dataclass(frozen=True, eq=False)
class BufferWorld:
    """Every Buffer entity, read-only; lookups by id and token are dictionaries built once."""

    seed: int
    organizations: tuple[Organization, ...]
    channels: tuple[Channel, ...]
    tags: tuple[Tag, ...]
    posts: PostTable
    text_bank: tuple[str, ...]
    tokens: Mapping[str, tuple[int, bool]]
    org_index: Mapping[str, int]
    channel_index: Mapping[str, int]
    tag_index: Mapping[str, int]
    org_channels: Mapping[int, tuple[int, ...]]
    org_tags: Mapping[int, tuple[int, ...]]

    def post_text(self, row: int) -> str:
        """The post's text: the fixture's when it gave one, else derived from its id."""
        explicit = self.posts.cols.texts.get(row)
        return explicit if explicit is not None else post_text(self.text_bank, self.post_id(row))

    def post_id(self, row: int) -> str:
        return str(self.posts.cols.ids[row])

    def post_tags(self, row: int) -> list[Tag]:
        """The post's tags, in the order of their bits (tag creation order)."""
        mask = int(self.posts.cols.tags[row])
        org = int(self.posts.cols.org[row])
        return [self.tags[t] for t in self.org_tags[org] if mask >> self.tags[t].bit & 1]

    def external_link(self, row: int) -> str | None:
        """Link to the published post; None until it is sent."""
        if int(self.posts.cols.status[row]) != SENT:
            return None
        channel = self.channels[int(self.posts.cols.channel[row])]
        return external_link(channel.service, channel.name, self.post_id(row))

    def raw_metrics(self, row: int) -> dict[str, float]:
        """Stored metric values of the post (absent types left out), as reported."""
        values = self.posts.cols.metrics[row]
        return {
            t: float(v) / 100 if t in HUNDREDTHS else float(v)
            for t, v in zip(COUNT_TYPES, values.tolist(), strict=True)
            if v >= 0
        }

    def catalog(self) -> dict[str, Any]:
        """Each organization with its keys, channels and one post id per status."""
        return {"organizations": [self._catalog_org(i) for i in range(len(self.organizations))]}

    def _catalog_org(self, org: int) -> dict[str, Any]:
        o = self.organizations[org]
        return {
            "id": o.id,
            "token": o.token,
            "token_without_insights": o.token_without_insights,
            "channels": [
                {"id": self.channels[c].id, "service": self.channels[c].service}
                for c in self.org_channels[org]
            ],
            "posts": self._sample_posts(org),
        }

    def _sample_posts(self, org: int) -> list[str]:
        start, stop = self.posts.org_slice(org)
        status = self.posts.cols.status[start:stop]
        picks = []
        for name in CATALOG_STATUS_ORDER:
            match = status == STATUSES.index(name)
            if name == "sent" and self.posts.ingested[start:stop][match].any():
                match &= self.posts.ingested[start:stop]
            hits = np.nonzero(match)[0]
            if hits.size:
                picks.append(self.post_id(start + int(hits[0])))
        return picks

    def export_tables(self) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
        """organizations, channels, tags and posts (with raw metrics): enough to rebuild."""
        orgs = self.organizations
        yield (
            "organizations",
            (
                {"id": o.id, "token": o.token, "token_without_insights": o.token_without_insights}
                for o in orgs
            ),
        )
        yield "channels", (
            {"id": c.id, "organizationId": orgs[c.org].id, "service": c.service, "name": c.name,
             "displayName": c.display_name, "avatar": c.avatar, "isLocked": c.is_locked,
             "timezone": c.timezone}
            for c in self.channels
        )  # fmt: skip
        yield (
            "tags",
            (
                {"id": t.id, "organizationId": orgs[t.org].id, "name": t.name, "color": t.color}
                for t in self.tags
            ),
        )
        yield "posts", (self._export_post(row) for row in range(len(self.posts)))

    def _export_post(self, row: int) -> dict[str, Any]:
        cols = self.posts.cols

        def when(value: int) -> str | None:
            return None if value == NULL_TIME else format_utc_z(utc(value))

        return {
            "id": self.post_id(row),
            "organizationId": self.organizations[int(cols.org[row])].id,
            "channelId": self.channels[int(cols.channel[row])].id,
            "status": STATUSES[int(cols.status[row])],
            "createdAt": when(int(cols.created[row])),
            "updatedAt": when(int(cols.updated[row])),
            "dueAt": when(int(cols.due[row])),
            "sentAt": when(int(cols.sent[row])),
            "tags": [t.id for t in self.post_tags(row)],
            "text": self.post_text(row),
            "metrics": self.raw_metrics(row),
        }


def generate(ctx: GenContext) -> BufferWorld:
    """The generated world (unless a fixture replaces it) plus every fixture's organizations."""
    parts = TenantParts()
    if not ctx.fixtures.replace:
        add_generated(ctx, parts, ORGANIZATION_COUNT)
    for fixture in ctx.fixtures.for_vendor("buffer"):
        load_buffer_fixture(fixture.source, fixture.section, parts)
    return assemble(ctx.seed, int(ctx.now.timestamp()), parts)


def assemble(seed: int, now: int, parts: TenantParts) -> BufferWorld:
    """Index ``parts`` into a world (``now`` in epoch seconds decides ingestion)."""
    orgs = tuple(parts.organizations)
    columns = concat_columns(parts.posts) if parts.posts else empty_columns()
    org_channels = {i: tuple(c for c, ch in enumerate(parts.channels) if ch.org == i)
                    for i in range(len(orgs))}  # fmt: skip
    org_tags = {i: tuple(t for t, tag in enumerate(parts.tags) if tag.org == i)
                for i in range(len(orgs))}  # fmt: skip
    tokens = {o.token: (i, True) for i, o in enumerate(orgs)}
    tokens.update({o.token_without_insights: (i, False) for i, o in enumerate(orgs)})
    return BufferWorld(
        seed=seed,
        organizations=orgs,
        channels=tuple(parts.channels),
        tags=tuple(parts.tags),
        posts=build_table(columns, len(orgs), now),
        text_bank=text_bank(seed),
        tokens=tokens,
        org_index={o.id: i for i, o in enumerate(orgs)},
        channel_index={c.id: i for i, c in enumerate(parts.channels)},
        tag_index={t.id: i for i, t in enumerate(parts.tags)},
        org_channels=org_channels,
        org_tags=org_tags,
    )
