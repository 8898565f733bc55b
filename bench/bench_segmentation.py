"""Segmentation time beside summarisation time on the bundled example page, side by side in one run.

    python bench/bench_segmentation.py [--repeat N] [PAGE]

Each pipeline (page segmentation alone; segmentation and sentences; the full default pipeline) runs
on the same text, interleaved round by round so that machine noise hits all of them alike; the table
shows median and best times and each one's share of the full pipeline.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from briefsum.engine import build_engine
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
PIPELINES = {
    "segment page (builtin.page)": ("builtin.page",),
    "+ paragraphs and sentences": ("builtin.page", "builtin.sentences"),
    "full pipeline (summary, keywords, tags)": None,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "examples" / "jilin-daily-2023-03-30.txt")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    text = args.page.read_text(encoding="utf-8")
    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
    options = {name: parse_options({"stages": stages}) for name, stages in PIPELINES.items()}
    times: dict[str, list[float]] = {name: [] for name in PIPELINES}
    for name in PIPELINES:  # warm-up
        engine.summarize(text, options[name])
    for _ in range(args.repeat):
        for name in PIPELINES:
            started = time.perf_counter()
            engine.summarize(text, options[name])
            times[name].append((time.perf_counter() - started) * 1000)
    full = statistics.median(times["full pipeline (summary, keywords, tags)"])
    table = Table(title=f"{args.page.name}: {len(text)} characters, {args.repeat} rounds", title_justify="left")
    for column in ("pipeline", "median ms", "best ms", "share of full"):
        table.add_column(column, justify="left" if column == "pipeline" else "right")
    for name, values in times.items():
        median = statistics.median(values)
        table.add_row(name, f"{median:.1f}", f"{min(values):.1f}", f"{median / full:.1%}")
    Console().print(table)


if __name__ == "__main__":
    main()
