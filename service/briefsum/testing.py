"""Helpers for testing briefsum and briefsum plugins against the real thing.

:func:`running_server` starts a real gRPC server on ``127.0.0.1:0`` in a background thread, so a
test can call it through a real channel.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from briefsum.engine import Engine
from briefsum.settings import Settings

#: Seconds a test waits for the server thread to start or stop.
SERVER_TIMEOUT = 30.0


@contextmanager
def running_server(settings: Settings, engine: Engine | None) -> Iterator[int]:
    """Run a server for ``engine`` on 127.0.0.1 (a free port) and yield the port.

    With ``engine=None`` the server stays in its warming-up state (health NOT_SERVING).
    """
    from briefsum.rpc.server import create_server

    local = settings.model_copy(update={"server": settings.server.model_copy(update={"host": "127.0.0.1", "port": 0})})
    loop = asyncio.new_event_loop()
    started = threading.Event()
    port: list[int] = []
    errors: list[BaseException] = []
    stop = asyncio.Event()

    async def main() -> None:
        try:
            service = await create_server(local)
            await service.server.start()
            if engine is not None:
                await service.mark_serving(engine)
            port.append(service.port)
        except BaseException as exc:
            errors.append(exc)
            raise
        finally:
            started.set()
        await stop.wait()
        await service.stop(grace=1.0)

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), name="briefsum-test-server", daemon=True)
    thread.start()
    if not started.wait(SERVER_TIMEOUT) or errors:
        raise RuntimeError(f"test server did not start: {errors[0] if errors else 'timeout'}")
    try:
        yield port[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(SERVER_TIMEOUT)
        loop.close()
