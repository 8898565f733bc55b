"""What a person (or a script) sees of a batch: a progress bar on a terminal, then a summary.

On a terminal: a rich progress bar with items done of total, the rate, the time left and the counts
of errors, retries and skipped items, then a summary table. When stdout is not a terminal nothing
is drawn while the batch runs and the summary is one JSON line on stdout.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from briefsum.batch.runner import Tally


class RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        """The task's speed, or a dash before there is one."""
        speed = task.finished_speed or task.speed
        return Text("– items/s" if speed is None else f"{speed:.1f} items/s", style="progress.data.speed")


class BarProgress:
    """A rich progress bar; the total counts the items still to do (skipped ones leave it)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            TextColumn(
                "[red]{task.fields[errors]} errors[/] · {task.fields[retries]} retries · {task.fields[skipped]} skipped"
            ),
            console=console,
            transient=False,
        )
        self._task = self._progress.add_task("batch", total=None, errors=0, retries=0, skipped=0, start=False)
        self._errors = self._retries = self._skipped = 0
        self._total: int | None = None

    def __enter__(self) -> BarProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def begin(self, total: int | None) -> None:
        """Start the clock with ``total`` items (``None``: unknown)."""
        self._total = total
        self._progress.update(self._task, total=total)
        self._progress.start_task(self._task)

    def skipped(self) -> None:
        """One item less to do."""
        self._skipped += 1
        if self._total is not None:
            self._total -= 1
        self._progress.update(self._task, total=self._total, skipped=self._skipped)

    def finished(self, ok: bool) -> None:
        """One item done."""
        if not ok:
            self._errors += 1
        self._progress.update(self._task, advance=1, errors=self._errors)

    def retried(self) -> None:
        """One more retry."""
        self._retries += 1
        self._progress.update(self._task, retries=self._retries)


def print_summary(console: Console, tally: Tally, files: dict[str, Path], *, machine: bool) -> None:
    """The summary: a table for people, or one JSON line for scripts (``machine``)."""
    if machine:
        record = {
            "ok": tally.ok,
            "failed": tally.failed,
            "skipped": tally.skipped,
            "retries": tally.retries,
            "seconds": round(tally.seconds, 3),
            "items_per_second": round(tally.rate, 2),
            "pipeline_version": tally.pipeline_version,
            **{name: str(path) for name, path in files.items()},
        }
        console.print_json(json.dumps(record, ensure_ascii=False), indent=None)
        return
    table = Table(title="briefsum batch", title_justify="left")
    for column in ("ok", "failed", "skipped", "retries", "time", "items/s"):
        table.add_column(column, justify="right")
    table.add_row(
        str(tally.ok),
        Text(str(tally.failed), style="red" if tally.failed else ""),
        str(tally.skipped),
        str(tally.retries),
        f"{tally.seconds:.1f} s",
        f"{tally.rate:.1f}",
    )
    console.print(table)
    for name, path in files.items():
        console.print(f"[dim]{name}:[/] {path}", highlight=False)
