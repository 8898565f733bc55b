"""``briefsum eval tagging FILE.jsonl``: precision, recall and F1 of the category tags, and the mistakes."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from briefsum.cli.common import ConfigOption, ExitCode, error_console, fail, settings_or_exit, setup_logging
from briefsum.engine import build_engine
from briefsum.errors import StartupError
from briefsum.evaluation.tagging import (
    BASELINE,
    BASELINE_KEYWORDS,
    BRIEFSUM,
    TIME_PERCENTILE,
    EvaluationDataError,
    Negatives,
    load_labelled,
    predict,
)
from briefsum.evaluation.tagging_report import Mistake, TaggingReport, evaluate, mistake_to_dict, report_to_dict

#: Characters of an evidence sentence shown in the terminal.
SENTENCE_PREVIEW = 60


def eval_tagging_command(
    path: Annotated[
        Path, typer.Argument(help="Labelled JSON Lines: {id, text, labels, uncertain?}.", show_default=False)
    ],
    negatives: Annotated[
        Negatives,
        typer.Option(
            help="all: a row without a category is a negative for it (complete labels); "
            "empty: only rows labelled [] are negatives (single-label sources such as tagging.jsonl)."
        ),
    ] = Negatives.ALL,
    certain_only: Annotated[bool, typer.Option("--certain-only", help="Only rows with uncertain: false.")] = False,
    mistakes: Annotated[int, typer.Option(help="Show at most this many mistakes (0: none).", min=0)] = 20,
    mistakes_file: Annotated[
        Path | None, typer.Option(help="Write every mistake with its evidence to this JSONL file.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as one JSON object.")] = False,
    config: ConfigOption = None,
) -> None:
    """Score the category tags (and a naive keyword baseline) on labelled texts.

    Prints per-category precision, recall and F1, macro-F1, exact-set accuracy, the no-tag rate on
    rows labelled [], time per article, and the mistakes with the evidence behind them.
    """
    if importlib.util.find_spec("sklearn") is None:
        fail("briefsum eval needs scikit-learn: pip install 'briefsum[eval]'", ExitCode.USAGE)
    settings = settings_or_exit(config)
    setup_logging("WARNING")
    try:
        rows = load_labelled(path)
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}", ExitCode.USAGE)
    except EvaluationDataError as exc:
        fail(str(exc), ExitCode.USAGE)
    if certain_only:
        rows = [row for row in rows if not row.uncertain]
    if not rows:
        fail(f"{path} has no rows to evaluate" + (" with uncertain: false" if certain_only else ""), ExitCode.USAGE)
    try:
        engine = build_engine(settings)
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)
    try:
        with Progress(
            TextColumn("tagging"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=error_console()
        ) as progress:
            task = progress.add_task("tagging", total=len(rows))
            predictions = predict(engine, rows, lambda: progress.advance(task))
    except EvaluationDataError as exc:
        fail(str(exc), ExitCode.USAGE)
    report = evaluate(rows, predictions, negatives)
    if mistakes_file is not None:
        with mistakes_file.open("w", encoding="utf-8") as out:
            for mistake in report.mistakes:
                out.write(json.dumps(mistake_to_dict(mistake), ensure_ascii=False) + "\n")
    if json_output:
        sys.stdout.write(json.dumps(report_to_dict(report), ensure_ascii=False) + "\n")
        return
    console = Console()
    title = f"{path.name}: {report.rows} rows" + (" (uncertain: false only)" if certain_only else "")
    console.print(results_table(report, title))
    console.print(summary_table(report))
    console.print(baseline_note(), soft_wrap=True)
    if mistakes:
        print_mistakes(console, report.mistakes, mistakes)
    if mistakes_file is not None:
        console.print(f"all {len(report.mistakes)} mistakes written to {mistakes_file}", style="dim")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def results_table(report: TaggingReport, title: str) -> Table:
    """Per-category precision, recall and F1 of briefsum and the baseline, side by side."""
    table = Table(title=title, title_justify="left")
    for column in ("category", "pos", "neg"):
        table.add_column(column, justify="right" if column != "category" else "left")
    for method in (BRIEFSUM, BASELINE):
        for metric in ("P", "R", "F1"):
            table.add_column(f"{method} {metric}", justify="right", style="bold" if method == BRIEFSUM else "dim")
    by_key = {(r.category, r.method): r for r in report.results}
    for category in report.categories:
        ours, theirs = by_key[category, BRIEFSUM], by_key[category, BASELINE]
        table.add_row(
            category,
            str(ours.positives),
            str(ours.negatives),
            *(_pct(v) for v in (ours.precision, ours.recall, ours.f1)),
            *(_pct(v) for v in (theirs.precision, theirs.recall, theirs.f1)),
        )
    return table


def summary_table(report: TaggingReport) -> Table:
    """Macro-F1, exact-set accuracy, no-tag rate on [] rows and time per article."""
    table = Table(show_header=True, title_justify="left")
    table.add_column("")
    table.add_column(BRIEFSUM, justify="right", style="bold")
    table.add_column(BASELINE, justify="right", style="dim")
    table.add_row("macro-F1", _pct(report.macro_f1[BRIEFSUM]), _pct(report.macro_f1[BASELINE]))
    exact_label = "exact-set accuracy" + (" (partial labels)" if report.negatives is Negatives.EMPTY else "")
    table.add_row(exact_label, _pct(report.exact_accuracy[BRIEFSUM]), _pct(report.exact_accuracy[BASELINE]))
    table.add_row(
        f"no tag on [] rows ({report.empty_rows})",
        _pct(report.no_tag_rate[BRIEFSUM]),
        _pct(report.no_tag_rate[BASELINE]),
    )
    timing = report.timing_ms
    table.add_row(
        f"ms per article: tags mean / p{TIME_PERCENTILE}",
        f"{timing['tag_mean']:.2f} / {timing[f'tag_p{TIME_PERCENTILE}']:.2f}",
        "",
    )
    table.add_row("ms per article: pipeline mean", f"{timing['pipeline_mean']:.2f}", "")
    return table


def baseline_note() -> Text:
    """What the baseline is, in one line."""
    words = "; ".join(f"{name}: {'、'.join(words)}" for name, words in BASELINE_KEYWORDS.items())
    return Text(f"baseline: a category is given when any of its words occurs ({words})", style="dim")


def print_mistakes(console: Console, mistakes: tuple[Mistake, ...], limit: int) -> None:
    """The first ``limit`` mistakes, each with its score, reason and evidence sentences."""
    console.rule(f"mistakes: {len(mistakes)} (showing {min(limit, len(mistakes))})")
    for mistake in mistakes[:limit]:
        head = Text(f"{mistake.id} ", style="bold")
        head.append(f"{mistake.kind} {mistake.category}", style="red" if mistake.kind == "extra" else "yellow")
        head.append(f"  score {mistake.score:.2f}  gold {list(mistake.gold)}  given {list(mistake.predicted)}")
        if mistake.uncertain:
            head.append("  (uncertain)", style="dim")
        if mistake.reason:
            head.append(f"  {mistake.reason}", style="dim")
        console.print(head, soft_wrap=True)
        for item in mistake.evidence[:5]:
            sentence = item.sentence[:SENTENCE_PREVIEW] + ("…" if len(item.sentence) > SENTENCE_PREVIEW else "")
            console.print(
                Text(f"    {item.term} ×{item.count} ({item.weight:+.2f})  ", style="cyan") + Text(sentence),
                soft_wrap=True,
                highlight=False,
            )
