"""Speed of briefsum's full in-process pipeline against bare textrank4zh, side by side in one run.

    python bench/speed.py --data ../shared/data/pages [--pages 20] [--repeat 1]

Reads newspaper pages (JSON Lines: ``{"articles": [{"title", "paragraphs"}]}``), and times, on the
same texts in one run:

- per article (``layout=ARTICLE``) and per whole page (``layout=PAGE``), the systems taking turns page
  by page, garbage collected between calls and not inside them (as ``timeit`` does), so every call
  starts with cold caches: briefsum's default
  pipeline (segmentation, sentences, tokens, summary, keywords, keyphrases, tags), two briefsum
  variants with jieba tokens, and bare textrank4zh (``TextRank4Sentence`` + ``TextRank4Keyword``
  with keyphrases), with the speed-up over bare textrank4zh;
- throughput: each system over all the articles back to back, as a batch job runs them;
- cold start to first result and peak RSS, each system in a fresh subprocess;
- the tokenisers alone: jieba (``cut``, ``posseg``) against rjieba (``cut``, ``tag``).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

SUMMARY_SENTENCES = 3
KEYWORDS = 10
DEFAULT_STAGES = None  # the default pipeline
JIEBA_STAGES = (
    "builtin.page",
    "builtin.sentences",
    "builtin.jieba",
    "builtin.textrank",
    "builtin.keywords",
    "builtin.tags",
)
REFERENCE_STAGES = (
    "builtin.page",
    "builtin.sentences",
    "builtin.jieba",
    "builtin.textrank4zh",
    "builtin.keywords",
    "builtin.tags",
)
SYSTEMS = {
    "briefsum default (rjieba)": DEFAULT_STAGES,
    "briefsum, jieba tokens": JIEBA_STAGES,
    "briefsum, textrank4zh engine + jieba": REFERENCE_STAGES,
    "textrank4zh 0.3 (bare)": "bare",
}
BARE = "textrank4zh 0.3 (bare)"


# --- the texts ------------------------------------------------------------------------------------


def load_pages(folder: Path, limit: int) -> list[list[str]]:
    """Pages as lists of article texts (title line, then paragraphs), ``limit`` pages (0: all)."""
    pages: list[list[str]] = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else [folder]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            articles = []
            for article in record.get("articles", []):
                lines = ([article["title"]] if article.get("title") else []) + list(article.get("paragraphs", []))
                if lines:
                    articles.append("\n".join(lines))
            if articles:
                pages.append(articles)
    return pages[:limit] if limit else pages


def page_text(articles: list[str]) -> str:
    """A whole page as one text: its articles separated by blank lines."""
    return "\n\n".join(articles)


# --- the systems ----------------------------------------------------------------------------------


def make_briefsum(stages: tuple[str, ...] | None) -> Callable[[str, str], Any]:
    from briefsum.engine import build_engine
    from briefsum.options import SummarizeOptions
    from briefsum.plugins import make_plugin_manager
    from briefsum.settings import load_settings

    engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))

    def run(text: str, layout: str) -> Any:
        options = {"layout": layout, "length": {"max_sentences": SUMMARY_SENTENCES}, "keyword_count": KEYWORDS}
        if stages is not None:
            options["stages"] = stages
        return engine.summarize(text, SummarizeOptions.model_validate(options))

    return run


def make_bare() -> Callable[[str, str], Any]:
    from briefsum_builtin.textrank.reference import textrank4zh_util

    textrank4zh_util()
    import jieba
    from textrank4zh import TextRank4Keyword, TextRank4Sentence

    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():  # textrank4zh leaves its stop-word file open
        warnings.simplefilter("ignore", ResourceWarning)
        sentences, keywords = TextRank4Sentence(), TextRank4Keyword()
        gc.collect()

    def run(text: str, layout: str) -> Any:
        sentences.analyze(text=text)
        keywords.analyze(text=text, window=2)
        return (
            sentences.get_key_sentences(num=SUMMARY_SENTENCES),
            keywords.get_keywords(num=KEYWORDS, word_min_len=2),
            keywords.get_keyphrases(keywords_num=12, min_occur_num=2),
        )

    return run


def make_system(name: str) -> Callable[[str, str], Any]:
    stages = SYSTEMS[name]
    return make_bare() if stages == "bare" else make_briefsum(stages)  # type: ignore[arg-type]


# --- measurements -----------------------------------------------------------------------------------


def timed(run: Callable[[str, str], Any], text: str, kind: str) -> float:
    """Milliseconds for one call. As timeit does, no garbage collection inside the timed call (so no
    system pays for another's garbage: textrank4zh leaves a lot); it is collected before instead."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run(text, kind)
        return (time.perf_counter() - started) * 1000.0
    finally:
        gc.enable()


def interleaved(
    systems: dict[str, Callable[[str, str], Any]], pages: list[list[str]], repeat: int
) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per article and per page, for each system.

    The systems take turns page by page, in a rotating order, so machine noise (this machine is
    shared) hits them alike; within its turn a system summarises the page's articles one by one and
    then the whole page, back to back, as a service would run its requests. Every call starts after
    a full garbage collection, i.e. with cold CPU caches: the latency of a request that arrives
    while the process was doing something else.
    """
    times: dict[str, dict[str, list[float]]] = {name: {"article": [], "page": []} for name in systems}
    names = list(systems)
    for number, articles in enumerate(pages * repeat):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            run = systems[name]
            times[name]["article"].extend(timed(run, text, "article") for text in articles)
            times[name]["page"].append(timed(run, page_text(articles), "page"))
    return times


def back_to_back(systems: dict[str, Callable[[str, str], Any]], pages: list[list[str]]) -> dict[str, float]:
    """Articles per second when each system runs all the articles one after another (a batch job).

    The garbage collector runs as it does in production (collected once before each run, so no
    system pays for another's garbage); two rounds in rotating order, the best round counts.
    """
    texts = [text for articles in pages for text in articles]
    best: dict[str, float] = {}
    names = list(systems)
    for round_ in range(2):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            run = systems[name]
            gc.collect()
            started = time.perf_counter()
            for text in texts:
                run(text, "article")
            rate = len(texts) / (time.perf_counter() - started)
            best[name] = max(best.get(name, 0.0), rate)
    return best


def peak_rss_mib() -> float:
    """This process's peak resident set size (``VmHWM``; ``ru_maxrss`` would include the parent's on Linux)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def worker(name: str, data: Path, pages: int) -> None:
    """Subprocess body: load, print the first result's time, process everything, print peak RSS."""
    run = make_system(name)
    texts = [text for articles in load_pages(data, pages) for text in articles]
    run(texts[0], "article")
    print(json.dumps({"first": time.time()}), flush=True)
    for text in texts:
        run(text, "article")
    print(json.dumps({"rss_mib": peak_rss_mib()}), flush=True)


def cold_start(name: str, data: Path, pages: int) -> tuple[float, float]:
    """Seconds from process start to the first result, and peak RSS (MiB) after all articles."""
    started = time.time()
    process = subprocess.run(
        [sys.executable, __file__, "--data", str(data), "--pages", str(pages), "--worker", name],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    lines = [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]
    first = next(line["first"] for line in lines if "first" in line)
    rss = next(line["rss_mib"] for line in lines if "rss_mib" in line)
    return first - started, rss


def tokenizers(pages: list[list[str]]) -> list[tuple[str, float, int, float]]:
    """(name, ms for all texts, tokens, share of texts segmented as jieba.posseg does)."""
    import jieba
    import jieba.posseg
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    plain.initialize()
    tagger = jieba.posseg.POSTokenizer(plain)
    rust = rjieba.Jieba()
    texts = [line for articles in pages for text in articles for line in text.split("\n") if line]
    reference = [[pair.word for pair in tagger.cut(text)] for text in texts]
    cutters: dict[str, Callable[[str], list[str]]] = {
        "jieba.cut": lambda t: list(plain.cut(t)),
        "jieba.posseg.cut (textrank4zh)": lambda t: [p.word for p in tagger.cut(t)],
        "rjieba.cut": rust.cut,
        "rjieba.tag (briefsum default)": lambda t: [w for w, _ in rust.tag(t)],
    }
    rows = []
    for name, cut in cutters.items():
        cut(texts[0])
        started = time.perf_counter()
        outputs = [cut(text) for text in texts]
        elapsed = (time.perf_counter() - started) * 1000.0
        same = sum(out == ref for out, ref in zip(outputs, reference, strict=True)) / len(texts)
        rows.append((name, elapsed, sum(map(len, outputs)), same))
    return rows


# --- report ---------------------------------------------------------------------------------------------


def latency_table(times: dict[str, dict[str, list[float]]], pages: int, articles: int) -> Table:
    table = Table(
        title=f"Latency, in-process, systems taking turns page by page ({articles} articles on {pages} pages)",
        title_justify="left",
    )
    table.add_column("system", no_wrap=True)
    for column in ("article mean ms", "article p50", "article p95", "page mean ms", "speed-up per article", "per page"):
        table.add_column(column, justify="right")
    bare = times[BARE]
    for name, measured in times.items():
        article, page = measured["article"], measured["page"]
        p95 = statistics.quantiles(article, n=20)[-1] if len(article) > 1 else article[0]
        table.add_row(
            name,
            f"{statistics.fmean(article):.2f}",
            f"{statistics.median(article):.2f}",
            f"{p95:.2f}",
            f"{statistics.fmean(page):.1f}",
            f"{statistics.fmean(bare['article']) / statistics.fmean(article):.1f}x",
            f"{statistics.fmean(bare['page']) / statistics.fmean(page):.1f}x",
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder (or file) of pages JSONL")
    parser.add_argument("--pages", type=int, default=20, help="pages to use (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.pages)
        return
    logging.basicConfig(level=logging.WARNING)
    warnings.simplefilter("ignore", ResourceWarning)
    pages = load_pages(args.data, args.pages)
    if not pages:
        sys.exit(f"no pages with articles in {args.data}")
    console = Console(width=max(Console().width, 140))
    articles = sum(map(len, pages))
    console.print(
        f"[dim]{len(pages)} pages, {articles} articles, {sum(len(t) for p in pages for t in p)} characters[/]"
    )
    systems = {name: make_system(name) for name in SYSTEMS}
    for run in systems.values():  # warm-up: first calls build caches
        run(pages[0][0], "article")
    times = interleaved(systems, pages, args.repeat)
    console.print(latency_table(times, len(pages), articles))
    rates = back_to_back(systems, pages)
    batch = Table(title=f"Throughput, each system over all {articles} articles back to back", title_justify="left")
    for column in ("system", "articles/s", "ms per article", "speed-up"):
        batch.add_column(column, justify="left" if column == "system" else "right")
    for name, rate in rates.items():
        batch.add_row(name, f"{rate:.1f}", f"{1000.0 / rate:.2f}", f"{rate / rates[BARE]:.1f}x")
    console.print(batch)

    starts = Table(title="Cold start and memory, one fresh process per system", title_justify="left")
    for column in ("system", "start to first result s", f"peak RSS MiB ({articles} articles)"):
        starts.add_column(column, justify="left" if column == "system" else "right")
    for name in SYSTEMS:
        seconds, rss = cold_start(name, args.data, args.pages)
        starts.add_row(name, f"{seconds:.2f}", f"{rss:.0f}")
    console.print(starts)

    tokens = Table(title="Tokenisers alone, on every paragraph of those pages", title_justify="left")
    for column in ("tokeniser", "total ms", "tokens", "vs jieba.posseg", "same words as posseg"):
        tokens.add_column(column, justify="left" if column == "tokeniser" else "right")
    rows = tokenizers(pages)
    posseg_ms = next(ms for name, ms, _, _ in rows if name.startswith("jieba.posseg"))
    for name, ms, count, same in rows:
        tokens.add_row(name, f"{ms:.0f}", str(count), f"{posseg_ms / ms:.1f}x faster", f"{100 * same:.1f}%")
    console.print(tokens)


if __name__ == "__main__":
    main()
