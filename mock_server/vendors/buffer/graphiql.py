"""GraphiQL at ``GET /graphql``, served entirely by the mock (no CDN, works offline).

The page is ours and small: it loads React 18, ReactDOM and GraphiQL 3's UMD build from
``GET /graphql/assets/<name>`` (files vendored from npm in ``graphiql_assets/``, see its
README), and has a field for the bearer token, kept in the browser's localStorage and sent
as ``Authorization: Bearer <token>`` with every request, introspection included (the mock,
like Buffer, answers nothing without a token: DOMAIN.md section 4). Every URL on the page is
relative, so it also works behind a proxy that mounts the mock under a path prefix, and a
Content-Security-Policy forbids loading anything from another host.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, Request, Response, send_from_directory

from mock_server.http.errors import ApiError, ErrorKind

ASSET_DIR = Path(__file__).with_name("graphiql_assets")
ASSETS = {
    "react.production.min.js": "text/javascript",
    "react-dom.production.min.js": "text/javascript",
    "graphiql.min.js": "text/javascript",
    "graphiql.min.css": "text/css",
}
"""The only files served: the four the page loads, each with its content type."""
ASSET_MAX_AGE_S = 24 * 3600
"""A day: the names carry no version, so a cached copy must expire after an update."""
TOKEN_KEY = "metrics-mock.buffer.token"
DEFAULT_QUERY = """# 1. Paste a Buffer token from /_mock/catalog in the field above.
# 2. Variables: {"organizationId": "<its organization id>"}
# 3. Run (Ctrl-Enter).
query Channels($organizationId: OrganizationId!) {
  channels(input: { organizationId: $organizationId }) { id name service }
}
"""
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
    ]
)
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Buffer GraphQL (metrics-mock)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="graphql/assets/graphiql.min.css">
<style>
html, body {{ height: 100%; margin: 0; }}
body {{ display: flex; flex-direction: column; }}
form.mock {{ font: 14px sans-serif; padding: 8px 16px; background: #1b1b1b; color: #eee;
  display: flex; gap: 12px; align-items: center; }}
form.mock input {{ width: 28em; font: 13px monospace; }}
form.mock a {{ color: #8cf; }}
#graphiql {{ flex: 1; min-height: 0; }}
</style>
</head>
<body>
<form class="mock" id="auth">
<label for="token">Bearer token</label>
<input id="token" name="token" type="text" autocomplete="off" spellcheck="false"
 placeholder="a Buffer token from the catalog">
<button type="submit">Use token</button>
<a href="_mock/catalog">catalog: tokens and ids</a>
<a href="graphql/schema.graphql">schema (SDL)</a>
</form>
<div id="graphiql">Loading GraphiQL&hellip;</div>
<script src="graphql/assets/react.production.min.js"></script>
<script src="graphql/assets/react-dom.production.min.js"></script>
<script src="graphql/assets/graphiql.min.js"></script>
<script>
(function () {{
  var KEY = {token_key}, input = document.getElementById("token");
  var shared = new URLSearchParams(window.location.search).get("query");
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  input.value = window.localStorage.getItem(KEY) || "";
  function render() {{
    var token = input.value.trim();
    var headers = token ? {{Authorization: "Bearer " + token}} : {{}};
    root.render(React.createElement(GraphiQL, {{
      fetcher: GraphiQL.createFetcher({{url: "graphql", headers: headers}}),
      defaultQuery: {default_query},
      query: shared || undefined,
      defaultEditorToolsVisibility: true
    }}));
  }}
  function useToken(event) {{
    if (event) event.preventDefault();
    window.localStorage.setItem(KEY, input.value.trim());
    render();
  }}
  document.getElementById("auth").addEventListener("submit", useToken);
  input.addEventListener("change", function () {{ useToken(null); }});
  render();
}})();
</script>
</body>
</html>
"""


def _js(value: str) -> str:
    """A JavaScript string literal that is safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")


def page_html() -> str:
    """The GraphiQL page (built once per app: it depends on nothing in the request)."""
    return PAGE.format(token_key=_js(TOKEN_KEY), default_query=_js(DEFAULT_QUERY))


def page_response(html: str) -> Response:
    """The page, with a policy that lets the browser load nothing from another host."""
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP
    return response


def wants_page(request: Request) -> bool:
    """Whether a browser is navigating here: it prefers HTML to JSON (curl's ``*/*`` or
    no ``Accept`` at all, as from a GraphQL client, does not)."""
    accept = request.accept_mimetypes
    return accept.quality("text/html") > accept.quality("application/json")


def register(app: Flask) -> None:
    """``GET /graphql/assets/<name>``: the vendored files, and nothing else."""

    @app.get("/graphql/assets/<name>", endpoint="buffer_graphiql_asset")
    def asset(name: str) -> Response:
        mimetype = ASSETS.get(name)
        if mimetype is None:
            raise ApiError(
                ErrorKind.NOT_FOUND,
                f"No GraphiQL asset named {name!r}; the assets are {', '.join(ASSETS)}.",
            )
        return send_from_directory(ASSET_DIR, name, mimetype=mimetype, max_age=ASSET_MAX_AGE_S)
