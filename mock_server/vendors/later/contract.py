"""What specs/openapi/later.yaml says beyond plain validation, read once at mount.

The handlers' rules are driven by the spec's extensions, so that a change in the contract
is a change in one file: x-platform-content-types (platform -> content types),
x-valid-metrics and x-metric-content-types (summary metrics), x-max-range-years (date
range), the SortProperty enum and defaults, and x-problem-details (every detail text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.http.errors import ApiError, ErrorKind

KINDS = {400: ErrorKind.VALIDATION, 401: ErrorKind.UNAUTHENTICATED, 403: ErrorKind.FORBIDDEN}


@dataclass(frozen=True)
class LaterContract:
    platform_content_types: Mapping[str, tuple[str, ...]]
    valid_metrics: tuple[str, ...]
    metric_content_types: Mapping[str, tuple[str, ...]]
    max_range_years: int
    sort_properties: tuple[str, ...]
    problems: Mapping[str, Mapping[str, Any]]

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> LaterContract:
        params = spec["components"]["parameters"]
        metrics = params["Metrics"]
        return cls(
            platform_content_types={
                k: tuple(v) for k, v in params["Platform"]["x-platform-content-types"].items()
            },
            valid_metrics=tuple(metrics["x-valid-metrics"]),
            metric_content_types={
                k: tuple(v) for k, v in metrics["x-metric-content-types"].items()
            },
            max_range_years=int(params["StartDate"]["x-max-range-years"]),
            sort_properties=tuple(params["SortProperty"]["schema"]["enum"]),
            problems=spec["x-problem-details"],
        )

    def error(self, name: str, **values: object) -> ApiError:
        """The ApiError for the x-problem-details entry ``name`` with its placeholders."""
        entry = self.problems[name]
        detail = str(entry["detail"])
        for key, value in values.items():
            detail = detail.replace("{" + key + "}", str(value))
        return ApiError(KINDS[int(entry["status"])], detail)
