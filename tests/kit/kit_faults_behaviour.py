"""Behaviour-level faults: the mock itself does the wrong thing.

Two kinds, both standing for a plausible bug of a real implementation:

* request alterations (:data:`contract_tests.faults.Alter`): a proxy or parser in front of
  the mock loses part of the query (``key[]`` keys, ``contentType`` next to ``platform``);
* patches (:data:`Patch`): one function of the mock replaced for the test with pytest's
  ``monkeypatch`` (undone afterwards), e.g. a sort without its tie-break, a resolver that
  forgets the organization check. mock_server/ itself is never edited.

Patches replace the name where the mock looks it up (the importing module), since the
views and resolvers read their helpers as module globals at call time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from flask import Flask

import mock_server.domain.pagination as pagination
import mock_server.query.later_posts as later_posts
import mock_server.query.later_series as later_series
import mock_server.query.layers as layers_query
import mock_server.query.layers_scope as layers_scope
import mock_server.query.layers_window as layers_window
import mock_server.vendors.buffer.resolvers as resolvers
import mock_server.vendors.later.views as later_views
import mock_server.vendors.layers as layers_vendor
from contract_tests.faults import Request
from mock_server.domain.buffer_metrics import PostMetric, normalise
from mock_server.domain.calendar import DateBucket, Granularity
from mock_server.query.buffer_access import TagFilter
from mock_server.query.buffer_aggregate import AggregateSums
from mock_server.query.later_filters import PERFORMANCE_DATE, POST_DATE, Selection
from mock_server.world.buffer import BufferWorld
from mock_server.world.buffer_table import SENT, PostTable

Patch = Callable[[pytest.MonkeyPatch, Flask], None]
Rows = npt.NDArray[np.int64]


def _key(name: str) -> str:
    return name.removesuffix("[]")


# --- request alterations -------------------------------------------------------------------


def strip_bracket_keys(request: Request) -> Request:
    """A query parser that knows ``a,b`` and repeated keys but drops ``key[]=``."""
    return request.with_query({k: v for k, v in request.query.items() if not k.endswith("[]")})


def drop_content_type_next_to_platform(request: Request) -> Request:
    """``platform`` wins silently over ``contentType`` instead of a 400."""
    names = {_key(k) for k in request.query}
    if not request.path.startswith("/v2/") or not {"platform", "contentType"} <= names:
        return request
    return request.with_query({k: v for k, v in request.query.items() if _key(k) != "contentType"})


# --- Later ---------------------------------------------------------------------------------


def later_ignores_performance_date(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """dateBasis is parsed but every query filters by publication day."""
    real = later_views.select

    def select(world: Any, scope: Any) -> Selection:
        return real(world, replace(scope, basis=POST_DATE))

    mp.setattr(later_views, "select", select)


def later_summary_from_the_other_basis(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """The summary reads the other dateBasis than the posts and buckets do."""
    real = later_views.summary

    def summary(selection: Selection, names: Any) -> Any:
        other = PERFORMANCE_DATE if selection.basis == POST_DATE else POST_DATE
        return real(replace(selection, basis=other), names)

    mp.setattr(later_views, "summary", summary)


def later_weeks_from_sunday(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """Week buckets run Sunday..Saturday (US weeks) instead of ISO Monday..Sunday."""
    real = later_series.split_date_range
    day = timedelta(days=1)

    def split(start: date, end: date, g: Granularity) -> list[DateBucket]:
        if g is not Granularity.WEEK:
            return real(start, end, g)
        shifted = real(start + day, end + day, g)
        return [
            DateBucket(b.start_date - day, b.end_date - day, b.label_start - day) for b in shifted
        ]

    mp.setattr(later_series, "split_date_range", split)


def later_past_end_repeats_last_page(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """A page number past the last one serves the last page again."""
    real = pagination.page_slice

    def page_slice(total: int, page: int, size: int) -> tuple[int, int]:
        return real(total, min(page, max(1, pagination.page_count(total, size))), size)

    mp.setattr(later_posts, "page_slice", page_slice)
    mp.setattr(later_series, "page_slice", page_slice)


def later_ties_in_any_order(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """Equal sort values come back in arbitrary order on each request (no postId tie-break),
    so consecutive pages can overlap and skip posts."""
    calls = iter(range(1, 1_000_000))

    def ordered(
        selection: Selection, positions: npt.NDArray[np.intp], prop: str, descending: bool
    ) -> npt.NDArray[np.intp]:
        value, null = later_posts.sort_key(selection, positions, prop)
        shuffle = np.random.default_rng(next(calls)).permutation(positions.size)
        order = np.lexsort((shuffle, -value if descending else value, null))
        return positions[order]

    mp.setattr(later_posts, "ordered", ordered)


# --- Layers --------------------------------------------------------------------------------


def layers_hour_window_unclamped(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """granularity=hour serves the whole window, however long."""
    real = layers_query.resolve_window
    mp.setattr(layers_window, "clamp_hour_window", lambda start, end, g, days: (start, end))
    mp.setattr(
        layers_query,
        "resolve_window",
        lambda *args, **kwargs: real(*args, **{**kwargs, "max_buckets": 10**7}),
    )


def layers_default_window_a_week(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """Without since, the window starts 7 days ago instead of 30."""
    mp.setattr(layers_window, "DEFAULT_SPAN", timedelta(days=7))


def layers_siblings_not_unioned(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """scope=social_account reads only the row asked for, not its reconnected siblings."""

    def account(world: Any, organization: int, project: int, entity_id: str) -> Any:
        row = world.index.row_by_id.get(entity_id)
        if row is None or int(world.index.row_project[row]) != project:
            raise layers_scope._not_found("social_account", entity_id, world.projects[project].id)
        segments = world.posts.segments_of_rows(np.array([row]))
        return layers_scope.Selection(
            segments, np.array([world.index.row_logical[row]], dtype=np.int64)
        )

    mp.setitem(layers_scope._RESOLVERS, "social_account", account)


def layers_project_reads_first_layer(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """scope=project reads only the project's first layer instead of summing all of them."""

    def project_scope(world: Any, organization: int, project: int, entity_id: str) -> Any:
        layers = world.index.layers_of_project[project][:1]
        return layers_scope.Selection(
            world.posts.segments_of_layers(layers), world.index.logical_of_project[project]
        )

    mp.setitem(layers_scope._RESOLVERS, "project", project_scope)


