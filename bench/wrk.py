"""Drive wrk (Debian's package) over a file of distinct requests and parse its report."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = r"""
local lines = {}
local idx = 0
function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  idx = math.random(#lines)
end
function request()
  idx = idx % #lines + 1
  local method, path, body = lines[idx]:match("^(%S+) (%S+) ?(.*)$")
  if body == "" then body = nil end
  return wrk.format(method, path, nil, body)
end
non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
"""


@dataclass(frozen=True)
class LoadResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    distinct: int


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    base_url: str, lines: list[str], headers: dict[str, str], *, connections: int, seconds: int
) -> LoadResult:
    """``lines`` are ``METHOD PATH [BODY]``; each connection cycles through them."""
    with tempfile.TemporaryDirectory() as tmp:
        script, requests = Path(tmp, "bench.lua"), Path(tmp, "requests.txt")
        script.write_text(LUA)
        requests.write_text("\n".join(lines) + "\n")
        cmd = [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "-s",
            str(script),
        ]
        for name, value in headers.items():
            cmd += ["-H", f"{name}: {value}"]
        cmd += [base_url, "--", str(requests)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return _parse(out, len(set(lines)))


def _parse(out: str, distinct: int) -> LoadResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(g) for g in errors.groups()) if errors else 0
    return LoadResult(
        rps, p50, p99, total, int(non2xx.group(1)) if non2xx else 0, socket_errors, distinct
    )
