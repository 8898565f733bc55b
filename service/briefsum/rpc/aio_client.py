"""An asyncio client for many requests at once (``briefsum batch``): model in, model out.

Two ways to send many texts, both with errors as :class:`~briefsum.rpc.client.RemoteError`:

- :meth:`AsyncBriefsumClient.summarize`: one unary ``Summarize`` call per text; the caller runs
  as many at once as it likes.
- :class:`StreamLane`: texts multiplexed over ``SummarizeStream`` calls, one call at a time per
  lane. The server answers in request order, so a response is matched to the oldest request still
  waiting. A failed item (``SummarizeResponse.error``) fails only its own ``summarize`` call; a
  broken stream fails every item it carried, and the lane opens a new stream for the next one.

The channel balances over every address of the target (``round_robin``) as the synchronous client
does; retries are left to the caller (``channel_options(retries=False)``), which sees each failure
with the server's retry delay (:attr:`RemoteError.retry_after`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

from briefsum.model import SummarizeResult
from briefsum.options import SummarizeOptions
from briefsum.rpc import convert
from briefsum.rpc.admission import CAPACITY_METADATA
from briefsum.rpc.client import CONNECT_TIMEOUT, RemoteError, Unreachable, channel_options, unreachable
from briefsum.rpc.security import ClientSecurity, open_aio_channel
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

#: gRPC status code names by number (``google.rpc.Status.code`` is a number).
_CODE_NAMES = {code.value[0]: code.name for code in grpc.StatusCode}
#: Requests one ``SummarizeStream`` call carries before the lane opens the next (the server's
#: ``max_stream_items`` defaults to 10,000; short streams also let round-robin spread the work).
STREAM_ITEMS = 500
#: Trailing metadata with the server's retry delay in milliseconds (gRPC's retry pushback).
_PUSHBACK = "grpc-retry-pushback-ms"
#: The id of the empty request :meth:`AsyncBriefsumClient.probe` sends.
PROBE_ID = "briefsum-probe"


def _retry_info(status: status_pb2.Status) -> float | None:
    for detail in status.details:
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            return float(info.retry_delay.ToTimedelta().total_seconds())
    return None


def _status_error(status: status_pb2.Status) -> RemoteError:
    """The error a ``google.rpc.Status`` describes."""
    code = _CODE_NAMES.get(status.code, "UNKNOWN")
    error = Unreachable if code == "UNAVAILABLE" else RemoteError
    return error(code, status.message, _retry_info(status))


def rpc_error(exc: grpc.aio.AioRpcError) -> RemoteError:
    """A failed call as :class:`RemoteError`, with the retry delay the server sent."""
    from grpc_status import rpc_status

    code = exc.code()
    metadata: Any = exc.trailing_metadata() or ()
    retry_after = None
    for key, value in metadata:
        if key == _PUSHBACK:
            with contextlib.suppress(ValueError):
                retry_after = int(value) / 1000
    if retry_after is None:
        status = rpc_status.from_call(exc)  # type: ignore[arg-type]
        retry_after = _retry_info(status) if status is not None else None
    message = exc.details() or ""
    if code == grpc.StatusCode.UNAUTHENTICATED:
        message += "; pass --token or set BRIEFSUM_TOKEN"
    error = Unreachable if code == grpc.StatusCode.UNAVAILABLE else RemoteError
    return error(code.name, message, retry_after)


@dataclass(frozen=True)
class Probe:
    """What a server told about itself in answer to :meth:`AsyncBriefsumClient.probe`."""

    pipeline_version: str
    #: Calls it admits at once (running or queued) before refusing, if it said.
    capacity: int | None


class AsyncBriefsumClient:
    """Calls a briefsum server at ``target`` from asyncio code, over TLS and with a token if asked."""

    def __init__(self, target: str, security: ClientSecurity | None = None) -> None:
        self.target = target
        self._security = security or ClientSecurity()
        self._channel = open_aio_channel(target, self._security, channel_options(retries=False))
        self._stub = pb_grpc.BriefsumStub(self._channel)  # type: ignore[no-untyped-call]
        self._metadata = self._security.metadata()

    async def close(self) -> None:
        """Close the channel (calls still running are cancelled)."""
        await self._channel.close(None)

    async def connect(self, timeout: float = CONNECT_TIMEOUT) -> None:
        """Wait until the server accepts connections; raise :class:`Unreachable` if it does not."""
        try:
            await asyncio.wait_for(self._channel.channel_ready(), timeout)
        except TimeoutError:
            raise unreachable(self.target, timeout, self._security) from None

    async def summarize(
        self, request_id: str, text: str, options: SummarizeOptions, timeout: float | None = None
    ) -> SummarizeResult:
        """Summarize ``text`` with one unary call."""
        request = convert.request_from_options(request_id, text, options)
        try:
            response = await self._stub.Summarize(request, timeout=timeout, metadata=self._metadata)
        except grpc.aio.AioRpcError as exc:
            raise rpc_error(exc) from None
        return convert.result_from_response(response, text, options)

    async def probe(self, options: SummarizeOptions, timeout: float | None = None) -> Probe:
        """What the server runs ``options`` with and how many calls it admits at once.

        An empty text costs the server nothing. The capacity is ``None`` when the server does not say.
        """
        request = convert.request_from_options(PROBE_ID, "", options)
        call = self._stub.Summarize(request, timeout=timeout, metadata=self._metadata)
        try:
            response = await call
            trailing: Any = await call.trailing_metadata() or ()
        except grpc.aio.AioRpcError as exc:
            raise rpc_error(exc) from None
        capacity = None
        for key, value in trailing:
            if key == CAPACITY_METADATA:
                with contextlib.suppress(ValueError):
                    capacity = max(1, int(value))
        return Probe(convert.result_from_response(response, "", options).pipeline_version, capacity)

    def lane(self, stream_items: int = STREAM_ITEMS) -> StreamLane:
        """A new :class:`StreamLane` on this client's channel."""
        return StreamLane(self._stub, self._metadata, stream_items)


