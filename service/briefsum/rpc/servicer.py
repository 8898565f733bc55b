"""The ``briefsum.v1.Briefsum`` service: requests in, pipeline off the event loop, responses out."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from typing import Any

import grpc

from briefsum.engine import Engine
from briefsum.errors import Cancelled, DeadlineExceeded
from briefsum.model import SummarizeResult
from briefsum.options import SummarizeOptions
from briefsum.rpc import convert
from briefsum.rpc.admission import Admission
from briefsum.rpc.status import to_grpc_status, to_rpc_status
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

logger = logging.getLogger(__name__)

#: The servicer context; the stubs' generic parameters add nothing here.
Context = grpc.aio.ServicerContext[Any, Any]


class _Stop:
    """Checkpoint between stages: stops work whose client cancelled or whose deadline passed."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.cancelled = threading.Event()

    def __call__(self) -> None:
        if self.cancelled.is_set():
            raise Cancelled("the client cancelled the request")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlineExceeded("the deadline passed before the pipeline finished")


def _deadline(context: Context) -> float | None:
    remaining = context.time_remaining()
    return None if remaining is None else time.monotonic() + remaining


class BriefsumServicer(pb_grpc.BriefsumServicer):
    """Serves Summarize, SummarizeStream and ListPlugins from an :class:`Engine`.

    The engine is attached after warm-up (:meth:`attach`); until then calls get UNAVAILABLE.
    """

    def __init__(self, executor: Executor, admission: Admission, stream_window: int) -> None:
        self._engine: Engine | None = None
        self._executor = executor
        self._admission = admission
        self._stream_window = stream_window

    def attach(self, engine: Engine) -> None:
        """Start serving with ``engine`` (called once its stages are warmed up)."""
        self._engine = engine

    async def _require_engine(self, context: Context) -> Engine:
        if self._engine is None:
            await context.abort(grpc.StatusCode.UNAVAILABLE, "the service is warming up; retry in a few seconds")
        assert self._engine is not None  # abort() raised otherwise
        return self._engine

    async def _run(
        self, engine: Engine, text: str, options: SummarizeOptions, deadline: float | None
    ) -> SummarizeResult:
        """Run the pipeline in a worker thread within an admission slot."""
        stop = _Stop(deadline)
        async with self._admission.slot():
            stop()  # the deadline may have passed while the request was queued
            loop = asyncio.get_running_loop()
            call: Callable[[], SummarizeResult] = lambda: engine.summarize(text, options, stop)  # noqa: E731
            try:
                return await loop.run_in_executor(self._executor, call)
            except asyncio.CancelledError:
                stop.cancelled.set()  # let the worker thread stop at the next stage boundary
                raise

    async def _summarize_one(
        self, engine: Engine, request: pb.SummarizeRequest, deadline: float | None
    ) -> pb.SummarizeResponse:
        options = convert.options_from_request(request)
        engine.validate_text(request.text)
        result = await self._run(engine, request.text, options, deadline)
        return convert.response_from_result(request.id, result)

    async def Summarize(  # noqa: N802 - gRPC method name
        self, request: pb.SummarizeRequest, context: Context
    ) -> pb.SummarizeResponse:
        """Summarize one text."""
        engine = await self._require_engine(context)
        try:
            return await self._summarize_one(engine, request, _deadline(context))
        except Exception as exc:  # noqa: BLE001 - mapped in one place; a bug becomes INTERNAL, never UNKNOWN
            # grpc-stubs predates aio's abort_with_status
            await context.abort_with_status(to_grpc_status(exc))  # type: ignore[attr-defined]
        raise AssertionError("unreachable: abort_with_status raises")  # pragma: no cover

    async def _stream_item(
        self, engine: Engine, request: pb.SummarizeRequest, deadline: float | None
    ) -> pb.SummarizeResponse:
        try:
            return await self._summarize_one(engine, request, deadline)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - every item gets a response, its error included
            return pb.SummarizeResponse(id=request.id, error=to_rpc_status(exc))

    async def SummarizeStream(  # noqa: N802 - gRPC method name
        self, request_iterator: AsyncIterator[pb.SummarizeRequest], context: Context
    ) -> AsyncIterator[pb.SummarizeResponse]:
        """Summarize a stream of texts: one response per request, in order, a window at a time."""
        engine = await self._require_engine(context)
        deadline = _deadline(context)
        pending: deque[asyncio.Task[pb.SummarizeResponse]] = deque()
        try:
            async for request in request_iterator:
                pending.append(asyncio.ensure_future(self._stream_item(engine, request, deadline)))
                while len(pending) >= self._stream_window:
                    yield await pending.popleft()
            while pending:
                yield await pending.popleft()
        finally:
            for task in pending:
                task.cancel()

    async def ListPlugins(  # noqa: N802 - gRPC method name
        self, request: pb.ListPluginsRequest, context: Context
    ) -> pb.ListPluginsResponse:
        """Every plugin, its stages, and the plugins that failed to load."""
        engine = await self._require_engine(context)
        return convert.plugins_response(engine.report())
