"""Tables derived from a live, read-only world object, built once per object and key.

A world never changes once built, so a table computed from it (every post in one sort
order, every post's link parts, every post's metrics as of the clock) is computed once and
shared by every request of the process. :class:`Derived` keeps them per owner (by ``id``,
dropped when the owner is collected) and key; the first request that needs one builds it
under a lock while any other waits, so neither the thread nor the first request changes
what is built. ``serve`` builds them before its workers fork (:func:`.serving.prepare`),
so the workers share one copy-on-write.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Derived(Generic[T]):
    """The tables of one kind: :meth:`get` builds one on first use per (owner, key)."""

    def __init__(self) -> None:
        self._built: dict[tuple[int, Hashable], T] = {}
        self._lock = threading.Lock()

    def get(self, owner: object, key: Hashable, build: Callable[[], T]) -> T:
        """The table of ``owner`` and ``key``: ``build()`` the first time (it must be a
        pure function of them), the same object afterwards while ``owner`` lives."""
        found = self._built.get((id(owner), key))
        if found is not None:
            return found
        with self._lock:
            slot = (id(owner), key)
            if slot not in self._built:
                self._built[slot] = build()
                weakref.finalize(owner, self._built.pop, slot, None)
            return self._built[slot]
