"""Assemble the Layers world from the generated tenants and the fixture records.

Fixture entities are added to the generated ones (``mode: extend``) or replace them
(``mode: replace``); they may reference generated entities by id. Every cross-row rule a
fixture can break is checked here and reported as FixtureError naming file, entry and
problem: duplicate ids or tokens, dangling references, a post whose layer and account lie
in different projects, a post outside its credential row's live interval or after the
clock, a format the platform does not have, watch time on a format without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import numpy as np

from mock_server.world.base import GenContext
from mock_server.world.fixtures import Where
from mock_server.world.layers_fixtures import FixturePost, FixtureRecords, parse_sections
from mock_server.world.layers_followers import FollowerPoints, FollowerTable, build_follower_table
from mock_server.world.layers_gen import (
    DAY_S,
    GeneratedTenants,
    epoch_s,
    generate_tenants,
)
from mock_server.world.layers_gen_posts import generate_followers, generate_posts
from mock_server.world.layers_index import LayersIndex, build_index
from mock_server.world.layers_model import (
    FORMATS,
    PLATFORM_FORMATS,
    POST_METRICS,
    Layer,
    Organization,
    Project,
    SocialAccount,
    has_watch_time,
)
from mock_server.world.layers_posts import GENERATED_ID, PostColumns, PostTable, build_post_table

T = TypeVar("T", Organization, Project, Layer, SocialAccount)


@dataclass(frozen=True)
class Assembled:
    organizations: tuple[Organization, ...]
    projects: tuple[Project, ...]
    layers: tuple[Layer, ...]
    accounts: tuple[SocialAccount, ...]
    index: LayersIndex
    posts: PostTable
    followers: FollowerTable


def assemble(ctx: GenContext) -> Assembled:
    """Generated tenants (unless replaced) plus fixtures, indexed, posts and followers built."""
    records = parse_sections(ctx.fixtures.for_vendor("layers"))
    generated = (
        GeneratedTenants([], [], [], [], []) if ctx.fixtures.replace else generate_tenants(ctx)
    )
    orgs = _merge(generated.organizations, records.organizations, "organization")
    _check_tokens(orgs, records)
    projects = _ordered(_merge(generated.projects, records.projects, "project"), orgs, records)
    layers = _ordered(_merge(generated.layers, records.layers, "layer"), projects, records)
    accounts = _ordered(
        _merge(generated.accounts, records.accounts, "social account"), projects, records
    )
    index = build_index(orgs, projects, layers, accounts)
    generated_posts = generate_posts(ctx, generated.profiles, index.layer_by_id, index.row_by_id)
    fixture_posts = _fixture_posts(ctx, records, index, layers, accounts)
    posts = build_post_table(PostColumns.concat([generated_posts, fixture_posts]))
    _check_post_ids(posts, records)
    points = _follower_points(ctx, generated, records, index)
    return Assembled(
        tuple(orgs),
        tuple(projects),
        tuple(layers),
        tuple(accounts),
        index,
        posts,
        build_follower_table(points),
    )


def _merge(generated: list[T], fixtures: list[tuple[T, Where]], kind: str) -> list[T]:
    seen = {item.id for item in generated}
    out = list(generated)
    for item, where in fixtures:
        if item.id in seen:
            raise where.error(f"{kind} id {item.id} is defined twice")
        seen.add(item.id)
        out.append(item)
    return out


def _check_tokens(orgs: Sequence[Organization], records: FixtureRecords) -> None:
    seen: set[str] = set()
    wheres = {org.id: where for org, where in records.organizations}
    for org in orgs:
        for token in (org.token, org.token_without_metrics_scope):
            if token in seen:
                raise wheres[org.id].error(f"token {token} is already used")
            seen.add(token)


def _ordered(
    items: list[T], owners: Sequence[Organization | Project], records: FixtureRecords
) -> list[T]:
    """Items sorted (stably) by their owner's position; a missing owner is a FixtureError."""
    position = {owner.id: i for i, owner in enumerate(owners)}
    wheres = _wheres(records)
    keyed = []
    for item in items:
        owner = _owner_id(item)
        if owner not in position:
            kind = "organization" if isinstance(item, Project) else "project"
            raise wheres[item.id].error(f"{kind} {owner} does not exist")
        keyed.append((position[owner], item))
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]


def _owner_id(item: Organization | Project | Layer | SocialAccount) -> str:
    if isinstance(item, Project):
        return item.organization_id
    if isinstance(item, Organization):
        raise TypeError("organizations have no owner")
    return item.project_id


def _wheres(records: FixtureRecords) -> dict[str, Where]:
    pairs: list[tuple[Project | Layer | SocialAccount, Where]] = [
        *records.projects,
        *records.layers,
        *records.accounts,
    ]
    return {item.id: where for item, where in pairs}


