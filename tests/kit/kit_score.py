"""The mutation score of this session: which mutants the kit killed (filled by
test_kit_mutants.py, printed at the end of the run by tests/kit/conftest.py)."""

from __future__ import annotations

KILLED: dict[str, bool] = {}


def summary() -> str | None:
    """``mutation score: K/N mutants killed (survivors: ...)``, or None when none ran."""
    if not KILLED:
        return None
    killed = sum(KILLED.values())
    survivors = ", ".join(name for name, dead in KILLED.items() if not dead) or "none"
    return f"mutation score: {killed}/{len(KILLED)} mutants killed (survivors: {survivors})"
