"""The ``metrics-mock`` command: serve the mock, export its world, check an implementation.

``check`` runs the contract kit (contract_tests/) against any base URL; see kit_cli.py.
``serve --config FILE`` reads the serve options from TOML (config_file.py); flags win.
Options default to None here so that "not given" is visible; :data:`DEFAULTS` fills them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mock_server.banner import banner
from mock_server.config import SCALES, VENDORS, Config, default_now, parse_now
from mock_server.config_file import load_config_file
from mock_server.world.fixtures import FixtureError

DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 8080,
    "workers": 1,
    "api": list(VENDORS),
    "debug": False,
    "seed": 42,
    "now": None,
    "scale": "default",
    "fixtures": [],
    "cors_origins": ["*"],
    "latency_ms": 0,
    "rate_limits": False,
    "log_requests": False,
}
"""Built-in values of every option that a flag or a config file may set."""


def _add_world_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, help="world seed (default 42)")
    parser.add_argument(
        "--now",
        type=parse_now,
        help="freeze the clock at this ISO 8601 instant (default: today 00:00 UTC)",
    )
    parser.add_argument("--scale", choices=SCALES, help="world size (default: default)")
    parser.add_argument(
        "--fixtures",
        type=Path,
        action="append",
        help="YAML fixture file or directory (repeatable)",
    )


def _add_serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--config", type=Path, metavar="FILE", help="TOML file with these options (flags win)"
    )
    serve.add_argument("--host", help="bind address (default 127.0.0.1, loopback)")
    serve.add_argument("--port", type=int, help="port (default 8080)")
    serve.add_argument("--workers", type=int, help="worker processes (default 1)")
    serve.add_argument(
        "--api",
        choices=VENDORS,
        action="append",
        help="mount only this vendor (repeatable; default all)",
    )
    flag = argparse.BooleanOptionalAction
    serve.add_argument("--debug", action=flag, help="tracebacks in error messages")
    serve.add_argument(
        "--cors-origin",
        dest="cors_origins",
        action="append",
        metavar="ORIGIN",
        help="origin a browser may call from (repeatable; default '*', any)",
    )
    serve.add_argument(
        "--no-cors", dest="cors_origins", action="store_const", const=[], help="no CORS headers"
    )
    serve.add_argument(
        "--latency",
        dest="latency_ms",
        type=int,
        metavar="MS",
        help="delay every vendor answer by MS milliseconds (0-10000; Prefer: latency= wins)",
    )
    serve.add_argument(
        "--rate-limits", action=flag, help="enforce the vendors' rate limits (off by default)"
    )
    serve.add_argument(
        "--log-requests", action=flag, help="one line per request: method, path, status, ms"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="metrics-mock", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the three mocked APIs")
    _add_serve_options(serve)
    _add_world_options(serve)
    export = sub.add_parser("export", help="write the world as JSON Lines per entity kind")
    export.add_argument("--out", type=Path, required=True)
    _add_world_options(export)
    from mock_server.kit_cli import add_check_parser

    add_check_parser(sub)
    return parser


def resolve_options(args: argparse.Namespace) -> argparse.Namespace:
    """Fill every option not given as a flag from ``--config`` FILE, then from DEFAULTS."""
    path = getattr(args, "config", None)
    from_file = load_config_file(path) if path is not None else {}
    for name, default in DEFAULTS.items():
        if getattr(args, name, None) is None:
            setattr(args, name, from_file.get(name, default))
    return args


def config_from_args(args: argparse.Namespace) -> Config:
    """The frozen Config for resolved options (see :func:`resolve_options`)."""
    return Config(
        seed=args.seed,
        now=args.now or default_now(),
        scale=args.scale,
        fixtures=tuple(Path(p) for p in args.fixtures),
        vendors=tuple(dict.fromkeys(args.api)),
        debug=args.debug,
        cors_origins=tuple(args.cors_origins),
        latency_ms=args.latency_ms,
        rate_limits=args.rate_limits,
        log_requests=args.log_requests,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from mock_server.kit_cli import run_check

        return run_check(args)
    try:
        config = config_from_args(resolve_options(args))
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

    world = build_world(config)  # once: fail fast on bad fixtures; workers inherit it by fork
    print(banner(world, args.host, args.port), flush=True)
    serve(config, args.host, args.port, args.workers, world=world)
    return 0
