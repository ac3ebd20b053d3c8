"""The ceiling of this stack: Flask returning constant JSON, served the same way as the mock."""

from __future__ import annotations

from flask import Flask, Response, jsonify

BODY = {"data": [{"postId": 1, "impressions": 8500, "engagements": 1240}], "pagination": {}}


def create_bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/<path:anything>")
    def constant(anything: str) -> Response:
        return jsonify(BODY)

    return app
