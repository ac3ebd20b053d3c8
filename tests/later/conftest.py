"""Shared Later test helpers: GET a path as a client, check it against the spec, expect 200."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

SpecCheck = Callable[[str, str, Any], None]


def getter(client: FlaskClient, token: str, spec_check: SpecCheck) -> Callable[[str], Any]:
    """``get(path)``: the JSON body of a 200 that validates against later.yaml."""

    def get(path: str) -> Any:
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        spec_check("later", path, response)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return get


@pytest.fixture
def later_get(
    client: FlaskClient, catalog: dict[str, Any], spec_check: SpecCheck
) -> Callable[[str], Any]:
    """:func:`getter` for the generated world's first client."""
    return getter(client, catalog["later"]["clients"][0]["token"], spec_check)
