"""Routes about the mock itself: the specs it serves, its catalog, its health."""

from __future__ import annotations

from flask import Flask, Response, jsonify

from mock_server.specs import GRAPHQL_SDL, OPENAPI_SPECS
from mock_server.state import MockState
from mock_server.world.catalog import build_catalog


def register(app: Flask, state: MockState) -> None:
    """Serve specs at stable URLs so tools can point at them, plus the catalog."""
    catalog = build_catalog(state)
    yaml_specs = {vendor: path.read_bytes() for vendor, path in OPENAPI_SPECS.items()}
    sdl = GRAPHQL_SDL.read_bytes()

    @app.get("/openapi/<vendor>.yaml")
    def openapi_spec(vendor: str) -> Response:
        body = yaml_specs.get(vendor)
        if body is None:
            return _not_found(f"No spec named {vendor}.yaml; try layers.yaml or later.yaml.")
        return Response(body, mimetype="application/yaml")

    @app.get("/graphql/schema.graphql")
    def graphql_sdl() -> Response:
        return Response(sdl, mimetype="text/plain")

    @app.get("/_mock/catalog")
    def mock_catalog() -> Response:
        return jsonify(catalog)

    @app.get("/_mock/health")
    def mock_health() -> Response:
        return jsonify({"status": "ok", "seed": state.config.seed})


def _not_found(message: str) -> Response:
    response = jsonify({"error": {"code": "NOT_FOUND", "message": message}})
    response.status_code = 404
    return response
