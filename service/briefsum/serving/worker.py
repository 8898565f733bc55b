"""The worker process: build the handler once (warm-up), then run jobs one at a time.

A worker talks to the server process over one socket (see :mod:`briefsum.serving.wire`):

=============================================  ===================================================
worker -> server                               meaning
=============================================  ===================================================
``("ready", pid, info)``                       warmed up; ``info`` is the handler's description
``("failed", message)``                        warm-up failed; the worker exits
``("done", job_id, ok, payload)``              the job's reply
=============================================  ===================================================

The server sends ``(job_id, request_id, deadline, payload)``; ``deadline`` is a
:func:`time.monotonic` value, comparable across processes on Linux (CLOCK_MONOTONIC is system-wide).
Cancellation arrives through a shared integer: the id of the job to abandon. The stage a job is in
goes the other way through shared memory too (:class:`~briefsum.serving.board.StageBoard`): the
server reads it only when a stage runs too long or the worker dies.

Workers ignore SIGINT and SIGTERM: Ctrl-C reaches the whole process group, but only the server
decides when work stops (it drains first). A worker exits when its socket closes, and the server
kills it outright when a stage hangs.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Protocol

from briefsum.errors import Cancelled, DeadlineExceeded, StartupError
from briefsum.serving import wire
from briefsum.serving.board import StageBoard
from briefsum.serving.logs import LogFormat, request_context, setup_logging

logger = logging.getLogger(__name__)


class SharedInt(Protocol):
    """A ``multiprocessing`` shared integer (``RawValue('q')``)."""

    value: int


class Job:
    """What a handler sees of the job it runs: its ids and the between-stages checkpoint."""

    def __init__(
        self, job_id: int, request_id: str, deadline: float | None, cancelled: SharedInt, board: StageBoard
    ) -> None:
        self.job_id = job_id
        self.request_id = request_id
        self.deadline = deadline
        self._cancelled = cancelled
        self._board = board

    def checkpoint(self, stage: str, plugin: str) -> None:
        """Called before each stage: post it on the board, then stop if cancelled or past the deadline."""
        self._board.enter(self.job_id, stage, plugin)
        if self._cancelled.value == self.job_id:
            raise Cancelled("the client cancelled the request")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlineExceeded("the deadline passed before the pipeline finished")


class Handler(Protocol):
    """Runs jobs inside a worker. Must not raise: errors are part of its reply."""

    def info(self) -> bytes:
        """A description sent to the server once, after warm-up."""

    def __call__(self, payload: bytes, job: Job) -> tuple[bool, bytes]:
        """``(True, reply)`` or ``(False, error)`` for ``payload``."""


#: Builds the handler in the worker (loads plugins, warms up stages). Must be picklable.
HandlerFactory = Callable[[], Handler]


#: Native thread pools (OpenBLAS, OpenMP, MKL) get one thread per worker: the workers are the
#: parallelism, and a pool per process spinning on every core makes N workers slower than one.
NATIVE_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def worker_main(
    sock: socket.socket,
    cancelled: SharedInt,
    board: StageBoard,
    factory: HandlerFactory,
    log_level: str,
    log_format: LogFormat,
) -> None:
    """Entry point of a worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for variable in NATIVE_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")  # before the handler factory imports numpy
    setup_logging(log_level, log_format)
    try:
        handler = factory()
    except StartupError as exc:  # a configuration problem: its message says it all
        wire.send(sock, ("failed", str(exc)))
        return
    except Exception as exc:
        logger.exception("worker warm-up failed")
        wire.send(sock, ("failed", f"{type(exc).__name__}: {exc}"))
        return
    try:
        wire.send(sock, ("ready", os.getpid(), handler.info()))
        while (message := wire.recv(sock)) is not None:
            job_id, request_id, deadline, payload = message
            with request_context(request_id):
                ok, reply = handler(payload, Job(job_id, request_id, deadline, cancelled, board))
            wire.send(sock, ("done", job_id, ok, reply))
    except (BrokenPipeError, ConnectionResetError):
        return  # the server process is gone: nobody is waiting for this worker
