"""Where a request's CPU goes under load: the server's processes and the load generator's.

``python -m bench.cpu [--scale large] [--seconds 5] [WORKLOAD ...]`` starts ``serve`` (2
workers) and bare Flask, loads each with wrk at concurrency 8 over the bench's distinct
requests (bench/queries.py), and prints per request: the CPU time of the server's process
tree (read from /proc before and after) and wrk's (its children's times). On 2 cores shared
by both, ``2 s / req/s`` is what a request may cost in all; comparing a workload's server
figure with bare Flask's shows how far it is from the stack's ceiling, independently of how
busy the shared machine is while the throughput figures are taken.
"""

from __future__ import annotations

import argparse
import json
import os
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from bench.procs import tree_pids
from bench.queries import WORKLOADS
from bench.servers import bare_cmd, free_port, mock_cmd, started
from bench.wrk import LoadResult, run_wrk

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def tree_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds so far of ``pid`` and each of its descendants."""
    out: dict[int, float] = {}
    for current in tree_pids(pid):
        try:
            out[current] = _cpu_seconds(current)
        except OSError:
            continue
    return out


def measured(
    pid: int, base: str, lines: Sequence[str], headers: dict[str, str], seconds: int
) -> tuple[LoadResult, float, float]:
    """One load run: its result and the server's and wrk's CPU microseconds per request."""
    before, own = tree_cpu_seconds(pid), os.times()
    result = run_wrk(base, list(lines), headers, connections=8, seconds=seconds)
    after, done = tree_cpu_seconds(pid), os.times()
    server = sum(after[p] - before.get(p, 0.0) for p in after)
    wrk = (done.children_user + done.children_system) - (own.children_user + own.children_system)
    count = max(result.requests, 1)
    return result, server / count * 1e6, wrk / count * 1e6


def _report(name: str, result: LoadResult, server_us: float, wrk_us: float) -> str:
    return (
        f"| {name} | {result.requests_per_s:,.0f} | {server_us:.0f} | {wrk_us:.0f} | "
        f"{2e6 / max(result.requests_per_s, 1):.0f} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__)
    parser.add_argument("workloads", nargs="*", default=["later posts (50, sorted)"])
    parser.add_argument("--scale", default="large")
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args(argv)
    print("| workload | req/s | server CPU us/req | wrk CPU us/req | 2 cores, us/req |")
    print("|---|---|---|---|---|")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with started(bare_cmd(port, 2), f"{base}/x") as (pid, _):
        lines = [f"GET /x/{i}" for i in range(3000)]
        run_wrk(base, lines, {}, connections=8, seconds=2)  # warm-up
        print(_report("bare Flask constant JSON", *measured(pid, base, lines, {}, args.seconds)))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with started(mock_cmd(port, args.scale, 2), f"{base}/_mock/health", 600) as (pid, _):
        catalog = json.load(urllib.request.urlopen(f"{base}/_mock/catalog"))
        for name in args.workloads:
            lines, headers = WORKLOADS[name](catalog, 3000)
            run_wrk(base, lines, headers, connections=8, seconds=2)  # warm-up
            print(_report(f"mock: {name}", *measured(pid, base, lines, headers, args.seconds)))


if __name__ == "__main__":
    main()
