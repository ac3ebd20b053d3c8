"""Reports: JUnit XML for CI (one test case per rule) and a Markdown conformance matrix
(rule x passed/failed/skipped, each failure with a curl command that reproduces it)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from contract_tests.outcomes import RuleResult
from contract_tests.runner import RunResult, VendorRun

MARK = {"passed": "passed", "failed": "**FAILED**", "skipped": "skipped", "not exercised": "—"}


def failure_text(result: RuleResult) -> str:
    parts = []
    for finding in result.findings:
        parts.append(finding.message)
        if finding.curl:
            parts.append(f"reproduce: {finding.curl}")
    if result.failed > len(result.findings):
        parts.append(f"({result.failed} failures in all, {len(result.findings)} shown)")
    return "\n".join(parts)


def junit_xml(result: RunResult) -> ET.ElementTree[ET.Element]:
    suites = ET.Element("testsuites", name="contract_tests")
    for run in result.runs:
        results = run.outcomes.results()
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=run.target.vendor,
            tests=str(len(results)),
            failures=str(sum(r.status == "failed" for r in results)),
            skipped=str(sum(r.status in ("skipped", "not exercised") for r in results)),
            errors=str(len(run.outcomes.errors)),
            time=f"{run.seconds:.3f}",
        )
        for r in results:
            case = ET.SubElement(
                suite, "testcase", classname=f"contract_tests.{run.target.vendor}", name=r.rule.id
            )
            if r.status == "failed":
                failure = ET.SubElement(
                    case, "failure", message=r.findings[0].message[:200] if r.findings else "failed"
                )
                failure.text = failure_text(r)
            elif r.status in ("skipped", "not exercised"):
                ET.SubElement(case, "skipped", message=r.skip_reason or "not exercised")
        for error in run.outcomes.errors:
            case = ET.SubElement(suite, "testcase", classname="contract_tests.run", name="run")
            ET.SubElement(case, "error", message=error[:200]).text = error
    return ET.ElementTree(suites)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _matrix(run: VendorRun) -> list[str]:
    lines = [
        f"## {run.target.vendor}: {run.target.endpoint}",
        "",
        f"{run.requests} requests in {run.seconds:.1f} s.",
        "",
        "| rule | result | checks | gap | source | what it enforces |",
        "|---|---|---|---|---|---|",
    ]
    for r in run.outcomes.results():
        result = MARK[r.status] + (f" ({r.skip_reason})" if r.status == "skipped" else "")
        counts = f"{r.passed} ok / {r.failed} failed"
        lines.append(
            f"| `{r.rule.id}` | {_cell(result)} | {counts} | {'gap' if r.rule.gap else ''} | "
            f"{_cell(r.rule.source)} | {_cell(r.rule.title)} |"
        )
    return lines


def _failures(run: VendorRun) -> list[str]:
    lines: list[str] = []
    for r in run.outcomes.results():
        if r.status != "failed":
            continue
        lines += ["", f"### `{r.rule.id}` ({r.failed} failures)", "", r.rule.title, ""]
        for finding in r.findings:
            lines += ["```", finding.message, "```"]
            if finding.curl:
                lines += ["Reproduce:", "", "```sh", finding.curl, "```", ""]
    for error in run.outcomes.errors:
        lines += ["", "### run error", "", "```", error, "```"]
    return lines


def markdown(result: RunResult) -> str:
    verdict = "PASSED" if result.ok() else "FAILED"
    lines = [f"# Conformance: {verdict}", ""]
    secrets = sorted({v for run in result.runs for v in run.target.secrets().values()})
    if secrets:
        names = ", ".join(s.strip("'\"$") for s in secrets)
        lines += [f"Tokens are shown as shell variables; export {names} to replay.", ""]
    for run in result.runs:
        lines += _matrix(run)
        failures = _failures(run)
        if failures:
            lines += ["", f"### Failures ({run.target.vendor})", *failures]
        lines.append("")
    return "\n".join(lines)


def write_reports(result: RunResult, directory: Path) -> list[Path]:
    """Write ``junit.xml`` and ``conformance.md`` into ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    junit, matrix = directory / "junit.xml", directory / "conformance.md"
    tree = junit_xml(result)
    ET.indent(tree)
    tree.write(junit, encoding="utf-8", xml_declaration=True)
    matrix.write_text(markdown(result), encoding="utf-8")
    return [junit, matrix]


def rules_table() -> str:
    """Every rule of the kit: id, kind, gap or not, source and what it enforces."""
    from contract_tests.registry import REGISTRY, VENDORS

    lines = ["| rule | kind | gap | source | what it enforces |", "|---|---|---|---|---|"]
    for r in REGISTRY.select(VENDORS):
        gap = "gap" if r.gap else ""
        lines.append(f"| `{r.id}` | {r.kind} | {gap} | {_cell(r.source)} | {_cell(r.title)} |")
    return "\n".join(lines)
