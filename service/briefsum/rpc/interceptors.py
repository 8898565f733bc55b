"""Server interceptors: observation (request id, metrics, access log) and bearer-token authentication.

Order matters: :class:`Observe` goes first (outermost), so it also counts and logs the calls that
:class:`TokenAuth` refuses.
"""

from __future__ import annotations

import asyncio
import hmac
import inspect
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import grpc

from briefsum.rpc.status import Unauthenticated, to_grpc_status
from briefsum.serving.logs import request_context
from briefsum.serving.metrics import Metrics

logger = logging.getLogger(__name__)

#: Calls under this prefix need no token: load balancers and kubelets probe health without one.
HEALTH_PREFIX = "/grpc.health.v1.Health/"
#: Metadata key a caller may set to choose the request id that log lines carry.
REQUEST_ID_KEY = "x-request-id"
_MAX_REQUEST_ID = 64

Behavior = Callable[..., Any]
if TYPE_CHECKING:
    Handler: TypeAlias = grpc.RpcMethodHandler[Any, Any]
    _Interceptor: TypeAlias = grpc.aio.ServerInterceptor[Any, Any]
    Continuation: TypeAlias = Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]]
else:  # grpc's classes are not generic at run time; only the stubs are
    _Interceptor = grpc.aio.ServerInterceptor


def _metadata(details: grpc.HandlerCallDetails, key: str) -> str | None:
    for item_key, value in details.invocation_metadata or ():
        if item_key == key:
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return None


def _rebuild(handler: Handler, wrap: Callable[[Behavior], Behavior]) -> Handler:
    """The same handler with its behavior passed through ``wrap``."""
    codecs = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(wrap(handler.unary_unary), **codecs)
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(wrap(handler.unary_stream), **codecs)
    if handler.stream_unary is not None:
        return grpc.stream_unary_rpc_method_handler(wrap(handler.stream_unary), **codecs)
    assert handler.stream_stream is not None  # one of the four is always set
    return grpc.stream_stream_rpc_method_handler(wrap(handler.stream_stream), **codecs)


class Observe(_Interceptor):
    """Gives each call a request id (``x-request-id`` or a new one) and records its outcome.

    Counts calls by method and status code, times them, tracks calls in flight, and logs one line per
    call (method, code, milliseconds; never the request).
    """

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def intercept_service(  # type: ignore[override] # grpc-stubs: continuation may return None
        self, continuation: Continuation, handler_call_details: grpc.HandlerCallDetails
    ) -> Handler | None:
        """Wrap the handler of every call."""
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        method = handler_call_details.method.lstrip("/")
        request_id = (_metadata(handler_call_details, REQUEST_ID_KEY) or uuid.uuid4().hex[:16])[:_MAX_REQUEST_ID]
        return _rebuild(handler, lambda behavior: self._wrap(behavior, method, request_id))

    def _wrap(self, behavior: Behavior, method: str, request_id: str) -> Behavior:
        observe = self._observe
        if inspect.isasyncgenfunction(behavior):

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
                with request_context(request_id), observe(method, context) as outcome:
                    async for response in behavior(request, context):
                        yield response
                    outcome.ok()

            return stream

        async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            with request_context(request_id), observe(method, context) as outcome:
                response = await behavior(request, context)
                outcome.ok()
                return response

        return unary

    def _observe(self, method: str, context: grpc.aio.ServicerContext[Any, Any]) -> _Outcome:
        return _Outcome(self._metrics, method, context)


class _Outcome:
    """Context manager recording one call: in flight while inside, then counted, timed and logged."""

    def __init__(self, metrics: Metrics, method: str, context: grpc.aio.ServicerContext[Any, Any]) -> None:
        self._metrics = metrics
        self._method = method
        self._context = context
        self._code: str | None = None

    def ok(self) -> None:
        code = self._context.code()
        self._code = code.name if isinstance(code, grpc.StatusCode) else "OK"

    def __enter__(self) -> _Outcome:
        self._started = time.perf_counter()
        self._metrics.in_flight.labels(self._method).inc()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        elapsed = time.perf_counter() - self._started
        if self._code is None:
            if exc_type is not None and issubclass(exc_type, asyncio.CancelledError):
                self._code = "CANCELLED"
            else:
                code = self._context.code()
                self._code = code.name if isinstance(code, grpc.StatusCode) else "UNKNOWN"
        metrics = self._metrics
        metrics.in_flight.labels(self._method).dec()
        metrics.requests.labels(self._method, self._code).inc()
        metrics.latency.labels(self._method).observe(elapsed)
        level = logging.DEBUG if self._method.startswith(HEALTH_PREFIX[1:]) else logging.INFO
        logger.log(
            level,
            "%s %s %.1f ms",
            self._method,
            self._code,
            elapsed * 1000.0,
            extra={"method": self._method, "code": self._code, "elapsed_ms": round(elapsed * 1000.0, 3)},
        )


class TokenAuth(_Interceptor):
    """Requires ``authorization: Bearer <token>`` with one of ``tokens`` on every call but health.

    Tokens are compared in constant time (:func:`hmac.compare_digest`) against every accepted token,
    so neither a match nor its position shows in the timing.
    """

    def __init__(self, tokens: Sequence[str]) -> None:
        if not tokens:
            raise ValueError("TokenAuth needs at least one token")
        self._tokens = [token.encode("utf-8") for token in tokens]

    def _accepts(self, header: str | None) -> bool:
        if header is None:
            return False
        scheme, _, presented = header.partition(" ")
        candidate = presented.strip().encode("utf-8")
        matched = False
        for token in self._tokens:
            matched |= hmac.compare_digest(candidate, token)
        return scheme.lower() == "bearer" and matched

    async def intercept_service(  # type: ignore[override] # grpc-stubs: continuation may return None
        self, continuation: Continuation, handler_call_details: grpc.HandlerCallDetails
    ) -> Handler | None:
        """Pass authenticated and health calls on; answer the rest with UNAUTHENTICATED."""
        method: str = handler_call_details.method
        handler = await continuation(handler_call_details)
        if handler is None or method.startswith(HEALTH_PREFIX):
            return handler
        if self._accepts(_metadata(handler_call_details, "authorization")):
            return handler
        return _rebuild(handler, _deny)


def _deny(behavior: Behavior) -> Behavior:
    status = to_grpc_status(
        Unauthenticated("missing or invalid bearer token; send the metadata 'authorization: Bearer <token>'")
    )
    if inspect.isasyncgenfunction(behavior):

        async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
            await context.abort_with_status(status)  # type: ignore[attr-defined]
            yield  # pragma: no cover - abort raises

        return stream

    async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        await context.abort_with_status(status)  # type: ignore[attr-defined]

    return unary
