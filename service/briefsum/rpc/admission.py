"""Admission control: bounded concurrency and a bounded queue; excess work is refused at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from briefsum.errors import Overloaded

#: Suggested client back-off when the queue is full (sent as google.rpc.RetryInfo).
RETRY_AFTER_SECONDS = 0.2
#: Trailing metadata of a successful unary call: the server's :attr:`Admission.capacity`, so that a
#: client keeps at most that many calls in flight instead of learning it from refusals.
CAPACITY_METADATA = "briefsum-capacity"


class Admission:
    """At most ``capacity`` requests are admitted, of which ``running`` at once; the rest are refused.

    Refusing immediately (RESOURCE_EXHAUSTED with a retry delay) keeps latency bounded under
    overload, instead of an unbounded queue where every request eventually times out. Items of a
    stream are the exception: they wait (``wait=True``), because a stream is already bounded by its
    own window, and a batch client can do nothing better with a refusal than send the item again.
    """

    def __init__(self, running: int, capacity: int) -> None:
        self._running = asyncio.Semaphore(running)
        self._capacity = capacity
        self._admitted = 0

    @property
    def capacity(self) -> int:
        """Requests admitted at most (running or queued) before the next one is refused."""
        return self._capacity

    def refuse_if_full(self) -> None:
        """Raise :class:`Overloaded` now if :meth:`slot` would refuse (shed load before any other work)."""
        if self._admitted >= self._capacity:
            raise Overloaded(f"server busy: {self._admitted} requests running or queued", RETRY_AFTER_SECONDS)

    @property
    def admitted(self) -> int:
        """Requests running or waiting."""
        return self._admitted

    @asynccontextmanager
    async def slot(self, *, wait: bool = False) -> AsyncIterator[None]:
        """Hold a running slot for the duration of the block.

        When all slots and the queue are taken, raise :class:`Overloaded`, or with ``wait`` queue up
        anyway (the caller bounds how many it queues).
        """
        if not wait:
            self.refuse_if_full()
        self._admitted += 1
        try:
            async with self._running:
                yield
        finally:
            self._admitted -= 1
