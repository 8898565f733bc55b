"""A per-thread memo for work that several stages of one request need: computed once, handed on.

A request's stages run one after another in one thread and pass the same objects along (the
request text, an article's token tuple), so a value derived from those objects can be remembered
by their identity. The memo keeps the objects alive, so an identity cannot be reused while its entry
exists. It is a pure cache: a miss (another thread, an evicted entry) only costs time.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class RequestMemo(Generic[V]):
    """The last ``size`` values per thread, keyed by the identity of objects plus an equal-compared part."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._local = threading.local()

    def get(self, objects: tuple[object, ...], extra: Hashable, compute: Callable[[], V]) -> V:
        """The value for ``objects`` (by identity) and ``extra`` (by equality), computed on a miss."""
        entries: list[tuple[tuple[object, ...], Hashable, V]] = self._local.__dict__.setdefault("entries", [])
        for known, known_extra, value in entries:
            if known_extra == extra and len(known) == len(objects) and all(map(operator.is_, known, objects)):
                return value
        value = compute()
        entries.insert(0, (objects, extra, value))
        del entries[self._size :]
        return value
