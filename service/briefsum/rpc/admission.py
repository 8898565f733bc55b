"""Admission control: bounded concurrency and a bounded queue; excess work is refused at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from briefsum.errors import Overloaded

#: Suggested client back-off when the queue is full (sent as google.rpc.RetryInfo).
RETRY_AFTER_SECONDS = 0.2


class Admission:
    """At most ``concurrency`` requests run; at most ``queue`` more wait; the rest are refused.

    Refusing immediately (RESOURCE_EXHAUSTED with a retry delay) keeps latency bounded under
    overload, instead of an unbounded queue where every request eventually times out.
    """

    def __init__(self, concurrency: int, queue: int) -> None:
        self._running = asyncio.Semaphore(concurrency)
        self._capacity = concurrency + queue
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Requests running or waiting."""
        return self._admitted

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a running slot for the duration of the block; raise :class:`Overloaded` if full."""
        if self._admitted >= self._capacity:
            raise Overloaded(f"server busy: {self._admitted} requests running or queued", RETRY_AFTER_SECONDS)
        self._admitted += 1
        try:
            async with self._running:
                yield
        finally:
            self._admitted -= 1
