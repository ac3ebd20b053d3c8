"""The generated Buffer world: tenants, posts in every status, consistent dates, realistic
metrics that only carry what each network reports, the catalog and the export."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest
from flask import Flask

from mock_server import Config
from mock_server.domain.buffer_metrics import NETWORK_METRICS
from mock_server.world import build_world
from mock_server.world.buffer import BufferWorld
from mock_server.world.buffer_table import COUNT_TYPES, NULL_TIME, SENT, STATUSES

HEX24 = re.compile(r"[0-9a-f]{24}")
NOW = datetime(2026, 11, 1, tzinfo=UTC)
NOW_S = int(NOW.timestamp())


@pytest.fixture(scope="module")
def world(app: Flask) -> BufferWorld:
    buffer = app.extensions["metrics_mock"].world.buffer
    assert isinstance(buffer, BufferWorld)
    return buffer


def column(world: BufferWorld, name: str) -> Any:
    return getattr(world.posts.cols, name)


def test_there_are_two_organizations_with_at_least_six_channels_on_mixed_networks(
    world: BufferWorld,
) -> None:
    assert len(world.organizations) >= 2
    for org in range(len(world.organizations)):
        services = [world.channels[c].service for c in world.org_channels[org]]
        assert len(services) >= 6 and len(set(services)) >= 5
    everywhere = {c.service for c in world.channels}
    wanted = {"instagram", "facebook", "twitter", "linkedin", "threads", "tiktok", "pinterest",
              "mastodon"}  # fmt: skip
    assert wanted <= everywhere


def test_every_id_is_24_lowercase_hex_digits_and_unique(world: BufferWorld) -> None:
    ids = [o.id for o in world.organizations] + [c.id for c in world.channels]
    ids += [t.id for t in world.tags] + column(world, "ids").tolist()
    assert all(HEX24.fullmatch(i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_the_tiny_scale_has_600_posts_in_every_status(world: BufferWorld) -> None:
    assert len(world.posts) == 600
    counts = Counter(STATUSES[s] for s in column(world, "status").tolist())
    assert set(counts) == set(STATUSES)
    assert counts["sent"] > len(world.posts) / 2


def test_the_default_scale_has_5000_posts() -> None:
    world = build_world(Config(seed=42, now=NOW, scale="default", vendors=("buffer",))).buffer
    assert world is not None and len(world.posts) == 5000


def test_dates_agree_with_status_and_clock(world: BufferWorld) -> None:
    status, created = column(world, "status"), column(world, "created")
    updated, due, sent = column(world, "updated"), column(world, "due"), column(world, "sent")
    assert (created <= updated).all() and (updated <= NOW_S).all()
    is_sent = status == SENT
    assert ((sent != NULL_TIME) == is_sent).all(), "sentAt is set exactly on sent posts"
    assert (sent[is_sent] < NOW_S).all() and (created[is_sent] <= sent[is_sent]).all()
    scheduled = status == STATUSES.index("scheduled")
    assert (due[scheduled] > NOW_S).all()
    undated_drafts = (status == STATUSES.index("draft")) & (due == NULL_TIME)
    assert undated_drafts.any(), "some drafts have no dueAt"


def test_metrics_are_only_on_sent_posts_and_only_the_types_their_network_reports(
    world: BufferWorld,
) -> None:
    present = column(world, "metrics") >= 0
    assert not present[column(world, "status") != SENT].any()
    for row in np.nonzero(column(world, "status") == SENT)[0][:200].tolist():
        service = world.channels[int(column(world, "channel")[row])].service
        reported = {t for t, p in zip(COUNT_TYPES, present[row], strict=True) if p}
        assert reported <= set(NETWORK_METRICS[service]), service


def test_metric_values_are_realistic(world: BufferWorld) -> None:
    values = column(world, "metrics")
    impressions = values[:, COUNT_TYPES.index("impressions")]
    reach = values[:, COUNT_TYPES.index("reach")]
    reactions = values[:, COUNT_TYPES.index("reactions")]
    both = (impressions >= 0) & (reach >= 0)
    assert (reach[both] <= impressions[both]).all()
    seen = impressions > 0
    assert (reactions[seen] < impressions[seen] / 3).all(), "engagement well below impressions"
    median = np.median(impressions[seen])
    assert impressions.max() > 10 * median, "a few viral outliers"


def test_the_catalog_names_keys_channels_and_one_post_per_status(
    catalog: dict[str, Any], world: BufferWorld
) -> None:
    for entry in catalog["buffer"]["organizations"]:
        assert set(entry) == {"id", "token", "token_without_insights", "channels", "posts"}
        assert all(set(c) == {"id", "service"} for c in entry["channels"])
        statuses = [STATUSES[int(column(world, "status")[world.posts.row_of(p)])]
                    for p in entry["posts"]]  # fmt: skip
        assert statuses[0] == "sent" and len(set(statuses)) == len(statuses) >= 5


def test_the_export_holds_every_entity_with_its_raw_metrics(world: BufferWorld) -> None:
    tables = {kind: list(rows) for kind, rows in world.export_tables()}
    assert [len(tables[k]) for k in ("organizations", "channels", "tags", "posts")] == [
        len(world.organizations), len(world.channels), len(world.tags), 600,
    ]  # fmt: skip
    sent = [p for p in tables["posts"] if p["status"] == "sent"]
    assert all(p["sentAt"] and p["metrics"] for p in sent)
    total = sum(p["metrics"].get("reactions", 0) for p in tables["posts"])
    assert total == column(world, "metrics")[:, 0].clip(0).sum()


def test_the_large_scale_builds_with_100000_posts() -> None:
    config = Config(seed=7, now=NOW, scale="large", vendors=("buffer",))
    world = build_world(config).buffer
    assert world is not None and len(world.posts) == 100_000
    assert world.posts.agg.prefix.shape == (int((column(world, "status") == SENT).sum()) + 1, 15)
