"""Adds the kit's pytest options when pytest runs the package from the project root
(``pytest --pyargs contract_tests --base-url URL``); elsewhere use ``-p contract_tests.plugin``."""

from contract_tests.plugin import pytest_addoption

__all__ = ["pytest_addoption"]
