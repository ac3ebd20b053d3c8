"""The kit under pytest: ``pytest --pyargs contract_tests --base-url URL --api later``.

The options are added by ``contract_tests/conftest.py`` (when pytest runs from the project
root) or by ``-p contract_tests.plugin`` (from anywhere); the project's own test run never
loads either. ``contract_tests/test_contract.py`` runs the kit once per session (the same
:func:`contract_tests.runner.run` as ``metrics-mock check``) and makes every rule one test,
so ``--junitxml`` gives a JUnit report rule by rule. Without ``--base-url`` every test is
skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contract_tests.registry import VENDORS


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract_tests", "contract test kit")
    options: list[tuple[str, dict[str, Any]]] = [
        ("--base-url", {"default": None, "help": "implementation under test"}),
        ("--token", {"default": None, "help": "bearer token (overrides the config)"}),
        (
            "--api",
            {
                "action": "append",
                "choices": VENDORS,
                "default": None,
                "help": "API to check (repeatable; default all three)",
            },
        ),
        ("--config", {"type": Path, "default": None, "help": "TOML or YAML target config"}),
        ("--reference", {"default": None, "help": "the mock with the same world"}),
        ("--kit-max-examples", {"type": int, "default": None, "help": "examples per operation"}),
        ("--kit-seed", {"type": int, "default": 0, "help": "Hypothesis seed"}),
        (
            "--skip-gaps",
            {
                "action": "store_true",
                "default": False,
                "help": "leave out rules where the vendor documents are silent",
            },
        ),
        ("--kit-report-dir", {"type": Path, "default": None, "help": "also write reports here"}),
    ]
    for name, kwargs in options:
        try:
            group.addoption(name, **kwargs)
        except ValueError:  # loaded both as conftest and as -p plugin
            return
