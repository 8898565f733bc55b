"""Building and running the gRPC server.

:func:`create_server` only builds and binds (tests call it with port 0); :func:`start_backend`
starts the worker processes (or threads) that run the pipeline; :func:`serve` is the process entry
point: launch workers, bind, warm up, report SERVING, wait for SIGTERM/SIGINT, drain, stop.

Shutdown on SIGTERM: health reports NOT_SERVING at once, the server keeps serving for
``server.drain_delay_seconds`` (load balancers and kubelets notice and stop sending), then stops
accepting calls and gives in-flight ones ``server.grace_seconds`` (default: the longest a request
may take) to finish. SIGINT (Ctrl-C) skips the delay.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio  # type: ignore[attr-defined]
from grpc_reflection.v1alpha import reflection

from briefsum.errors import StartupError
from briefsum.rpc.admission import Admission
from briefsum.rpc.backends import Backend, ProcessBackend, ThreadBackend
from briefsum.rpc.handler import EngineFactory, default_engine_factory, handler_factory
from briefsum.rpc.interceptors import Observe, TokenAuth
from briefsum.rpc.security import accepted_tokens, server_credentials
from briefsum.rpc.servicer import BriefsumServicer
from briefsum.serving.metrics import Metrics, MetricsEndpoint
from briefsum.serving.pool import JOBS_PER_WORKER, PRELOAD, WorkerPool
from briefsum.settings import MIB, Settings
from briefsum.v1 import briefsum_pb2, briefsum_pb2_grpc

logger = logging.getLogger(__name__)

SERVICE_NAME: str = briefsum_pb2.DESCRIPTOR.services_by_name["Briefsum"].full_name
#: Health names that say "send me requests": NOT_SERVING while warming up and while draining.
READINESS_NAMES = ("", SERVICE_NAME)
#: Health name that says "this process is alive": SERVING from bind to stop, draining included, so a
#: liveness probe never kills a replica that is finishing its in-flight requests.
LIVENESS_NAME = "liveness"


@dataclass
class Service:
    """A bound (not yet started) server and the parts that change state while it runs."""

    server: grpc.aio.Server
    port: int
    health: health_aio.HealthServicer
    servicer: BriefsumServicer
    metrics: Metrics
    metrics_endpoint: MetricsEndpoint | None = field(default=None)

    async def mark_serving(self, backend: Backend) -> None:
        """Attach the warmed-up backend and report SERVING."""
        self.servicer.attach(backend)
        for name in READINESS_NAMES:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    def serve_metrics(self, host: str, port: int) -> MetricsEndpoint:
        """Serve ``/metrics`` on ``host:port`` until :meth:`stop`."""
        self.metrics_endpoint = self.metrics.serve(host, port)
        return self.metrics_endpoint

    async def stop(self, grace: float | None, drain_delay: float = 0.0) -> None:
        """Report NOT_SERVING, keep serving ``drain_delay`` seconds, then stop within ``grace``."""
        for name in READINESS_NAMES:
            await self.health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
        if drain_delay > 0:
            await asyncio.sleep(drain_delay)
        await self.server.stop(grace)
        backend = self.servicer.backend
        if backend is not None:
            await backend.close()
        if self.metrics_endpoint is not None:
            self.metrics_endpoint.close()


def server_options(settings: Settings) -> list[tuple[str, int]]:
    """Channel arguments of the server."""
    server = settings.server
    # Room for texts somewhat over the limit, so they get a clear INVALID_ARGUMENT naming the limit
    # rather than a transport-level RESOURCE_EXHAUSTED.
    limit = max(4 * MIB, 2 * server.max_text_bytes + 64 * 1024)
    return [
        ("grpc.max_receive_message_length", limit),
        ("grpc.max_send_message_length", limit),
        # gRPC keeps one HTTP/2 connection per client for as long as it can; closing it after a while
        # (GOAWAY, then reconnect) spreads clients over replicas that started after they connected.
        ("grpc.max_connection_age_ms", int(server.max_connection_age_seconds * 1000)),
        ("grpc.max_connection_age_grace_ms", int(server.grace * 1000)),
        # On Linux gRPC sets SO_REUSEPORT by default: a second server on the same port would start
        # silently and steal half the connections. Refuse, unless asked for.
        ("grpc.so_reuseport", int(server.reuse_port)),
    ]


async def create_server(settings: Settings, metrics: Metrics | None = None) -> Service:
    """Build the server with the Briefsum, health and reflection services, bound to its port.

    Health reports NOT_SERVING until :meth:`Service.mark_serving`. Port 0 binds a free port, which
    ``Service.port`` reports. TLS, mutual TLS and bearer tokens follow ``settings.security``.
    """
    metrics = metrics or Metrics()
    interceptors: list[Observe | TokenAuth] = [Observe(metrics)]
    tokens = accepted_tokens(settings.security)
    if tokens:
        interceptors.append(TokenAuth(tokens))
    credentials = server_credentials(settings.security)
    server = grpc.aio.server(interceptors=interceptors, options=server_options(settings))
    # Admitted requests: one running per worker (or thread) plus the queue. A worker process also
    # holds the next job waiting behind its running one (JOBS_PER_WORKER), so it starts that job
    # without a round trip through this event loop: queued requests are dispatched to it at once.
    limits = settings.server
    dispatched = limits.workers * JOBS_PER_WORKER if limits.workers else limits.concurrency
    admission = Admission(dispatched, limits.concurrency + limits.queue)
    metrics.admitted.set_function(lambda: admission.admitted)
    servicer = BriefsumServicer(admission, settings.server, metrics)
    briefsum_pb2_grpc.add_BriefsumServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    health = health_aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    for name in READINESS_NAMES:
        await health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    await health.set(LIVENESS_NAME, health_pb2.HealthCheckResponse.SERVING)
    if settings.server.reflection:
        names = (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME)
        reflection.enable_server_reflection(names, server)

    address = f"{settings.server.host}:{settings.server.port}"
    try:
        if credentials is None:
            port = server.add_insecure_port(address)
        else:
            port = server.add_secure_port(address, credentials)
    except RuntimeError as exc:
        raise StartupError(f"cannot listen on {address}: {exc}; is the port in use?") from None
    if port == 0:
        raise StartupError(f"cannot listen on {address}; is the port in use?")
    return Service(server, port, health, servicer, metrics)


class BackendStarter:
    """Starts the backend in two steps, so worker processes exist before any gRPC object does.

    :meth:`launch` starts the worker processes (call it first); :meth:`ready` waits for their
    warm-up and returns the backend. With ``server.workers = 0`` the engine is built in a thread
    instead and runs in the server process.
    """

    def __init__(self, settings: Settings, engine_factory: EngineFactory | None, metrics: Metrics) -> None:
        self._settings = settings
        self._factory = engine_factory or default_engine_factory(settings)
        self._pool: WorkerPool | None = None
        if settings.server.workers > 0:
            self._pool = WorkerPool(
                settings.server.workers,
                handler_factory(self._factory),
                stage_timeout=settings.server.stage_timeout_seconds,
                log_level=settings.log_level,
                log_format=settings.log_format,
                observer=metrics,
                # Imported once by the forkserver, not by every (replacement) worker. Not the NLP
                # libraries: numpy would size its BLAS thread pool before the worker limits it.
                preload=(*PRELOAD, "briefsum.rpc.handler"),
            )

    async def launch(self) -> None:
        """Start the worker processes, if any."""
        if self._pool is not None:
            await self._pool.launch()

    async def ready(self) -> Backend:
        """The warmed-up backend; raises :class:`~briefsum.errors.StartupError` if it cannot warm up."""
        if self._pool is not None:
            await self._pool.wait_ready()
            return ProcessBackend(self._pool)
        engine = await asyncio.to_thread(self._factory)
        return ThreadBackend(engine, self._settings.server.max_concurrency)

    async def abort(self) -> None:
        """Stop the workers of a backend that never became ready."""
        if self._pool is not None:
            await self._pool.close()


async def serve(
    settings: Settings, on_listening: Callable[[str, int], None], engine_factory: EngineFactory | None = None
) -> None:
    """Run the service until SIGTERM or SIGINT, then drain in-flight requests and return.

    ``on_listening(host, port)`` is called as soon as the port is bound, before the warm-up.
    ``engine_factory`` builds each worker's engine (default: as the settings describe); it must be
    picklable when ``server.workers > 0``.
    """
    metrics = Metrics()
    starter = BackendStarter(settings, engine_factory, metrics)
    await starter.launch()  # before any gRPC object exists
    try:
        service = await create_server(settings, metrics)
    except BaseException:
        await starter.abort()
        raise
    await service.server.start()
    if settings.metrics.port is not None:
        host = settings.metrics.host or settings.server.host
        try:
            endpoint = service.serve_metrics(host, settings.metrics.port)
        except OSError as exc:
            await starter.abort()
            await service.stop(0)
            raise StartupError(f"cannot serve metrics on {host}:{settings.metrics.port}: {exc.strerror}") from None
        logger.info("metrics on http://%s:%d/metrics", endpoint.host, endpoint.port)
    on_listening(settings.server.host, service.port)

    received: list[signal.Signals] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(sig: signal.Signals) -> None:
        received.append(sig)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal, sig)

    warm = asyncio.ensure_future(starter.ready())
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({warm, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if not warm.done():
        warm.cancel()
        await starter.abort()
        await service.stop(0)
        logger.info("stopped before warm-up finished")
        return
    try:
        backend = warm.result()
    except BaseException:
        await service.stop(0)
        raise
    await service.mark_serving(backend)
    logger.info("serving on %s:%d", settings.server.host, service.port)

    await stopping
    delay = settings.server.drain_delay_seconds if received[0] == signal.SIGTERM else 0.0
    grace = settings.server.grace
    logger.info("draining: NOT_SERVING, serving %.1fs more, then up to %.1fs for in-flight requests", delay, grace)
    await service.stop(grace, drain_delay=delay)
    logger.info("stopped")
