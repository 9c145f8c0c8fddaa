"""Caches keyed by the identity of objects: a checklist's layout, a result part shared between results, the
JSON of a part. Objects of these kinds are immutable but costly to hash, so their ``id()`` is the key.

The lifetime rule that makes ``id()`` safe: an entry holds the objects of its key, so while the entry exists
none of them is freed, and no other object can be given their ids — a key of ids names exactly those objects,
never a later object at a freed address. A cache is bounded: when full, it is emptied, and the next uses fill
it again (a value is a pure function of its key, so a miss costs time, never a wrong answer).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityCache(Generic[V]):
    """Values by the identity of one or two objects and, optionally, plain values (``extra``) that complete the
    key. (Two at most: what scoring needs, and a key built without a loop — these lookups are per item.)"""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[tuple[int, int, Hashable], tuple[object, object, V]] = {}

    def get(self, first: object, second: object = None, extra: Hashable = None) -> V | None:
        entry = self._entries.get((id(first), id(second), extra))
        return None if entry is None else entry[2]

    def put(self, value: V, first: object, second: object = None, extra: Hashable = None) -> V:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        # Holding first and second is what keeps their ids theirs for as long as the entry exists.
        self._entries[(id(first), id(second), extra)] = (first, second, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