def _fixture_posts(
    ctx: GenContext,
    records: FixtureRecords,
    index: LayersIndex,
    layers: Sequence[Layer],
    accounts: Sequence[SocialAccount],
) -> PostColumns:
    seen: set[str] = set()
    rows, layer_ix, fmts, published = [], [], [], []
    for post in records.posts:
        if post.id in seen:
            raise post.where.error(f"platform post id {post.id} is defined twice")
        seen.add(post.id)
        row = _row_of(post.social_account_id, index, post.where)
        account = accounts[row]
        layer = index.layer_by_id.get(post.layer_id)
        if layer is None:
            raise post.where.error(f"layer {post.layer_id} does not exist")
        if layers[layer].project_id != account.project_id:
            raise post.where.error(
                f"layer {post.layer_id} and social account {account.id} are in different projects"
            )
        _check_post_fits(ctx, post, account)
        rows.append(row)
        layer_ix.append(layer)
        fmts.append(FORMATS.index(post.format))
        published.append(epoch_s(post.published_at))
    n = len(records.posts)
    return PostColumns(
        id_keys=np.zeros(n, dtype=np.uint64),
        row=np.array(rows, dtype=np.int32),
        layer=np.array(layer_ix, dtype=np.int32),
        fmt=np.array(fmts, dtype=np.uint8),
        published_s=np.array(published, dtype=np.int64),
        metrics={
            m: np.array([p.metrics[m] for p in records.posts], dtype=np.int64) for m in POST_METRICS
        },
        named_ids={i: p.id for i, p in enumerate(records.posts)},
    )


def _row_of(account_id: str, index: LayersIndex, where: Where) -> int:
    row = index.row_by_id.get(account_id)
    if row is None:
        raise where.error(f"social account {account_id} does not exist")
    return row


def _check_post_fits(ctx: GenContext, post: FixturePost, account: SocialAccount) -> None:
    where, at, fmt = post.where, post.published_at, post.format
    if post.platform is not None and post.platform != account.platform:
        raise where.error(
            f"'platform' {post.platform} differs from its account's ({account.platform})"
        )
    if fmt not in PLATFORM_FORMATS[account.platform]:
        allowed = ", ".join(PLATFORM_FORMATS[account.platform])
        raise where.error(f"format {fmt} does not exist on {account.platform}; use {allowed}")
    if post.metrics["watch_time_ms"] and not has_watch_time(account.platform, fmt):
        raise where.error("watch_time_ms must be 0 except on TikTok and Instagram Reels")
    if at >= ctx.now:
        raise where.error("'published_at' must be before the clock (posts are never in the future)")
    if at < account.connected_at or (account.disconnected_at and at >= account.disconnected_at):
        raise where.error(f"'published_at' lies outside the live interval of {account.id}")


def _check_post_ids(posts: PostTable, records: FixtureRecords) -> None:
    keys = posts.lookup_keys
    if bool(np.any((keys[1:] == keys[:-1]) & (keys[1:] != 0))):
        raise ValueError("two generated platform posts drew the same id; change the seed")
    for post in records.posts:
        match = GENERATED_ID.fullmatch(post.id)
        if match and np.isin(np.uint64(int(match.group(1), 16)), keys):
            raise post.where.error(f"platform post id {post.id} is already generated")


def _follower_points(
    ctx: GenContext, generated: GeneratedTenants, records: FixtureRecords, index: LayersIndex
) -> list[FollowerPoints]:
    days: list[list[int]] = [[] for _ in index.logical_rows]
    levels: list[list[int]] = [[] for _ in index.logical_rows]
    for profile in generated.profiles:
        for account in profile.accounts:
            logical = int(index.row_logical[index.row_by_id[account.row_ids[0]]])
            points = generate_followers(ctx, account)
            days[logical].extend(points.days.tolist())
            levels[logical].extend(points.levels.tolist())
    today = epoch_s(ctx.now) // DAY_S
    known = [set(d) for d in days]
    for point in records.followers:
        logical = int(index.row_logical[_row_of(point.social_account_id, index, point.where)])
        day = epoch_s(datetime(point.day.year, point.day.month, point.day.day, tzinfo=UTC)) // DAY_S
        if day >= today or day < 0:
            raise point.where.error("'date' must be from 1970-01-01 to the day before the clock")
        if day in known[logical]:
            raise point.where.error(f"a level for {point.day} is already given for this account")
        known[logical].add(day)
        days[logical].append(day)
        levels[logical].append(point.followers)
    out = []
    for d, v in zip(days, levels, strict=True):
        order = np.argsort(np.array(d, dtype=np.int64), kind="stable")
        out.append(FollowerPoints(np.array(d, np.int64)[order], np.array(v, np.int64)[order]))
    return out
