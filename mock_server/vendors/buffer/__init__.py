"""Buffer's GraphQL post-metrics API, mounted at /graphql."""

from __future__ import annotations

from flask import Flask, Response

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.mount import VendorMount
from mock_server.state import MockState
from mock_server.vendors.buffer.errors import render_error

NOT_BUILT = "The GraphQL endpoint is specified but not built yet in this mock version."


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register the GraphQL endpoint."""

    @app.route("/graphql", methods=["GET", "POST"], endpoint="buffer_graphql")
    def graphql() -> Response:
        raise ApiError(ErrorKind.NOT_FOUND, NOT_BUILT)

    return VendorMount("buffer", ("/graphql",), render_error=render_error)
