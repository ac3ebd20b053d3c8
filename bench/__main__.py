"""``make bench``: one table, everything measured side by side in one run on this machine.

Figures are ratios against baselines measured in the same run (bare Flask under the same
server and workers; Prism mocking the same spec), because absolute figures drift on a shared
machine. ``--smoke`` runs every part for a second or two so the harness never rots.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import sys
import time
import urllib.request
from datetime import UTC, datetime
from typing import Any

from bench.coldstart import measure, serve_cold_start
from bench.queries import WORKLOADS
from bench.servers import ROOT, bare_cmd, free_port, mock_cmd, prism_bin, prism_cmd, running
from bench.wrk import LoadResult, run_wrk


def _catalog(base: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base}/_mock/catalog", timeout=10) as response:
        data: dict[str, Any] = json.load(response)
    return data


def _row(name: str, result: LoadResult, baseline: float | None, prism: float | None) -> str:
    ratio = f"{result.requests_per_s / baseline:.2f}x" if baseline else "-"
    vs_prism = f"{result.requests_per_s / prism:.2f}x" if prism else "-"
    return (
        f"| {name} | {result.requests_per_s:,.0f} | {result.p50_ms:.2f} | {result.p99_ms:.2f} "
        f"| {ratio} | {vs_prism} | {result.distinct:,} | {result.non_2xx} |"
    )


Load = tuple[str, list[str], dict[str, str]]
"""A row of the throughput table: (base URL, wrk request lines, headers)."""


def bench_scale(scale: str, seconds: int, count: int, workers: int, rounds: int = 3) -> list[str]:
    """Every server is started first; then ``rounds`` rounds each load every row in turn for
    ``seconds``, and a row's figure is its median round. Interleaving keeps the ratios fair
    when the shared machine's load drifts during the run (bare Flask, Prism and the mock
    each see every part of it)."""
    rows = [
        f"\n### Throughput, scale `{scale}`, concurrency 8, {workers} workers, median of "
        f"{rounds} interleaved rounds of {seconds}s\n",
        "| workload | req/s | p50 ms | p99 ms | vs bare Flask | vs Prism static | distinct "
        "requests | non-2xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with contextlib.ExitStack() as stack:
        loads = _start_all(stack, scale, count, workers)
        results: dict[str, list[LoadResult]] = {name: [] for name in loads}
        for _ in range(rounds):
            for name, (base, lines, headers) in loads.items():
                run = run_wrk(base, lines, headers, connections=8, seconds=seconds)
                results[name].append(run)
                # A slow server (Prism --dynamic: about 1 s a request) is still answering the
                # requests wrk left in flight; let it finish before the next row is measured.
                time.sleep(SETTLE_S if run.p99_ms < 1000 * SETTLE_S else run.p99_ms / 1000)
    medians = {name: _median(runs) for name, runs in results.items()}
    bare = medians.pop(BARE)
    prism = {
        vendor: medians[f"Prism static examples: {vendor}"].requests_per_s
        for vendor in ("later", "layers")
        if f"Prism static examples: {vendor}" in medians
    }
    rows.append(_row(BARE, bare, bare.requests_per_s, None))
    if not prism:
        rows.append("| Prism | not installed (run `make bench`) | | | | | | |")
    for name, result in medians.items():
        vs_prism = prism.get(name.split()[1]) if name.startswith("mock: ") else None
        rows.append(_row(name, result, bare.requests_per_s, vs_prism))
    return rows


BARE = "bare Flask constant JSON (ceiling)"
SETTLE_S = 0.5


def _median(runs: list[LoadResult]) -> LoadResult:
    """The run with the median throughput (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda r: r.requests_per_s)
    return ordered[(len(ordered) - 1) // 2]


def _start_all(
    stack: contextlib.ExitStack, scale: str, count: int, workers: int
) -> dict[str, Load]:
    """Start bare Flask, Prism (static and dynamic, each spec) and the mock; their loads."""
    from bench.queries import later_posts, layers_project_series

    loads: dict[str, Load] = {}
    port = free_port()
    stack.enter_context(running(bare_cmd(port, workers), f"http://127.0.0.1:{port}/x"))
    loads[BARE] = (f"http://127.0.0.1:{port}", [f"GET /v2/x{i}" for i in range(count)], {})
    if prism_bin() is not None:
        fake_catalog = {
            "later": {"clients": [{"token": "t", "instanceIds": ["instance_a"]}]},
            "layers": {"organizations": [{"token": "lp_t", "projects": [{"id": "prj_a"}]}]},
        }
        for dynamic in (False, True):
            label = "dynamic" if dynamic else "static examples"
            for vendor, build in (("later", later_posts), ("layers", layers_project_series)):
                port = free_port()
                spec = ROOT / "specs" / "openapi" / f"{vendor}.yaml"
                url = f"http://127.0.0.1:{port}"
                stack.enter_context(running(prism_cmd(port, spec, dynamic), f"{url}/", timeout=60))
                loads[f"Prism {label}: {vendor}"] = (url, *build(fake_catalog, count))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    stack.enter_context(
        running(mock_cmd(port, scale, workers), f"{base}/_mock/health", timeout=300)
    )
    catalog = _catalog(base)
    for name, build in WORKLOADS.items():
        loads[f"mock: {name}"] = (base, *build(catalog, count))
    return loads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="a few seconds, every part")
    parser.add_argument("--scales", default="default,large")
    parser.add_argument("--seconds", type=int, default=5, help="per row and round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per row")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    scales = ["tiny"] if args.smoke else args.scales.split(",")
    seconds = 1 if args.smoke else args.seconds
    count = 50 if args.smoke else 3000
    out = [
        f"## metrics-mock bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}",
        "\n### Cold start (fresh process: import, build world, answer one query)\n",
        "| scale | build s | first answer s | resident MiB | `serve` to first answer s "
        "| `serve` resident MiB (all workers) |",
        "|---|---|---|---|---|---|",
    ]
    for scale in scales:
        cold = measure(scale)
        served, served_rss = serve_cold_start(scale, args.workers)
        out.append(
            f"| {scale} | {cold.build_s:.2f} | {cold.first_answer_s:.2f} "
            f"| {cold.rss_bytes / 2**20:.0f} | {served:.2f} | {served_rss / 2**20:.0f} |"
        )
    print("\n".join(out), flush=True)
    for scale in scales:
        rounds = 1 if args.smoke else args.rounds
        print("\n".join(bench_scale(scale, seconds, count, args.workers, rounds)), flush=True)
    print("\n".join(load_and_determinism(scales[0], args, count)), flush=True)
    return 0


