"""Worker processes for the CPU-bound pipeline, seen from the server's event loop.

Why processes, and why this shape: the pipeline is pure Python and holds the GIL, so threads use one
core. gRPC's C core does not survive ``fork()`` once its objects exist, so workers come from a
*forkserver*: a fresh interpreter, started with ``exec`` before the server exists, that forks each
worker (also the replacements started later, when the server process has live gRPC state). One
server process owns every connection and dispatches requests to whichever worker is idle, so a single
client connection uses every core (SO_REUSEPORT would pin each connection to one process), admission
and metrics stay in one place, and a worker stuck in a stage can be killed without dropping any
connection.

Each worker runs one job at a time and has at most one more waiting in its socket
(:data:`JOBS_PER_WORKER`), so it starts the next job the moment it finishes one instead of idling
for a round trip through the server's event loop. It posts each stage as it starts on a shared
:class:`~briefsum.serving.board.StageBoard`; a stage that runs longer
than ``stage_timeout`` gets its worker killed (SIGKILL: a hung stage may never return to Python) and
replaced, and the job fails with :class:`~briefsum.errors.StageError` naming the stage; the job
waiting behind it, which never started, goes to another worker. A worker that dies on its own is
replaced the same way.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import socket
import time
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from briefsum.errors import BriefsumError, StageError, StartupError
from briefsum.serving import wire
from briefsum.serving.board import StageBoard
from briefsum.serving.logs import LogFormat, current_request_id
from briefsum.serving.worker import HandlerFactory, SharedInt, worker_main

logger = logging.getLogger(__name__)

#: Seconds a worker may take to warm up (import plugins, load dictionaries) before start-up fails.
WARM_UP_TIMEOUT = 180.0
#: Seconds a closing worker gets to exit after its socket closes, before it is killed.
EXIT_TIMEOUT = 5.0
#: Back-off between attempts to replace a worker whose replacement failed to warm up.
RESPAWN_BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0)
#: Jobs sent to a worker at once: the running one and one waiting, so the worker never idles between
#: jobs (more would only queue work behind a slow job that another worker could take).
JOBS_PER_WORKER = 2
#: Modules the forkserver imports once, so each forked worker starts with them loaded.
PRELOAD: tuple[str, ...] = ("briefsum.serving.worker",)


class WorkerCrashed(BriefsumError):
    """A worker process died while running a job outside any stage (a bug or the OOM killer)."""


class StageTimeout(StageError):
    """A stage ran past the stage timeout; its worker was killed and is being replaced."""


class StageCrashed(StageError):
    """A worker process died while running a stage; it is being replaced."""


class _Requeue(Exception):
    """A job waited behind one that killed its worker; it never started and goes to another worker."""


class PoolObserver(Protocol):
    """Receives the pool's events (metrics implement it)."""

    def worker_ready(self, slot: int) -> None:
        """Worker ``slot`` warmed up and takes jobs."""

    def job_done(self, slot: int) -> None:
        """Worker ``slot`` finished a job."""

    def worker_lost(self, slot: int, reason: str, stage: str | None, plugin: str | None) -> None:
        """Worker ``slot`` was killed (``reason="timeout"``) or died (``"crash"``) in ``stage``."""


@dataclass
class _Job:
    job_id: int
    future: asyncio.Future[tuple[bool, bytes]]
    #: When it became the worker's running job (:func:`time.monotonic`).
    started: float = 0.0
    timer: asyncio.TimerHandle | None = None


@dataclass
class _Worker:
    slot: int
    process: BaseProcess
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    cancel: SharedInt
    board: StageBoard
    pid: int = 0
    ready: bool = False
    alive: bool = True
    #: The running job first, then the one waiting behind it.
    jobs: deque[_Job] = field(default_factory=deque)
    #: When it was last given a job (for round robin among equally busy workers).
    turn: int = -1
    reader_task: asyncio.Task[None] | None = field(default=None, repr=False)


