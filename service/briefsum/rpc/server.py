"""Building and running the gRPC server.

:func:`create_server` only builds and binds (tests call it with port 0); :func:`serve` is the
process entry point: start, warm up, report SERVING, wait for SIGTERM/SIGINT, drain, stop.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio  # type: ignore[attr-defined]
from grpc_reflection.v1alpha import reflection

from briefsum.engine import Engine, build_engine
from briefsum.errors import StartupError
from briefsum.rpc.admission import Admission
from briefsum.rpc.servicer import BriefsumServicer
from briefsum.settings import MIB, Settings
from briefsum.v1 import briefsum_pb2, briefsum_pb2_grpc

logger = logging.getLogger(__name__)

SERVICE_NAME: str = briefsum_pb2.DESCRIPTOR.services_by_name["Briefsum"].full_name


@dataclass
class Service:
    """A bound (not yet started) server and the parts that change state while it runs."""

    server: grpc.aio.Server
    port: int
    health: health_aio.HealthServicer
    servicer: BriefsumServicer
    executor: ThreadPoolExecutor

    async def mark_serving(self, engine: Engine) -> None:
        """Attach the warmed-up engine and report SERVING."""
        self.servicer.attach(engine)
        for name in ("", SERVICE_NAME):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float | None) -> None:
        """Report NOT_SERVING, let in-flight calls finish within ``grace`` seconds, stop."""
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)
        self.executor.shutdown(wait=False, cancel_futures=True)


def _message_limit(settings: Settings) -> int:
    # Room for texts somewhat over the limit, so they get a clear INVALID_ARGUMENT naming the limit
    # rather than a transport-level RESOURCE_EXHAUSTED.
    return max(4 * MIB, 2 * settings.server.max_text_bytes + 64 * 1024)


async def create_server(settings: Settings) -> Service:
    """Build the server with the Briefsum, health and reflection services, bound to its port.

    Health reports NOT_SERVING until :meth:`Service.mark_serving`. Port 0 binds a free port, which
    ``Service.port`` reports.
    """
    limit = _message_limit(settings)
    server = grpc.aio.server(
        options=[("grpc.max_receive_message_length", limit), ("grpc.max_send_message_length", limit)],
    )
    executor = ThreadPoolExecutor(max_workers=settings.server.max_concurrency, thread_name_prefix="briefsum")
    admission = Admission(settings.server.max_concurrency, settings.server.max_queue)
    servicer = BriefsumServicer(executor, admission, settings.server.stream_window)
    briefsum_pb2_grpc.add_BriefsumServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    health = health_aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    for name in ("", SERVICE_NAME):
        await health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    if settings.server.reflection:
        names = (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME)
        reflection.enable_server_reflection(names, server)

    address = f"{settings.server.host}:{settings.server.port}"
    try:
        port = server.add_insecure_port(address)
    except RuntimeError as exc:
        raise StartupError(f"cannot listen on {address}: {exc}; is the port in use?") from None
    if port == 0:
        raise StartupError(f"cannot listen on {address}; is the port in use?")
    return Service(server, port, health, servicer, executor)


async def serve(settings: Settings, on_listening: Callable[[str, int], None]) -> None:
    """Run the service until SIGTERM or SIGINT, then drain in-flight requests and return.

    ``on_listening(host, port)`` is called as soon as the port is bound, before the warm-up.
    """
    service = await create_server(settings)
    await service.server.start()
    on_listening(settings.server.host, service.port)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    try:
        engine = await asyncio.to_thread(build_engine, settings)
    except BaseException:
        await service.stop(0)
        raise
    await service.mark_serving(engine)
    logger.info("serving on %s:%d", settings.server.host, service.port)

    await stop.wait()
    logger.info("shutting down: draining in-flight requests for up to %.1fs", settings.server.grace_seconds)
    await service.stop(settings.server.grace_seconds)
    logger.info("stopped")
