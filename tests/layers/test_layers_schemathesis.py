"""Schemathesis over specs/openapi/layers.yaml, in process, positive and negative modes.

The schema is loaded from the app (``from_wsgi``); projectId and id are narrowed to ids
from the catalog (an enum patched into the loaded copy, never into specs/), so positive
cases reach real entities instead of always being 404. Business-rule 422s that the spec
documents for schema-valid input (unknown metric name, id of another kind, since >= until,
week for a post, an over-long series) are accepted answers for positive data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from mock_server import Config, create_app

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261101,
        "generation": {"mode": "all", "max-examples": 100},
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "422"]},
        },
    }
)


def catalog_ids(catalog: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Project ids (two of the caller's, one foreign) and entity ids of every kind."""
    mine, theirs = catalog["layers"]["organizations"][:2]
    project = mine["projects"][0]
    projects = [project["id"], mine["projects"][1]["id"], theirs["projects"][0]["id"]]
    entities = [
        project["id"],
        project["layers"][0],
        project["social_accounts"][0],
        *project["reconnected_social_accounts"][0],
        *project["platform_posts"][:2],
        mine["id"],
        theirs["id"],
        theirs["projects"][0]["layers"][0],
    ]
    return projects, entities


def load_schema() -> Any:
    """The spec as the app serves it, with catalog ids patched in (``from_fixture`` cannot be
    used: Schemathesis 4.32's lazy loader reads ``request.node._nodeid``, gone in pytest 9)."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    app = create_app(Config(seed=42, now=now, scale="tiny", vendors=("layers",)))
    catalog = app.test_client().get("/_mock/catalog").get_json()
    loaded = schemathesis.openapi.from_wsgi("/openapi/layers.yaml", app, config=CONFIG)
    projects, entities = catalog_ids(catalog)
    parameters = loaded.raw_schema["components"]["parameters"]
    parameters["ProjectId"]["schema"]["enum"] = projects
    parameters["EntityId"]["schema"]["enum"] = entities
    return loaded, catalog["layers"]["organizations"][0]["token"]


schema, TOKEN = load_schema()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_layers_api_conforms_to_its_spec(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
