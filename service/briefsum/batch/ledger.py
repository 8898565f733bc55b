"""The output files of a batch, which are also its resume state: nothing lost, nothing twice.

Two JSON Lines files, appended to as items finish:

- **results**: one line per item id: ``id``, ``source``, ``sha256`` (of the text), ``title``,
  ``options``, ``pipeline_version`` and the ``articles``;
- **errors**: ``id``, ``source``, ``sha256``, ``code`` (a gRPC status name), ``message``,
  ``attempts``.

**Resume.** On start the results file is read: an item whose id has a line with the same
``sha256``, ``title``, ``options`` and ``pipeline_version`` is skipped; anything else (new, changed,
failed before, made by another pipeline version) is sent again. A line is written only after its
result arrived, so an item in flight when the process died is simply sent again.

**Torn lines.** A line is written with one ``write`` of the whole line and its newline, so after
SIGKILL the file ends with complete lines; after a crash of the machine the last line may be cut
short. A last line without its newline is cut off (truncated) on start and its item sent again; a
complete line that is not valid JSON is ignored (and dropped at the end of the run).

**Durability.** Every line is handed to the kernel at once (an unbuffered append), so a killed
process loses nothing it wrote. ``fsync`` runs at most once every :data:`SYNC_SECONDS` and when the
run ends or is interrupted: a crash of the whole machine can lose the last second of lines, which a
rerun recomputes, instead of paying a disk flush for every item.

**One line per id.** Lines are appended, so while a run goes on an id may have an older line
(another pipeline version or input) before its new one: the last line of an id wins. When the run
ends the files are rewritten (to a temporary file, fsync, atomic rename) so that:

- results keep the last line of each id, minus ids whose current input failed in this run;
- errors keep this run's errors and earlier errors of ids this run did not see at all; an id that
  failed before and succeeded now is gone from the errors.

So every id of the inputs is in exactly one of the two files (a duplicate id with a different text
is the one exception: it is an error, and the first item with that id keeps its result).

A lock (``flock`` on the results file) keeps two runs from writing the same files.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

logger = logging.getLogger(__name__)

#: Longest time between two fsyncs of the output files while a batch runs, seconds.
SYNC_SECONDS = 1.0


class LedgerBusy(RuntimeError):
    """Another process holds the results file."""


def canonical(value: Any) -> str:
    """``value`` as canonical JSON (sorted keys), to compare options across runs."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class _Done:
    sha256: str
    title: str | None
    options: str
    pipeline_version: str
    line: int


@dataclass
class _Appender:
    """An unbuffered append-only file: each ``write`` is one whole line."""

    path: Path
    stream: BinaryIO
    synced: float = field(default_factory=time.monotonic)
    dirty: bool = False

    @classmethod
    def open(cls, path: Path) -> _Appender:
        return cls(path, path.open("ab", buffering=0))

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self.stream.write(view)
            view = view[written or 0 :]
        self.dirty = True
        if time.monotonic() - self.synced >= SYNC_SECONDS:
            self.sync()

    def sync(self) -> None:
        if self.dirty:
            os.fsync(self.stream.fileno())
            self.dirty = False
        self.synced = time.monotonic()

    def close(self) -> None:
        self.sync()
        self.stream.close()


