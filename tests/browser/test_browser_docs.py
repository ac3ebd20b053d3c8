"""The docs pages and CORS in a real headless browser: what a person (or a web app) sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
APP_PAGE = b"<!DOCTYPE html><html><head><title>a web app</title></head><body>app</body></html>"


def layers_token(catalog: dict[str, Any]) -> str:
    return str(catalog["layers"]["organizations"][0]["token"])


def test_docs_page_loads_from_the_mock_alone_and_lists_the_layers_endpoints(
    page: Any, mock_url: str
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{mock_url}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=TIMEOUT_MS)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert paths == ["/v1/projects/{projectId}/metrics", "/v1/whoami"]
    assert hosts == {mock_url.split("/")[2]}  # no CDN, no validator badge


def test_docs_page_offers_both_specs_in_its_selector(page: Any, mock_url: str) -> None:
    page.goto(f"{mock_url}/docs")
    page.wait_for_selector("select#select", timeout=TIMEOUT_MS)
    options = page.locator("select#select option").all_inner_texts()
    assert options == ["Layers Partner API", "Later Reporting API v2"]


def test_later_docs_list_its_three_endpoints(page: Any, mock_url: str) -> None:
    page.goto(f"{mock_url}/docs/later")
    page.wait_for_selector(".opblock-summary-path", timeout=TIMEOUT_MS)
    paths = sorted(page.locator(".opblock-summary-path").all_inner_texts())
    assert paths == [
        "/v2/instances/performance",
        "/v2/instances/performance-over-time",
        "/v2/posts/performance",
    ]


def test_try_it_out_on_whoami_returns_the_callers_organization(
    page: Any, mock_url: str, catalog: dict[str, Any]
) -> None:
    organization = catalog["layers"]["organizations"][0]
    page.goto(f"{mock_url}/docs/layers")
    page.click("button.authorize", timeout=TIMEOUT_MS)
    page.fill(".modal-ux input[type=text]", organization["token"])
    page.click(".modal-ux button.authorize")
    page.click(".modal-ux button.btn-done")
    whoami = page.locator(".opblock", has_text="/v1/whoami")
    whoami.locator(".opblock-summary").click()
    whoami.locator("button.try-out__btn").click()
    whoami.locator("button.execute").click()
    body = whoami.locator(".live-responses-table .response-col_description pre").first
    body.wait_for(timeout=TIMEOUT_MS)
    assert organization["id"] in body.inner_text()
    status = whoami.locator(".live-responses-table .response .response-col_status").first
    assert status.inner_text().strip() == "200"


def web_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/html")])
    return [APP_PAGE]


@pytest.fixture
def app_origin(serve_wsgi: Callable[[Callable[..., Any]], str]) -> str:
    """A web app on another localhost port (another origin than the mock's)."""
    return serve_wsgi(web_app)


FETCH = """async ([url, headers]) => {
  const response = await fetch(url, {headers});
  return {status: response.status, body: await response.json(),
          retryAfter: response.headers.get("Retry-After"),
          requestId: response.headers.get("X-Request-Id")};
}"""


def test_a_web_app_on_another_port_reads_the_mock_with_a_bearer_token(
    page: Any, mock_url: str, app_origin: str, catalog: dict[str, Any]
) -> None:
    page.goto(app_origin)
    headers = {"Authorization": f"Bearer {layers_token(catalog)}"}
    result = page.evaluate(FETCH, [f"{mock_url}/v1/whoami", headers])
    assert result["status"] == 200
    assert result["body"]["organizationId"] == catalog["layers"]["organizations"][0]["id"]
    assert result["requestId"].startswith("req_")


def test_a_web_app_can_ask_for_a_429_and_read_its_retry_after(
    page: Any, mock_url: str, app_origin: str, catalog: dict[str, Any]
) -> None:
    page.goto(app_origin)
    headers = {"Authorization": f"Bearer {layers_token(catalog)}", "Prefer": "code=429"}
    result = page.evaluate(FETCH, [f"{mock_url}/v1/whoami", headers])
    assert result["status"] == 429
    assert result["body"]["error"]["code"] == "RATE_LIMITED"
    assert result["retryAfter"] == "1"
