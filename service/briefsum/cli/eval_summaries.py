"""``briefsum eval summaries PATH...``: summary quality (character ROUGE) against baselines."""

from __future__ import annotations

import enum
import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from briefsum.cli.common import ExitCode, error_console, fail, setup_logging
from briefsum.errors import StartupError
from briefsum.evaluation.rouge import CharRouge
from briefsum.evaluation.summaries import Report, build_systems, evaluate
from briefsum.evaluation.summary_data import DataError, load_datasets


class ReportFormat(enum.StrEnum):
    """How the report is printed."""

    TABLE = "table"
    JSON = "json"


def _table(report: Report) -> Table:
    table = Table(
        title="Summary quality: character ROUGE-1 / ROUGE-2 / ROUGE-L F (x100)",
        title_justify="left",
        caption="ms/item: summarising time per item, in this process (no server)",
        caption_justify="left",
    )
    table.add_column("system", no_wrap=True)
    for dataset in report.datasets:
        table.add_column(f"{dataset.name}\n{len(dataset.items)} items, {dataset.sentences} sent.", justify="right")
    table.add_column("ms/item", justify="right")
    for system in report.systems:
        cells: list[str] = []
        total_ms = 0.0
        total_items = 0
        for dataset in report.datasets:
            score = report.scores[(system, dataset.name)]
            rouge = score.rouge
            mark = " *" if score.failures else ""
            cells.append(f"{100 * rouge.rouge1:5.2f} / {100 * rouge.rouge2:5.2f} / {100 * rouge.rougeL:5.2f}{mark}")
            total_ms += score.ms_per_item * score.items
            total_items += score.items
        table.add_row(system, *cells, f"{total_ms / max(total_items, 1):.1f}")
    failures = {
        system: sum(report.scores[(system, d.name)].failures for d in report.datasets) for system in report.systems
    }
    if any(failures.values()):
        listing = ", ".join(f"{system} ({count})" for system, count in failures.items() if count)
        table.caption = f"{table.caption}\n* raised on some items, scored as empty summaries: {listing}"
    return table


def summaries_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="JSONL files or folders: {text, reference, source} records and/or newspaper pages with titled "
            "articles (scored as a title proxy).",
            show_default=False,
        ),
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N items of each dataset.")] = None,
    output: Annotated[ReportFormat, typer.Option("--format", help="table (for people) or json.")] = ReportFormat.TABLE,
    log_level: Annotated[str, typer.Option(help="Log level (stderr).")] = "WARNING",
) -> None:
    """Score Lead-k, bare textrank4zh and briefsum's summarisers with character ROUGE-1/2/L.

    Each corpus of reference summaries is scored at 1 sentence when its references are
    headline-like (median <= 30 characters) and at 3 sentences otherwise; titled newspaper
    articles are summarised in 1 sentence and scored against their titles. Nothing is downloaded.
    """
    setup_logging(log_level)
    # jieba prints its dictionary loading at INFO level on its own handler.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    try:
        datasets = [d.limited(limit) for d in load_datasets(paths)]
    except DataError as exc:
        fail(str(exc), ExitCode.USAGE)
    if not datasets:
        fail("no evaluation items found in " + ", ".join(map(str, paths)), ExitCode.USAGE)
    try:
        rouge = CharRouge()
        systems = build_systems()
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)
    total = sum(len(d.items) for d in datasets) * len(systems)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=error_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("summarising", total=total)
        report = evaluate(datasets, systems, rouge, advance=lambda n: progress.advance(task, n))
    if output is ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        Console(width=max(Console().width, 160)).print(_table(report))
