"""Real servers in a background thread of the test process (see :mod:`briefsum.testing`)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from briefsum.engine import Engine
from briefsum.rpc.handler import EngineFactory
from briefsum.serving.metrics import Metrics
from briefsum.settings import Settings

#: Seconds a test waits for the server thread to start or stop.
SERVER_TIMEOUT = 60.0


@dataclass
class RunningService:
    """A service running in a background thread of the test process."""

    port: int
    metrics: Metrics
    metrics_port: int | None
    _loop: asyncio.AbstractEventLoop
    _stop: asyncio.Event
    _drain: list[float]

    @property
    def target(self) -> str:
        """``127.0.0.1:port``."""
        return f"127.0.0.1:{self.port}"

    def begin_stop(self, drain_delay: float = 0.0) -> None:
        """Start a graceful stop (NOT_SERVING, ``drain_delay``, then drain); returns at once."""
        self._drain.append(drain_delay)
        self._loop.call_soon_threadsafe(self._stop.set)


@contextmanager
def running_service(
    settings: Settings,
    engine: Engine | None = None,
    *,
    engine_factory: EngineFactory | None = None,
    metrics_port: bool = False,
    grace: float = 5.0,
) -> Iterator[RunningService]:
    """Run a server on 127.0.0.1 (a free port) and yield it.

    ``engine`` runs the pipeline in threads of this process; ``engine_factory`` (picklable) builds
    one engine per worker process, ``settings.server.workers`` of them. With neither, the server
    stays in its warming-up state (health NOT_SERVING). ``metrics_port`` also serves ``/metrics``.
    """
    from briefsum.rpc.backends import ThreadBackend
    from briefsum.rpc.server import BackendStarter, create_server

    local = settings.model_copy(update={"server": settings.server.model_copy(update={"host": "127.0.0.1", "port": 0})})
    loop = asyncio.new_event_loop()
    started = threading.Event()
    handle: list[RunningService] = []
    errors: list[BaseException] = []
    stop = asyncio.Event()
    drain: list[float] = []

    async def main() -> None:
        try:
            metrics = Metrics()
            starter = BackendStarter(local, engine_factory, metrics) if engine_factory is not None else None
            if starter is not None:
                await starter.launch()
            service = await create_server(local, metrics)
            await service.server.start()
            endpoint = service.serve_metrics("127.0.0.1", 0) if metrics_port else None
            if engine is not None:
                await service.mark_serving(ThreadBackend(engine, local.server.max_concurrency))
            elif starter is not None:
                await service.mark_serving(await starter.ready())
            handle.append(RunningService(service.port, metrics, endpoint.port if endpoint else None, loop, stop, drain))
        except BaseException as exc:
            errors.append(exc)
            raise
        finally:
            started.set()
        await stop.wait()
        await service.stop(grace=grace, drain_delay=drain[0] if drain else 0.0)

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), name="briefsum-test-server", daemon=True)
    thread.start()
    if not started.wait(SERVER_TIMEOUT) or errors:
        raise RuntimeError(f"test server did not start: {errors[0] if errors else 'timeout'}")
    try:
        yield handle[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(SERVER_TIMEOUT)
        loop.close()
