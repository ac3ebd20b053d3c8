"""Hand-written worlds in YAML that replace or extend the generated one (``--fixtures``).

A fixture file looks like::

    mode: replace          # or "extend" (default): add to the generated world
    later:   {...}         # each vendor's section is parsed by that vendor's generator
    layers:  {...}
    buffer:  {...}

Problems are reported as :class:`FixtureError` naming the file, the entry and the problem,
so the CLI can print one line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

VENDOR_SECTIONS = ("layers", "later", "buffer")


class FixtureError(ValueError):
    """A fixture file that cannot be used, with where and why."""

    def __init__(self, source: str, entry: str, problem: str) -> None:
        super().__init__(f"{source}: {entry}: {problem}")
        self.source = source
        self.entry = entry
        self.problem = problem


@dataclass(frozen=True)
class VendorFixture:
    """One file's section for one vendor."""

    source: str
    section: Mapping[str, Any]


@dataclass(frozen=True)
class FixtureSet:
    """All fixture files, grouped by vendor. ``replace`` drops the generated world."""

    replace: bool
    sections: Mapping[str, tuple[VendorFixture, ...]]

    def for_vendor(self, vendor: str) -> tuple[VendorFixture, ...]:
        return self.sections.get(vendor, ())


EMPTY = FixtureSet(replace=False, sections={})


def load_fixtures(paths: Sequence[Path]) -> FixtureSet:
    """Read fixture files (a directory means every ``*.yaml`` in it, sorted by name)."""
    files = [f for p in paths for f in _expand(p)]
    if not files:
        return EMPTY
    replace = False
    sections: dict[str, list[VendorFixture]] = {v: [] for v in VENDOR_SECTIONS}
    for path in files:
        document = _read(path)
        mode = document.get("mode", "extend")
        if mode not in ("replace", "extend"):
            raise FixtureError(str(path), "mode", f"must be 'replace' or 'extend', not {mode!r}")
        replace = replace or mode == "replace"
        for key in document:
            if key != "mode" and key not in VENDOR_SECTIONS:
                raise FixtureError(str(path), key, "unknown section; use layers, later or buffer")
        for vendor in VENDOR_SECTIONS:
            if vendor in document:
                section = document[vendor]
                if not isinstance(section, dict):
                    raise FixtureError(str(path), vendor, "must be a mapping")
                sections[vendor].append(VendorFixture(str(path), section))
    return FixtureSet(replace, {k: tuple(v) for k, v in sections.items() if v})


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.yaml"))
    if not path.exists():
        raise FixtureError(str(path), "(file)", "no such file or directory")
    return [path]


def _read(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FixtureError(str(path), "(file)", f"not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(str(path), "(file)", f"cannot be read: {exc}") from None
    if not isinstance(document, dict):
        raise FixtureError(str(path), "(file)", "top level must be a mapping")
    return document


def require(source: str, entry: str, row: Mapping[str, Any], key: str, kind: type) -> Any:
    """``row[key]`` checked to be a ``kind``; a FixtureError naming it otherwise."""
    if key not in row:
        raise FixtureError(source, entry, f"missing required field '{key}'")
    value = row[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise FixtureError(source, entry, f"'{key}' must be {kind.__name__}, got {value!r}")
    return value


@dataclass(frozen=True)
class Where:
    """Which file and entry a record came from, for FixtureError."""

    source: str
    entry: str

    def error(self, problem: str) -> FixtureError:
        return FixtureError(self.source, self.entry, problem)

    def unknown_fields(self, row: Mapping[str, Any], allowed: set[str]) -> None:
        """Refuse fields outside ``allowed``, naming them and what is allowed."""
        extra = sorted(str(k) for k in set(row) - allowed)
        if extra:
            raise self.error(
                f"unknown field(s) {', '.join(extra)}; allowed: {', '.join(sorted(allowed))}"
            )


def walk_tables(
    sections: tuple[VendorFixture, ...],
    vendor: str,
    parsers: Mapping[str, Callable[[Mapping[str, Any], Where], None]],
) -> None:
    """Call ``parsers[table](row, where)`` for every row of every vendor section, in file and
    table order (the order of ``parsers``); unknown tables, non-list tables and non-mapping
    rows are FixtureErrors. An empty table (``posts:`` with nothing under it) is no rows."""
    for section in sections:
        for table in section.section:
            if table not in parsers:
                raise FixtureError(
                    section.source, f"{vendor}.{table}", f"unknown table; use {', '.join(parsers)}"
                )
        for table, parse in parsers.items():
            rows = section.section.get(table) or []
            if not isinstance(rows, list):
                raise FixtureError(section.source, f"{vendor}.{table}", "must be a list")
            for index, row in enumerate(rows):
                where = Where(section.source, f"{vendor}.{table}[{index}]")
                if not isinstance(row, dict):
                    raise where.error("must be a mapping")
                parse(row, where)
