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
  local method, path, token, body = lines[idx]:match("^(%S+) (%S+) (%S+) ?(.*)$")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
  if body == "" then body = nil else headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end
"""
# No Lua ``response()``: wrk counts non-2xx/3xx answers itself ("Non-2xx or 3xx responses",
# read by _parse), and defining that function makes wrk copy every body into Lua, which
# cost the shared machine's CPU in proportion to the body size (5-15% of a row's figure).


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
    """wrk's latency (``614.00us``, ``1.07s``); NaN when it measured nothing (``-nan``)."""
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if match is None:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    base_url: str, lines: list[str], headers: dict[str, str], *, connections: int, seconds: int
) -> LoadResult:
    """``lines`` are ``METHOD PATH [BODY]``; each connection cycles through them.

    An ``Authorization: Bearer T`` in ``headers`` is sent per line, so lines of several
    vendors (each with its own token) can be mixed with :func:`mix_lines`.
    """
    token = headers.get("Authorization", "Bearer -").removeprefix("Bearer ")
    headers = {k: v for k, v in headers.items() if k not in ("Authorization", "Content-Type")}
    return run_mixed(
        base_url,
        [_with_token(line, token) for line in lines],
        headers,
        connections=connections,
        seconds=seconds,
    )


def _with_token(line: str, token: str) -> str:
    method, path, *body = line.split(" ", 2)
    return " ".join([method, path, token, *body])


def mix_lines(workloads: list[tuple[list[str], dict[str, str]]]) -> list[str]:
    """Interleave several workloads' lines, each carrying its own token."""
    tagged = [
        [_with_token(line, headers["Authorization"].removeprefix("Bearer ")) for line in lines]
        for lines, headers in workloads
    ]
    return [line for group in zip(*tagged, strict=False) for line in group]


def run_mixed(
    base_url: str, lines: list[str], headers: dict[str, str], *, connections: int, seconds: int
) -> LoadResult:
    """``lines`` are ``METHOD PATH TOKEN [BODY]`` (TOKEN ``-`` for none)."""
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
    # Anchored: "72.50%" in the thread stats must not pass for the 50th percentile.
    p50_line = re.search(r"^\s*50%\s+(\S+)", out, re.MULTILINE)
    p99_line = re.search(r"^\s*99%\s+(\S+)", out, re.MULTILINE)
    p50 = _ms(p50_line.group(1)) if p50_line else float("nan")
    p99 = _ms(p99_line.group(1)) if p99_line else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(g) for g in errors.groups()) if errors else 0
    return LoadResult(
        rps, p50, p99, total, int(non2xx.group(1)) if non2xx else 0, socket_errors, distinct
    )
