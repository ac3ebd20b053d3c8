"""Bad ``buffer:`` fixture entries raise FixtureError naming the file, the entry and the
problem, before any request is served."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from mock_server import Config
from mock_server.world import build_world
from mock_server.world.fixtures import FixtureError
from tests.buffer.conftest import SMALL_FIXTURE

ORG = "fb0000000000000000000001"
CHANNEL = "fb00000000000000000000c1"
GOOD_POST = {
    "id": "fb0000000000000000000b01",
    "channelId": CHANNEL,
    "status": "sent",
    "createdAt": "2026-03-01T10:00:00Z",
    "sentAt": "2026-03-02T09:00:00Z",
    "metrics": {"reactions": 3},
}


def document(**post_changes: object) -> dict[str, object]:
    post = {**GOOD_POST, **post_changes}
    post = {k: v for k, v in post.items() if v is not None}
    return {
        "buffer": {
            "organizations": [
                {
                    "id": ORG,
                    "token": "pk_test",
                    "token_without_insights": "oauth_test",
                    "tags": [{"id": "fb00000000000000000000a1", "name": "T", "color": "#00ff00"}],
                    "channels": [{"id": CHANNEL, "service": "mastodon", "name": "m"}],
                    "posts": [post],
                }
            ]
        }
    }


def build(tmp_path: Path, content: dict[str, object]) -> None:
    path = tmp_path / "buffer.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    build_world(Config(seed=1, now=now, scale="tiny", fixtures=(path,), vendors=("buffer",)))


def test_a_good_post_loads(tmp_path: Path) -> None:
    build(tmp_path, document())


POST_ENTRY = "buffer.organizations[0].posts[0]"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": "ABC"}, "24 lowercase hexadecimal"),
        ({"channelId": "fb00000000000000000000c9"}, "not a channel of this organization"),
        ({"status": "published"}, "not a PostStatus"),
        ({"sentAt": None}, "'sentAt' is required when status is sent"),
        ({"status": "draft", "metrics": None}, "'sentAt' is required when status is sent"),
        ({"createdAt": "2026-03-05T10:00:00"}, "with Z or an offset"),
        ({"createdAt": "yesterday"}, "not an ISO 8601"),
        ({"metrics": {"impressions": 10}}, "mastodon does not report 'impressions'"),
        ({"metrics": {"favorites": 10}}, "deprecated and never emitted; use reactions"),
        ({"metrics": {"engagementRate": 1.5}}, "computed by the mock"),
        ({"metrics": {"reactions": -1}}, "a number >= 0"),
        ({"metrics": {"reactions": 1.5}}, "a whole number"),
        ({"tags": ["fb00000000000000000000a9"]}, "not a tag of this organization"),
        ({"colour": "red"}, "unknown field(s) ['colour']"),
    ],
)
def test_a_bad_post_entry_is_named_with_its_problem(
    tmp_path: Path, changes: dict[str, object], problem: str
) -> None:
    with pytest.raises(FixtureError) as caught:
        build(tmp_path, document(**changes))
    assert caught.value.source.endswith("buffer.yaml")
    assert caught.value.entry == POST_ENTRY
    assert problem in caught.value.problem


def test_metrics_on_a_post_that_is_not_sent_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="only sent posts have metrics"):
        build(tmp_path, document(status="scheduled", sentAt=None, dueAt="2026-12-01T00:00:00Z"))


def test_an_unknown_service_names_the_channel_entry(tmp_path: Path) -> None:
    content = document()
    org = content["buffer"]["organizations"][0]  # type: ignore[index]
    org["channels"][0]["service"] = "myspace"
    with pytest.raises(FixtureError) as caught:
        build(tmp_path, content)
    assert caught.value.entry == "buffer.organizations[0].channels[0]"
    assert "not a Buffer Service" in caught.value.problem


def test_an_id_already_used_by_another_file_is_refused(tmp_path: Path) -> None:
    content = document()
    content["buffer"]["organizations"][0]["id"] = "fa0000000000000000000001"  # type: ignore[index]
    path = tmp_path / "clash.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    config = Config(now=now, scale="tiny", fixtures=(SMALL_FIXTURE, path), vendors=("buffer",))
    with pytest.raises(FixtureError, match="already used"):
        build_world(config)


def test_a_replace_fixture_leaves_only_its_own_organization(tmp_path: Path) -> None:
    content = {"mode": "replace", **document()}
    path = tmp_path / "only.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    world = build_world(Config(now=now, fixtures=(path,), vendors=("buffer",))).buffer
    assert world is not None
    assert [o.id for o in world.organizations] == [ORG] and len(world.posts) == 1
