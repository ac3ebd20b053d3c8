"""What happened to each rule during a run: how often it held, how it failed, or why it
was skipped. Thread-safe, since Schemathesis may run checks from worker threads."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from contract_tests.registry import Rule

Status = Literal["passed", "failed", "skipped", "not exercised"]
KEPT_FAILURES = 3  # examples kept per rule; every failure is still counted


@dataclass(frozen=True)
class Finding:
    """One failure: what was wrong, and a command that reproduces it."""

    message: str
    curl: str | None = None


@dataclass
class RuleResult:
    rule: Rule
    passed: int = 0
    failed: int = 0
    findings: list[Finding] = field(default_factory=list)
    skip_reason: str | None = None

    @property
    def status(self) -> Status:
        if self.failed:
            return "failed"
        if self.skip_reason is not None and not self.passed:
            return "skipped"
        return "passed" if self.passed else "not exercised"


class Outcomes:
    """Per-rule tallies for one run."""

    def __init__(self, rules: Iterable[Rule], disabled: dict[str, str] | None = None) -> None:
        self._results = {r.id: RuleResult(r) for r in rules}
        self._lock = threading.Lock()
        self.errors: list[str] = []
        self._disabled = dict(disabled or {})
        for rule_id, reason in self._disabled.items():
            if rule_id in self._results:
                self._results[rule_id].skip_reason = reason

    def enabled(self, rule_id: str) -> bool:
        """Whether ``rule_id`` is checked in this run (known and not switched off)."""
        return rule_id in self._results and rule_id not in self._disabled

    def passed(self, rule_id: str, times: int = 1) -> None:
        with self._lock:
            if self.enabled(rule_id):
                self._results[rule_id].passed += times

    def failed(self, rule_id: str, message: str, curl: str | None = None) -> None:
        with self._lock:
            result = self._results.get(rule_id)
            if result is None or not self.enabled(rule_id):
                return
            result.failed += 1
            finding = Finding(message.strip(), curl)
            known = {f.message for f in result.findings}
            if len(result.findings) < KEPT_FAILURES and finding.message not in known:
                result.findings.append(finding)

    def skipped(self, rule_id: str, reason: str) -> None:
        with self._lock:
            if self.enabled(rule_id):
                self._results[rule_id].skip_reason = reason

    def error(self, message: str) -> None:
        """A problem that is no rule's fault (unreachable target, bad schema): fails the run."""
        with self._lock:
            if message not in self.errors:
                self.errors.append(message)

    def results(self) -> list[RuleResult]:
        return list(self._results.values())

    def ok(self) -> bool:
        """True when no rule failed and the run met no error."""
        return not self.errors and all(r.status != "failed" for r in self._results.values())
