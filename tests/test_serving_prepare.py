"""serve() builds Later's per-world tables before granian forks (serving.prepare), so the
workers share them instead of each building them on its first posts requests."""

from __future__ import annotations

from typing import Any

import granian
import pytest
import yaml

from mock_server import serving
from mock_server.config import Config
from mock_server.specs import OPENAPI_SPECS
from mock_server.vendors.later.contract import LaterContract
from mock_server.world import build_world


class _FakeGranian:
    def __init__(self, target: str, **options: Any) -> None:
        pass

    def serve(self) -> None:
        return None


def test_serve_builds_every_sort_order_the_link_table_and_post_rows_before_forking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[tuple[str, Any]] = []
    monkeypatch.setattr(granian, "Granian", _FakeGranian)
    monkeypatch.setenv(serving.ENV_KEY, "")  # serve() sets it; restored after the test
    monkeypatch.setattr(serving, "_INHERITED", {})
    monkeypatch.setattr(serving, "client_orders", lambda index, prop: built.append((prop, index)))
    monkeypatch.setattr(serving, "link_table", lambda *args: built.append(("links", args)))
    monkeypatch.setattr(serving, "post_rows", lambda renderer: built.append(("rows", renderer)))
    config = Config(seed=7, scale="tiny", vendors=("later",))
    world = build_world(config)
    assert world.later is not None
    serving.serve(config, "127.0.0.1", 0, workers=2, world=world)
    spec = yaml.safe_load(OPENAPI_SPECS["later"].read_text(encoding="utf-8"))
    props = LaterContract.from_spec(spec).sort_properties
    assert [name for name, _ in built] == [*props, "links", "rows"]
    assert all(arg is world.later.index for _, arg in built[:-2])
    seed, post_ids = built[-2][1]
    assert seed == config.seed and post_ids is world.later.index.posts.post_id
    renderer = built[-1][1]
    assert renderer.world is world.later and renderer.seed == config.seed


def test_serve_without_a_world_or_later_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(granian, "Granian", _FakeGranian)
    monkeypatch.setenv(serving.ENV_KEY, "")
    monkeypatch.setattr(serving, "_INHERITED", {})
    monkeypatch.setattr(serving, "client_orders", pytest.fail)
    monkeypatch.setattr(serving, "link_table", pytest.fail)
    monkeypatch.setattr(serving, "post_rows", pytest.fail)
    serving.serve(Config(scale="tiny"), "127.0.0.1", 0, workers=2)
    config = Config(scale="tiny", vendors=("layers",))
    serving.serve(config, "127.0.0.1", 0, workers=2, world=build_world(config))


def test_a_large_world_says_what_serve_prepares(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seconds pass between the banner and granian's start on a large world: serve says why."""
    for name in ("client_orders", "link_table", "post_rows"):
        monkeypatch.setattr(serving, name, lambda *args: None)
    config = Config(seed=7, scale="tiny", vendors=("later",))
    world = build_world(config)
    assert world.later is not None
    serving.prepare(world, config)  # 2,000 posts: quietly
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(serving, "ANNOUNCED_POSTS", len(world.later.index.posts))
    serving.prepare(world, config)
    assert f"writing {len(world.later.index.posts):,} Later posts'" in capsys.readouterr().err
