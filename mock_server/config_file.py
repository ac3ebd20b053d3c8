"""``metrics-mock serve --config FILE``: the serve options in a TOML file.

The file carries what the flags carry, under the same names with ``_`` for ``-`` (flat,
no tables); a flag given on the command line wins over the file. Fixture paths are taken
relative to the file's directory, so a config next to its fixtures works from anywhere::

    host = "0.0.0.0"
    port = 8080
    seed = 7
    now = "2026-04-18T00:00:00Z"
    scale = "default"
    fixtures = ["fixtures/demo.yaml"]
    api = ["later"]
    cors_origins = ["http://localhost:5173"]
    latency_ms = 150
    rate_limits = true
    log_requests = true
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mock_server.config import parse_now


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "host": (lambda v: isinstance(v, str), "a string"),
    "port": (_is_int, "an integer"),
    "workers": (_is_int, "an integer"),
    "seed": (_is_int, "an integer"),
    "now": (lambda v: isinstance(v, str), 'an ISO 8601 string like "2026-04-18T00:00:00Z"'),
    "scale": (lambda v: isinstance(v, str), "a string"),
    "fixtures": (_is_str_list, "a list of paths"),
    "api": (_is_str_list, 'a list of vendor names like ["later"]'),
    "debug": (lambda v: isinstance(v, bool), "true or false"),
    "cors_origins": (_is_str_list, 'a list of origins like ["http://localhost:5173"]'),
    "latency_ms": (_is_int, "an integer (milliseconds)"),
    "rate_limits": (lambda v: isinstance(v, bool), "true or false"),
    "log_requests": (lambda v: isinstance(v, bool), "true or false"),
}
"""Every key the file may hold, with its type check and how to say what is expected."""


def load_config_file(path: Path) -> dict[str, Any]:
    """The file's options, checked, keyed like the parsed flags; ValueError if malformed."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ValueError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"config file {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(CHECKS))
    if unknown:
        raise ValueError(
            f"config file {path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(CHECKS)}"
        )
    for key, value in data.items():
        check, expected = CHECKS[key]
        if not check(value):
            raise ValueError(f"config file {path}: '{key}' must be {expected}, got {value!r}")
    if "fixtures" in data:
        data["fixtures"] = [path.parent / p for p in data["fixtures"]]
    if "now" in data:
        try:
            data["now"] = parse_now(data["now"])
        except ValueError:
            raise ValueError(
                f"config file {path}: 'now' is not ISO 8601: {data['now']!r}"
            ) from None
    return data
