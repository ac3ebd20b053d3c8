"""Scenarios: rules that need several requests, with inputs drawn by Hypothesis.

A scenario is ``func(ctx, data)``: ``data`` is Hypothesis' ``st.data()`` for drawing inputs
(windows, page sizes, filters), ``ctx`` sends requests and records rule outcomes with
:meth:`Context.check`. Hypothesis only generates here; failures are recorded, never
raised, so one broken rule does not hide the others and nothing is shrunk (each example
costs requests). ``needs`` says which config a scenario cannot run without; when it is
missing the scenario's rules are reported as skipped with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from contract_tests.client import Client
from contract_tests.exchange import Exchange
from contract_tests.outcomes import Outcomes
from contract_tests.registry import Rule, Violation, rule
from contract_tests.target import Target


class Unavailable(Exception):
    """The scenario cannot run against this target (missing config, no data)."""


@dataclass
class Context:
    client: Client
    target: Target
    outcomes: Outcomes

    def check(
        self, rule_id: str, condition: bool, message: str, ex: Exchange | None = None
    ) -> bool:
        """Record one evaluation of ``rule_id``; returns ``condition``."""
        if condition:
            self.outcomes.passed(rule_id)
        else:
            where = f"\n  request: {ex.describe()}" if ex is not None else ""
            self.outcomes.failed(rule_id, message + where, ex.curl() if ex else None)
        return condition

    def stop(self, reason: str) -> NoReturn:
        """Give up this example: a prerequisite failed and is judged by other rules."""
        raise _StopExample(reason)

    def require(self, condition: bool, reason: str) -> None:
        """Stop this example unless ``condition`` holds (the cause is judged elsewhere)."""
        if not condition:
            raise _StopExample(reason)

    def ok(self, ex: Exchange, what: str) -> Exchange:
        """Stop this example unless ``ex`` is a 200 (its failure is reported elsewhere)."""
        if ex.status != 200:
            raise _StopExample(f"{what}: {ex.describe()}")
        return ex


class _StopExample(Exception):
    """A prerequisite request failed; the failing response is judged by other rules."""


ScenarioFn = Callable[[Context, st.DataObject], None]
Needs = Callable[[Target], str | None]


@dataclass(frozen=True)
class Scenario:
    name: str
    vendor: str
    rules: tuple[Rule, ...]
    func: ScenarioFn
    needs: Needs
    weight: float  # examples relative to the run's budget (1.0: the full budget)


SCENARIOS: list[Scenario] = []


def scenario(
    name: str, *, rules: Sequence[Rule], needs: Needs | None = None, weight: float = 0.2
) -> Callable[[ScenarioFn], ScenarioFn]:
    """Register ``func`` as a scenario enforcing ``rules`` (all of one vendor)."""

    def register(func: ScenarioFn) -> ScenarioFn:
        vendor = name.split(".", 1)[0]
        SCENARIOS.append(Scenario(name, vendor, tuple(rules), func, needs or _always, weight))
        return func

    return register


def _always(target: Target) -> str | None:
    return None


def scenario_rule(rule_id: str, title: str, source: str, *, gap: bool = False) -> Rule:
    return rule(rule_id, title, source, kind="scenario", gap=gap)


def run_scenario(sc: Scenario, ctx: Context, *, examples: int, seed: int) -> None:
    """Run ``sc`` for ``examples`` Hypothesis examples, recording into ``ctx.outcomes``."""
    missing = sc.needs(ctx.target)
    if missing is not None:
        for r in sc.rules:
            ctx.outcomes.skipped(r.id, missing)
        return

    def one(data: st.DataObject) -> None:
        try:
            sc.func(ctx, data)
        except _StopExample:
            return
        except Unavailable as exc:
            for r in sc.rules:
                ctx.outcomes.skipped(r.id, str(exc))
        except (Violation, KeyError, TypeError, ValueError, IndexError) as exc:
            first = sc.rules[0].id if sc.rules else f"{sc.vendor}.scenarios"
            ctx.outcomes.failed(first, f"scenario {sc.name} stopped: {type(exc).__name__}: {exc}")

    test = settings(
        max_examples=max(1, examples),
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(given(st.data())(one))
    hypothesis_seed(seed)(test)()
