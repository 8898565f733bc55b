"""The batch loop: read items, skip what is done, send the rest, record every outcome.

Reading runs in a thread (stdin may be a slow pipe) and feeds a bounded queue; ``concurrency``
tasks take items from it, send each through the transport with retries, and append the outcome
to the ledger as soon as it arrives. Nothing is buffered in between, so whatever stops the run
(Ctrl-C, SIGTERM, the server going away for longer than the retries last) leaves files a rerun
completes.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from briefsum.batch.items import Item
from briefsum.batch.ledger import Ledger, canonical
from briefsum.batch.retry import ItemFailed, RetryPolicy, with_retries
from briefsum.batch.throttle import AdaptiveLimit
from briefsum.batch.transport import Transport
from briefsum.options import SummarizeOptions
from briefsum.rpc.client import RemoteError

logger = logging.getLogger(__name__)

#: Items read per hop to the reading thread.
READ_CHUNK = 32
#: Status code of error items whose input is not valid (never sent).
INVALID = "INVALID_ARGUMENT"


class Progress(Protocol):
    """What the runner reports as it goes (see :mod:`briefsum.batch.progress`)."""

    def begin(self, total: int | None) -> None:
        """The run starts with ``total`` items (``None``: unknown)."""

    def skipped(self) -> None:
        """An item was done before."""

    def finished(self, ok: bool) -> None:
        """An item finished, ok or as an error item."""

    def retried(self) -> None:
        """An attempt failed and will be retried."""


class _Silent:
    def begin(self, total: int | None) -> None:
        pass

    def skipped(self) -> None:
        pass

    def finished(self, ok: bool) -> None:
        pass

    def retried(self) -> None:
        pass


class ServerGone(Exception):
    """The server stopped answering and an item ran out of retries: stop, a rerun resumes."""


class ProbeFailed(Exception):
    """The first call failed for good: bad options or credentials (``code``, ``message``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class BatchConfig:
    """What every item is sent with."""

    options: SummarizeOptions
    concurrency: int = 8
    #: Seconds one attempt of one item may take.
    timeout: float = 60.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass
class Tally:
    """Counts of a run, for the summary."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    retries: int = 0
    seconds: float = 0.0
    pipeline_version: str = ""

    @property
    def rate(self) -> float:
        """Items processed (ok or failed) per second."""
        return (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0


def options_record(options: SummarizeOptions) -> dict[str, Any]:
    """The options as stored in each result line (what changes results, minus the per-item title)."""
    return options.model_dump(mode="json", exclude={"title", "debug"}, exclude_none=True)


class BatchRunner:
    """Runs one batch: ``items`` through ``transport`` into ``ledger``."""

    def __init__(self, items: Iterator[Item], ledger: Ledger, transport: Transport, config: BatchConfig) -> None:
        self._items = items
        self._ledger = ledger
        self._transport = transport
        self._config = config
        self._progress: Progress = _Silent()
        self._options = options_record(config.options)
        self._options_key = canonical(self._options)
        #: id -> (sha256, source) of every item seen, to find duplicate ids.
        self.seen: dict[str, tuple[str, str]] = {}
        self.tally = Tally()
        self._limit = AdaptiveLimit(config.concurrency)

    async def start(self) -> str:
        """Connect and learn the pipeline version; raises ``Unreachable`` or :class:`ProbeFailed`."""
        await self._transport.connect()
        try:
            version, _ = await with_retries(
                lambda: self._transport.probe(self._config.options), self._config.retry, lambda _: None
            )
        except ItemFailed as exc:
            if exc.code == "UNAVAILABLE":
                raise ServerGone(exc.message) from None
            raise ProbeFailed(exc.code, exc.message) from None
        self.tally.pipeline_version = version
        cap = self._transport.in_flight_cap()
        if cap is not None and cap < self._config.concurrency:
            # Sending more than the servers admit only buys refusals and retry back-offs.
            logger.info("the server(s) admit %d calls at once: at most %d items in flight", cap, cap)
            self._limit = AdaptiveLimit(cap)
        return version

    async def run(self, total: int | None, progress: Progress | None = None) -> Tally:
        """Process every item; raises :class:`ServerGone` if the server went away for good."""
        started = time.monotonic()
        self._progress = progress or _Silent()
        self._progress.begin(total)
        queue: asyncio.Queue[Item | None] = asyncio.Queue(maxsize=self._config.concurrency * 2)
        tasks = [asyncio.create_task(self._work(queue)) for _ in range(self._config.concurrency)]
        tasks.append(asyncio.create_task(self._feed(queue, self._config.concurrency)))
        try:
            # The first worker to fail (ServerGone) ends the run; the others are cancelled below.
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self.tally.seconds = time.monotonic() - started
        return self.tally

    async def _feed(self, queue: asyncio.Queue[Item | None], workers: int) -> None:
        while chunk := await asyncio.to_thread(lambda: list(itertools.islice(self._items, READ_CHUNK))):
            for item in chunk:
                if self._admit(item):
                    await queue.put(item)
        for _ in range(workers):
            await queue.put(None)

    def _admit(self, item: Item) -> bool:
        """Whether ``item`` needs sending; records duplicates and invalid inputs as they come."""
        first = self.seen.get(item.id)
        if first is not None:
            if first[0] == item.sha256:
                self._skip()
            else:
                message = f"duplicate id: {first[1]} has the same id with a different text; give each a unique id"
                self._error(item, INVALID, message, 0, duplicate=True)
            return False
        self.seen[item.id] = (item.sha256, item.source)
        if item.problem is not None:
            self._error(item, INVALID, item.problem, 0)
            return False
        version = self.tally.pipeline_version
        if self._ledger.is_done(item.id, item.sha256, item.title, self._options_key, version):
            self._skip()
            return False
        return True

    def _skip(self) -> None:
        self.tally.skipped += 1
        self._progress.skipped()

    def _error(self, item: Item, code: str, message: str, attempts: int, *, duplicate: bool = False) -> None:
        record = {
            "id": item.id,
            "source": item.source,
            "sha256": item.sha256,
            "code": code,
            "message": message,
            "attempts": attempts,
        }
        self._ledger.add_error(record, duplicate=duplicate)
        self.tally.failed += 1
        self._progress.finished(False)

    def _retried(self, error: RemoteError) -> None:
        self.tally.retries += 1
        logger.debug("retrying after %s: %s", error.code, error.message)
        self._progress.retried()

    async def _attempt(self, item: Item) -> dict[str, Any]:
        """One attempt at ``item`` within the adaptive cap, which learns from its outcome."""
        async with self._limit.slot():
            try:
                outcome = await self._transport.summarize(item, self._config.options, self._config.timeout)
            except RemoteError as exc:
                if exc.code == "RESOURCE_EXHAUSTED":
                    self._limit.refused()
                raise
        self._limit.succeeded()
        return outcome

    async def _work(self, queue: asyncio.Queue[Item | None]) -> None:
        config = self._config
        while (item := await queue.get()) is not None:
            send = functools.partial(self._attempt, item)
            try:
                result, _ = await with_retries(send, config.retry, self._retried)
            except ItemFailed as exc:
                if exc.code == "UNAVAILABLE":
                    raise ServerGone(exc.message) from None
                self._error(item, exc.code, exc.message, exc.attempts)
                continue
            self._ledger.add_result(
                {
                    "id": item.id,
                    "source": item.source,
                    "sha256": item.sha256,
                    "title": item.title,
                    "options": self._options,
                    "pipeline_version": result["pipeline_version"],
                    "articles": result["articles"],
                }
            )
            self.tally.ok += 1
            self._progress.finished(True)