def load_and_determinism(scale: str, args: argparse.Namespace, count: int) -> list[str]:
    from bench.determinism import compare
    from bench.soak import soak

    seconds, warmup = (3, 1) if args.smoke else (60, 30)
    run = soak(scale, seconds, warmup, args.workers, count)
    sent, differing = compare(scale, 50 if args.smoke else 1000, args.workers)
    return [
        f"\n### Load: all endpoints mixed, concurrency 64, {seconds}s, scale `{scale}`\n",
        "| requests | req/s | p99 ms | non-2xx | socket errors | anonymous MiB after warm-up "
        "| anonymous MiB at end | drift | Pss MiB after warm-up | Pss MiB at end | Pss drift |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {run.result.requests:,} | {run.result.requests_per_s:,.0f} | {run.result.p99_ms:.1f} "
        f"| {run.result.non_2xx} | {run.result.socket_errors} | {run.warm_anon / 2**20:.0f} "
        f"| {run.end_anon / 2**20:.0f} | {run.drift:+.1%} | {run.warm_rss / 2**20:.0f} "
        f"| {run.end_rss / 2**20:.0f} | {run.pss_drift:+.1%} |",
        f"\n### Determinism: {sent} random requests, two servers x {args.workers} workers, "
        f"and again in reverse order: {differing} bodies differed",
    ]


if __name__ == "__main__":
    sys.exit(main())
