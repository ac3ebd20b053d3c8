"""Wire formats, Layers labels and clamps, and the vendors' window caps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_server.domain.calendar import (
    BUFFER_MAX_WINDOW,
    Granularity,
    add_years,
    clamp_hour_window,
    date_range_days,
    exceeds_two_years,
    layers_bucket_label,
    window_exceeds,
)
from mock_server.domain.errors import BadTimestamp, DomainError, ValidationError
from mock_server.domain.timestamps import (
    format_utc_millis,
    format_utc_z,
    parse_iso_date,
    parse_utc_z,
)

G = Granularity


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0, us: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, sec, us, tzinfo=UTC)


# --- format / parse ---------------------------------------------------------------------


def test_format_utc_z_matches_the_layers_seed() -> None:
    assert format_utc_z(utc(2026, 4, 1)) == "2026-04-01T00:00:00Z"
    assert format_utc_z(utc(2026, 4, 1, 5, 6, 7, 999999)) == "2026-04-01T05:06:07Z"


def test_format_utc_millis_matches_the_later_post_date() -> None:
    assert format_utc_millis(utc(2024, 7, 15, 14, 30)) == "2024-07-15T14:30:00.000Z"
    assert format_utc_millis(utc(2024, 7, 15, 14, 30, 0, 123999)) == "2024-07-15T14:30:00.123Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01T00:00:00Z", utc(2026, 4, 1)),
        ("2024-02-29T23:59:59Z", utc(2024, 2, 29, 23, 59, 59)),
        ("2024-07-15T14:30:00.000Z", utc(2024, 7, 15, 14, 30)),
        ("2024-07-15T14:30:00.5Z", utc(2024, 7, 15, 14, 30, 0, 500000)),
    ],
)
def test_parse_utc_z_accepts_utc_z_timestamps(text: str, expected: datetime) -> None:
    assert parse_utc_z(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # offsets other than Z
        "2026-04-01T00:00:00+00:00",
        "2026-04-01T00:00:00z",
        "2026-04-01T00:00:00",
        # wrong shape
        "2026-04-01 00:00:00Z",
        "2026-04-01T00:00Z",
        "2026-04-01",
        "",
        "2026-04-01T00:00:00.1234567Z",
        "\uff12\uff10\uff12\uff16-04-01T00:00:00Z",  # full-width digits
        # impossible values
        "2023-02-29T00:00:00Z",
        "2026-04-01T24:00:00Z",
        "2026-13-01T00:00:00Z",
    ],
)
def test_parse_utc_z_rejects_anything_else(text: str) -> None:
    with pytest.raises(BadTimestamp) as info:
        parse_utc_z(text, "since")
    assert info.value.param == "since"
    assert isinstance(info.value, ValidationError | ValueError | DomainError)


@settings(deadline=None)
@given(st.datetimes(datetime(1970, 1, 1), datetime(9999, 1, 1), timezones=st.just(UTC)))
@example(utc(2024, 2, 29, 12))
def test_format_and_parse_round_trip_whole_seconds(dt: datetime) -> None:
    whole = dt.replace(microsecond=0)
    assert parse_utc_z(format_utc_z(dt)) == whole
    assert parse_utc_z(format_utc_millis(dt)) == dt.replace(
        microsecond=dt.microsecond // 1000 * 1000
    )


@pytest.mark.parametrize("text", ["2024-2-29", "2023-02-29", "2024-02-29T00:00:00Z", "20240229"])
def test_parse_iso_date_is_strict(text: str) -> None:
    with pytest.raises(BadTimestamp):
        parse_iso_date(text, "startDate")


def test_parse_iso_date_reads_a_leap_day() -> None:
    assert parse_iso_date("2024-02-29") == date(2024, 2, 29)


# --- Layers labels and the hourly clamp -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "g", "label"),
    [
        (utc(2026, 4, 1), G.DAY, "2026-04-01"),
        (utc(2020, 12, 28), G.WEEK, "2020-12-28"),
        (utc(2024, 2, 29, 7), G.HOUR, "2024-02-29T07:00:00Z"),
    ],
)
def test_layers_bucket_labels(start: datetime, g: G, label: str) -> None:
    assert layers_bucket_label(start, g) == label


def test_layers_has_no_month_label() -> None:
    with pytest.raises(ValueError):
        layers_bucket_label(utc(2024, 1, 1), G.MONTH)


@pytest.mark.parametrize(
    ("since", "until", "g", "expected_since"),
    [
        # hourly, longer than 90 days: the last 90 days
        (utc(2026, 1, 1), utc(2026, 4, 18), G.HOUR, utc(2026, 1, 18)),
        # hourly, exactly 90 days: unchanged
        (utc(2026, 1, 18), utc(2026, 4, 18), G.HOUR, utc(2026, 1, 18)),
        # daily windows are never clamped
        (utc(2025, 1, 1), utc(2026, 4, 18), G.DAY, utc(2025, 1, 1)),
    ],
)
def test_clamp_hour_window_keeps_the_last_ninety_days(
    since: datetime, until: datetime, g: G, expected_since: datetime
) -> None:
    assert clamp_hour_window(since, until, g) == (expected_since, until)


# --- vendor window caps -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "days", "exceeds"),
    [
        (date(2024, 1, 1), date(2025, 12, 31), 731, False),
        (date(2024, 1, 1), date(2026, 1, 1), 732, True),
        (date(2024, 2, 29), date(2026, 2, 28), 731, False),  # Feb 29 shifts to Mar 1
        (date(2024, 2, 29), date(2026, 3, 1), 732, True),
        (date(9998, 6, 1), date(9999, 12, 31), 579, False),  # no overflow near year 9999
        (date(2024, 3, 1), date(2024, 2, 29), 0, False),
    ],
)
def test_later_two_year_cap(start: date, end: date, days: int, exceeds: bool) -> None:
    assert date_range_days(start, end) == days
    assert exceeds_two_years(start, end) is exceeds


def test_add_years_maps_a_leap_day_to_february_28() -> None:
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("start", "end", "exceeds"),
    [
        (utc(2026, 1, 1), utc(2026, 3, 31, 23, 59, 59), False),  # the seed's quarter
        (utc(2025, 1, 1), utc(2026, 1, 1), False),  # exactly 365 days
        (utc(2025, 1, 1), utc(2026, 1, 1, 0, 0, 1), True),
    ],
)
def test_buffer_window_cap(start: datetime, end: datetime, exceeds: bool) -> None:
    assert window_exceeds(start, end, BUFFER_MAX_WINDOW) is exceeds
    assert window_exceeds(start, end, timedelta(days=10**4)) is False
