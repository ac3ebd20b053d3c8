"""Where the kit finds the specs it checks against (the repository's specs/ directory).

``METRICS_MOCK_SPEC_DIR`` points elsewhere, as it does for the mock.
"""

from __future__ import annotations

import os
from pathlib import Path

SPEC_DIR = Path(
    os.environ.get("METRICS_MOCK_SPEC_DIR", Path(__file__).resolve().parents[1] / "specs")
)
OPENAPI_SPECS: dict[str, Path] = {
    "layers": SPEC_DIR / "openapi" / "layers.yaml",
    "later": SPEC_DIR / "openapi" / "later.yaml",
}
GRAPHQL_SDL: Path = SPEC_DIR / "graphql" / "buffer.graphql"
