"""Determinism under workers: random requests answered by two separately started servers
(each with several workers) must give byte-identical bodies, request for request."""

from __future__ import annotations

import hashlib
import json
import random
import urllib.request
from urllib.error import HTTPError

from bench.queries import WORKLOADS
from bench.servers import free_port, mock_cmd, running


def _fetch(base: str, line: str, headers: dict[str, str]) -> tuple[int, bytes]:
    method, path, *body = line.split(" ", 2)
    data = body[0].encode() if body else None
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def _answers(base: str, requests: list[tuple[str, dict[str, str]]]) -> list[str]:
    out = []
    for line, headers in requests:
        status, body = _fetch(base, line, headers)
        out.append(f"{status}:{hashlib.sha256(body).hexdigest()}")
    return out


def compare(scale: str, count: int, workers: int, seed: int = 7) -> tuple[int, int]:
    """(requests sent to each server, how many bodies differed)."""
    ports = [free_port(), free_port()]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    with running(mock_cmd(ports[0], scale, workers), f"{bases[0]}/_mock/health", timeout=300):
        with running(mock_cmd(ports[1], scale, workers), f"{bases[1]}/_mock/health", timeout=300):
            with urllib.request.urlopen(f"{bases[0]}/_mock/catalog") as response:
                catalog = json.load(response)
            pool = [
                (line, headers)
                for build in WORKLOADS.values()
                for lines, headers in [build(catalog, count)]
                for line in lines
            ]
            picked = random.Random(seed).sample(pool, count)
            first, second = _answers(bases[0], picked), _answers(bases[1], picked)
            again = _answers(bases[0], list(reversed(picked)))[::-1]
    differing = sum(a != b or a != c for a, b, c in zip(first, second, again, strict=True))
    return count, differing
