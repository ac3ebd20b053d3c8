"""Cold start and memory per world size: build the app in a fresh process, answer one request.

Each figure comes from its own subprocess so that nothing is shared or warmed: the child
imports the package, builds the world, serves ``GET /_mock/catalog`` and one vendor query
through the WSGI test client, then reports wall time and resident memory (VmRSS).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

CHILD = r"""
import json, time, resource
t0 = time.perf_counter()
from datetime import datetime, UTC
from mock_server import Config, create_app
t_import = time.perf_counter()
app = create_app(Config(seed=42, now=datetime(2026, 11, 1, tzinfo=UTC), scale=SCALE))
t_built = time.perf_counter()
client = app.test_client()
catalog = client.get("/_mock/catalog").get_json()
token = catalog["later"]["clients"][0]["token"]
url = "/v2/instances/performance?startDate=2026-01-01&endDate=2026-10-31&metrics=engagements"
r = client.get(url, headers={"Authorization": "Bearer " + token})
t_first = time.perf_counter()
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) * 1024
print(json.dumps({"import_s": t_import - t0, "build_s": t_built - t_import,
                  "first_answer_s": t_first - t0, "status": r.status_code, "rss_bytes": rss}))
"""


@dataclass(frozen=True)
class ColdStart:
    scale: str
    import_s: float
    build_s: float
    first_answer_s: float
    status: int
    rss_bytes: int


def measure(scale: str) -> ColdStart:
    """Run the child for ``scale`` and parse its one JSON line."""
    code = CHILD.replace("SCALE", repr(scale))
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=600
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return ColdStart(scale=scale, **data)


def serve_cold_start(scale: str, workers: int) -> tuple[float, int]:
    """``metrics-mock serve`` from process start to a 200 from the catalog (built from the
    world, so every worker has built it); and the server tree's resident memory then."""
    import urllib.request

    from bench.procs import tree_rss_bytes
    from bench.servers import free_port, mock_cmd, started

    port = free_port()
    url = f"http://127.0.0.1:{port}/_mock/catalog"
    with started(mock_cmd(port, scale, workers), url, timeout=600) as (pid, waited):
        for _ in range(workers * 4):  # reach every worker
            urllib.request.urlopen(url, timeout=60).read()
        return waited, tree_rss_bytes(pid)
