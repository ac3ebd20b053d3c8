"""Bad ``layers:`` fixture entries: a FixtureError naming the file, the entry and the problem."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from mock_server.world.base import SCALE_SPECS, GenContext
from mock_server.world.fixtures import FixtureError, load_fixtures
from mock_server.world.layers import generate
from tests.layers.conftest import SMALL_FIXTURE

NOW = datetime(2026, 11, 1, tzinfo=UTC)
Edit = Callable[[dict[str, Any]], None]


def small() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SMALL_FIXTURE.read_text(encoding="utf-8"))
    document["mode"] = "replace"
    return document


def build(tmp_path: Path, document: dict[str, Any]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    generate(GenContext(42, NOW, SCALE_SPECS["tiny"], load_fixtures([path])))


def setter(table: str, index: int, key: str, value: Any) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document["layers"][table][index][key] = value

    return edit


def dropper(table: str, index: int, key: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        del document["layers"][table][index][key]

    return edit


def duplicate(table: str, index: int) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        rows = document["layers"][table]
        rows.append(copy.deepcopy(rows[index]))

    return edit


def second_org_reusing_the_token(document: dict[str, Any]) -> None:
    org = copy.deepcopy(document["layers"]["organizations"][0])
    org["id"] = "org_other"
    org["token_without_metrics_scope"] = "lp_other-limited"
    document["layers"]["organizations"].append(org)


def other_project_layer(document: dict[str, Any]) -> None:
    document["layers"]["projects"].append(
        {"id": "prj_other", "organization_id": "org_fixture-small"}
    )
    document["layers"]["layers"].append(
        {"id": "lay_other", "project_id": "prj_other", "name": "Other"}
    )
    document["layers"]["platform_posts"][0]["layer_id"] = "lay_other"


def unknown_table(document: dict[str, Any]) -> None:
    document["layers"]["posts"] = []


def table_not_a_list(document: dict[str, Any]) -> None:
    document["layers"]["projects"] = {"id": "prj_x"}


CASES: list[tuple[str, Edit, str, str]] = [
    # --- the section's shape
    ("unknown table", unknown_table, "layers.posts", "unknown table"),
    ("table not a list", table_not_a_list, "layers.projects", "must be a list"),
    (
        "unknown field",
        setter("projects", 0, "colour", "red"),
        "layers.projects[0]",
        "unknown field(s) colour",
    ),
    # --- single fields
    ("missing token", dropper("organizations", 0, "token"), "layers.organizations[0]", "'token'"),
    (
        "bad tier",
        setter("organizations", 0, "rate_limit_tier", "gold"),
        "layers.organizations[0]",
        "rate_limit_tier",
    ),
    ("id without prefix", setter("projects", 0, "id", "project-1"), "layers.projects[0]", "'prj_'"),
    (
        "underscore after prefix",
        setter("projects", 0, "id", "prj_a_b"),
        "layers.projects[0]",
        "'prj_'",
    ),
    (
        "unknown platform",
        setter("social_accounts", 0, "platform", "myspace"),
        "layers.social_accounts[0]",
        "platform",
    ),
    (
        "offset timestamp",
        setter("platform_posts", 0, "published_at", "2026-10-05T09:00:00+02:00"),
        "layers.platform_posts[0]",
        "published_at",
    ),
    (
        "negative count",
        setter("platform_posts", 0, "views", -1),
        "layers.platform_posts[0]",
        "'views'",
    ),
    (
        "reach above impressions",
        setter("platform_posts", 0, "reach", 5000),
        "layers.platform_posts[0]",
        "reach",
    ),
    (
        "bad date",
        setter("follower_series", 0, "date", "10/09/2026"),
        "layers.follower_series[0]",
        "YYYY-MM-DD",
    ),
    # --- references and cross-row rules
    (
        "dangling organization",
        setter("projects", 0, "organization_id", "org_missing"),
        "layers.projects[0]",
        "org_missing does not exist",
    ),
    (
        "dangling project",
        setter("layers", 0, "project_id", "prj_missing"),
        "layers.layers[0]",
        "prj_missing does not exist",
    ),
    (
        "dangling account",
        setter("platform_posts", 0, "social_account_id", "sa_missing"),
        "layers.platform_posts[0]",
        "sa_missing does not exist",
    ),
    (
        "layer of another project",
        other_project_layer,
        "layers.platform_posts[0]",
        "different projects",
    ),
    (
        "post after the clock",
        setter("platform_posts", 0, "published_at", "2027-01-01T00:00:00Z"),
        "layers.platform_posts[0]",
        "before the clock",
    ),
    (
        "post while its row was not live",
        setter("platform_posts", 0, "social_account_id", "sa_fixture-ig-new"),
        "layers.platform_posts[0]",
        "live interval",
    ),
    (
        "format the platform lacks",
        setter("platform_posts", 3, "format", "reel"),
        "layers.platform_posts[3]",
        "does not exist on tiktok",
    ),
    (
        "watch time on a static post",
        setter("platform_posts", 1, "watch_time_ms", 5),
        "layers.platform_posts[1]",
        "watch_time_ms",
    ),
    (
        "duplicate post id",
        duplicate("platform_posts", 0),
        "layers.platform_posts[5]",
        "defined twice",
    ),
    ("duplicate project id", duplicate("projects", 0), "layers.projects[1]", "defined twice"),
    ("reused token", second_org_reusing_the_token, "layers.organizations[1]", "already used"),
    (
        "level given twice for one account",
        setter("follower_series", 1, "date", "2026-10-09"),
        "layers.follower_series[1]",
        "already given",
    ),
    (
        "level on the clock's day",
        setter("follower_series", 0, "date", "2026-11-01"),
        "layers.follower_series[0]",
        "before the clock",
    ),
]


@pytest.mark.parametrize(
    ("edit", "entry", "problem"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_bad_entry_is_a_fixture_error_naming_file_entry_and_problem(
    tmp_path: Path, edit: Edit, entry: str, problem: str
) -> None:
    document = small()
    edit(document)
    with pytest.raises(FixtureError) as caught:
        build(tmp_path, document)
    assert caught.value.source == str(tmp_path / "bad.yaml")
    assert caught.value.entry == entry
    assert problem in caught.value.problem


def test_the_unchanged_fixture_builds(tmp_path: Path) -> None:
    build(tmp_path, small())
