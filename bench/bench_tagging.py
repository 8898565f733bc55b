"""How long tagging takes per article, side by side with the other stages, in one run.

    python bench/bench_tagging.py                 # the articles of the bundled example page
    python bench/bench_tagging.py FILE.jsonl      # or the "text" of every line of a JSONL file

Every article runs through the full default pipeline (page, sentences, jieba, TextRank, keywords,
tags) several times; the table shows the mean and 95th percentile per article of each stage and
its time relative to the tagging stage. Timings on a shared machine are noisy: read the ratios.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

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


def _texts(argv: list[str]) -> list[str]:
    if len(argv) > 1:
        with Path(argv[1]).open(encoding="utf-8") as lines:
            return [json.loads(line)["text"] for line in lines if line.strip()]
    page = EXAMPLE.read_text(encoding="utf-8")
    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
    articles = engine.summarize(page, parse_options({"stages": ("builtin.page",)})).document.articles
    return [page[a.span.start : a.span.end] for a in articles]


def main() -> None:
    texts = _texts(sys.argv)
    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
    options = parse_options({"layout": "article"})
    per_stage: dict[str, list[float]] = {}
    for _ in range(REPEATS):
        for text in texts:
            for run in engine.summarize(text, options).trace:
                per_stage.setdefault(run.stage, []).append(run.elapsed_ms)
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
