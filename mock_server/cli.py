"""The ``metrics-mock`` command: serve the mock, export its world, check an implementation.

``check`` runs the contract kit (contract_tests/) against any base URL; see kit_cli.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mock_server.banner import banner
from mock_server.config import SCALES, VENDORS, Config, default_now, parse_now
from mock_server.world.fixtures import FixtureError


def _add_world_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=42, help="world seed (default 42)")
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        help="freeze the clock at this ISO 8601 instant (default: today 00:00 UTC)",
    )
    parser.add_argument("--scale", choices=SCALES, default="default", help="world size")
    parser.add_argument(
        "--fixtures",
        type=Path,
        action="append",
        default=[],
        help="YAML fixture file or directory (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="metrics-mock", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the three mocked APIs")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default loopback)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--api",
        choices=VENDORS,
        action="append",
        default=None,
        help="mount only this vendor (repeatable; default all)",
    )
    serve.add_argument("--debug", action="store_true", help="tracebacks in error messages")
    _add_world_options(serve)
    export = sub.add_parser("export", help="write the world as JSON Lines per entity kind")
    export.add_argument("--out", type=Path, required=True)
    _add_world_options(export)
    from mock_server.kit_cli import add_check_parser

    add_check_parser(sub)
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(
        seed=args.seed,
        now=args.now or default_now(),
        scale=args.scale,
        fixtures=tuple(args.fixtures),
        vendors=tuple(getattr(args, "api", None) or VENDORS),
        debug=getattr(args, "debug", False),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from mock_server.kit_cli import run_check

        return run_check(args)
    try:
        config = config_from_args(args)
        if args.command == "serve":
            return _serve(config, args)
        if args.command == "export":
            from mock_server.world.export import export_world

            written = export_world(config, args.out)
            print(f"wrote {len(written)} files to {args.out}")
            return 0
    except FixtureError as exc:
        print(f"metrics-mock: bad fixture: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"metrics-mock: {exc}", file=sys.stderr)
        return 2
    return 2


def _serve(config: Config, args: argparse.Namespace) -> int:
    from mock_server.serving import serve
    from mock_server.world import build_world

    world = build_world(config)  # fail fast on bad fixtures, and to print the banner
    print(banner(world, args.host, args.port), flush=True)
    serve(config, args.host, args.port, args.workers)
    return 0
