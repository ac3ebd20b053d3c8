"""``metrics-mock export``: the world as JSON Lines, one file per entity kind.

A team building a real implementation loads these files and can then be compared with the
mock exactly (the kit's ``--reference`` mode). Rows are written in a fixed order with sorted
keys, so two processes with the same seed write byte-identical files.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mock_server.config import VENDORS, Config
from mock_server.world import build_world


def _rows_of(vendor_world: Any) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
    """A vendor world's tables: ``export_tables()`` when it has one, else its tuples of records."""
    if hasattr(vendor_world, "export_tables"):
        yield from vendor_world.export_tables()
        return
    for field in dataclasses.fields(vendor_world):
        value = getattr(vendor_world, field.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            yield field.name, (dataclasses.asdict(v) for v in value)


def export_world(config: Config, out: Path) -> list[Path]:
    """Write ``<vendor>.<kind>.jsonl`` files into ``out``; return the paths written."""
    world = build_world(config)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    meta = {"seed": world.seed, "now": world.now.isoformat(), "scale": world.scale}
    (out / "world.json").write_text(json.dumps(meta, sort_keys=True) + "\n", encoding="utf-8")
    written.append(out / "world.json")
    for vendor in VENDORS:
        vendor_world = getattr(world, vendor)
        if vendor_world is None:
            continue
        for kind, rows in _rows_of(vendor_world):
            path = out / f"{vendor}.{kind}.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, sort_keys=True, default=str) + "\n")
            written.append(path)
    return written
