"""Multi-request scenarios, one module per vendor and concern; importing registers them."""

from contract_tests.scenarios import (  # noqa: F401  (imported to register the scenarios)
    buffer,
    buffer_access,
    later,
    later_access,
    later_basis,
    layers,
    layers_access,
)
from contract_tests.scenarios.base import SCENARIOS, Context, Scenario, run_scenario

__all__ = ["SCENARIOS", "Context", "Scenario", "run_scenario"]
