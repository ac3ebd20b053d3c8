"""Serving with a production WSGI server (granian), one app per worker.

Workers are separate processes, so the frozen Config travels through the environment and
every worker builds the very same world from it: determinism across workers follows from
determinism across processes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask

from mock_server.app import create_app
from mock_server.config import Config, parse_now
from mock_server.http.request_log import log_to_stderr
from mock_server.world import World

ENV_KEY = "METRICS_MOCK_CONFIG"


def config_to_env(config: Config) -> str:
    """The config as a JSON string for the workers' environment."""
    return json.dumps(
        {
            "seed": config.seed,
            "now": config.now.isoformat(),
            "scale": config.scale,
            "fixtures": [str(p) for p in config.fixtures],
            "vendors": list(config.vendors),
            "debug": config.debug,
            "cors_origins": list(config.cors_origins),
            "latency_ms": config.latency_ms,
            "rate_limits": config.rate_limits,
            "log_requests": config.log_requests,
        }
    )


def config_from_env() -> Config:
    """Rebuild the config a parent process put in the environment."""
    data = json.loads(os.environ[ENV_KEY])
    return Config(
        seed=int(data["seed"]),
        now=parse_now(data["now"]),
        scale=data["scale"],
        fixtures=tuple(Path(p) for p in data["fixtures"]),
        vendors=tuple(data["vendors"]),
        debug=bool(data["debug"]),
        cors_origins=tuple(data["cors_origins"]),
        latency_ms=int(data["latency_ms"]),
        rate_limits=bool(data["rate_limits"]),
        log_requests=bool(data["log_requests"]),
    )


# The world the serving process built, keyed by the exact config it was built from. granian
# forks its workers (Linux, Python 3.11), so each worker inherits this read-only world
# copy-on-write instead of generating it again: one build, memory shared. A worker started any
# other way finds no entry for its config and builds the world itself, with the same result.
_INHERITED: dict[str, World] = {}


def app_from_env() -> Flask:
    """granian's factory target: the app for the config in the environment."""
    key = os.environ[ENV_KEY]
    config = config_from_env()
    if config.log_requests:
        log_to_stderr()
    return create_app(config, world=_INHERITED.get(key))


def serve(config: Config, host: str, port: int, workers: int, world: World | None = None) -> None:
    """Run granian's WSGI mode with ``workers`` processes (blocks until stopped).

    ``world``, built from ``config`` by the caller, is inherited by the forked workers.
    """
    from granian import Granian
    from granian.constants import Interfaces

    os.environ[ENV_KEY] = config_to_env(config)
    if world is not None:
        _INHERITED[os.environ[ENV_KEY]] = world
    server = Granian(
        "mock_server.serving:app_from_env",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        factory=True,
        log_access=False,
    )
    server.serve()
