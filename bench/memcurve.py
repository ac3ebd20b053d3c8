"""Memory curve of the load test: per-process smaps_rollup figures sampled during the soak.

A diagnostic, not part of ``make bench``: ``python -m bench.memcurve [--scale S] [--seconds N]
[--warmup N] [--every S] [--out FILE.jsonl] [--env NAME=VALUE]`` starts ``metrics-mock serve``
like the soak does (``--env`` adds to the server's environment), runs the same mix, and
prints one line per sample: seconds since the load began, the tree's Pss, then for each
process its Rss/Pss/Private_Dirty (MiB) and thread count; at the end the drift of Pss and of
anonymous Pss. Shows whether memory grows linearly, in steps or plateaus, and where.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.procs import tree_pids
from bench.queries import WORKLOADS
from bench.servers import ROOT, free_port, mock_cmd, wait_http
from bench.wrk import mix_lines, run_mixed

FIELDS = ("Rss", "Pss", "Pss_Anon", "Pss_File", "Private_Dirty", "Shared_Clean", "Anonymous")


def rollup(pid: int) -> dict[str, int]:
    """smaps_rollup of ``pid`` in KiB (empty when the process is gone)."""
    out: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in FIELDS:
            out[name] = int(rest.split()[0])
    return out


def threads(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


def sample(pid: int) -> dict[str, dict[str, int]]:
    return {str(p): {**rollup(p), "threads": threads(p)} for p in tree_pids(pid)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memcurve")
    parser.add_argument("--scale", default="default")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=3.0)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.update(dict(item.split("=", 1) for item in args.env))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        mock_cmd(port, args.scale, args.workers),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    samples: list[dict[str, object]] = []
    try:
        wait_http(f"{base}/_mock/health", 300)
        from bench.__main__ import _catalog

        lines = mix_lines([build(_catalog(base), args.count) for build in WORKLOADS.values()])
        t0 = time.perf_counter()
        stop = threading.Event()

        def take(mark: str = "") -> None:
            entry: dict[str, object] = {"t": round(time.perf_counter() - t0, 1)}
            if mark:
                entry["mark"] = mark
            samples.append({**entry, "procs": sample(proc.pid)})

        def sampler() -> None:
            while not stop.is_set():
                take()
                stop.wait(args.every)

        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
        take("start")
        run_mixed(base, lines, {}, connections=64, seconds=args.warmup)
        take("warm")
        result = run_mixed(base, lines, {}, connections=64, seconds=args.seconds)
        take("end")
        stop.set()
        thread.join()
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
    samples.sort(key=lambda s: float(s["t"]))  # type: ignore[arg-type]
    for s in samples:
        procs: dict[str, dict[str, int]] = s["procs"]  # type: ignore[assignment]
        cells = " ".join(
            f"{p}:{v.get('Rss', 0) / 1024:.0f}/{v.get('Pss', 0) / 1024:.0f}"
            f"/{v.get('Private_Dirty', 0) / 1024:.0f}/t{v.get('threads', 0)}"
            for p, v in procs.items()
        )
        total = sum(v.get("Pss", 0) for v in procs.values()) / 1024
        print(f"{s['t']:6.1f} {s.get('mark', ''):5} pss={total:7.1f} | {cells}")
    marks = {s["mark"]: s for s in samples if "mark" in s}

    def pss(s: dict[str, object], field: str = "Pss") -> int:
        return sum(v.get(field, 0) for v in s["procs"].values())  # type: ignore[attr-defined]

    warm, end = pss(marks["warm"]), pss(marks["end"])
    anon_warm, anon_end = pss(marks["warm"], "Pss_Anon"), pss(marks["end"], "Pss_Anon")
    print(
        f"anon warm={anon_warm / 1024:.1f}MiB end={anon_end / 1024:.1f}MiB "
        f"drift={(anon_end - anon_warm) / anon_warm:+.2%}"
    )
    print(
        f"requests={result.requests} rps={result.requests_per_s:.0f} "
        f"p50={result.p50_ms:.1f}ms p99={result.p99_ms:.1f}ms non2xx={result.non_2xx} "
        f"errors={result.socket_errors} warm={warm / 1024:.1f}MiB end={end / 1024:.1f}MiB "
        f"drift={(end - warm) / warm:+.2%}",
        flush=True,
    )
    if args.out:
        args.out.write_text("\n".join(json.dumps(s) for s in samples) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
