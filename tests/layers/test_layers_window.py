"""Windows: defaults, since >= until, the hourly clamp, bucket labels and edges.

seeds/layers-metrics.txt: since inclusive (default 30 days ago), until exclusive (default
now), hour over more than 90 days clamped; the spec's x-mock-choices fill in the rest.
The clock of the session app is 2026-11-01T00:00:00Z.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.calendar import Granularity, layers_bucket_label, split_window
from mock_server.query.layers_window import resolve_window, to_us
from tests.layers.conftest import Get, assert_error, metrics_url

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def project_metrics(app: Flask, get: Get, org: dict[str, Any], **params: str) -> Any:
    project = org["projects"][0]["id"]
    return get(app, metrics_url(project, "project", project, "views", **params), org["token"])


def test_default_window_is_the_30_days_before_the_clock(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    body = project_metrics(app, get, org0).get_json()
    assert body["window"] == {
        "since": "2026-10-02T00:00:00Z",
        "until": "2026-11-01T00:00:00Z",
        "granularity": "day",
    }
    assert len(body["series"]) == 30
    assert (
        body["series"][0]["bucket"] == "2026-10-02" and body["series"][-1]["bucket"] == "2026-10-31"
    )


def test_default_since_is_30_days_before_the_clock_even_with_an_explicit_until(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    body = project_metrics(app, get, org0, until="2026-10-20T00:00:00Z").get_json()
    assert body["window"]["since"] == "2026-10-02T00:00:00Z"
    early = project_metrics(app, get, org0, until="2026-09-01T00:00:00Z")
    assert "must be earlier than until" in assert_error(early, 422, "VALIDATION")["message"]


@pytest.mark.parametrize(
    ("since", "until"),
    [
        ("2026-10-10T00:00:00Z", "2026-10-10T00:00:00Z"),  # empty window
        ("2026-10-10T00:00:00.000001Z", "2026-10-10T00:00:00Z"),  # reversed by a microsecond
    ],
)
def test_since_not_before_until_is_422(
    app: Flask, get: Get, org0: dict[str, Any], since: str, until: str
) -> None:
    response = project_metrics(app, get, org0, since=since, until=until)
    assert_error(response, 422, "VALIDATION")


def test_hour_over_more_than_90_days_keeps_the_last_90_and_echoes_it(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    body = project_metrics(
        app,
        get,
        org0,
        since="2026-01-01T00:00:00Z",
        until="2026-10-01T00:00:00Z",
        granularity="hour",
    ).get_json()
    assert body["window"] == {
        "since": "2026-07-03T00:00:00Z",
        "until": "2026-10-01T00:00:00Z",
        "granularity": "hour",
    }
    assert len(body["series"]) == 90 * 24 == 2160
    assert body["series"][0]["bucket"] == "2026-07-03T00:00:00Z"
    assert body["series"][-1]["bucket"] == "2026-09-30T23:00:00Z"


def test_clamped_hours_off_the_hour_give_2161_clipped_buckets(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    body = project_metrics(
        app,
        get,
        org0,
        since="2026-01-01T00:00:00Z",
        until="2026-10-01T10:30:00Z",
        granularity="hour",
    ).get_json()
    assert body["window"]["since"] == "2026-07-03T10:30:00Z"
    assert len(body["series"]) == 2161


def test_exactly_90_days_of_hours_is_not_clamped(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    body = project_metrics(
        app,
        get,
        org0,
        since="2026-07-03T00:00:00Z",
        until="2026-10-01T00:00:00Z",
        granularity="hour",
    ).get_json()
    assert body["window"]["since"] == "2026-07-03T00:00:00Z"


def test_day_and_week_are_never_clamped(app: Flask, get: Get, org0: dict[str, Any]) -> None:
    for granularity in ("day", "week"):
        body = project_metrics(
            app,
            get,
            org0,
            since="2025-01-01T00:00:00Z",
            until="2026-10-01T00:00:00Z",
            granularity=granularity,
        ).get_json()
        assert body["window"]["since"] == "2025-01-01T00:00:00Z"


def test_a_day_series_longer_than_2161_buckets_is_refused(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    response = project_metrics(app, get, org0, since="2000-01-01T00:00:00Z")
    message = assert_error(response, 422, "VALIDATION")["message"]
    assert "at most 2161" in message and "granularity=day" in message


def test_week_is_refused_for_a_single_platform_post(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    project = org0["projects"][0]
    url = metrics_url(
        project["id"], "platform_post", project["platform_posts"][0], granularity="week"
    )
    message = assert_error(get(app, url, org0["token"]), 422, "VALIDATION")["message"]
    assert "day or hour" in message


@pytest.mark.parametrize(
    ("since", "until"),
    [
        ("0001-01-01T00:00:00Z", "0001-01-03T00:00:00Z"),  # the first representable days
        ("9999-12-30T00:00:00Z", "9999-12-31T23:59:59.999999Z"),  # the last ones
    ],
)
def test_extreme_dates_are_answered_with_four_digit_years(
    app: Flask, get: Get, org0: dict[str, Any], since: str, until: str
) -> None:
    for granularity in ("hour", "day", "week"):
        body = project_metrics(
            app, get, org0, since=since, until=until, granularity=granularity
        ).get_json()
        assert body["window"]["since"] == since and body["window"]["until"] == until
        assert all(entry["views"] == 0 for entry in body["series"])


# --- the vectorised buckets are the domain's split_window --------------------------------

instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=200, deadline=None)
@given(
    since=instants,
    span=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=120)),
    granularity=st.sampled_from(["hour", "day", "week"]),
)
@example(since=datetime(2026, 10, 5, tzinfo=UTC), span=timedelta(days=10), granularity="week")
@example(
    since=datetime(2026, 3, 29, 0, 30, tzinfo=UTC), span=timedelta(days=91), granularity="hour"
)
def test_window_buckets_equal_the_domain_split_window(
    since: datetime, span: timedelta, granularity: str
) -> None:
    window = resolve_window(
        since, since + span, granularity, NOW, hour_window_days=90, max_buckets=2161
    )
    g = Granularity(granularity)
    buckets = split_window(window.since, window.until, g)
    assert window.labels == [layers_bucket_label(b.label_start, g) for b in buckets]
    assert window.edges_us.tolist() == [to_us(b.start) for b in buckets] + [to_us(window.until)]
    assert window.labels_json == [json.dumps(label) for label in window.labels]


def test_a_remembered_window_is_the_one_cut_afresh_and_cannot_be_changed() -> None:
    since, until = datetime(2026, 8, 3, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)
    args = (since, until, "day", NOW)
    first = resolve_window(*args, hour_window_days=90, max_buckets=2161)
    again = resolve_window(*args, hour_window_days=90, max_buckets=2161)
    assert again.edges_us is first.edges_us  # the second from the memo
    assert len(again.labels) == 90 and again.labels[0] == "2026-08-03"
    with pytest.raises(ValueError, match="read-only"):
        again.edges_us[0] = 0


@pytest.mark.parametrize(
    ("since", "granularity", "days"),
    [
        (datetime(2026, 10, 5, tzinfo=UTC), "week", [20731, 20738, 20745]),
        (datetime(2026, 10, 5, tzinfo=UTC), "day", list(range(20731, 20746))),
        (datetime(2026, 10, 5, 6, tzinfo=UTC), "day", None),  # since is not a midnight
        (datetime(2026, 10, 5, tzinfo=UTC), "hour", None),  # hours: not every edge is
    ],
)
def test_edge_days_are_given_only_when_every_edge_is_a_midnight(
    since: datetime, granularity: str, days: list[int] | None
) -> None:
    until = datetime(2026, 10, 19, tzinfo=UTC)  # 2026-10-05 is epoch day 20731, a Monday
    window = resolve_window(since, until, granularity, NOW, hour_window_days=90, max_buckets=2161)
    got = window.edge_days
    assert (None if got is None else got.tolist()) == days
