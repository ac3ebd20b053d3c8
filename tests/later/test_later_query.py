"""Unit rules of the Later query and vendor layers: exact rounding for sorting, publish-day
windows per dateBasis, metric validity per filter, the 2-year cap as the spec words it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mock_server.domain.formulas import ratio
from mock_server.query.later_filters import _ranges
from mock_server.query.later_metrics import ratio_hundredths
from mock_server.query.later_summary import first_unsupported, valid_metrics
from mock_server.vendors.later.params import too_long

counts = st.integers(min_value=0, max_value=2**31 - 1)


@given(counts, counts, st.sampled_from([1, 100, 1000]))
@example(7875, 1000, 1)  # 7.875 -> 7.88, half up
@example(1, 8, 1)  # 0.125 -> 0.13
@example(5, 0, 100)  # zero denominator -> null
def test_vectorised_ratios_round_exactly_like_the_domain(num: int, den: int, scale: int) -> None:
    value, null = ratio_hundredths(np.array([num]), np.array([den]), scale)
    expected = ratio(num, den, scale)
    if expected is None:
        assert null[0]
    else:
        assert not null[0] and value[0] / 100 == expected


def test_ranges_concatenate_runs_without_a_loop() -> None:
    starts, stops = np.array([2, 10, 10, 20]), np.array([5, 10, 12, 21])
    assert _ranges(starts, stops).tolist() == [2, 3, 4, 10, 11, 20]


KNOWN = ["engagements", "views", "crosspostedFacebookOnlyViews", "cpm"]
RESTRICTED = {"crosspostedFacebookOnlyViews": ["instagram_reel"]}


@pytest.mark.parametrize(
    ("content_types", "crossposted"),
    [
        (None, False),  # no filter, or a platform filter
        (["instagram_reel"], True),
        (["instagram_reel", "tiktok"], False),
        (["tiktok"], False),
    ],
)
def test_a_restricted_metric_needs_a_content_type_filter_within_its_types(
    content_types: list[str] | None, crossposted: bool
) -> None:
    valid = valid_metrics(KNOWN, RESTRICTED, content_types)
    assert ("crosspostedFacebookOnlyViews" in valid) is crossposted
    assert [m for m in valid if m != "crosspostedFacebookOnlyViews"] == [
        "engagements", "views", "cpm",
    ]  # fmt: skip


def test_the_first_unsupported_metric_in_query_order_is_named() -> None:
    assert first_unsupported(["cpm", "likes", "bogus"], KNOWN) == "likes"
    assert first_unsupported(["cpm", "cpm"], KNOWN) is None


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (date(2024, 1, 1), date(2025, 12, 31), False),
        (date(2024, 1, 1), date(2026, 1, 1), True),
        (date(2024, 2, 29), date(2026, 2, 28), False),  # Feb 29 shifts to Mar 1
        (date(2024, 2, 29), date(2026, 3, 1), True),
        (date(9998, 6, 1), date(9999, 12, 31), False),  # no overflow near year 9999
    ],
)
def test_the_two_year_cap_follows_the_spec_wording(start: date, end: date, refused: bool) -> None:
    assert too_long(start, end, 2) is refused
