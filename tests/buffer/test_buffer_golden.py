"""Golden responses for seed 42, scale tiny, clock 2026-11-01T00:00:00Z, and determinism.

A change in output shows up as a diff of tests/buffer/golden/*.json; regenerate on purpose
with ``UPDATE_GOLDEN=1`` (``make golden-update``) and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mock_server import Config, create_app
from tests.buffer.conftest import Gql
from tests.conftest import FROZEN_NOW

GOLDEN = Path(__file__).resolve().parent / "golden"
POST = """query Post($id: PostId!) { post(input: {id: $id}) { id status text createdAt updatedAt
  dueAt sentAt externalLink channelId channelService channel { id name displayName service avatar
  organizationId isLocked timezone } tags { id name color }
  metrics { type name description value unit } metricsUpdatedAt } }"""
POSTS = """query Posts($o: OrganizationId!) { posts(input: {organizationId: $o,
  filter: {status: [sent, scheduled], tags: {in: [], isEmpty: true}},
  sort: [{field: dueAt, direction: asc}]}, first: 5) {
  edges { cursor node { id status dueAt channelService metrics { type value } } }
  pageInfo { startCursor endCursor hasPreviousPage hasNextPage } } }"""
AGGREGATE = """query Aggregate($o: OrganizationId!, $c: [ChannelId!]) {
  aggregatedPostMetrics(input: {organizationId: $o, startDateTime: "2026-01-01T00:00:00Z",
  endDateTime: "2026-03-31T23:59:59Z", channelIds: $c}) {
  metrics { type name value unit } metricsUpdatedAt } }"""
CHANNELS = """query Channels($o: OrganizationId!) { channels(input: {organizationId: $o}) {
  id name displayName service avatar organizationId isLocked timezone } }"""


def cases(org: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    linkedin = [c["id"] for c in org["channels"] if c["service"] == "linkedin"]
    return {
        "post": (POST, {"id": org["posts"][0]}),
        "posts": (POSTS, {"o": org["id"]}),
        "aggregate_all": (AGGREGATE, {"o": org["id"], "c": None}),
        "aggregate_linkedin": (AGGREGATE, {"o": org["id"], "c": linkedin}),
        "channels": (CHANNELS, {"o": org["id"]}),
    }


NAMES = ["post", "posts", "aggregate_all", "aggregate_linkedin", "channels"]


@pytest.mark.parametrize("name", NAMES)
def test_golden_response(gql: Gql, org: dict[str, Any], name: str) -> None:
    query, variables = cases(org)[name]
    result = gql(query, variables, token=org["token"])
    assert not result.errors
    text = json.dumps(result.body, indent=2, ensure_ascii=False) + "\n"
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def ask(app: Flask, token: str, query: str, variables: dict[str, Any]) -> bytes:
    headers = {"Authorization": f"Bearer {token}"}
    response = app.test_client().post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    return response.get_data()


def test_two_separately_built_apps_answer_byte_identical_bodies(org: dict[str, Any]) -> None:
    config = Config(seed=42, now=FROZEN_NOW, scale="tiny", vendors=("buffer",))
    first, second = create_app(config), create_app(config)
    for query, variables in cases(org).values():
        assert ask(first, org["token"], query, variables) == ask(
            second, org["token"], query, variables
        )


def test_another_seed_builds_another_world(org: dict[str, Any]) -> None:
    other = create_app(Config(seed=43, now=FROZEN_NOW, scale="tiny", vendors=("buffer",)))
    catalog = other.test_client().get("/_mock/catalog").get_json()["buffer"]
    assert catalog["organizations"][0]["id"] != org["id"]
