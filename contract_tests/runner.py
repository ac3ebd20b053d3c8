"""One kit run: resolve the targets, run Schemathesis and the scenarios for each API,
collect every rule's outcome. The CLI (``metrics-mock check``) and the pytest plugin both
call :func:`run`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from contract_tests.catalog import config_from_catalog, fetch_catalog
from contract_tests.client import Client
from contract_tests.outcomes import Outcomes
from contract_tests.registry import REGISTRY, VENDORS, Vendor
from contract_tests.scenarios import SCENARIOS, Context, run_scenario
from contract_tests.schema_run import run_schema
from contract_tests.target import ConfigError, Target, load_file, target_from_config

DEFAULT_MAX_EXAMPLES = 25
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """What to check and how hard (``max_examples`` scales every part of the run)."""

    apis: tuple[Vendor, ...]
    base_url: str
    token: str | None = None
    config: Path | None = None
    reference: str | None = None
    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int = 0
    report_dir: Path | None = None
    skip_gaps: bool = False
    schema: bool = True
    scenarios: bool = True
    only: tuple[str, ...] = ()  # rule id prefixes; empty: every rule


@dataclass
class VendorRun:
    target: Target
    outcomes: Outcomes
    requests: int = 0
    seconds: float = 0.0


@dataclass
class RunResult:
    runs: list[VendorRun] = field(default_factory=list)

    def ok(self) -> bool:
        return all(r.outcomes.ok() for r in self.runs)


def resolve_targets(options: Options) -> list[Target]:
    """Targets from the config file, or from the mock's catalog when there is none."""
    if options.config is not None:
        data, is_mock = load_file(options.config), False
    else:
        data, is_mock = config_from_catalog(fetch_catalog(options.base_url)), True
    targets = []
    for api in options.apis:
        if api not in VENDORS:
            raise ConfigError(f"unknown API {api!r}; choose from {', '.join(VENDORS)}")
        targets.append(
            target_from_config(
                api, data, base_url=options.base_url, token=options.token, is_mock=is_mock
            )
        )
    return targets


def outcomes_for(vendor: Vendor, options: Options) -> Outcomes:
    """Every rule of ``vendor``, with the ones this run leaves out marked and explained."""
    rules = REGISTRY.select([vendor])
    disabled: dict[str, str] = {}
    for r in rules:
        if options.skip_gaps and r.gap:
            disabled[r.id] = "--skip-gaps (the documents are silent; the mock's choice)"
        elif r.id.endswith(".differential.matches_reference") and not options.reference:
            disabled[r.id] = "no --reference given"
        elif options.only and not r.id.startswith(options.only):
            disabled[r.id] = "not selected"
        elif r.kind == "schema" and not options.schema:
            disabled[r.id] = "schema run switched off"
    return Outcomes(rules, disabled)


def run_vendor(target: Target, options: Options, progress: Progress) -> VendorRun:
    outcomes = outcomes_for(target.vendor, options)
    result = VendorRun(target, outcomes)
    started = time.perf_counter()
    if options.schema:
        result.requests += run_schema(
            target,
            outcomes,
            max_examples=options.max_examples,
            seed=options.seed,
            reference=options.reference,
            progress=lambda line: progress(f"[{target.vendor}] {line}"),
        )
    if options.scenarios:
        client = Client(target, outcomes, reference=options.reference)
        ctx = Context(client, target, outcomes)
        feeds = _scenario_traffic_judged(outcomes)
        for sc in SCENARIOS:
            if sc.vendor != target.vendor:
                continue
            if not feeds and not any(outcomes.enabled(r.id) for r in sc.rules):
                continue  # nothing this scenario would send is judged in this run
            before = client.sent
            examples = max(1, round(sc.weight * options.max_examples))
            run_scenario(sc, ctx, examples=examples, seed=options.seed)
            progress(
                f"[{target.vendor}] scenario  {sc.name} ({examples} examples, "
                f"{client.sent - before} requests)"
            )
        result.requests += client.sent
    result.seconds = time.perf_counter() - started
    return result


def _scenario_traffic_judged(outcomes: Outcomes) -> bool:
    """Whether some rule judges every scenario's requests: a response rule or the
    differential comparison. Without one, a scenario with all its rules off is left out."""
    return any(
        outcomes.enabled(r.rule.id)
        and (r.rule.kind == "response" or r.rule.id.endswith(".differential.matches_reference"))
        for r in outcomes.results()
    )


def stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(options: Options, progress: Progress = stderr_progress) -> RunResult:
    """Check every API of ``options``; write reports when ``report_dir`` is set."""
    result = RunResult()
    for target in resolve_targets(options):
        vendor_run = run_vendor(target, options, progress)
        result.runs.append(vendor_run)
        counts = _counts(vendor_run.outcomes)
        progress(
            f"[{target.vendor}] done: {counts} in {vendor_run.seconds:.1f} s, "
            f"{vendor_run.requests} requests"
        )
    if options.report_dir is not None:
        from contract_tests.reports import write_reports

        for path in write_reports(result, options.report_dir):
            progress(f"report: {path}")
    return result


def _counts(outcomes: Outcomes) -> str:
    tally: dict[str, int] = {}
    for r in outcomes.results():
        tally[r.status] = tally.get(r.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
