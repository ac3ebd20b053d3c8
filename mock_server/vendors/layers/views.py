"""Layers views: thin; parameters arrive validated by the spec gate in ``g.gate``."""

from __future__ import annotations

from flask import Blueprint, Response

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.state import MockState

NOT_BUILT = "This endpoint is specified but its behaviour is not built yet in this mock version."


def register(blueprint: Blueprint, state: MockState) -> None:
    """Routes named after the spec's operationIds."""

    @blueprint.get("/v1/projects/<project_id>/metrics", endpoint="getProjectMetrics")
    def get_project_metrics(project_id: str) -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)

    @blueprint.get("/v1/whoami", endpoint="whoami")
    def whoami() -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)
