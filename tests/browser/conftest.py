"""A real headless chromium against the mock served on a free port.

Skipped cleanly when Debian's chromium or the Playwright package is absent (``make
test-browser`` installs both). Playwright's own browser download is never used: it drives
``/usr/bin/chromium`` (or whatever ``chromium`` is on PATH).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--no-first-run",
]


def serve_in_thread(app: Callable[..., Any]) -> tuple[str, Callable[[], None]]:
    """Serve a WSGI app on 127.0.0.1 and a free port; returns (base URL, stop)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join()

    return f"http://127.0.0.1:{server.server_port}", stop


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (make test-browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def serve_wsgi() -> Iterator[Callable[[Callable[..., Any]], str]]:
    """``serve_wsgi(app) -> base URL``, stopped when the test ends."""
    stops: list[Callable[[], None]] = []

    def serve(app: Callable[..., Any]) -> str:
        base, stop = serve_in_thread(app)
        stops.append(stop)
        return base

    yield serve
    for stop in stops:
        stop()


@pytest.fixture(scope="session")
def mock_url(app: Flask) -> Iterator[str]:
    """The session's tiny-world mock, served over real HTTP."""
    base, stop = serve_in_thread(app)
    yield base
    stop()
