"""Derived tables: built once per (owner, key), shared, dropped with their owner."""

from __future__ import annotations

import gc
import threading
import time

from mock_server.world.derived import Derived


class Owner:
    """A stand-in for a world object (weak-referenceable)."""


def test_a_table_is_built_once_per_owner_and_key() -> None:
    derived: Derived[list[str]] = Derived()
    calls: list[str] = []

    def build(key: str) -> list[str]:
        calls.append(key)
        return [key]

    a, b = Owner(), Owner()
    first = derived.get(a, "x", lambda: build("x"))
    assert derived.get(a, "x", lambda: build("again")) is first
    assert derived.get(a, "y", lambda: build("y")) == ["y"]
    assert derived.get(b, "x", lambda: build("x of b")) == ["x of b"]
    assert calls == ["x", "y", "x of b"]


def test_threads_asking_at_once_share_one_build() -> None:
    derived: Derived[object] = Derived()
    owner, built = Owner(), []

    def build() -> object:
        time.sleep(0.05)  # long enough for every thread to ask while it runs
        built.append(object())
        return built[-1]

    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(derived.get(owner, 1, build)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert all(result is built[0] for result in results)


def test_an_owners_tables_go_when_it_does() -> None:
    derived: Derived[str] = Derived()
    owner = Owner()
    derived.get(owner, "k", lambda: "table")
    assert len(derived._built) == 1
    del owner
    gc.collect()
    assert derived._built == {}
