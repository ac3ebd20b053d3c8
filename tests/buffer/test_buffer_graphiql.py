"""GraphiQL at GET /graphql: a page that loads only the mock's own files, and those files,
served under /graphql/assets/ with their content types (nothing else is served there)."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask

from tests.buffer.conftest import check_shape

ASSET_DIR = Path(__file__).resolve().parents[2] / "mock_server/vendors/buffer/graphiql_assets"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ASSETS = [
    ("react.production.min.js", "text/javascript"),
    ("react-dom.production.min.js", "text/javascript"),
    ("graphiql.min.js", "text/javascript"),
    ("graphiql.min.css", "text/css"),
]


class Links(HTMLParser):
    """Every src and href attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value or "" for name, value in attrs if name in ("src", "href")]


def page_links(app: Flask) -> list[str]:
    parser = Links()
    parser.feed(app.test_client().get("/graphql", headers={"Accept": BROWSER_ACCEPT}).text)
    return parser.urls


def test_the_page_loads_react_react_dom_graphiql_and_its_css_from_the_mock(app: Flask) -> None:
    loaded = [urljoin("/graphql", url) for url in page_links(app) if "/assets/" in url]
    assert sorted(loaded) == sorted(f"/graphql/assets/{name}" for name, _ in ASSETS)


def test_every_url_on_the_page_is_relative_to_the_mock(app: Flask) -> None:
    urls = page_links(app)
    assert len(urls) == 7  # the 4 assets, an empty data: favicon, the catalog and the SDL
    for url in urls:
        assert not url.startswith(("http:", "https:", "//")), url
        assert not urlsplit(url).netloc, url


def test_the_page_forbids_the_browser_to_load_anything_from_another_host(app: Flask) -> None:
    policy = app.test_client().get("/graphql").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert "http" not in policy


def test_the_page_asks_for_a_bearer_token_and_starts_with_none(app: Flask) -> None:
    html = app.test_client().get("/graphql").text
    assert '<input id="token"' in html and "value=" not in html.split('<input id="token"')[1][:200]
    assert '"Bearer " + token' in html and "localStorage" in html


@pytest.mark.parametrize(("name", "content_type"), ASSETS)
def test_each_asset_is_served_whole_with_its_content_type(
    app: Flask, name: str, content_type: str
) -> None:
    with app.test_client().get(f"/graphql/assets/{name}") as response:
        assert response.status_code == 200
        assert response.mimetype == content_type and response.mimetype_params == {
            "charset": "utf-8"
        }
        assert response.data == (ASSET_DIR / name).read_bytes()
        assert response.headers["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize(
    "name",
    [
        "nothing.js",
        "LICENSE.react",  # shipped with the assets, but not one the page loads
        "README.md",
        "graphiql.min.js.map",
        "..%2f__init__.py",
    ],
)
def test_any_other_asset_name_is_a_404_in_buffers_error_shape(app: Flask, name: str) -> None:
    response = app.test_client().get(f"/graphql/assets/{name}")
    check_shape(response.status_code, response.get_json())
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_path_below_the_assets_is_a_404_too(app: Flask) -> None:
    response = app.test_client().get("/graphql/assets/umd/react.production.min.js")
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_browser_opening_a_shared_query_link_gets_the_page(app: Flask) -> None:
    response = app.test_client().get(
        "/graphql?query=%7B__typename%7D", headers={"Accept": BROWSER_ACCEPT}
    )
    assert response.status_code == 200 and response.mimetype == "text/html"


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_a_client_sending_a_query_with_get_is_still_refused(app: Flask, accept: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = app.test_client().get("/graphql?query=%7B__typename%7D", headers=headers)
    check_shape(response.status_code, response.get_json())
    assert response.status_code == 400


def test_asset_requests_carry_cors_headers_and_are_never_rate_counted(
    make_app: Callable[..., Flask], org: dict[str, Any]
) -> None:
    client = make_app(rate_limits=True).test_client()
    headers = {"Origin": "http://localhost:5173", "Authorization": f"Bearer {org['token']}"}
    for _ in range(3):
        with client.get("/graphql/assets/react.production.min.js", headers=headers) as response:
            assert response.status_code == 200
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert "RateLimit-Remaining" not in response.headers  # a POST carries it
