"""Worlds the equivalence tests compare on: generated (tiny scale) and the hand-checkable
fixture, each built once per module through the session's app cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from mock_server.world.later import LaterWorld

LATER_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "later_small.yaml"


@pytest.fixture(scope="module", params=["generated", "fixture"])
def later_world(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> LaterWorld:
    fixtures = (LATER_FIXTURE,) if request.param == "fixture" else ()
    app = make_app(vendors=("later",), fixtures=fixtures)
    later: LaterWorld = app.extensions["metrics_mock"].world.later
    return later
