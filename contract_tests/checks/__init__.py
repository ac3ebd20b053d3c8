"""Per-response checks, one module per concern; importing this package registers them all."""

from contract_tests.checks import (  # noqa: F401  (imported to register the checks)
    buffer_response,
    errors,
    later_formulas,
    later_pages,
    layers_series,
    layers_totals,
)
from contract_tests.checks.base import RESPONSE_CHECKS, run_response_checks

__all__ = ["RESPONSE_CHECKS", "run_response_checks"]
