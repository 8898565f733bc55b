"""The ``briefsum.v1.Briefsum`` service: limits and admission here, the pipeline in a backend.

A request is checked against the limits (text size, sentences, stream length) and its options are
validated in the server process, so a bad request never takes a worker. Then it needs an admission
slot (or gets RESOURCE_EXHAUSTED at once), and runs in the backend before its deadline: the
client's, capped at ``server.max_request_seconds``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import grpc
from google.rpc import status_pb2

from briefsum.errors import DeadlineExceeded, StageError
from briefsum.rpc import convert, limits
from briefsum.rpc.admission import CAPACITY_METADATA, Admission
from briefsum.rpc.backends import Backend
from briefsum.rpc.status import StatusError, as_grpc_status, failed_stage, to_rpc_status
from briefsum.serving.metrics import Metrics
from briefsum.serving.pool import StageCrashed, StageTimeout
from briefsum.settings import ServerSettings
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

logger = logging.getLogger(__name__)

#: The servicer context; the stubs' generic parameters add nothing here.
Context = grpc.aio.ServicerContext[Any, Any]


class BriefsumServicer(pb_grpc.BriefsumServicer):
    """Serves Summarize, SummarizeStream and ListPlugins from a :class:`~briefsum.rpc.backends.Backend`.

    The backend is attached after warm-up (:meth:`attach`); until then calls get UNAVAILABLE.
    """

    def __init__(self, admission: Admission, server: ServerSettings, metrics: Metrics) -> None:
        self._backend: Backend | None = None
        self._admission = admission
        self._limits = server
        self._metrics = metrics

    @property
    def backend(self) -> Backend | None:
        """The attached backend, if warm."""
        return self._backend

    def attach(self, backend: Backend) -> None:
        """Start serving with ``backend`` (called once it is warmed up)."""
        self._backend = backend

    async def _require_backend(self, context: Context) -> Backend:
        if self._backend is None:
            await context.abort(grpc.StatusCode.UNAVAILABLE, "the service is warming up; retry in a few seconds")
        assert self._backend is not None  # abort() raised otherwise
        return self._backend

    async def _summarize_one(
        self, backend: Backend, request: pb.SummarizeRequest, deadline: float, *, wait: bool = False
    ) -> pb.SummarizeResponse:
        if not wait:
            # Shed load first: a refusal under overload must stay cheap (no text or option checks).
            self._admission.refuse_if_full()
        limits.check_text(request.text, self._limits)
        convert.options_from_request(request)  # invalid options fail here, before taking a worker
        async with self._admission.slot(wait=wait):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded("the deadline passed while the request waited for a worker")
            try:
                response = await asyncio.wait_for(backend.summarize(request, deadline), remaining)
            except TimeoutError:
                raise DeadlineExceeded("the deadline passed before the pipeline finished") from None
        self._metrics.observe_stages([(t.stage, t.plugin, t.elapsed_ms) for t in response.timings])
        return response

    def _status(self, exc: BaseException) -> status_pb2.Status:
        """The status for ``exc``, counting stage failures (hangs and crashes the pool counts itself)."""
        status = to_rpc_status(exc)
        if isinstance(exc, StageError | StatusError) and not isinstance(exc, StageTimeout | StageCrashed):
            failed = failed_stage(status)
            if failed is not None:
                self._metrics.plugin_failures.labels(*failed, "error").inc()
        return status

    async def Summarize(  # noqa: N802 - gRPC method name
        self, request: pb.SummarizeRequest, context: Context
    ) -> pb.SummarizeResponse:
        """Summarize one text."""
        backend = await self._require_backend(context)
        try:
            response = await self._summarize_one(
                backend, request, limits.deadline(context.time_remaining(), self._limits)
            )
            # Tells a client how many calls to keep in flight without being refused (batch reads it).
            context.set_trailing_metadata(((CAPACITY_METADATA, str(self._admission.capacity)),))
            return response
        except Exception as exc:  # noqa: BLE001 - mapped in one place; a bug becomes INTERNAL, never UNKNOWN
            # grpc-stubs predates aio's abort_with_status
            await context.abort_with_status(as_grpc_status(self._status(exc)))  # type: ignore[attr-defined]
        raise AssertionError("unreachable: abort_with_status raises")  # pragma: no cover

    async def _stream_item(
        self, backend: Backend, request: pb.SummarizeRequest, deadline: float
    ) -> pb.SummarizeResponse:
        try:
            # Backpressure instead of refusals: the stream window bounds what this stream queues.
            return await self._summarize_one(backend, request, deadline, wait=True)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - every item gets a response, its error included
            return pb.SummarizeResponse(id=request.id, error=self._status(exc))

    async def SummarizeStream(  # noqa: N802 - gRPC method name
        self, request_iterator: AsyncIterator[pb.SummarizeRequest], context: Context
    ) -> AsyncIterator[pb.SummarizeResponse]:
        """Summarize a stream of texts: one response per request, in order, a window at a time.

        Requests are read while earlier ones run, at most ``stream_window`` at once; they wait for a
        worker rather than being refused when the server is busy (the window is the stream's bound,
        and gRPC flow control slows the sender). Each response goes out as soon as it and those
        before it are done, so a client that waits for
        answers before it sends more never stalls. Each item gets ``max_request_seconds`` (within
        the stream's own deadline). A stream longer than ``max_stream_items`` gets the responses
        of the items before, then INVALID_ARGUMENT.
        """
        backend = await self._require_backend(context)
        slots = asyncio.Semaphore(self._limits.stream_window)
        #: Items in request order: a running item, a stream error to end with, or None at the end.
        ordered: asyncio.Queue[asyncio.Task[pb.SummarizeResponse] | Exception | None] = asyncio.Queue()

        async def read() -> None:
            count = 0
            try:
                async for request in request_iterator:
                    count += 1
                    try:
                        limits.check_stream_length(count, self._limits)
                    except Exception as exc:  # noqa: BLE001 - mapped in one place, after the earlier items
                        await ordered.put(exc)
                        return
                    await slots.acquire()
                    deadline = limits.deadline(context.time_remaining(), self._limits)
                    await ordered.put(asyncio.ensure_future(self._stream_item(backend, request, deadline)))
            finally:
                await ordered.put(None)

        reader = asyncio.create_task(read())
        try:
            while (entry := await ordered.get()) is not None:
                if isinstance(entry, Exception):
                    await context.abort_with_status(as_grpc_status(self._status(entry)))  # type: ignore[attr-defined]
                    return
                response = await entry
                slots.release()
                yield response
            await reader  # a failure reading the requests ends the call with it
        finally:
            reader.cancel()
            while not ordered.empty():
                leftover = ordered.get_nowait()
                if isinstance(leftover, asyncio.Task):
                    leftover.cancel()

    async def ListPlugins(  # noqa: N802 - gRPC method name
        self, request: pb.ListPluginsRequest, context: Context
    ) -> pb.ListPluginsResponse:
        """Every plugin, its stages, and the plugins that failed to load."""
        backend = await self._require_backend(context)
        return backend.plugins()
