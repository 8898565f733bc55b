"""How many items may be in flight: an adaptive cap that backs off when the server is full.

A server refuses work it has no room for (RESOURCE_EXHAUSTED) rather than queueing it. A batch
that keeps ``--concurrency`` items in flight against a smaller server would spend its time in
retry back-offs, so the cap follows the server instead, as TCP's congestion window follows the
network: halve it when the server refuses an item (at most once per round of items in flight),
grow it by one item per round of successes, never above ``--concurrency`` nor below one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

#: Share of the cap kept when the server refuses an item (multiplicative decrease).
BACKOFF_FACTOR = 0.5


class AdaptiveLimit:
    """An asyncio cap on concurrent attempts between 1 and ``ceiling`` (AIMD)."""

    def __init__(self, ceiling: int) -> None:
        if ceiling < 1:
            raise ValueError("ceiling must be at least 1")
        self.ceiling = ceiling
        self._limit = float(ceiling)
        self._in_flight = 0
        #: Attempts that must finish before the next refusal may shrink the cap again.
        self._grace = 0
        self._changed = asyncio.Condition()

    @property
    def limit(self) -> int:
        """The current cap on attempts in flight."""
        return max(1, int(self._limit))

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one place for the duration of an attempt."""
        async with self._changed:
            await self._changed.wait_for(lambda: self._in_flight < self.limit)
            self._in_flight += 1
        try:
            yield
        finally:
            async with self._changed:
                self._in_flight -= 1
                self._grace = max(0, self._grace - 1)
                self._changed.notify_all()

    def refused(self) -> None:
        """The server refused an attempt as busy: halve the cap (once per round in flight)."""
        if self._grace:
            return  # attempts sent under the old cap are still coming back refused
        self._limit = max(1.0, self._limit * BACKOFF_FACTOR)
        self._grace = self._in_flight

    def succeeded(self) -> None:
        """An attempt went through: grow the cap by one item per round of successes."""
        self._limit = min(float(self.ceiling), self._limit + 1.0 / self._limit)
