"""The generated Layers world: its shape, its realism rules, and its determinism."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest

from mock_server.world.base import SCALE_SPECS, GenContext
from mock_server.world.fixtures import EMPTY, FixtureSet, VendorFixture
from mock_server.world.layers import LayersWorld, generate
from mock_server.world.layers_model import FORMATS, PLATFORMS, POST_METRICS
from mock_server.world.layers_posts import TIME_MASK

NOW = datetime(2026, 11, 1, tzinfo=UTC)
ID = re.compile(r"[A-Za-z0-9-]{1,64}")


@pytest.fixture(scope="module")
def world() -> LayersWorld:
    return generate(GenContext(42, NOW, SCALE_SPECS["tiny"], EMPTY))


def per_post(world: LayersWorld, metric: str) -> np.ndarray:
    return np.diff(world.posts.cum[metric])


def platforms(world: LayersWorld) -> np.ndarray:
    rows = world.posts.seg_row[world.posts.keys >> 36]
    codes = np.array([PLATFORMS.index(a.platform) for a in world.social_accounts])
    return codes[rows]


def test_three_organizations_with_two_to_four_projects_each(world: LayersWorld) -> None:
    assert len(world.organizations) == 3
    for org in range(3):
        assert 2 <= len(world.index.projects_of_org[org]) <= 4
    for project in range(len(world.projects)):
        assert 2 <= len(world.index.layers_of_project[project]) <= 4


def test_every_project_has_a_reconnected_account(world: LayersWorld) -> None:
    catalog = world.catalog()
    for org in catalog["organizations"]:
        for project in org["projects"]:
            assert any(2 <= len(group) <= 3 for group in project["reconnected_social_accounts"])


def test_ids_carry_their_kinds_prefix_and_fit_the_spec_patterns(world: LayersWorld) -> None:
    kinds = [
        ("org_", world.organizations),
        ("prj_", world.projects),
        ("lay_", world.layers),
        ("sa_", world.social_accounts),
    ]
    for prefix, items in kinds:
        assert all(i.id.startswith(prefix) and ID.fullmatch(i.id[len(prefix) :]) for i in items)
    post_ids = [world.posts.id_at(p) for p in range(0, len(world.posts), 97)]
    assert all(re.fullmatch(r"pp_[0-9a-f]{16}", p) for p in post_ids)
    assert all(
        world.posts.find(p) == pos
        for p, pos in zip(post_ids, range(0, len(world.posts), 97), strict=True)
    )


def test_the_tiny_scale_has_about_2000_posts_all_published_before_the_clock(
    world: LayersWorld,
) -> None:
    # Each day's count depends on that day only (DOMAIN.md 5): the target up to rounding.
    assert SCALE_SPECS["tiny"].layers_posts == 2000
    assert 1960 <= len(world.posts) <= 2040
    published = (world.posts.keys & TIME_MASK) + world.posts.base_s
    assert published.max() < NOW.timestamp()
    assert published.min() >= NOW.timestamp() - 365 * 86400


def test_posts_are_sorted_by_time_within_each_account_row_and_layer(world: LayersWorld) -> None:
    assert bool(np.all(np.diff(world.posts.keys) >= 0))


def test_each_post_belongs_to_the_credential_row_live_when_it_was_published(
    world: LayersWorld,
) -> None:
    posts = world.posts
    for pos in range(0, len(posts), 7):
        account = world.social_accounts[int(posts.seg_row[posts.segment_at(pos)])]
        layer = world.layers[int(posts.seg_layer[posts.segment_at(pos)])]
        at = datetime.fromtimestamp(posts.published_s_at(pos), UTC)
        assert account.connected_at <= at
        assert account.disconnected_at is None or at < account.disconnected_at
        assert layer.project_id == account.project_id


def test_reach_at_most_views_at_most_impressions_and_engagement_far_below_views(
    world: LayersWorld,
) -> None:
    views, reach, impressions = (per_post(world, m) for m in ("views", "reach", "impressions"))
    assert bool(np.all(reach <= views)) and bool(np.all(views <= impressions))
    engagement = sum(per_post(world, m) for m in ("likes", "comments", "shares", "saves"))
    assert engagement.sum() < 0.15 * views.sum()


def test_a_few_viral_outliers_stand_far_above_the_median(world: LayersWorld) -> None:
    views = per_post(world, "views")
    assert views.max() > 50 * np.median(views)
    assert (views > 20 * np.median(views)).mean() < 0.05


def test_watch_time_only_on_tiktok_and_instagram_reels(world: LayersWorld) -> None:
    watch = per_post(world, "watch_time_ms")
    tiktok = platforms(world) == PLATFORMS.index("tiktok")
    reel = (platforms(world) == PLATFORMS.index("instagram")) & (
        world.posts.fmt == FORMATS.index("reel")
    )
    assert bool(np.all(watch[~(tiktok | reel)] == 0))
    assert bool(np.all(watch[(tiktok | reel) & (per_post(world, "views") > 0)] > 0))


def test_weekdays_carry_more_posts_than_weekends(world: LayersWorld) -> None:
    published = (world.posts.keys & TIME_MASK) + world.posts.base_s
    weekday = (published // 86400 + 3) % 7  # Monday = 0
    counts = np.bincount(weekday, minlength=7)
    assert counts[1:4].mean() > 1.5 * counts[5:7].mean()


def test_follower_levels_cover_the_year_for_every_generated_account(world: LayersWorld) -> None:
    assert world.followers.days == 365
    assert bool(np.all(world.followers.levels >= 0))


def test_two_builds_with_the_same_inputs_are_identical(world: LayersWorld) -> None:
    again = generate(GenContext(42, NOW, SCALE_SPECS["tiny"], EMPTY))
    assert again.catalog() == world.catalog()
    assert np.array_equal(again.posts.keys, world.posts.keys)
    for metric in POST_METRICS:
        assert np.array_equal(again.posts.cum[metric], world.posts.cum[metric])
    assert np.array_equal(again.followers.levels, world.followers.levels)


def test_another_seed_builds_another_world(world: LayersWorld) -> None:
    other = generate(GenContext(43, NOW, SCALE_SPECS["tiny"], EMPTY))
    assert other.catalog() != world.catalog()


def test_the_default_scale_has_about_20000_posts() -> None:
    count = len(generate(GenContext(42, NOW, SCALE_SPECS["default"], EMPTY)).posts)
    assert 19_800 <= count <= 20_200


def test_exported_tables_rebuild_the_same_world_in_replace_mode(world: LayersWorld) -> None:
    tables = {kind: list(rows) for kind, rows in world.export_tables()}
    fixtures = FixtureSet(replace=True, sections={"layers": (VendorFixture("export", tables),)})
    rebuilt = generate(GenContext(7, NOW, SCALE_SPECS["tiny"], fixtures))
    assert rebuilt.catalog() == world.catalog()
    assert np.array_equal(rebuilt.posts.keys, world.posts.keys)
    for metric in POST_METRICS:
        assert np.array_equal(rebuilt.posts.cum[metric], world.posts.cum[metric])
    assert [rebuilt.posts.id_at(p) for p in range(len(world.posts))] == [
        world.posts.id_at(p) for p in range(len(world.posts))
    ]
    assert np.array_equal(rebuilt.followers.levels, world.followers.levels)
