"""Swagger UI for the mounted OpenAPI specs, served by the mock from a PyPI package.

``GET /docs`` shows every mounted REST vendor's spec (a selector in the top bar), and
``GET /docs/<vendor>`` one of them; "Try it out" calls the mock itself (the specs' server
is ``/``). The assets come from the ``swagger-ui-py`` wheel (Swagger UI 5, which renders
OpenAPI 3.1), never from a CDN, so the pages work with no internet. The validator badge,
which would call validator.swagger.io, is turned off. Buffer's GraphQL has its explorer at
``GET /graphql``; the page links to it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from flask import Flask, Response, jsonify, send_from_directory, url_for

from mock_server.specs import OPENAPI_SPECS

TITLES = {"layers": "Layers Partner API", "later": "Later Reporting API v2"}
ASSETS = frozenset(
    {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "favicon-16x16.png",
        "favicon-32x32.png",
    }
)
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" type="image/png" href="{static}/favicon-32x32.png">
<link rel="stylesheet" href="{static}/swagger-ui.css">
<style>
body {{ margin: 0; }}
nav.mock {{ font: 14px sans-serif; padding: 8px 16px; background: #1b1b1b; color: #eee; }}
nav.mock a {{ color: #8cf; margin-right: 16px; }}
</style>
</head>
<body>
<nav class="mock">metrics-mock: {links}</nav>
<div id="swagger-ui"></div>
<script src="{static}/swagger-ui-bundle.js"></script>
<script src="{static}/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle(Object.assign({options}, {{
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: "StandaloneLayout"
}}));
</script>
</body>
</html>
"""


def swagger_ui_dir() -> Path | None:
    """The Swagger UI assets of the installed ``swagger-ui-py`` (found without importing it)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    static = Path(next(iter(spec.submodule_search_locations))) / "static"
    return static if (static / "swagger-ui-bundle.js").is_file() else None


def _options(vendors: list[str]) -> str:
    urls = [{"url": url_for("openapi_spec", vendor=v), "name": TITLES[v]} for v in vendors]
    options = {
        "urls": urls,
        "urls.primaryName": urls[0]["name"],
        "deepLinking": True,
        "displayRequestDuration": True,
        "persistAuthorization": True,
        "validatorUrl": None,
    }
    return json.dumps(options).replace("</", "<\\/")


def _links(rest: list[str], graphql: bool) -> str:
    links = [f'<a href="{url_for("docs_vendor", vendor=v)}">{TITLES[v]}</a>' for v in rest]
    if graphql:
        links.append(f'<a href="{url_for("buffer_graphql")}">Buffer GraphQL (GraphiQL)</a>')
    links.append(f'<a href="{url_for("mock_catalog")}">catalog: tokens and ids</a>')
    return " ".join(links)


def register(app: Flask, mounted: tuple[str, ...]) -> None:
    """``/docs``, ``/docs/<vendor>`` and their assets under ``/docs/static/``."""
    rest = [v for v in mounted if v in OPENAPI_SPECS]
    static_dir = swagger_ui_dir()

    def page(vendors: list[str]) -> Response:
        if static_dir is None:
            return _missing()
        html = PAGE.format(
            title="metrics-mock API docs",
            static=url_for("docs_index") + "/static",
            links=_links(rest, "buffer" in mounted),
            options=_options(vendors) if vendors else '{"urls": []}',
        )
        return Response(html, mimetype="text/html")

    @app.get("/docs")
    def docs_index() -> Response:
        return page(rest)

    @app.get("/docs/<vendor>")
    def docs_vendor(vendor: str) -> Response:
        if vendor not in rest:
            return _not_found(f"No docs for {vendor!r}; mounted: {', '.join(rest) or 'none'}.")
        return page([vendor])

    @app.get("/docs/static/<name>")
    def docs_asset(name: str) -> Response:
        if static_dir is None or name not in ASSETS:
            return _not_found(f"No asset {name!r}.")
        return send_from_directory(static_dir, name, max_age=3600)


def _not_found(message: str) -> Response:
    response = jsonify({"error": {"code": "NOT_FOUND", "message": message}})
    response.status_code = 404
    return response


def _missing() -> Response:
    message = "Swagger UI assets not found: install the 'swagger-ui-py' package (pip install .)."
    return Response(message, status=503, mimetype="text/plain")
