"""Which stage a worker is in: shared memory the worker writes and the server reads when it must.

The server needs a worker's current stage only to stop a stage that runs too long and to name the
stage when a worker dies. Sending a frame at every stage boundary would cost the server's event loop
a wake-up, a read and a timer per stage of every request; instead the worker writes the job, the
stage and when it began into a few shared bytes, and the server looks at them when a stage timer
expires or a worker is lost. Writes are not atomic as a whole: the start time is written last, so a
reader that sees a fresh start time never acts on a half-written stage.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Any

#: Bytes kept of ``stage`` + separator + ``plugin``; longer names are cut (they are only reported).
NAME_BYTES = 256
#: Between stage and plugin names (ASCII unit separator: no name contains it).
_SEPARATOR = "\x1f"
_JOB, _STARTED = 0, 1


@dataclass(frozen=True)
class StageNow:
    """What a worker was doing when the board was read."""

    job_id: int
    stage: str
    plugin: str
    #: :func:`time.monotonic` when the stage began (system-wide on Linux, so comparable across processes).
    started: float


class StageBoard:
    """One worker's current job and stage, in memory shared with the server (picklable to the worker)."""

    def __init__(self, context: BaseContext) -> None:
        self._numbers: Any = context.RawArray("d", 2)
        self._names: Any = context.RawArray("c", NAME_BYTES)

    def enter(self, job_id: int, stage: str, plugin: str) -> None:
        """Worker side: job ``job_id`` starts ``stage`` of ``plugin`` now."""
        self._names.value = f"{stage}{_SEPARATOR}{plugin}".encode()[: NAME_BYTES - 1]
        self._numbers[_JOB] = float(job_id)
        self._numbers[_STARTED] = time.monotonic()

    def read(self, job_id: int) -> StageNow | None:
        """Server side: the stage job ``job_id`` is in, or ``None`` before its first stage."""
        started = self._numbers[_STARTED]
        if int(self._numbers[_JOB]) != job_id:
            return None
        stage, _, plugin = self._names.value.decode(errors="replace").partition(_SEPARATOR)
        return StageNow(job_id, stage, plugin, started)
