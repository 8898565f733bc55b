r"""``briefsum-keyfigures-eval``: precision and recall of key figures on annotated real sentences.

    briefsum-keyfigures-eval run plugins/briefsum-keyfigures/eval/annotations.jsonl \\
        /path/to/data/pages examples/jilin-daily-2023-03-30.txt

The texts are read from the data paths given (see :mod:`briefsum_keyfigures.corpus`); the
annotations only point into them. Each document runs through the real pipeline (``builtin.page``,
``builtin.sentences``, ``keyfigures.figures``) as a single article, and the figures that fall
inside an annotated sentence are scored (:mod:`briefsum_keyfigures.scoring`).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from briefsum.engine import Engine, build_engine
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from rich.console import Console
from rich.progress import track
from rich.table import Table
from rich.text import Text

from briefsum_keyfigures.corpus import (
    AnnotatedSentence,
    CorpusError,
    GoldFigure,
    figure_from_dict,
    load_annotations,
    load_documents,
    sentence_hash,
    sentences,
)
from briefsum_keyfigures.scoring import Scores, score_sentence
from briefsum_keyfigures.stage import STAGE_NAME

PIPELINE = ("builtin.page", "builtin.sentences", STAGE_NAME)
DataArgument = Annotated[list[Path], typer.Argument(help="Pages files (*.jsonl), text files, or directories of them.")]

app = typer.Typer(help="Evaluate the key-figures extractor on annotated sentences.", no_args_is_help=True)


def make_engine() -> Engine:
    """Built-in segmentation plus this plugin, nothing else installed."""
    import briefsum_keyfigures

    plugins = make_plugin_manager(entrypoints=False, extra=[("keyfigures", briefsum_keyfigures)])
    return build_engine(load_settings(pipeline=list(PIPELINE)), plugins)


def predict(engine: Engine, text: str, layout: str = "article") -> list[tuple[int, int, GoldFigure]]:
    """``(start, end, figure)`` of every figure the pipeline finds in ``text``."""
    result = engine.summarize(text, parse_options({"layout": layout}))
    found: list[tuple[int, int, GoldFigure]] = []
    for article in result.document.articles:
        for data in article.extensions.get(STAGE_NAME, {}).get("figures", []):
            found.append((data["start"], data["end"], figure_from_dict(data)))
    return found


def evaluate(
    engine: Engine, annotated: Sequence[AnnotatedSentence], documents: Mapping[str, str], layout: str = "article"
) -> Scores:
    """Score the pipeline's figures against ``annotated``."""
    scores = Scores()
    by_doc: dict[str, list[tuple[int, int, GoldFigure]]] = {}
    for doc in track(sorted({a.doc for a in annotated}), description="extracting", console=Console(stderr=True)):
        by_doc[doc] = predict(engine, documents[doc], layout)
    for number, item in enumerate(annotated):
        inside = [f for start, _end, f in by_doc[item.doc] if item.start <= start < item.end]
        score_sentence(scores, number, item.figures, inside)
    return scores


def _describe(figure: GoldFigure | None) -> str:
    if figure is None:
        return "-"
    change = figure.change
    text = f"{figure.indicator or '?'} = {figure.value} {figure.unit}"
    if change is not None:
        text += f" ({change.direction} {change.value} {change.unit} {change.basis} {change.reference})".rstrip()
    return text + (f" @ {figure.period}" if figure.period else "")


@app.command("run")
def run_command(
    annotations: Annotated[Path, typer.Argument(help="Annotations (JSONL, see eval/README.md).")],
    data: DataArgument,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss with its sentence.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    layout: Annotated[str, typer.Option(help="How documents are read: article, page or auto.")] = "article",
) -> None:
    """Precision, recall and attribute accuracy of the extractor on the annotated sentences."""
    try:
        documents = load_documents(data)
        annotated = load_annotations(annotations, documents)
    except (CorpusError, OSError) as exc:
        Console(stderr=True).print(Text("error: ", style="bold red") + Text(str(exc)), soft_wrap=True)
        raise typer.Exit(2) from None
    scores = evaluate(make_engine(), annotated, documents, layout)
    rows = scores.table()
    if as_json:
        sys.stdout.write(json.dumps({name: round(value, 4) for name, value, _n, _d in rows}) + "\n")
        return
    console = Console()
    if errors:
        for number, gold, found in scores.errors:
            item = annotated[number]
            console.print(f"[dim]{item.doc}[{item.start}:{item.end}][/] {documents[item.doc][item.start : item.end]}")
            console.print(f"  gold: {_describe(gold)}\n  got:  {_describe(found)}", highlight=False)
    table = Table(
        title=f"key figures: {len(annotated)} sentences, {scores.gold} annotated figures", title_justify="left"
    )
    for column in ("measure", "value", "count"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for name, value, numerator, denominator in rows:
        table.add_row(name, f"{value:.3f}", f"{numerator}/{denominator}" if denominator else "")
    console.print(table)


@app.command("sample")
def sample_command(
    data: DataArgument,
    count: Annotated[int, typer.Option(help="Sentences to draw.")] = 50,
    seed: Annotated[int, typer.Option(help="Seed of the shuffle (random.Random).")] = 1,
    pattern: Annotated[str, typer.Option(help="Draw only sentences matching this regex.")] = r"[0-9０-９]",
    max_chars: Annotated[int, typer.Option(help="Skip longer sentences.")] = 200,
    exclude: Annotated[Path | None, typer.Option(help="Skip sentences already in this annotation file.")] = None,
) -> None:
    """Draw sentences to annotate: skeleton records on stdout, their texts on stderr (never saved)."""
    documents = load_documents(data)
    taken: set[tuple[str, int]] = set()
    if exclude is not None:
        for line in exclude.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record: dict[str, Any] = json.loads(line)
                taken.add((record["doc"], record["start"]))
    regex = re.compile(pattern)
    candidates = [
        (doc, start, end)
        for doc in sorted(documents)
        for start, end in sentences(documents[doc])
        if (doc, start) not in taken and end - start <= max_chars and regex.search(documents[doc][start:end])
    ]
    random.Random(seed).shuffle(candidates)  # noqa: S311 - a reproducible sample, not a secret
    err = Console(stderr=True)
    for number, (doc, start, end) in enumerate(candidates[:count]):
        text = documents[doc][start:end]
        err.print(f"[bold]{number}[/] {doc}[{start}:{end}] {text}", highlight=False, soft_wrap=True)
        record = {"doc": doc, "start": start, "end": end, "sha1": sentence_hash(text), "figures": []}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    """Entry point of ``briefsum-keyfigures-eval``."""
    app()


if __name__ == "__main__":
    main()
