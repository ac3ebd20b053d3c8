"""The kit's tests print the mutation score as the last line of the run."""

from __future__ import annotations

import kit_score
import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    line = kit_score.summary()
    if line is not None:
        terminalreporter.write_line(line)
