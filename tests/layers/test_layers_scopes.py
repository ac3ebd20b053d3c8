"""Scopes and ids: the id must be of the scope's kind (422), must exist inside the path's
project and the caller's organization (404), and another tenant's data is never served.
Spec EntityId (x-id-prefixes, x-mock-choice)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.layers.conftest import Get, assert_error, metrics_url

PREFIXES = {
    "platform_post": "pp_",
    "social_account": "sa_",
    "project": "prj_",
    "project_layer": "lay_",
    "organization": "org_",
}


def ids_of(org: dict[str, Any], project: dict[str, Any]) -> dict[str, str]:
    """One id of each kind, all valid for ``project``."""
    return {
        "platform_post": project["platform_posts"][0],
        "social_account": project["social_accounts"][0],
        "project": project["id"],
        "project_layer": project["layers"][0],
        "organization": org["id"],
    }


@pytest.mark.parametrize("scope", sorted(PREFIXES))
def test_each_scope_answers_its_own_kind_of_id(
    app: Flask, get: Get, org0: dict[str, Any], scope: str
) -> None:
    project = org0["projects"][0]
    entity = ids_of(org0, project)[scope]
    body = get(app, metrics_url(project["id"], scope, entity), org0["token"]).get_json()
    assert (body["scope"], body["id"]) == (scope, entity)


@pytest.mark.parametrize("scope", sorted(PREFIXES))
def test_an_id_of_another_kind_is_422_naming_the_expected_prefix(
    app: Flask, get: Get, org0: dict[str, Any], scope: str
) -> None:
    project = org0["projects"][0]
    ids = ids_of(org0, project)
    for other, entity in ids.items():
        if other == scope:
            continue
        response = get(app, metrics_url(project["id"], scope, entity), org0["token"])
        assert PREFIXES[scope] in assert_error(response, 422, "VALIDATION")["message"]


def test_scope_project_with_another_project_id_is_422(
    app: Flask, get: Get, org0: dict[str, Any]
) -> None:
    first, second = org0["projects"][0]["id"], org0["projects"][1]["id"]
    response = get(app, metrics_url(first, "project", second), org0["token"])
    assert first in assert_error(response, 422, "VALIDATION")["message"]


def test_another_organizations_project_is_404(
    app: Flask, get: Get, org0: dict[str, Any], org1: dict[str, Any]
) -> None:
    theirs = org1["projects"][0]["id"]
    response = get(app, metrics_url(theirs, "project", theirs), org0["token"])
    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("scope", ["platform_post", "social_account", "project_layer"])
def test_another_organizations_entity_in_my_project_path_is_404(
    app: Flask, get: Get, org0: dict[str, Any], org1: dict[str, Any], scope: str
) -> None:
    mine = org0["projects"][0]["id"]
    theirs = ids_of(org1, org1["projects"][0])[scope]
    response = get(app, metrics_url(mine, scope, theirs), org0["token"])
    error = assert_error(response, 404, "NOT_FOUND")
    assert theirs in error["message"]


@pytest.mark.parametrize("scope", ["platform_post", "social_account", "project_layer"])
def test_an_entity_of_my_other_project_is_404_in_this_project_path(
    app: Flask, get: Get, org0: dict[str, Any], scope: str
) -> None:
    here, there = org0["projects"][0], org0["projects"][1]
    response = get(app, metrics_url(here["id"], scope, ids_of(org0, there)[scope]), org0["token"])
    assert_error(response, 404, "NOT_FOUND")


def test_scope_organization_with_another_organizations_id_is_404(
    app: Flask, get: Get, org0: dict[str, Any], org1: dict[str, Any]
) -> None:
    mine = org0["projects"][0]["id"]
    response = get(app, metrics_url(mine, "organization", org1["id"]), org0["token"])
    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("scope", "entity"),
    [
        ("platform_post", "pp_0000000000000000"),
        ("platform_post", "pp_ffffffffffffffff"),
        ("platform_post", "pp_not-hex"),
        ("social_account", "sa_missing"),
        ("project_layer", "lay_missing"),
        ("organization", "org_missing"),
    ],
)
def test_ids_that_do_not_exist_are_404(
    app: Flask, get: Get, org0: dict[str, Any], scope: str, entity: str
) -> None:
    project = org0["projects"][0]["id"]
    assert_error(get(app, metrics_url(project, scope, entity), org0["token"]), 404, "NOT_FOUND")


def test_an_unknown_project_is_404(app: Flask, get: Get, org0: dict[str, Any]) -> None:
    response = get(app, metrics_url("prj_missing", "project", "prj_missing"), org0["token"])
    assert "prj_missing" in assert_error(response, 404, "NOT_FOUND")["message"]
