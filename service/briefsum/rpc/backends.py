"""Where the pipeline runs: worker processes (production) or threads of the server process.

Both backends take a validated ``SummarizeRequest`` and a deadline and return the response or raise
an error that :mod:`briefsum.rpc.status` maps. Only :class:`ProcessBackend` can stop a hung stage
(by killing its worker); :class:`ThreadBackend` serves tests, embedding and ``--workers 0``.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from google.rpc import status_pb2

from briefsum.engine import Engine
from briefsum.errors import Cancelled, DeadlineExceeded
from briefsum.rpc import convert
from briefsum.rpc.status import StatusError
from briefsum.serving.pool import WorkerPool
from briefsum.v1 import briefsum_pb2 as pb


class Backend(Protocol):
    """Runs requests; see the module docstring."""

    async def summarize(self, request: pb.SummarizeRequest, deadline: float) -> pb.SummarizeResponse:
        """Summarize ``request`` before the :func:`time.monotonic` ``deadline``."""

    def plugins(self) -> pb.ListPluginsResponse:
        """The plugin report."""

    async def close(self) -> None:
        """Release threads or processes (after the server stopped)."""


class _Stop:
    """Checkpoint between stages: stops work whose client cancelled or whose deadline passed."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.cancelled = threading.Event()

    def __call__(self) -> None:
        if self.cancelled.is_set():
            raise Cancelled("the client cancelled the request")
        if time.monotonic() > self.deadline:
            raise DeadlineExceeded("the deadline passed before the pipeline finished")


class ThreadBackend:
    """The pipeline in a thread pool of the server process (one GIL: one core's worth of work)."""

    def __init__(self, engine: Engine, threads: int) -> None:
        self._engine = engine
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="briefsum")
        self._plugins = convert.plugins_response(engine.report())

    async def summarize(self, request: pb.SummarizeRequest, deadline: float) -> pb.SummarizeResponse:
        """Run the pipeline in a worker thread, checking cancellation and deadline between stages."""
        options = convert.options_from_request(request)
        stop = _Stop(deadline)
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # the request id reaches log lines written in the thread
        try:
            result = await loop.run_in_executor(
                self._executor, context.run, self._engine.summarize, request.text, options, stop
            )
        except asyncio.CancelledError:
            stop.cancelled.set()  # let the worker thread stop at the next stage boundary
            raise
        return convert.response_from_result(request.id, result)

    def plugins(self) -> pb.ListPluginsResponse:
        """The engine's plugin report."""
        return self._plugins

    async def close(self) -> None:
        """Stop the threads (running work is abandoned at its next stage boundary)."""
        self._executor.shutdown(wait=False, cancel_futures=True)


class ProcessBackend:
    """The pipeline in a :class:`~briefsum.serving.pool.WorkerPool` (one request per worker)."""

    def __init__(self, pool: WorkerPool) -> None:
        self._pool = pool
        self._plugins = pb.ListPluginsResponse.FromString(pool.info)

    async def summarize(self, request: pb.SummarizeRequest, deadline: float) -> pb.SummarizeResponse:
        """Send the request to an idle worker; its error status comes back as :class:`StatusError`."""
        ok, reply = await self._pool.run(request.SerializeToString(), deadline)
        if not ok:
            raise StatusError(status_pb2.Status.FromString(reply))
        return pb.SummarizeResponse.FromString(reply)

    def plugins(self) -> pb.ListPluginsResponse:
        """The plugin report of the first worker (all workers load the same plugins)."""
        return self._plugins

    async def close(self) -> None:
        """Stop the worker processes."""
        await self._pool.close()
