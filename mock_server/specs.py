"""Where the specs live. specs/ is the single source of truth for every vendor's contract.

Found, in order: ``METRICS_MOCK_SPEC_DIR``; the repository's ``specs/`` beside the package (a
checkout or an editable install); the copy a wheel installs under ``<prefix>/share/metrics-mock``
(pyproject's data-files). This module imports nothing of the mock, so the contract kit uses it
too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _spec_dir() -> Path:
    override = os.environ.get("METRICS_MOCK_SPEC_DIR")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[1] / "specs"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "metrics-mock" / "specs"


SPEC_DIR = _spec_dir()

OPENAPI_SPECS: dict[str, Path] = {
    "layers": SPEC_DIR / "openapi" / "layers.yaml",
    "later": SPEC_DIR / "openapi" / "later.yaml",
}
GRAPHQL_SDL: Path = SPEC_DIR / "graphql" / "buffer.graphql"
