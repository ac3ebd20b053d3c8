"""The kit judges implementations with the domain as its oracle, never with the mock's code."""

from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "contract_tests"
ALLOWED = ("mock_server.domain", "mock_server.specs")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_kit_imports_only_the_domain_and_the_spec_locations_from_the_mock() -> None:
    offenders = {
        f"{path.relative_to(KIT)}: {module}"
        for path in KIT.rglob("*.py")
        for module in imported_modules(path)
        if (module == "mock_server" or module.startswith("mock_server."))
        and not module.startswith(ALLOWED)
    }
    assert not offenders, sorted(offenders)
