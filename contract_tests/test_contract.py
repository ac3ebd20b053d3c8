"""One test per rule of the contract (see contract_tests/plugin.py for the options)."""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests.registry import REGISTRY, VENDORS
from contract_tests.reports import failure_text


def _apis(config: pytest.Config) -> tuple[str, ...]:
    return tuple(config.getoption("--api") or VENDORS)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "rule_id" in metafunc.fixturenames:
        ids = [r.id for r in REGISTRY.select(_apis(metafunc.config))]
        metafunc.parametrize("rule_id", ids, ids=ids)


@pytest.fixture(scope="session")
def kit_result(request: pytest.FixtureRequest) -> Any:
    """The whole kit run, once per session (skips everything without --base-url)."""
    config = request.config
    base_url = config.getoption("--base-url")
    if not base_url:
        pytest.skip("contract tests need --base-url URL (the implementation to check)")
    from contract_tests.runner import DEFAULT_MAX_EXAMPLES, Options, run
    from contract_tests.target import ConfigError

    options = Options(
        apis=_apis(config),  # type: ignore[arg-type]
        base_url=base_url,
        token=config.getoption("--token"),
        config=config.getoption("--config"),
        reference=config.getoption("--reference"),
        max_examples=config.getoption("--kit-max-examples") or DEFAULT_MAX_EXAMPLES,
        seed=config.getoption("--kit-seed"),
        report_dir=config.getoption("--kit-report-dir"),
        skip_gaps=config.getoption("--skip-gaps"),
    )
    try:
        return run(options, progress=lambda line: None)
    except ConfigError as exc:
        pytest.fail(f"contract tests cannot start: {exc}")


def test_rule(kit_result: Any, rule_id: str) -> None:
    for run in kit_result.runs:
        for result in run.outcomes.results():
            if result.rule.id != rule_id:
                continue
            if run.outcomes.errors:
                pytest.fail("the run met errors:\n" + "\n".join(run.outcomes.errors))
            if result.status == "failed":
                pytest.fail(
                    f"{result.rule.title}\n[{result.rule.source}]\n{failure_text(result)}",
                    pytrace=False,
                )
            if result.status in ("skipped", "not exercised"):
                pytest.skip(result.skip_reason or "not exercised by this run")
            return
    pytest.skip(f"{rule_id} was not part of this run")