class WorkerPool:
    """``size`` worker processes, each built by ``factory``; :meth:`run` sends a job to an idle one.

    Use from one event loop: ``await pool.start()``, then ``await pool.run(...)`` from any number of
    tasks (they wait for an idle worker), then ``await pool.close()``.
    """

    def __init__(
        self,
        size: int,
        factory: HandlerFactory,
        *,
        stage_timeout: float,
        log_level: str = "INFO",
        log_format: LogFormat = "text",
        observer: PoolObserver | None = None,
        preload: Sequence[str] = PRELOAD,
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.stage_timeout = stage_timeout
        self._factory = factory
        self._log = (log_level, log_format)
        self._observer = observer
        self._context: ForkServerContext = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))
        #: Set whenever a worker may have a free job place (a job finished, a worker became ready).
        self._freed = asyncio.Event()
        self._turns = itertools.count()
        self._workers: dict[int, _Worker] = {}
        self._job_ids = itertools.count(1)
        self._closing = False
        self._background: set[asyncio.Task[None]] = set()
        self.info = b""
        self._launched: list[_Worker] = []

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers, by slot."""
        return [w.pid for _, w in sorted(self._workers.items()) if w.ready and w.alive]

    async def start(self) -> bytes:
        """Start every worker and wait until all are warm; returns the first worker's ``info``.

        Raises :class:`~briefsum.errors.StartupError` when a worker cannot warm up.
        """
        await self.launch()
        return await self.wait_ready()

    async def launch(self) -> None:
        """Start the worker processes (they warm up in the background)."""
        self._launched = [await self._launch(slot) for slot in range(self.size)]

    async def wait_ready(self) -> bytes:
        """Wait until every launched worker is warm; see :meth:`start`."""
        launched, self._launched = self._launched, []
        results = await asyncio.gather(*(self._ready(worker) for worker in launched), return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            await self.close()
            raise errors[0]
        return self.info

    async def _launch(self, slot: int) -> _Worker:
        parent_sock, child_sock = socket.socketpair()
        cancel: SharedInt = self._context.RawValue("q", 0)
        board = StageBoard(self._context)
        process = self._context.Process(
            target=worker_main,
            args=(child_sock, cancel, board, self._factory, *self._log),
            name=f"briefsum-worker-{slot}",
            daemon=True,
        )
        # start() talks to the forkserver (and launches it the first time): blocking, so off the loop.
        await asyncio.to_thread(process.start)
        child_sock.close()
        reader, writer = await asyncio.open_connection(sock=parent_sock)
        worker = _Worker(slot, process, reader, writer, cancel, board)
        self._workers[slot] = worker  # from now on close() stops it, warm or not
        return worker

    async def _ready(self, worker: _Worker) -> None:
        try:
            message = await asyncio.wait_for(wire.read(worker.reader), WARM_UP_TIMEOUT)
        except TimeoutError:
            message = ("failed", f"no answer within {WARM_UP_TIMEOUT:.0f}s")
        if message is None or message[0] != "ready":
            worker.writer.close()
            worker.process.kill()
            await asyncio.to_thread(worker.process.join, EXIT_TIMEOUT)
            reason = message[1] if message is not None else f"it exited with code {worker.process.exitcode}"
            raise StartupError(f"worker {worker.slot} could not start: {reason}")
        _, worker.pid, info = message
        self.info = self.info or info
        worker.ready = True
        worker.reader_task = asyncio.create_task(self._read(worker), name=f"briefsum-worker-{worker.slot}-reader")
        self._freed.set()
        if self._observer is not None:
            self._observer.worker_ready(worker.slot)
        logger.info("worker %d ready (pid %d)", worker.slot, worker.pid)

    async def run(self, payload: bytes, deadline: float | None) -> tuple[bool, bytes]:
        """Run one job on the next idle worker; ``(ok, reply)`` as the handler returned it.

        Raises :class:`~briefsum.errors.StageError` when a stage hung (its worker is replaced) or
        crashed its worker, and :class:`WorkerCrashed` when a worker died outside any stage. When
        the calling task is cancelled, the worker is told to stop at its next stage boundary.
        """
        loop = asyncio.get_running_loop()
        while True:
            worker = await self._least_busy()
            job = _Job(next(self._job_ids), loop.create_future())
            worker.jobs.append(job)
            if len(worker.jobs) == 1:
                self._start(worker, job)  # it starts now; a waiting job is started when it starts
            # No drain(): a broken pipe surfaces as end of stream in the reader task, which fails the job.
            worker.writer.write(wire.encode((job.job_id, current_request_id(), deadline, payload)))
            try:
                return await job.future
            except _Requeue:
                continue
            except asyncio.CancelledError:
                worker.cancel.value = job.job_id
                raise

    async def _least_busy(self) -> _Worker:
        """A live worker with a free job place: an idle one first, then in round-robin order."""
        while True:
            free = [w for w in self._workers.values() if w.ready and w.alive and len(w.jobs) < JOBS_PER_WORKER]
            if free:
                worker = min(free, key=lambda w: (len(w.jobs), w.turn))
                worker.turn = next(self._turns)
                return worker
            self._freed.clear()
            await self._freed.wait()

    def _start(self, worker: _Worker, job: _Job) -> None:
        """``job`` is the worker's running job from now on: time its stages."""
        job.started = time.monotonic()
        job.timer = asyncio.get_running_loop().call_later(self.stage_timeout, self._check, worker, job)

    def _check(self, worker: _Worker, job: _Job) -> None:
        """The timer of ``job`` expired: stop it if its current stage is over time, else wait for that."""
        if not worker.jobs or worker.jobs[0] is not job:
            return
        now = worker.board.read(job.job_id)
        # Before its first stage the job itself counts as the stage (reading the request).
        remaining = (now.started if now is not None else job.started) + self.stage_timeout - time.monotonic()
        if remaining > 0:
            job.timer = asyncio.get_running_loop().call_later(remaining, self._check, worker, job)
            return
        error_id = uuid.uuid4().hex[:12]
        stage, plugin = (now.stage, now.plugin) if now is not None else ("(start)", "(none)")
        logger.error(
            "stage %s of plugin %s did not finish within %.1fs (error id %s); killing worker %d (pid %d)",
            stage,
            plugin,
            self.stage_timeout,
            error_id,
            worker.slot,
            worker.pid,
        )
        problem = f"did not finish within {self.stage_timeout:g}s and was stopped"
        self._fail(worker, StageTimeout(stage, plugin, error_id, problem), "timeout")
        worker.process.kill()

    def _fail(self, worker: _Worker, error: BaseException, reason: str) -> None:
        """Fail the worker's running job (if any), requeue the waiting one, retire the worker.

        Its reader task replaces it.
        """
        jobs, worker.jobs, worker.alive = worker.jobs, deque(), False
        job = jobs[0] if jobs else None
        now = worker.board.read(job.job_id) if job is not None else None
        for number, each in enumerate(jobs):
            if each.timer is not None:
                each.timer.cancel()
            if not each.future.done():
                each.future.set_exception(error if number == 0 else _Requeue())
        if self._observer is not None:
            self._observer.worker_lost(worker.slot, reason, now.stage if now else None, now.plugin if now else None)

    async def _read(self, worker: _Worker) -> None:
        """Handle the worker's frames until its socket closes, then replace it unless closing."""
        while (message := await wire.read(worker.reader)) is not None:
            self._handle(worker, message)
        worker.writer.close()
        if worker.alive and not (self._closing and not worker.jobs):  # not killed by us, not closed: it died
            self._fail(worker, self._death(worker), "crash")
        worker.alive = False
        await asyncio.to_thread(worker.process.join, EXIT_TIMEOUT)
        if not self._closing:
            self._keep(self._respawn(worker.slot))

    def _death(self, worker: _Worker) -> BaseException:
        job = worker.jobs[0] if worker.jobs else None
        now = worker.board.read(job.job_id) if job is not None else None
        if now is None:
            return WorkerCrashed(f"worker {worker.slot} (pid {worker.pid}) exited unexpectedly")
        error_id = uuid.uuid4().hex[:12]
        logger.error(
            "worker %d (pid %d) died in stage %s of plugin %s (error id %s)",
            worker.slot,
            worker.pid,
            now.stage,
            now.plugin,
            error_id,
        )
        return StageCrashed(now.stage, now.plugin or "(none)", error_id, "crashed its worker process")

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        job = worker.jobs[0] if worker.jobs else None
        kind, job_id = message[0], message[1]
        if job is None or job.job_id != job_id:
            return  # a late frame of a job that already failed
        if kind == "done":
            if job.timer is not None:
                job.timer.cancel()
            worker.jobs.popleft()
            if not job.future.done():
                job.future.set_result((message[2], message[3]))
            if worker.jobs:
                self._start(worker, worker.jobs[0])  # the waiting job starts now
            if self._observer is not None:
                self._observer.job_done(worker.slot)
            self._freed.set()

    async def _respawn(self, slot: int) -> None:
        for delay in itertools.chain((0.0,), RESPAWN_BACKOFF, itertools.repeat(RESPAWN_BACKOFF[-1])):
            await asyncio.sleep(delay)
            if self._closing:
                return
            try:
                await self._ready(await self._launch(slot))
            except StartupError as exc:
                logger.error("%s; retrying", exc)
                continue
            return

    def _keep(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def close(self) -> None:
        """Stop every worker: close its socket (it exits), kill it if it does not exit in time."""
        self._closing = True
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        workers = list(self._workers.values())
        for worker in workers:
            worker.writer.close()
        deadline = time.monotonic() + EXIT_TIMEOUT
        for worker in workers:
            await asyncio.to_thread(worker.process.join, max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                await asyncio.to_thread(worker.process.join, EXIT_TIMEOUT)
        for worker in workers:
            if worker.reader_task is not None:
                worker.reader_task.cancel()
        await asyncio.gather(*(w.reader_task for w in workers if w.reader_task is not None), return_exceptions=True)
        self._workers.clear()
