"""``/v2/instances/performance``: the requested metrics, aggregated over the selection.

seeds/later-instances-performance.txt: only the metrics named in ``metrics`` are returned;
"Metric availability depends on the applied platform or contentType filters ...
Requesting unsupported metrics will result in a 400 error, along with a list of valid
metrics for the current filters". The valid names and their restrictions come from the
spec (x-valid-metrics, x-metric-content-types), passed in by the vendor layer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from mock_server.query.later_filters import Selection
from mock_server.query.later_metrics import Value
from mock_server.query.later_sums import range_sums
from mock_server.query.later_table import columns

COUNTS: dict[str, tuple[str, ...]] = {"postsCount": (), "paidPostsCount": ("paid",)}


def valid_metrics(
    known: Sequence[str],
    restricted: Mapping[str, Sequence[str]],
    content_types: Sequence[str] | None,
) -> list[str]:
    """The metrics valid for a ``contentType`` filter (None: no contentType given).

    Spec (Metrics, x-mock-choice): a restricted metric is valid only when contentType is
    given and every value is one of its content types; the others are always valid.
    """

    def allowed(name: str) -> bool:
        if name not in restricted:
            return True
        return content_types is not None and set(content_types) <= set(restricted[name])

    return [name for name in known if allowed(name)]


def first_unsupported(requested: Sequence[str], valid: Sequence[str]) -> str | None:
    """The first requested name (in query order) that is not valid, if any."""
    allowed = set(valid)
    return next((name for name in requested if name not in allowed), None)


def summary(selection: Selection, names: Sequence[str]) -> dict[str, Value]:
    """``{name: value}`` for ``names`` (already validated and ordered).

    The metrics are computed together (:func:`.later_metrics.columns`, one batch of ratios)
    over the selection's one row of sums; post counts are never null.
    """
    one = np.array([selection.first], np.int64), np.array([selection.last], np.int64)
    sums = range_sums(selection, *one)
    metrics = tuple(name for name in names if name not in COUNTS)
    stored = sums.stored(np.zeros(1, np.intp))
    values = dict(zip(metrics, (row[0] for row in columns(stored, metrics)), strict=True))
    return {
        name: int(sums.count(COUNTS[name])[0]) if name in COUNTS else values[name] for name in names
    }
