"""``metrics-mock check`` (run_check), config files, and the pytest plugin, end to end."""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml
from flask import Flask

from contract_tests.catalog import config_from_catalog
from contract_tests.faults import FaultInjector, Reply, Request, serve
from contract_tests.registry import REGISTRY
from mock_server.kit_cli import add_check_parser, run_check


@pytest.fixture(scope="module")
def mock_url(app: Flask) -> Iterator[str]:
    with serve(app) as url:
        yield url


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="metrics-mock")
    add_check_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["check", *argv])


def test_check_exits_0_when_every_rule_passes(mock_url: str, tmp_path: Path) -> None:
    args = parse(
        "--api",
        "layers",
        "--base-url",
        mock_url,
        "--max-examples",
        "3",
        "--report-dir",
        str(tmp_path),
    )
    assert run_check(args) == 0
    assert (tmp_path / "junit.xml").exists() and (tmp_path / "conformance.md").exists()


def _no_whoami(request: Request, reply: Reply) -> Reply:
    if request.path == "/v1/whoami" and reply.status == 200:
        return reply.with_json({"error": {"code": "INTERNAL", "message": "boom"}}, status=500)
    return reply


def test_check_exits_1_and_reports_a_curl_when_a_rule_fails(app: Flask, tmp_path: Path) -> None:
    with serve(FaultInjector(app, _no_whoami)) as url:
        args = parse(
            "--api",
            "layers",
            "--base-url",
            url,
            "--max-examples",
            "2",
            "--report-dir",
            str(tmp_path),
        )
        assert run_check(args) == 1
    matrix = (tmp_path / "conformance.md").read_text()
    assert "# Conformance: FAILED" in matrix
    assert f"curl -sS {url}/v1/whoami" in matrix


def test_check_exits_2_when_the_target_is_not_the_mock_and_has_no_config() -> None:
    assert run_check(parse("--api", "later", "--base-url", "http://127.0.0.1:9")) == 2


@pytest.mark.parametrize("suffix", [".toml", ".yaml"])
def test_a_config_file_replaces_the_catalog(mock_url: str, tmp_path: Path, suffix: str) -> None:
    catalog = requests.get(mock_url + "/_mock/catalog", timeout=30).json()
    config = {"now": catalog["now"], "later": config_from_catalog(catalog)["later"]}
    path = tmp_path / f"target{suffix}"
    path.write_text(_toml(config) if suffix == ".toml" else yaml.safe_dump(config))
    args = parse(
        "--api",
        "later",
        "--base-url",
        mock_url,
        "--config",
        str(path),
        "--max-examples",
        "2",
        "--skip-gaps",
    )
    assert run_check(args) == 0


def _toml(config: dict[str, object]) -> str:
    lines = [f'now = "{config["now"]}"', "[later]"]
    for key, value in config["later"].items():  # type: ignore[attr-defined]
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value) if isinstance(value, int) else f'"{value}"'


def test_pytest_runs_the_kit_one_test_per_rule(mock_url: str, tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "contract_tests.plugin",
        "--pyargs",
        "contract_tests",
        "--base-url",
        mock_url,
        "--api",
        "buffer",
        "--kit-max-examples",
        "2",
        "-q",
        f"--junitxml={tmp_path / 'junit.xml'}",
    ]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    cases = ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    assert sorted(c.get("name", "") for c in cases) == sorted(
        f"test_rule[{r.id}]" for r in REGISTRY.select(["buffer"])
    )
