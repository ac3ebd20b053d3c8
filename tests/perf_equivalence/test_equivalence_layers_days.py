"""Bucket sums read from the per-day table equal those found by searching the post keys.

``PostTable.day_pos`` and its running sums (``runs_day_pos``, ``runs_day_cum``) answer
buckets whose edges are UTC midnights (the usual dashboard query) without a binary search;
``searched_positions`` and ``cum_table`` are the reference, valid for any edge. Both must
give the same counts and sums for any segments and any day-aligned edges, including edges
before the first post and after the last.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.world.layers_model import POST_METRICS
from mock_server.world.layers_posts import DAY_S, MICROS, PostTable
from mock_server.world.runs import row_runs


@pytest.fixture(scope="module")
def posts(make_app: Callable[..., Flask]) -> PostTable:
    table: PostTable = make_app(vendors=("layers",)).extensions["metrics_mock"].world.layers.posts
    return table


def _reference(posts: PostTable, segments: np.ndarray, edges_s: np.ndarray) -> tuple:
    positions = posts.searched_positions(segments, edges_s)
    counts = np.diff(positions.sum(axis=0))
    sums = {m: np.diff(posts.cum[m][positions].sum(axis=0)) for m in POST_METRICS}
    return counts, sums


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_day_table_equals_search(posts: PostTable, data: st.DataObject) -> None:
    n_segments = len(posts.seg_layer)
    chosen = data.draw(st.sets(st.integers(0, n_segments - 1), min_size=1, max_size=12))
    segments = np.array(sorted(chosen), dtype=np.int64)
    days = posts.day_pos.shape[1]
    first = data.draw(st.integers(-20, days + 20))
    widths = data.draw(st.lists(st.integers(0, 40), min_size=1, max_size=30))
    edges_s = posts.day0_s + DAY_S * (first + np.concatenate([[0], np.cumsum(widths)]))
    got = posts.bucket_sums(segments, edges_s * MICROS, POST_METRICS)
    told = posts.bucket_sums(segments, edges_s * MICROS, POST_METRICS, edges_s // DAY_S)
    counts, sums = _reference(posts, segments, edges_s)
    for result in (got, told):  # midnights found out, and told by the caller (edge_days)
        assert result.counts.tolist() == counts.tolist()
        for m in POST_METRICS:
            assert result.sums[m].tolist() == sums[m].tolist(), m


def test_day_positions_match_a_hand_count(posts: PostTable) -> None:
    """Segment 0's position at each midnight is its start plus its posts before it."""
    start = int(posts.searched_positions(np.array([0]), np.array([0]))[0, 0])
    published = np.array([posts.published_s_at(p) for p in range(start, start + 200)])
    segment = [posts.segment_at(p) for p in range(start, start + 200)]
    published = published[np.array(segment) == 0]
    for k in range(0, 30):
        midnight = posts.day0_s + k * DAY_S
        before = int(np.sum(published < midnight))
        if before < len(published):
            assert int(posts.day_pos[0, k]) == start + before


def test_edges_off_midnight_take_the_search(posts: PostTable) -> None:
    segments = np.arange(min(5, len(posts.seg_layer)), dtype=np.int64)
    edges_s = posts.day0_s + np.array([3600, DAY_S * 40 + 3600, DAY_S * 80 + 7])
    got = posts.bucket_sums(segments, edges_s * MICROS, POST_METRICS)
    counts, sums = _reference(posts, segments, edges_s)
    assert got.counts.tolist() == counts.tolist()
    assert all(got.sums[m].tolist() == sums[m].tolist() for m in POST_METRICS)


def test_segments_split_into_runs_of_consecutive_ones() -> None:
    first, end = row_runs(np.array([2, 3, 4, 7, 9, 10], dtype=np.int64))
    assert first.tolist() == [2, 7, 9]
    assert end.tolist() == [5, 8, 11]
    first, end = row_runs(np.zeros(0, dtype=np.int64))
    assert first.tolist() == [] and end.tolist() == []


def test_no_segments_sum_to_zero_buckets(posts: PostTable) -> None:
    edges_s = posts.day0_s + DAY_S * np.array([3, 10, 40])
    got = posts.bucket_sums(np.zeros(0, dtype=np.int64), edges_s * MICROS, POST_METRICS)
    assert got.counts.tolist() == [0, 0]
    assert all(got.sums[m].tolist() == [0, 0] for m in POST_METRICS)
