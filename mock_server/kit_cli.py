"""``metrics-mock check``: run the contract test kit against an implementation.

Thin on purpose: the kit lives in :mod:`contract_tests`. The lead engineer wires
:func:`add_check_parser` and :func:`run_check` into :mod:`mock_server.cli`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contract_tests.registry import VENDORS


def add_check_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand and its options to ``sub``."""
    check = sub.add_parser("check", help="check an implementation of the APIs, rule by rule")
    check.add_argument(
        "--api", choices=VENDORS, action="append", required=True, help="API to check (repeatable)"
    )
    check.add_argument("--base-url", required=True, help="where the implementation answers")
    check.add_argument("--token", default=None, help="bearer token (overrides the config)")
    check.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML or YAML: tokens and ids (default: the mock's catalog)",
    )
    check.add_argument(
        "--reference",
        default=None,
        help="base URL of the mock with the same world: bodies must agree",
    )
    check.add_argument("--max-examples", type=int, default=None, help="examples per operation")
    check.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    check.add_argument(
        "--report-dir", type=Path, default=None, help="write junit.xml and conformance.md here"
    )
    check.add_argument(
        "--skip-gaps",
        action="store_true",
        help="leave out rules where the vendor documents are silent",
    )


def run_check(args: argparse.Namespace) -> int:
    """Run the kit with the parsed ``check`` options; 0 only when every rule passed."""
    from contract_tests.runner import DEFAULT_MAX_EXAMPLES, Options, run
    from contract_tests.target import ConfigError

    apis = tuple(dict.fromkeys(args.api if isinstance(args.api, list) else [args.api]))
    options = Options(
        apis=apis,
        base_url=args.base_url,
        token=args.token,
        config=args.config,
        reference=args.reference,
        max_examples=args.max_examples or DEFAULT_MAX_EXAMPLES,
        seed=args.seed,
        report_dir=args.report_dir,
        skip_gaps=args.skip_gaps,
    )
    try:
        result = run(options)
    except ConfigError as exc:
        print(f"metrics-mock check: {exc}", file=sys.stderr)
        return 2
    return 0 if result.ok() else 1
