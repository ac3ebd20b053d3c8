"""The generated Later world: tenants, campaigns, creators, posts and their realism rules
(issue "The world", Later part), built at the tiny scale with seed 42."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest
from flask import Flask

from mock_server.world.base import SCALE_SPECS, GenContext
from mock_server.world.fixtures import EMPTY
from mock_server.world.later import LaterWorld, campaign_clients, generate
from mock_server.world.later_index import SECONDS_PER_DAY
from mock_server.world.later_model import ALWAYS_VIDEO, CONTENT_TYPES, METRICS

NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(app: Flask) -> LaterWorld:
    later = app.extensions["metrics_mock"].world.later
    assert later is not None
    return later


def metric(world: LaterWorld, name: str) -> Any:
    return world.index.posts.metrics[name].astype(np.int64)


# --- tenants ---------------------------------------------------------------------------


def test_three_clients_with_disjoint_instances(world: LaterWorld) -> None:
    sets = [set(c.instance_ids) for c in world.clients]
    assert len(sets) == 3
    assert all(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def test_catalog_lists_tokens_instances_and_campaign_ids(world: LaterWorld) -> None:
    catalog = world.catalog()
    assert set(catalog) == {"clients", "campaignIds"}
    assert all(set(c) == {"token", "instanceIds"} for c in catalog["clients"])
    assert catalog["campaignIds"] == sorted(c.campaign_id for c in world.campaigns)


def test_every_instance_runs_several_campaigns_with_integer_ids(world: LaterWorld) -> None:
    for instance in world.instances:
        mine = [c for c in world.campaigns if c.instance_id == instance.instance_id]
        assert len(mine) >= 2, instance
        assert any(c.name == "Always-on Ambassadors" for c in mine)
    ids = [c.campaign_id for c in world.campaigns]
    assert len(set(ids)) == len(ids) and all(isinstance(i, int) and i > 0 for i in ids)


def test_creators_have_names_and_a_profile_per_network(world: LaterWorld) -> None:
    assert len(world.creators) >= 60
    for creator in world.creators[:50]:
        assert " " in creator.full_name
        assert 1 <= len(creator.profiles) <= 4
        assert all(p.handle and p.followers >= 800 for p in creator.profiles)


# --- posts -----------------------------------------------------------------------------


def test_the_scale_sets_the_number_of_posts_within_two_percent(world: LaterWorld) -> None:
    # Each day's count depends on that day only (DOMAIN.md 5), so the total over the span is
    # the scale's target up to rounding per day, not exactly: 1,986 with this clock.
    assert SCALE_SPECS["tiny"].later_posts == 2000
    assert 1960 <= len(world.index.posts) <= 2040


def test_post_ids_are_unique_integers(world: LaterWorld) -> None:
    ids = world.index.posts.post_id
    assert np.unique(ids).size == ids.size and ids.min() > 0


def test_posts_span_the_two_years_before_the_clock(world: LaterWorld) -> None:
    posted = world.index.posts.posted_at
    clock = int(NOW.timestamp())
    assert posted.max() < clock
    assert clock - posted.min() > 700 * SECONDS_PER_DAY
    assert clock - posted.min() <= 731 * SECONDS_PER_DAY


def test_all_ten_content_types_occur(world: LaterWorld) -> None:
    assert set(np.unique(world.index.posts.content_type).tolist()) == set(range(10))


def test_weekdays_are_busier_than_weekends(world: LaterWorld) -> None:
    weekday = (world.index.posts.posted_at // SECONDS_PER_DAY + 3) % 7
    counts = np.bincount(weekday, minlength=7)
    assert counts[1:4].mean() > 1.3 * counts[5:7].mean()


def test_reach_never_exceeds_impressions(world: LaterWorld) -> None:
    assert (metric(world, "reach") <= metric(world, "impressions")).all()


def test_engagement_is_a_small_share_of_impressions(world: LaterWorld) -> None:
    parts = sum(metric(world, n) for n in ("likes", "comments", "shares", "clicks"))
    impressions = metric(world, "impressions")
    assert (parts <= 0.3 * impressions).all()
    assert 0.03 < parts.sum() / impressions.sum() < 0.12


def test_a_few_viral_outliers_stand_out(world: LaterWorld) -> None:
    impressions = metric(world, "impressions")
    assert impressions.max() > 20 * np.median(impressions)


def test_some_posts_have_zero_metrics(world: LaterWorld) -> None:
    assert 0 < int((metric(world, "impressions") == 0).sum()) < 100


def test_views_only_on_videos_and_static_formats_are_mostly_not(world: LaterWorld) -> None:
    posts = world.index.posts
    video = posts.flags["video"]
    always = np.isin(posts.content_type, [CONTENT_TYPES.index(c) for c in ALWAYS_VIDEO])
    assert video[always].all()
    assert not video[posts.content_type == CONTENT_TYPES.index("facebook_group")].all()
    assert (metric(world, "views")[~video] == 0).all()


def test_paid_media_only_on_promoted_posts(world: LaterWorld) -> None:
    paid = world.index.posts.flags["paid"]
    assert 0.05 < paid.mean() < 0.2
    for name in ("paidLikes", "paidImpressions", "paidAdSpend"):
        assert (metric(world, name)[~paid] == 0).all()
    assert (metric(world, "paidAdSpend")[paid] >= 1).all()


def test_crossposted_views_only_on_instagram_reels(world: LaterWorld) -> None:
    posts = world.index.posts
    crossposted = posts.flags["crossposted"]
    assert crossposted.any()
    assert (posts.content_type[crossposted] == CONTENT_TYPES.index("instagram_reel")).all()


def test_every_metric_fits_in_32_bits_and_is_never_negative(world: LaterWorld) -> None:
    for spec in METRICS:
        values = world.index.posts.metrics[spec.name]
        assert values.dtype == np.int32 and values.min() >= 0, spec.name


# --- prefix tables ---------------------------------------------------------------------


def test_recorded_days_add_up_to_the_totals_as_of_the_clock(world: LaterWorld) -> None:
    index = world.index
    published = index.by_publish[:, -1, : len(METRICS)].sum(axis=0)
    recorded = index.by_record[:, -1, :].sum(axis=0)
    assert published.tolist() == recorded.tolist()


def test_nothing_is_recorded_on_or_after_the_clocks_day(world: LaterWorld) -> None:
    index = world.index
    assert (index.by_record[:, index.clock_day, :] == index.by_record[:, -1, :]).all()


def test_cell_starts_are_where_a_search_of_the_keys_lands(world: LaterWorld) -> None:
    """cell_starts[g, d] (read off the prefix counts) is the first post of group g
    published on day d or later: every (group, day) cell, and one past the last day."""
    index = world.index
    cells = np.arange(index.groups)[:, None] * index.days + np.arange(index.days + 1)
    expected = np.searchsorted(index.key, cells, side="left")
    assert index.cell_starts.shape == (index.groups, index.days + 1)
    assert (index.cell_starts == expected).all()
    assert index.cell_starts[-1, -1] == len(index.posts)


def test_posts_before_counts_a_clients_posts_published_before_each_day(
    world: LaterWorld,
) -> None:
    index = world.index
    client_of_post = index.group_client[index.key // index.days]
    assert index.posts_before.shape == (index.clients, index.days + 1)
    for client in range(index.clients):
        per_day = np.bincount(index.day[client_of_post == client], minlength=index.days)
        assert index.posts_before[client].tolist() == [0, *np.cumsum(per_day).tolist()]


def test_each_group_belongs_to_the_client_of_its_campaigns_instance(world: LaterWorld) -> None:
    index = world.index
    owner = {i: at for at, client in enumerate(world.clients) for i in client.instance_ids}
    for group in range(index.groups):
        campaign = world.campaigns[int(index.group_campaign[group])]
        assert index.group_client[group] == owner[campaign.instance_id]
    assert index.clients == len(world.clients)


def test_a_campaign_of_an_instance_no_client_has_gets_a_client_of_its_own(
    world: LaterWorld,
) -> None:
    stray = dataclasses.replace(world.campaigns[0], instance_id="instance_of_nobody")
    numbered = campaign_clients(world.clients, [*world.campaigns[:2], stray])
    assert numbered[2] == len(world.clients)
    assert numbered[:2] == campaign_clients(world.clients, world.campaigns[:2])


# --- determinism and export ------------------------------------------------------------


def _build() -> LaterWorld:
    return generate(GenContext(42, NOW, SCALE_SPECS["tiny"], EMPTY))


def test_two_builds_with_the_same_seed_are_identical(world: LaterWorld) -> None:
    other = _build()
    assert other.clients == world.clients and other.campaigns == world.campaigns
    assert other.creators == world.creators
    for name in METRICS:
        assert np.array_equal(
            other.index.posts.metrics[name.name], world.index.posts.metrics[name.name]
        )
    assert np.array_equal(other.index.by_record, world.index.by_record)


def test_another_seed_gives_another_world(world: LaterWorld) -> None:
    other = generate(GenContext(7, NOW, SCALE_SPECS["tiny"], EMPTY))
    assert other.clients[0].token != world.clients[0].token


def test_export_tables_cover_every_entity_and_the_daily_values(world: LaterWorld) -> None:
    tables = {kind: list(rows) for kind, rows in world.export_tables()}
    assert list(tables) == [
        "clients",
        "instances",
        "campaigns",
        "creators",
        "posts",
        "accrual_profile",
        "daily_performance",
    ]
    assert len(tables["posts"]) == len(world.index.posts)
    assert [r["radix"] for r in tables["accrual_profile"]] == [1000, 10, 1]
    post = tables["posts"][0]
    days = [r for r in tables["daily_performance"] if r["postId"] == post["postId"]]
    assert sum(r["likes"] for r in days) == post["likes"]
    json.dumps(tables["creators"][:3])  # plain JSON types
