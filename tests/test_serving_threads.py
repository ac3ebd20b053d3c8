"""serve() bounds granian's WSGI thread pool (memory stays flat under load; serving.py)."""

from __future__ import annotations

from typing import Any

import granian
import pytest

from mock_server import serving
from mock_server.config import Config


class _FakeGranian:
    created: dict[str, Any] = {}

    def __init__(self, target: str, **options: Any) -> None:
        _FakeGranian.created = {"target": target, **options}

    def serve(self) -> None:
        return None


def test_serve_asks_granian_for_a_small_fixed_thread_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(granian, "Granian", _FakeGranian)
    monkeypatch.setenv(serving.ENV_KEY, "")  # serve() sets it; restored after the test
    serving.serve(Config(), "127.0.0.1", 0, workers=2)
    options = _FakeGranian.created
    assert options["target"] == "mock_server.serving:app_from_env"
    assert options["blocking_threads"] == serving.BLOCKING_THREADS == 2
    # > 1: an answer delayed by Prefer: latency leaves a thread to answer the others


def test_with_every_answer_delayed_each_waits_in_a_thread_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(granian, "Granian", _FakeGranian)
    monkeypatch.setenv(serving.ENV_KEY, "")
    serving.serve(Config(latency_ms=250), "127.0.0.1", 0, workers=2)
    assert _FakeGranian.created["blocking_threads"] == serving.DELAYED_THREADS == 64
