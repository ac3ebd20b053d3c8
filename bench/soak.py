"""Load: a mix of every endpoint at concurrency 64; errors, non-2xx and memory drift.

Memory is the resident size of the server and its workers, read after a warm-up run and
again at the end; the issue's bar is 0 errors, 0 non-2xx for valid requests and the end
within 5% of the warm-up figure. The drift is that of the anonymous memory (heaps, stacks,
the world), which is the server's own; the total Pss is reported too, but its file-backed
part moves with unrelated processes on the machine (see bench/procs.py).
"""

from __future__ import annotations

import contextlib
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bench.procs import tree_anon_bytes, tree_rss_bytes
from bench.queries import WORKLOADS
from bench.servers import free_port, mock_cmd, started
from bench.wrk import LoadResult, mix_lines, run_mixed


@dataclass(frozen=True)
class Soak:
    warm_rss: int
    end_rss: int
    result: LoadResult
    warm_anon: int
    end_anon: int

    @property
    def drift(self) -> float:
        """Drift of the anonymous memory, the bar's figure."""
        return (self.end_anon - self.warm_anon) / self.warm_anon

    @property
    def pss_drift(self) -> float:
        """Drift of the whole Pss, file-backed pages included (noisier, for reference)."""
        return (self.end_rss - self.warm_rss) / self.warm_rss


def soak(scale: str, seconds: int, warmup: int, workers: int, count: int) -> Soak:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with started(mock_cmd(port, scale, workers), f"{base}/_mock/health", timeout=300) as (pid, _):
        from bench.__main__ import _catalog

        catalog = _catalog(base)
        lines = mix_lines([build(catalog, count) for build in WORKLOADS.values()])
        prime(base, lines)
        run_mixed(base, lines, {}, connections=64, seconds=warmup)
        warm, warm_anon = tree_rss_bytes(pid), tree_anon_bytes(pid)
        result = run_mixed(base, lines, {}, connections=64, seconds=seconds)
        end, end_anon = tree_rss_bytes(pid), tree_anon_bytes(pid)
    return Soak(warm, end, result, warm_anon, end_anon)


def prime(base: str, lines: list[str], threads: int = 16) -> None:
    """Send every distinct request of the mix once, before the timed warm-up.

    The server's bounded memos (the spec gate remembers requests that passed, up to 10k per
    vendor and worker, about 0.8 KiB each) fill as new requests arrive; wrk's random start
    and sequential walk leave about a quarter of a 12k-line mix unseen after 30 s, so without
    this pass the memos were still filling during the measured minute, which is growth up to
    a bound, not drift."""
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda line: _send(base, line), dict.fromkeys(lines)))


def _send(base: str, line: str) -> None:
    method, path, token, *body = line.split(" ", 3)
    headers = {} if token == "-" else {"Authorization": f"Bearer {token}"}
    data = body[0].encode() if body else None
    if data is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=60) as answer:
        answer.read()
