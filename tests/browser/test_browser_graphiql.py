"""GraphiQL at /graphql in a real headless browser: it renders from the mock's own files
(every request the page makes goes to the mock) and runs a query with a pasted token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
SET_QUERY = (
    "(q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(q)"
)
CHANNELS = '{ channels(input: {organizationId: "%s"}) { id service } }'


@pytest.fixture
def graphiql(page: Any, mock_url: str) -> Iterator[tuple[Any, list[str]]]:
    """The GraphiQL page, loaded and rendered, with every URL it has requested so far."""
    requested: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda m: blocked.append(m.text) if "Security Policy" in m.text else None)
    page.goto(f"{mock_url}/graphql")
    page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=TIMEOUT_MS)
    yield page, requested
    assert blocked == []  # the page's own Content-Security-Policy never had to refuse a thing


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def run(page: Any, query: str, expected: str) -> tuple[int, str]:
    """Replace the editor's text with ``query``, run it, wait for its answer and for
    ``expected`` in the result pane; returns the answer's HTTP status and the pane's text."""
    page.evaluate(SET_QUERY, query)
    with page.expect_response(
        lambda r: r.request.method == "POST" and "channels" in (r.request.post_data or ""),
        timeout=TIMEOUT_MS,
    ) as answer:
        page.click("button.graphiql-execute-button")
    pane = page.locator(".graphiql-response")
    pane.filter(has_text=expected).wait_for(timeout=TIMEOUT_MS)
    return int(answer.value.status), str(pane.inner_text())


def test_graphiql_renders_from_the_mock_alone(
    graphiql: tuple[Any, list[str]], mock_url: str
) -> None:
    page, requested = graphiql
    page.wait_for_load_state("networkidle")
    assert {origin(url) for url in requested} == {mock_url}  # no CDN at all
    assets = sorted(urlsplit(url).path for url in requested if "/assets/" in url)
    assert assets == [
        "/graphql/assets/graphiql.min.css",
        "/graphql/assets/graphiql.min.js",
        "/graphql/assets/react-dom.production.min.js",
        "/graphql/assets/react.production.min.js",
    ]
    assert page.locator("button.graphiql-execute-button").count() == 1
    assert page.input_value("#token") == ""  # nothing prefilled


def test_a_pasted_token_runs_a_query_and_shows_the_channels(
    graphiql: tuple[Any, list[str]], mock_url: str, catalog: dict[str, Any]
) -> None:
    page, requested = graphiql
    organization = catalog["buffer"]["organizations"][0]
    page.fill("#token", organization["token"])
    page.press("#token", "Enter")
    channel = organization["channels"][0]
    status, text = run(page, CHANNELS % organization["id"], channel["id"])
    assert status == 200
    assert f'"service": "{channel["service"]}"' in text
    assert {origin(url) for url in requested} == {mock_url}
    assert (
        page.evaluate("() => localStorage.getItem('metrics-mock.buffer.token')")
        == (organization["token"])
    )


def test_without_a_token_the_result_pane_says_authentication_is_required(
    graphiql: tuple[Any, list[str]], catalog: dict[str, Any]
) -> None:
    page, _ = graphiql
    organization = catalog["buffer"]["organizations"][0]
    status, text = run(page, CHANNELS % organization["id"], "UNAUTHENTICATED")
    assert status == 401
    assert "Authorization header is missing" in text
    assert organization["channels"][0]["id"] not in text


def test_a_shared_link_with_a_query_opens_it_in_the_editor(page: Any, mock_url: str) -> None:
    page.goto(f"{mock_url}/graphql?query=%7B%20__typename%20%7D")
    editor = page.locator(".graphiql-query-editor .CodeMirror-code")
    editor.filter(has_text="__typename").wait_for(timeout=TIMEOUT_MS)
    assert editor.inner_text().strip().endswith("{ __typename }")
