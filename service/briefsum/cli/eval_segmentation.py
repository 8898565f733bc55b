"""``briefsum eval segmentation PATH...``: how well pages are split into articles.

Renders corpus pages (JSON Lines with known article boundaries, see
:mod:`briefsum.evaluation.pagedata`) as PDF-extracted text in varied layouts, segments them in-process
with ``layout=auto``, and prints precision/recall/F1 of article boundaries, exact pages, title and
byline accuracy, caption classification and summary leaks, overall and per layout variation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from briefsum.cli.common import ConfigOption, ExitCode, fail, settings_or_exit, setup_logging
from briefsum.engine import Engine, build_engine
from briefsum.errors import BriefsumError, StartupError
from briefsum.evaluation.pagedata import PageDataError, load_pages
from briefsum.evaluation.report import RunInfo, report_data, report_tables
from briefsum.evaluation.segmentation import Segmenter, evaluate_segmentation
from briefsum.model import Article
from briefsum.options import parse_options

#: Width of the tables when the output is not a terminal.
OUTPUT_WIDTH = 150


def _segmenter(engine: Engine, stages: tuple[str, ...] | None) -> Segmenter:
    options = parse_options({"layout": "auto", "stages": stages, "keyword_count": 0})

    def segment(text: str) -> tuple[Article, ...]:
        return engine.summarize(text, options).document.articles

    return segment


def segmentation_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Pages files (JSON Lines) or directories of them.", exists=True, show_default=False),
    ],
    renders: Annotated[int, typer.Option(min=1, help="Renderings per page, each in a random layout.")] = 4,
    seed: Annotated[int, typer.Option(help="Seed of the layouts (same seed, same pages).")] = 0,
    stage: Annotated[str, typer.Option(help="The segmentation stage to evaluate.")] = "builtin.page",
    summaries: Annotated[
        int,
        typer.Option(min=0, help="Run the full pipeline on this many renderings to check summaries (0: skip)."),
    ] = 20,
    output: Annotated[str, typer.Option("--format", "-f", help="text (tables) or json.")] = "text",
    config: ConfigOption = None,
) -> None:
    """Render pages with known article boundaries, segment them, and score the result."""
    if output not in {"text", "json"}:
        fail(f"--format must be text or json, not {output!r}", ExitCode.USAGE)
    settings = settings_or_exit(config)
    setup_logging("WARNING")
    try:
        pages = load_pages(paths)
    except PageDataError as exc:
        fail(str(exc), ExitCode.USAGE)
    if not pages:
        fail("no pages found in the given files", ExitCode.USAGE)
    try:
        engine = build_engine(settings)
        segment = _segmenter(engine, (stage,))
    except (StartupError, BriefsumError) as exc:
        fail(str(exc), ExitCode.USAGE)
    summarize = _segmenter(engine, None) if summaries else None
    stderr = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("rendering and segmenting", total=len(pages) * renders + len(pages))
        report = evaluate_segmentation(
            pages,
            segment,
            count=renders,
            seed=seed,
            summarize=summarize,
            summary_pages=summaries,
            progress=lambda _: progress.advance(task),
        )
    info = RunInfo(tuple(str(p) for p in paths), len(pages), renders, seed, stage, min(summaries, len(pages) * renders))
    if output == "json":
        sys.stdout.write(json.dumps(report_data(report, info), ensure_ascii=False, indent=2) + "\n")
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=OUTPUT_WIDTH)  # a file or a pipe: do not squeeze the tables into 80 columns
        console.print(report_tables(report, info))
