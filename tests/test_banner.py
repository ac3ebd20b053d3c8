"""The start banner gives a working token and call per vendor, and survives empty vendors."""

from __future__ import annotations

import shlex
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from mock_server.banner import banner
from mock_server.config import Config
from mock_server.world import build_world

FROZEN_NOW = datetime(2026, 11, 1, tzinfo=UTC)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_each_vendors_banner_call_answers_200_on_the_same_world(app: Flask) -> None:
    text = banner(build_world(Config(seed=42, now=FROZEN_NOW, scale="tiny")), "127.0.0.1", 8080)
    calls = [line.strip() for line in text.splitlines() if line.strip().startswith("curl -H")]
    assert len(calls) == 3
    client = app.test_client()
    for call in calls:
        words = shlex.split(call)
        headers = dict(words[i + 1].split(": ", 1) for i, w in enumerate(words) if w == "-H")
        url = words[-1].removeprefix("http://127.0.0.1:8080")
        if "-d" in words:
            response = client.post(url, data=words[words.index("-d") + 1], headers=headers)
            assert "errors" not in response.get_json()
        else:
            response = client.get(url, headers=headers)
        assert response.status_code == 200, (call, response.get_data(as_text=True)[:300])


def test_a_vendor_left_without_tenants_by_a_replacing_fixture_is_named_not_fatal() -> None:
    config = Config(
        seed=42, now=FROZEN_NOW, scale="tiny", fixtures=(FIXTURES / "later_small.yaml",)
    )
    text = banner(build_world(config), "127.0.0.1", 8080)
    assert "Later   (specs: /openapi/later.yaml)" in text
    assert "no tenants in this world" in text
