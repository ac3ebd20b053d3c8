"""Later views: thin; parameters arrive validated by the spec gate in ``g.gate``."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.state import MockState

NOT_BUILT = "This endpoint is specified but its behaviour is not built yet in this mock version."


def register(blueprint: Blueprint, state: MockState) -> None:
    """Routes named after the spec's operationIds."""

    @blueprint.get("/v2/posts/performance", endpoint="getPostsPerformance")
    def posts_performance() -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)

    @blueprint.get(
        "/v2/instances/performance-over-time", endpoint="getInstancesPerformanceOverTime"
    )
    def performance_over_time() -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)

    @blueprint.get("/v2/instances/performance", endpoint="getInstancesPerformance")
    def performance() -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)
