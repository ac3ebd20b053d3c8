"""Buffer's GraphQL post-metrics API, mounted at /graphql (GraphiQL on GET, see graphiql.py).

POST /graphql: authenticate, read the JSON body, then Ariadne's ``graphql_sync`` on the
schema built from the SDL, with the hostile-query limits as validation rules and the
vendor's error formatter. Every GraphQL result, errors included, is HTTP 200.
"""

from __future__ import annotations

import logging
from typing import Any

from ariadne import graphql_sync
from flask import Flask, Response, jsonify, request
from graphql import DocumentNode, parse
from werkzeug.wrappers import Request

from mock_server.http.errors import ApiError, ErrorKind
from mock_server.http.mount import VendorMount
from mock_server.http.rate_limit import RATELIMIT, RatePolicy
from mock_server.state import MockState
from mock_server.vendors.buffer import graphiql
from mock_server.vendors.buffer.errors import STATUS_AND_CODE, format_error, render_error
from mock_server.vendors.buffer.limits import MAX_TOKENS, rules_for_request
from mock_server.vendors.buffer.resolvers import RequestContext
from mock_server.vendors.buffer.schema import build_schema
from mock_server.vendors.buffer.transport import authenticate, read_operation
from mock_server.world.buffer import BufferWorld

RATE_LIMIT = 100
RATE_WINDOW_S = 15 * 60


class _ResultErrorLog(logging.LoggerAdapter[logging.Logger]):
    """Ariadne logs every error of a result; most are the client's, not incidents, and
    unexpected ones are already logged by :func:`.errors.format_error`."""

    def error(self, *args: Any, **kwargs: Any) -> None:
        return None


RESULT_ERROR_LOG = _ResultErrorLog(logging.getLogger("mock_server.buffer"))


def parse_query(_context: Any, data: dict[str, Any]) -> DocumentNode:
    """Parse with a token limit, so a huge document is refused before it costs memory."""
    return parse(data["query"], max_lexical_tokens=MAX_TOKENS, max_comments=MAX_TOKENS)


def mount(app: Flask, state: MockState) -> VendorMount:
    """Register the GraphQL endpoint and GraphiQL's assets."""
    world = state.world.buffer
    assert world is not None, "the buffer vendor is mounted, so its world was built"
    schema = build_schema()
    page = graphiql.page_html()
    debug = state.config.debug

    @app.route("/graphql", methods=["GET", "POST"], endpoint="buffer_graphql")
    def graphql() -> Response:
        if request.method == "GET":
            if "query" in request.args and not graphiql.wants_page(request):
                raise ApiError(
                    ErrorKind.VALIDATION,
                    "Send GraphQL queries with POST and a JSON body; GET /graphql only "
                    "serves the GraphiQL page (open it in a browser).",
                )
            return graphiql.page_response(page)
        caller = authenticate(world, request)
        data = read_operation(request)
        _, result = graphql_sync(
            schema,
            data,
            context_value=RequestContext(world, caller),
            query_parser=parse_query,
            validation_rules=rules_for_request,
            error_formatter=format_error,
            debug=debug,
            logger=RESULT_ERROR_LOG,
        )
        return jsonify(result)

    graphiql.register(app)
    return VendorMount(
        "buffer",
        ("/graphql",),
        render_error=render_error,
        error_statuses={kind: status for kind, (status, _) in STATUS_AND_CODE.items()},
        rate_policy=lambda req: _rate_policy(world, req),
    )


def _rate_policy(world: BufferWorld, req: Request) -> RatePolicy | None:
    """100 requests per 15 minutes per token (DOMAIN.md section 4, Buffer); GET serves
    only the GraphiQL page and its assets, and is not counted."""
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    if req.method != "POST" or scheme.lower() != "bearer" or token.strip() not in world.tokens:
        return None
    return RatePolicy(f"buffer:{token.strip()}", RATE_LIMIT, RATE_WINDOW_S, RATELIMIT)
