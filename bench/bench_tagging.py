"""How long tagging takes per article, side by side with the other stages, in one run.

    python bench/bench_tagging.py                 # the articles of the bundled example page
    python bench/bench_tagging.py FILE.jsonl      # or the "text" of every line of a JSONL file
    python bench/bench_tagging.py --against DIR   # also tag with the category files of DIR

Every article runs through the full default pipeline (page, sentences, jieba, TextRank, keywords,
tags) several times; the table shows the mean and 95th percentile per article of each stage and
its time relative to the tagging stage. With ``--against``, the same articles are also tagged, in
turn, by a tagging stage that uses only the category files of DIR (for example the previous
version of the built-in files), so a change to the categories shows as a ratio measured in the
same run. Timings on a shared machine are noisy: read the ratios.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

from briefsum.engine import build_engine
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "jilin-daily-2023-03-30.txt"
REPEATS = 5
TAGS = "builtin.tags"
#: Row label of the tagging stage run with the ``--against`` category files.
AGAINST = "builtin.tags (--against)"


def _texts(argv: list[str]) -> list[str]:
    if len(argv) > 1:
        with Path(argv[1]).open(encoding="utf-8") as lines:
            return [json.loads(line)["text"] for line in lines if line.strip()]
    page = EXAMPLE.read_text(encoding="utf-8")
    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
    articles = engine.summarize(page, parse_options({"stages": ("builtin.page",)})).document.articles
    return [page[a.span.start : a.span.end] for a in articles]


def _arguments(argv: list[str]) -> tuple[list[str], Path | None]:
    args = list(argv)
    against = None
    if "--against" in args:
        at = args.index("--against")
        against = Path(args[at + 1])
        del args[at : at + 2]
    return args, against


def main() -> None:
    args, against = _arguments(sys.argv)
    texts = _texts(args)
    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
    options = parse_options({"layout": "article"})
    other = None
    if against is not None:
        tag_options: dict[str, Any] = {"categories_dir": str(against), "builtin_categories": False}
        other = build_engine(load_settings(stages={TAGS: tag_options}), make_plugin_manager(entrypoints=False))
        tags_only = parse_options({"layout": "article", "stages": ("builtin.page", "builtin.sentences", TAGS)})
    per_stage: dict[str, list[float]] = {}
    for _ in range(REPEATS):
        for text in texts:
            for run in engine.summarize(text, options).trace:
                per_stage.setdefault(run.stage, []).append(run.elapsed_ms)
            if other is not None:
                for run in other.summarize(text, tags_only).trace:
                    if run.stage == TAGS:
                        per_stage.setdefault(AGAINST, []).append(run.elapsed_ms)
    tags_mean = statistics.fmean(per_stage[TAGS])
    table = Table(title=f"ms per article: {len(texts)} articles x {REPEATS} runs, one process")
    for column in ("stage", "mean ms", "p95 ms", "x tags"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for stage, times in per_stage.items():
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        mean = statistics.fmean(times)
        table.add_row(stage, f"{mean:.2f}", f"{p95:.2f}", f"{mean / tags_mean:.1f}")
    chars = statistics.fmean(len(t) for t in texts)
    Console().print(table)
    Console().print(f"mean article length: {chars:.0f} characters")


if __name__ == "__main__":
    main()
