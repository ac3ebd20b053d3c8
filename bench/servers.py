"""Start and stop the servers the bench compares, each on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".tools"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float, headers: dict[str, str] | None = None) -> float:
    """Poll ``url`` until it answers (any status); return seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=2):
                return time.perf_counter() - start
        except urllib.error.HTTPError:
            return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


@contextlib.contextmanager
def running(cmd: list[str], ready_url: str, timeout: float = 120) -> Iterator[float]:
    """Run ``cmd`` until the block ends; yield the seconds it took to answer ``ready_url``."""
    with started(cmd, ready_url, timeout) as (_, waited):
        yield waited


@contextlib.contextmanager
def started(cmd: list[str], ready_url: str, timeout: float = 120) -> Iterator[tuple[int, float]]:
    """Like :func:`running`, also yielding the server's pid (for memory readings)."""
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        yield proc.pid, wait_http(ready_url, timeout)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)


def mock_cmd(port: int, scale: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mock_server",
        "serve",
        "--port",
        str(port),
        "--scale",
        scale,
        "--workers",
        str(workers),
        "--now",
        "2026-11-01T00:00:00Z",
    ]


def bare_cmd(port: int, workers: int) -> list[str]:
    code = (
        "from granian import Granian; from granian.constants import Interfaces; "
        f"Granian('bench.bare_app:create_bare_app', port={port}, interface=Interfaces.WSGI, "
        f"workers={workers}, factory=True, log_access=False).serve()"
    )
    return [sys.executable, "-c", code]


def prism_bin() -> Path | None:
    """Prism installed by ``make bench`` under bench/.tools (from the npm registry)."""
    path = TOOLS / "node_modules" / ".bin" / "prism"
    return path if path.exists() else None


def prism_cmd(port: int, spec: Path, dynamic: bool) -> list[str]:
    binary = prism_bin()
    assert binary is not None
    cmd = [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), "--errors", "false", str(spec)]
    if dynamic:
        cmd.insert(2, "-d")
    return [*cmd, "-v", "warn"] if shutil.which("node") else cmd
