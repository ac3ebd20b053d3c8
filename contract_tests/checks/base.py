"""Per-response checks: a rule that one response is enough to decide.

A check is a function ``(exchange) -> None | SKIP`` that raises
:class:`~contract_tests.registry.Violation` when the rule is broken and returns ``SKIP``
when the response does not carry what the rule reads (for example a formula whose operands
were not requested). :func:`response_check` registers it with the operations and statuses
it applies to; :func:`run_response_checks` applies every enabled check to an exchange.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from contract_tests.exchange import Exchange
from contract_tests.outcomes import Outcomes
from contract_tests.registry import Rule, Violation, rule


class Skip(Enum):
    SKIP = "skip"


SKIP = Skip.SKIP
CheckFn = Callable[[Exchange], Skip | None]
When = Literal["ok", "error", "any"]


@dataclass(frozen=True)
class ResponseCheck:
    rule: Rule
    func: CheckFn
    operations: frozenset[str]
    when: When

    def applies(self, ex: Exchange) -> bool:
        if ex.vendor != self.rule.vendor or ex.operation not in self.operations:
            return False
        if self.when == "ok":
            return ex.status == 200
        if self.when == "error":
            return ex.status >= 400 or ex.vendor == "buffer"
        return True

    def evaluate(self, ex: Exchange) -> str | None:
        """None when the rule held or did not apply; the failure message otherwise."""
        try:
            outcome = self.func(ex)
        except Violation as exc:
            return f"{exc}\n  request: {ex.describe()}"
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            return (
                f"the response does not have the shape this rule reads "
                f"({type(exc).__name__}: {exc})\n  request: {ex.describe()}"
            )
        return "" if outcome is SKIP else None


RESPONSE_CHECKS: list[ResponseCheck] = []


def response_check(
    rule_id: str,
    title: str,
    source: str,
    *,
    operations: Iterable[str],
    when: When = "ok",
    gap: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Register ``func`` as the check of a new response rule."""

    def register(func: CheckFn) -> CheckFn:
        declared = rule(rule_id, title, source, kind="response", gap=gap)
        RESPONSE_CHECKS.append(ResponseCheck(declared, func, frozenset(operations), when))
        return func

    return register


def run_response_checks(ex: Exchange, outcomes: Outcomes) -> None:
    """Apply every enabled response check to ``ex`` and record what happened."""
    for check in RESPONSE_CHECKS:
        if not outcomes.enabled(check.rule.id) or not check.applies(ex):
            continue
        message = check.evaluate(ex)
        if message is None:
            outcomes.passed(check.rule.id)
        elif message:
            outcomes.failed(check.rule.id, message, ex.curl())
