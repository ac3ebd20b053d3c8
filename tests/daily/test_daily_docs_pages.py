"""Swagger UI pages for the OpenAPI specs, served from a PyPI package (no CDN)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_server.docs_pages import ASSETS


def script_and_style_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_the_docs_page_offers_both_openapi_specs(client: FlaskClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '"url": "/openapi/layers.yaml"' in html
    assert '"url": "/openapi/later.yaml"' in html


def test_the_docs_page_loads_nothing_from_another_host(client: FlaskClient) -> None:
    html = client.get("/docs").get_data(as_text=True)
    urls = script_and_style_urls(html)
    assert urls and all(url.startswith("/") for url in urls)
    assert '"validatorUrl": null' in html


def test_the_docs_page_links_graphiql_and_the_catalog(client: FlaskClient) -> None:
    html = client.get("/docs").get_data(as_text=True)
    assert 'href="/graphql"' in html
    assert 'href="/_mock/catalog"' in html


@pytest.mark.parametrize(("vendor", "other"), [("layers", "later"), ("later", "layers")])
def test_each_vendor_has_a_page_of_its_own(client: FlaskClient, vendor: str, other: str) -> None:
    html = client.get(f"/docs/{vendor}").get_data(as_text=True)
    assert f'"url": "/openapi/{vendor}.yaml"' in html
    assert f'"url": "/openapi/{other}.yaml"' not in html


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_every_asset_the_page_names_is_served(client: FlaskClient, name: str) -> None:
    response = client.get(f"/docs/static/{name}")
    assert response.status_code == 200
    assert len(response.get_data()) > 100
    response.close()


def test_the_swagger_ui_bundle_is_version_5_which_renders_openapi_3_1(
    client: FlaskClient,
) -> None:
    response = client.get("/docs/static/swagger-ui-bundle.js")
    assert re.search(rb'"5\.\d+\.\d+"', response.get_data())
    response.close()


@pytest.mark.parametrize("path", ["/docs/static/index.html", "/docs/static/..%2Fcore.py"])
def test_only_the_listed_assets_are_served(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_docs_list_only_the_mounted_vendors(make_app: Callable[..., Flask]) -> None:
    client = make_app(vendors=("later",)).test_client()
    html = client.get("/docs").get_data(as_text=True)
    assert "/openapi/later.yaml" in html
    assert "/openapi/layers.yaml" not in html
    assert 'href="/graphql"' not in html
    assert client.get("/docs/layers").status_code == 404
