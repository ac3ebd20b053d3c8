"""Resident memory of a server and its worker processes, read from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def tree_pids(pid: int) -> list[int]:
    """``pid`` and every descendant of it alive now, ascending."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(_children(current))
    return sorted(found)


def tree_rollup_bytes(pid: int, field: str) -> int:
    """The sum of one smaps_rollup ``field`` (e.g. ``Pss``) over ``pid`` and its descendants."""
    total, prefix = 0, f"{field}:"
    for current in tree_pids(pid):
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith(prefix):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def tree_rss_bytes(pid: int) -> int:
    """Proportional set size (Pss) of ``pid`` and all its descendants.

    Pss splits each shared page between the processes sharing it, so forked workers that
    share the world copy-on-write are not counted once per worker (VmRSS would be).
    """
    return tree_rollup_bytes(pid, "Pss")


def tree_anon_bytes(pid: int) -> int:
    """Anonymous Pss (``Pss_Anon``) of ``pid`` and all its descendants: what the server
    allocated (heaps, thread stacks, the world's arrays), each page counted once.

    Anonymous pages are shared only within the fork tree (copy-on-write), so this sum counts
    the world once however many workers inherit it. The file-backed rest of Pss (the mapped
    code of Python, NumPy, granian: ``Pss_File``) is divided among every process on the
    machine that maps the same files, so it moves when unrelated processes start or stop:
    18.6 to 33.5 MiB within one soak of an otherwise steady server, +-5% of the total.
    Memory drift under load is read from this figure for that reason.
    """
    return tree_rollup_bytes(pid, "Pss_Anon")