@dataclass
class _Waiting:
    request: pb.SummarizeRequest
    text: str
    options: SummarizeOptions
    future: asyncio.Future[SummarizeResult]


@dataclass
class _Stream:
    """One ``SummarizeStream`` call: the items sent on it and not answered yet, oldest first."""

    sent: deque[_Waiting] = field(default_factory=deque)
    open: bool = True

    def fail(self, error: RemoteError) -> None:
        """Fail every item still waiting for an answer on this stream."""
        while self.sent:
            waiting = self.sent.popleft()
            if not waiting.future.done():
                waiting.future.set_exception(error)


class StreamLane:
    """Items multiplexed over consecutive ``SummarizeStream`` calls (one open at a time).

    ``summarize`` may be called from many tasks at once; each call waits for its own item. The
    lane sends items as they come and matches each response to the oldest unanswered item of the
    same stream (checking the id). Items a stream took but never answered (it broke, or it ended
    while gRPC was still pulling requests) fail with UNAVAILABLE, so the caller sends them again.
    """

    def __init__(self, stub: Any, metadata: tuple[tuple[str, str], ...], stream_items: int) -> None:
        self._stub = stub
        self._metadata = metadata
        self._stream_items = stream_items
        self._queue: asyncio.Queue[_Waiting] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._call: Any = None
        self._stream: _Stream | None = None

    async def summarize(
        self, request_id: str, text: str, options: SummarizeOptions, timeout: float | None = None
    ) -> SummarizeResult:
        """Summarize ``text`` as the next item of the lane's stream; ``timeout`` bounds the wait."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="briefsum-stream-lane")
        request = convert.request_from_options(request_id, text, options)
        future: asyncio.Future[SummarizeResult] = asyncio.get_running_loop().create_future()
        await self._queue.put(_Waiting(request, text, options, future))
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            future.cancel()  # its answer, if it still comes, is dropped
            # A stream whose head item is stuck holds back every item behind it: start a new one.
            self._reset("a stream item timed out; the stream was restarted")
            raise RemoteError("DEADLINE_EXCEEDED", f"no answer within {timeout:.1f}s") from None

    def _reset(self, message: str) -> None:
        if self._call is not None:
            self._call.cancel()
        if self._stream is not None:
            self._stream.open = False
            self._stream.fail(Unreachable("UNAVAILABLE", message))

    async def _requests(self, first: _Waiting, stream: _Stream) -> AsyncIterator[pb.SummarizeRequest]:
        waiting = first
        for count in range(1, self._stream_items + 1):
            if not stream.open:  # taken from the queue after the stream ended: send it again
                if not waiting.future.done():
                    waiting.future.set_exception(Unreachable("UNAVAILABLE", "the stream ended; send again"))
                return
            stream.sent.append(waiting)
            yield waiting.request
            if count < self._stream_items:
                waiting = await self._queue.get()

    async def _run(self) -> None:
        while True:
            first = await self._queue.get()
            stream = self._stream = _Stream()
            self._call = self._stub.SummarizeStream(self._requests(first, stream), metadata=self._metadata)
            try:
                async for response in self._call:
                    self._answer(stream, response)
            except grpc.aio.AioRpcError as exc:
                stream.open = False
                stream.fail(rpc_error(exc))
            except asyncio.CancelledError:
                stream.open = False
                stream.fail(Unreachable("UNAVAILABLE", "the stream was cancelled"))
                if self._call.cancelled() and not _task_cancelling():
                    continue  # cancelled by _reset: open the next stream
                raise
            finally:
                stream.open = False
                # A stream that ended early (the server's stream limit) leaves items unanswered.
                stream.fail(Unreachable("UNAVAILABLE", "the stream ended before answering every item"))
                self._call = None

    def _answer(self, stream: _Stream, response: pb.SummarizeResponse) -> None:
        if not stream.sent:  # answers to items a reset already failed
            return
        waiting = stream.sent.popleft()
        if response.id != waiting.request.id:
            # Out of step (should not happen): fail everything in flight rather than mismatch results.
            waiting.future.cancel()
            self._reset(f"the stream answered {response.id!r} where {waiting.request.id!r} was expected")
            return
        if waiting.future.done():
            return
        if response.HasField("error"):
            waiting.future.set_exception(_status_error(response.error))
        else:
            waiting.future.set_result(convert.result_from_response(response, waiting.text, waiting.options))

    async def close(self) -> None:
        """Stop the lane: cancel its stream and fail items still waiting."""
        if self._call is not None:
            self._call.cancel()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._stream is not None:
            self._stream.fail(Unreachable("UNAVAILABLE", "the client closed"))


def _task_cancelling() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
