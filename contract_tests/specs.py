"""Where the kit finds the specs it checks against: the same files the mock serves.

The location logic lives in :mod:`mock_server.specs`, a leaf module that imports nothing of the
mock (no handler, no world); ``METRICS_MOCK_SPEC_DIR`` points elsewhere for both.
"""

from __future__ import annotations

from mock_server.specs import GRAPHQL_SDL, OPENAPI_SPECS, SPEC_DIR

__all__ = ["GRAPHQL_SDL", "OPENAPI_SPECS", "SPEC_DIR"]
