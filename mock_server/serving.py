"""Serving with a production WSGI server (granian), one app per worker.

Workers are separate processes, so the frozen Config travels through the environment and
every worker builds the very same world from it: determinism across workers follows from
determinism across processes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import yaml
from flask import Flask

from mock_server.app import create_app
from mock_server.config import Config, parse_now
from mock_server.http.request_log import log_to_stderr
from mock_server.query.later_order import client_orders
from mock_server.specs import OPENAPI_SPECS
from mock_server.vendors.later.contract import LaterContract
from mock_server.vendors.later.mapping import PostRenderer
from mock_server.vendors.later.post_rows import post_rows
from mock_server.world import World
from mock_server.world.later_content import link_table

ENV_KEY = "METRICS_MOCK_CONFIG"
ANNOUNCED_POSTS = 200_000
"""From this many Later posts on, :func:`prepare` says what it is doing (it takes seconds)."""


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

BLOCKING_THREADS = 2
"""Python threads per worker that run requests (granian's WSGI ``blocking_threads``).

granian's WSGI default is backlog // workers // 2: 256 threads per worker with 2 workers,
spawned on demand while requests queue and reaped after 30 s idle. The mock's work is Python
and NumPy under the GIL, so extra threads add no throughput, only resident memory (each has
its stack, Python thread state and a glibc malloc arena: about 0.4 MiB) and hand-offs of
the GIL between threads. Under the bench's load (wrk c8, 2 workers, scale large, Later
posts, one 5 s run each, 2026-11-22) 2 threads per worker served 7,409 and 7,542 req/s,
4 7,174, 8 6,737 and 6,928, 1 7,605 to 8,001. With 256 the pool was still growing long
after a 30 s warm-up and memory with it (+3.5% to +6.2% over the next 60 s,
bench/memcurve.py); with 8 or fewer it is flat. Not 1: an answer delayed by ``Prefer:
latency=`` sleeps in its thread, and the other keeps the worker answering."""
DELAYED_THREADS = 64
"""Threads per worker when ``--latency`` delays every answer: each waits in its own thread,
so a worker holds as many delayed answers at once as it has threads."""


def blocking_threads(config: Config) -> int:
    """:data:`BLOCKING_THREADS`, or :data:`DELAYED_THREADS` when every answer is delayed."""
    return DELAYED_THREADS if config.latency_ms else BLOCKING_THREADS


def app_from_env() -> Flask:
    """granian's factory target: the app for the config in the environment."""
    key = os.environ[ENV_KEY]
    config = config_from_env()
    if config.log_requests:
        log_to_stderr()
    return create_app(config, world=_INHERITED.get(key))


def prepare(world: World, config: Config) -> None:
    """Build, before the workers fork, what each would otherwise build on its first Later
    posts requests, stalling them under a lock: each client's posts in the order of every
    sort property (:func:`.later_order.client_orders`, 0.04-0.5 s each at scale large), the
    posts' content-link parts (:func:`.later_content.link_table`, 0.4 s) and every post's JSON
    as of the clock (:func:`.post_rows.post_rows`, about 5 s and 806 MB). The workers inherit
    them copy-on-write with the world: one copy instead of one per worker."""
    if world.later is None:
        return
    index = world.later.index
    if len(index.posts) >= ANNOUNCED_POSTS:
        print(
            f"metrics-mock: writing {len(index.posts):,} Later posts' sort orders and JSON"
            " for the workers to share (about 7 s per million posts)...",
            file=sys.stderr,
            flush=True,
        )
    spec = yaml.safe_load(OPENAPI_SPECS["later"].read_text(encoding="utf-8"))
    for prop in LaterContract.from_spec(spec).sort_properties:
        client_orders(index, prop)
    link_table(config.seed, index.posts.post_id)
    post_rows(PostRenderer(world.later, config.seed))


def serve(config: Config, host: str, port: int, workers: int, world: World | None = None) -> None:
    """Run granian's WSGI mode with ``workers`` processes (blocks until stopped).

    ``world``, built from ``config`` by the caller, is inherited by the forked workers,
    with what :func:`prepare` builds from it.
    """
    from granian import Granian
    from granian.constants import Interfaces

    os.environ[ENV_KEY] = config_to_env(config)
    if world is not None:
        _INHERITED[os.environ[ENV_KEY]] = world
        prepare(world, config)
    server = Granian(
        "mock_server.serving:app_from_env",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        factory=True,
        log_access=False,
        blocking_threads=blocking_threads(config),
    )
    server.serve()