def _repair_tail(path: Path) -> int:
    """Cut off a last line without its newline (a torn write); the bytes removed."""
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as stream:
        stream.seek(size - 1)
        if stream.read(1) == b"\n":
            return 0
        # Walk back to the last newline in blocks.
        end = size
        block = 1 << 16
        keep = 0
        while end > 0:
            start = max(0, end - block)
            stream.seek(start)
            chunk = stream.read(end - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        stream.truncate(keep)
        stream.flush()
        os.fsync(stream.fileno())
    return size - keep


def _rewrite(path: Path, lines: Iterator[bytes]) -> None:
    """Replace ``path`` atomically with ``lines``."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as stream:
        for line in lines:
            stream.write(line)
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class Ledger:
    """The results and errors files of one batch; open it with :meth:`open`, finish with :meth:`close`."""

    def __init__(self, results: Path, errors: Path) -> None:
        self.results_path = results
        self.errors_path = errors
        self._done: dict[str, _Done] = {}
        self._lines = 0
        self._needs_rewrite = False
        self._old_errors: dict[str, bytes] = {}
        self._errors: list[tuple[str, bytes]] = []
        self._failed_now: set[str] = set()
        self._results: _Appender | None = None
        self._error_file: _Appender | None = None
        #: Bytes of a torn last line cut off on open, and complete lines that were not valid JSON.
        self.repaired_bytes = 0
        self.invalid_lines = 0

    # --- opening: lock, repair, load --------------------------------------------------------

    def open(self) -> Ledger:
        """Lock the results file, cut off a torn last line and load what earlier runs did."""
        self.results_path.parent.mkdir(parents=True, exist_ok=True)
        self._results = _Appender.open(self.results_path)
        self._lock(self._results.stream)
        self.repaired_bytes = _repair_tail(self.results_path)
        if self.repaired_bytes:
            logger.warning("%s: cut off a torn last line (%d bytes)", self.results_path, self.repaired_bytes)
        self._load_results()
        if self.errors_path.exists():
            _repair_tail(self.errors_path)
            self._load_errors()
        self._error_file = _Appender.open(self.errors_path)
        return self

    @staticmethod
    def _lock(stream: BinaryIO) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            stream.close()
            raise LedgerBusy(f"another briefsum batch is writing {stream.name}") from None

    def _load_results(self) -> None:
        with self.results_path.open("rb") as stream:
            for number, raw in enumerate(stream):
                self._lines = number + 1
                try:
                    record = json.loads(raw)
                    entry = _Done(
                        str(record["sha256"]),
                        record.get("title"),
                        canonical(record.get("options")),
                        str(record["pipeline_version"]),
                        number,
                    )
                    item_id = str(record["id"])
                except (ValueError, KeyError, TypeError):
                    self.invalid_lines += 1
                    self._needs_rewrite = True
                    continue
                if item_id in self._done:
                    self._needs_rewrite = True
                self._done[item_id] = entry
        if self.invalid_lines:
            logger.warning("%s: ignored %d invalid line(s)", self.results_path, self.invalid_lines)

    def _load_errors(self) -> None:
        with self.errors_path.open("rb") as stream:
            for raw in stream:
                try:
                    item_id = str(json.loads(raw)["id"])
                except (ValueError, KeyError, TypeError):
                    continue
                self._old_errors[item_id] = raw

    # --- during the run ---------------------------------------------------------------------

    @property
    def done_count(self) -> int:
        """Ids with a result."""
        return len(self._done)

    def is_done(self, item_id: str, sha256: str, title: str | None, options: str, pipeline_version: str) -> bool:
        """Whether ``item_id`` already has a result for this input, options and pipeline version."""
        done = self._done.get(item_id)
        return (
            done is not None
            and done.sha256 == sha256
            and done.title == title
            and done.options == options
            and done.pipeline_version == pipeline_version
        )

    def add_result(self, record: dict[str, Any]) -> None:
        """Append a result line (``record`` has ``id``, ``sha256``, ``title``, ``options``, ``pipeline_version``)."""
        assert self._results is not None, "open() the ledger first"
        item_id = str(record["id"])
        if item_id in self._done:
            self._needs_rewrite = True
        self._results.write(_line(record))
        self._done[item_id] = _Done(
            record["sha256"],
            record.get("title"),
            canonical(record.get("options")),
            record["pipeline_version"],
            self._lines,
        )
        self._lines += 1

    def add_error(self, record: dict[str, Any], *, duplicate: bool = False) -> None:
        """Append an error line; unless ``duplicate``, the id's result (for an older input) goes at the end."""
        assert self._error_file is not None, "open() the ledger first"
        line = _line(record)
        self._error_file.write(line)
        self._errors.append((str(record["id"]), line))
        if not duplicate:
            self._failed_now.add(str(record["id"]))

    def sync(self) -> None:
        """Flush both files to disk now (fsync; on interrupt)."""
        for appender in (self._results, self._error_file):
            if appender is not None:
                appender.sync()

    # --- the end ----------------------------------------------------------------------------

    def close(self, seen: set[str] | None = None) -> None:
        """Sync and close; with ``seen`` (every id of a finished run) also compact the files.

        Without ``seen`` (an interrupted run) the files stay as appended: a rerun compacts them.
        """
        if seen is not None:
            self._compact(seen)
        for appender in (self._error_file, self._results):
            if appender is not None:
                appender.close()
        self._results = self._error_file = None

    def _compact(self, seen: set[str]) -> None:
        assert self._results is not None
        assert self._error_file is not None
        self.sync()
        dropped = self._failed_now & self._done.keys()
        if self._needs_rewrite or dropped:
            keep = {done.line for item_id, done in self._done.items() if item_id not in dropped}
            with self.results_path.open("rb") as stream:
                _rewrite(self.results_path, (raw for number, raw in enumerate(stream) if number in keep))
            for item_id in dropped:
                del self._done[item_id]
            renumbered = {line: number for number, line in enumerate(sorted(keep))}
            self._done = {
                item_id: _Done(d.sha256, d.title, d.options, d.pipeline_version, renumbered[d.line])
                for item_id, d in self._done.items()
            }
            self._lines = len(keep)
        old = [raw for item_id, raw in self._old_errors.items() if item_id not in seen]
        _rewrite(self.errors_path, iter([*old, *(line for _, line in self._errors)]))

    def results(self) -> Iterator[dict[str, Any]]:
        """The last result of every id, in file order (for the CSV, Markdown and HTML writers)."""
        latest = {done.line for done in self._done.values()}
        with self.results_path.open("rb") as stream:
            for number, raw in enumerate(stream):
                if number in latest:
                    with contextlib.suppress(ValueError):
                        yield json.loads(raw)