def layers_skips_organization_check(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """A project is looked up by id alone: another organization's project is served."""
    real = layers_query.select

    def select(world: Any, organization: int, request: Any) -> Any:
        project = world.index.project_by_id.get(request.project_id)
        if project is not None:
            organization = int(world.index.project_org[project])
        return real(world, organization, request)

    mp.setattr(layers_query, "select", select)


def layers_skips_scope_check(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """A token without metrics:read reads metrics (200 with data instead of 403)."""
    mp.setattr(layers_vendor, "require_scope", lambda caller, scope: None)


# --- Buffer --------------------------------------------------------------------------------


def buffer_empty_channels_mean_all(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """channelIds: [] is treated like null (every channel) instead of no channel."""
    real = resolvers.channel_set

    def channel_set(world: Any, caller: Any, org: int, ids: Any, param: str) -> Any:
        return real(world, caller, org, ids or None, param)

    mp.setattr(resolvers, "channel_set", channel_set)


def buffer_first_unlimited(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """first above 100 is served instead of refused."""
    real = pagination.validate_first

    def validate_first(first: int, limit: int = 10**6) -> None:
        real(first, 10**6)

    mp.setattr(resolvers, "validate_first", validate_first)
    mp.setattr(pagination, "validate_first", validate_first)


def buffer_window_uncapped(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """Aggregates over more than 365 days are answered."""
    mp.setattr(resolvers, "MAX_WINDOW", timedelta(days=3650))


def buffer_metrics_without_insights(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """Metrics are served to a token without insights:read."""
    mp.setattr(resolvers, "_require_insights", lambda ctx: None)


def buffer_cursor_skips_one(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """``after`` resumes one item too late: each page boundary loses a post."""
    real = resolvers.decode_cursor
    mp.setattr(resolvers, "decode_cursor", lambda cursor, key: real(cursor, key) + 1)


def buffer_post_of_any_organization(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """post(id) answers any organization's post."""

    def readable_post(world: Any, caller: Any, post_id: str) -> int:
        row = world.posts.row_of(post_id)
        if row is None:
            return real(world, caller, post_id)
        return int(row)

    real = resolvers.readable_post
    mp.setattr(resolvers, "readable_post", readable_post)


def buffer_rate_averaged(mp: pytest.MonkeyPatch, app: Flask) -> None:
    """The aggregate's engagementRate is the mean of the matched posts' rates, not the rate
    of the summed counts."""
    world: BufferWorld = app.extensions["metrics_mock"].world.buffer
    matched = threading.local()
    real_aggregate, real_list = resolvers.aggregate, resolvers.aggregate_metric_list

    def aggregate(
        table: PostTable, channels: Rows, tags: TagFilter | None, start: int, end: int
    ) -> AggregateSums:
        matched.rows = _matched_rows(table, channels, tags, start, end)
        return real_aggregate(table, channels, tags, start, end)

    def metric_list(services: list[str], sums: AggregateSums) -> list[PostMetric]:
        metrics = real_list(services, sums)
        rates = list(_post_rates(world, getattr(matched, "rows", ())))
        if not rates:
            return metrics
        mean = round(sum(rates) / len(rates), 2)
        return [replace(m, value=mean) if m.type == "engagementRate" else m for m in metrics]

    mp.setattr(resolvers, "aggregate", aggregate)
    mp.setattr(resolvers, "aggregate_metric_list", metric_list)


def _matched_rows(
    table: PostTable, channels: Rows, tags: TagFilter | None, start: int, end: int
) -> Rows:
    cols = table.cols
    keep = np.isin(cols.channel, channels) & (cols.status == SENT) & table.ingested
    keep &= (cols.sent >= start) & (cols.sent <= end)
    if tags is not None:
        keep &= tags.matches(cols.tags)
    return np.flatnonzero(keep).astype(np.int64)


def _post_rates(world: BufferWorld, rows: Iterable[int]) -> Iterable[float]:
    for row in rows:
        service = world.channels[int(world.posts.cols.channel[row])].service
        rate = normalise(service, world.raw_metrics(int(row))).get("engagementRate")
        if rate is not None:
            yield rate
