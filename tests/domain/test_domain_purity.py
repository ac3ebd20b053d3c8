"""The domain imports only the standard library and never reads the clock or hash()."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "mock_server" / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))

FORBIDDEN_MODULES = {"random", "secrets"}
FORBIDDEN_ATTRIBUTES = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("uuid", "uuid1"),
    ("uuid", "uuid4"),
}
FORBIDDEN_CALLS = {"hash", "id"}


def _import_violations(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    else:
        return []
    bad = []
    for name in names:
        top = name.split(".")[0]
        in_domain = name == "mock_server.domain" or name.startswith("mock_server.domain.")
        if (top not in sys.stdlib_module_names and not in_domain) or top in FORBIDDEN_MODULES:
            bad.append(f"line {node.lineno}: imports {name}")
    return bad


def _call_violations(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES:
            return [f"line {node.lineno}: uses {node.value.id}.{node.attr}"]
    if isinstance(node, ast.Attribute) and (node.attr in {"now", "utcnow", "today"}):
        return [f"line {node.lineno}: reads the clock via .{node.attr}"]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in FORBIDDEN_CALLS:
            return [f"line {node.lineno}: calls {node.func.id}()"]
    return []


def violations(source: str) -> list[str]:
    """Every impure import or call in ``source``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        found += _import_violations(node) + _call_violations(node)
    return found


def test_the_domain_package_has_modules() -> None:
    assert {p.name for p in MODULES} >= {"__init__.py", "calendar.py", "formulas.py"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_domain_module_is_pure(module: Path) -> None:
    assert violations(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import numpy",
        "from flask import Flask",
        "from mock_server.world import build_world",
        "import random",
        "from datetime import datetime\nx = datetime.now()",
        "import datetime\nx = datetime.datetime.utcnow()",
        "from datetime import date\nx = date.today()",
        "import time\nx = time.time()",
        "x = hash('a')",
    ],
)
def test_the_checker_catches_impurity(source: str) -> None:
    assert violations(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "from . import errors",
        "from .errors import DomainError",
        "from mock_server.domain.errors import DomainError",
        "import hashlib, json, decimal",
        "from datetime import UTC, datetime",
    ],
)
def test_the_checker_allows_stdlib_and_relative_imports(source: str) -> None:
    assert violations(source) == []
