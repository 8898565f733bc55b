"""The same pipeline on an existing Dask cluster, for offline corpora (``briefsum batch --dask ADDRESS``).

Needs ``pip install 'briefsum[dask]'`` on the client and on every worker.

- **Loaded once per worker.** :class:`EnginePlugin` is a Dask worker plugin: the scheduler hands it to
  every worker (including workers that join or are restarted later) and its ``setup`` builds the
  engine *in the worker* (plugins, jieba's dictionary, categories), once. Tasks carry only an item's
  id, text and options; the result comes back as plain data.
- **A document that kills its worker** (a crash, the memory limit) makes Dask's nanny restart the
  worker and the scheduler retry the task until ``distributed.scheduler.allowed-failures``, then
  fail it with ``KilledWorker``. Other tasks that were assigned to the dying worker can fail the
  same way, so a ``KilledWorker`` item is tried once more on its own: a document that kills its
  worker again becomes an ``INTERNAL`` error item; the batch goes on. (A low ``allowed-failures``,
  such as 0, spares the cluster restarts.)
- **Per-item timeout.** Past ``--timeout`` the task is cancelled and the item retried, then
  recorded as ``DEADLINE_EXCEEDED``. Dask cannot stop a task that has started; its thread finishes
  in the background.

Errors map to the codes the gRPC service uses: a text over ``server.max_text_bytes`` or bad options
are ``INVALID_ARGUMENT``, a failing stage is ``INTERNAL``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from distributed import Client, WorkerPlugin, get_worker
from distributed.scheduler import KilledWorker

from briefsum.batch.items import Item
from briefsum.batch.transport import item_options
from briefsum.errors import BriefsumError, InvalidRequest, StageError
from briefsum.export import result_to_dict
from briefsum.options import SummarizeOptions
from briefsum.rpc.client import CONNECT_TIMEOUT, RemoteError, Unreachable

if TYPE_CHECKING:
    from briefsum.engine import Engine

logger = logging.getLogger(__name__)

#: Name of the worker plugin that holds the engine.
PLUGIN_NAME = "briefsum-engine"
#: Times an item whose worker died is sent again before it becomes an error item.
KILLED_RETRIES = 2


class EnginePlugin(WorkerPlugin):
    """A Dask worker plugin that builds the engine in the worker, once (see the module docstring).

    ``factory`` is a picklable callable returning a warmed-up engine (``functools.partial(build_engine,
    settings)``); ``builds`` counts how often this worker built one (one, unless it was restarted).
    """

    name = PLUGIN_NAME

    def __init__(self, factory: Callable[[], Engine]) -> None:
        self.factory = factory
        self.engine: Engine | None = None
        self.builds = 0

    def setup(self, worker: Any) -> None:
        """Build the engine in the worker."""
        self.engine = self.factory()
        self.builds += 1

    def teardown(self, worker: Any) -> None:
        """Drop the engine."""
        self.engine = None


def summarize_on_worker(item_id: str, text: str, options: SummarizeOptions) -> dict[str, Any]:
    """Run one item on the worker's engine: the result as plain data, or ``{"error": {code, message}}``."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    engine = getattr(plugin, "engine", None)
    if engine is None:
        return {"error": {"code": "UNAVAILABLE", "message": "the worker's engine is not built yet"}}
    try:
        result = engine.summarize(text, options)
    except InvalidRequest as exc:
        return {"error": {"code": "INVALID_ARGUMENT", "message": str(exc)}}
    except StageError as exc:
        return {"error": {"code": "INTERNAL", "message": str(exc)}}
    except BriefsumError as exc:
        return {"error": {"code": "INTERNAL", "message": f"{type(exc).__name__}: {exc}"}}
    return result_to_dict(item_id, result, timings=False)


class DaskTransport:
    """Items as tasks on a Dask cluster, each run by the worker's :class:`EnginePlugin` engine."""

    def __init__(self, address: str, factory: Callable[[], Engine]) -> None:
        self.address = address
        self._factory = factory
        self._client: Any = None
        # A dying worker fails every task it held, also the innocent ones queued beside the task that
        # killed it; sent again together, they would meet on one worker again. Items sent again after
        # a worker died therefore go one at a time: the innocent ones then finish, the culprit fails alone.
        self._suspects = asyncio.Semaphore(1)

    async def connect(self) -> None:
        """Connect to the scheduler and install the engine plugin on every worker."""
        try:
            self._client = await Client(  # type: ignore[no-untyped-call]
                self.address, asynchronous=True, timeout=CONNECT_TIMEOUT
            )
        except (OSError, TimeoutError) as exc:
            raise Unreachable(
                "UNAVAILABLE",
                f"no Dask scheduler answers at {self.address} ({exc}); check the address "
                "(tcp://HOST:8786) and that the scheduler runs",
            ) from None
        await self._client.register_plugin(EnginePlugin(self._factory), name=PLUGIN_NAME)

    async def probe(self, options: SummarizeOptions) -> str:
        """The pipeline version, from an empty text run on a worker."""
        result = await self._run("briefsum-batch-probe", "", options, CONNECT_TIMEOUT * 6)
        return str(result["pipeline_version"])

    def in_flight_cap(self) -> int | None:
        """Dask queues tasks itself: no cap."""
        return None

    async def summarize(self, item: Item, options: SummarizeOptions, timeout: float) -> dict[str, Any]:
        """One item on the cluster."""
        assert item.text is not None
        options = item_options(item, options)
        try:
            return await self._run(item.id, item.text, options, timeout)
        except KilledWorker:
            logger.warning("item %s: its Dask worker died (attempt 1)", item.id)
        for attempt in range(2, KILLED_RETRIES + 2):
            async with self._suspects:
                try:
                    return await self._run(item.id, item.text, options, timeout)
                except KilledWorker:
                    logger.warning("item %s: its Dask worker died (attempt %d)", item.id, attempt)
        raise RemoteError(
            "INTERNAL",
            f"the item killed its Dask worker {KILLED_RETRIES + 1} times (KilledWorker): "
            "it crashes the pipeline or exceeds the worker's memory",
        )

    async def _run(self, item_id: str, text: str, options: SummarizeOptions, timeout: float) -> dict[str, Any]:
        future = self._client.submit(summarize_on_worker, item_id, text, options, pure=False)
        try:
            result: dict[str, Any] = await asyncio.wait_for(future, timeout)
        except TimeoutError:
            await self._client.cancel(future)
            raise RemoteError("DEADLINE_EXCEEDED", f"no result within {timeout:.1f}s") from None
        except (OSError, ConnectionError) as exc:
            raise Unreachable("UNAVAILABLE", f"lost the Dask scheduler at {self.address}: {exc}") from None
        error = result.get("error")
        if error is not None:
            raise RemoteError(str(error["code"]), str(error["message"]))
        return result

    async def close(self) -> None:
        """Disconnect (the cluster keeps running; the plugin stays on its workers)."""
        if self._client is not None:
            await self._client.close()
