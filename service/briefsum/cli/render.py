"""Human-readable terminal output of results and plugin reports (rich)."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefsum.model import Article, ArticleKind, SummarizeResult

#: Longest plugin extension shown in the text output (--format jsonl has all of it).
EXTENSION_CHARS = 300


def _compact(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=dict)
    return text if len(text) <= EXTENSION_CHARS else text[: EXTENSION_CHARS - 1] + "…"


def _article_panel(number: int, article: Article) -> Panel:
    parts: list[Any] = []
    if article.lead_in:
        parts.append(Text(article.lead_in.text, style="dim italic"))
    if article.subtitle:
        parts.append(Text(article.subtitle.text, style="italic"))
    if article.byline:
        parts.append(Text(article.byline.text, style="dim"))
    if article.summary:
        # A grid keeps each bullet beside its sentence: CJK text has no spaces to wrap at.
        summary = Table.grid(padding=(0, 1))
        summary.add_column(style="cyan", no_wrap=True)
        summary.add_column(overflow="fold")
        for scored in article.summary:
            summary.add_row("•", scored.sentence.text)
        parts.append(summary)
    else:
        parts.append(Text("(no summary sentences)", style="dim"))
    if article.tags:
        tags = Text("tags: ", style="bold")
        for tag in article.tags:
            evidence = "、".join(e.term for e in tag.evidence[:3])
            tags.append(f"{tag.category} {tag.score:.2f}", style="green")
            tags.append(f" ({evidence})  " if evidence else "  ", style="dim")
        parts.append(tags)
    if article.keywords:
        parts.append(Text("keywords: ", style="bold") + Text("、".join(k.text for k in article.keywords)))
    if article.keyphrases:
        parts.append(Text("keyphrases: ", style="bold") + Text("、".join(k.text for k in article.keyphrases)))
    for name, value in article.extensions.items():
        parts.append(Text(f"{name}: ", style="bold") + Text(_compact(value), style="dim"))
    title = article.title.text if article.title else "(untitled)"
    kind = " [caption]" if article.kind is ArticleKind.CAPTION else ""
    span = f"chars {article.span.start}-{article.span.end}"
    return Panel(Group(*parts), title=f"[bold]{number}. {title}{kind}", subtitle=span, title_align="left")


def print_result(console: Console, label: str, result: SummarizeResult) -> None:
    """One request's articles as panels, followed by a one-line timing summary."""
    articles = result.document.articles
    console.rule(f"[bold]{label}[/] · {len(articles)} article(s)")
    if not articles:
        console.print("(empty text: nothing to summarize)", style="dim")
    for number, article in enumerate(articles, 1):
        console.print(_article_panel(number, article))
    total = sum(r.elapsed_ms for r in result.trace)
    console.print(f"[dim]{total:.0f} ms in {len(result.trace)} stages · pipeline {result.pipeline_version}[/]")


def print_trace(console: Console, result: SummarizeResult) -> None:
    """The debug trace: every stage run, in order, with its plugin, version, time and output size."""
    table = Table(title="Trace", title_justify="left")
    for column in ("#", "stage", "plugin", "version", "ms", "articles", "sentences"):
        table.add_column(column, justify="left" if column in {"stage", "plugin", "version"} else "right")
    for number, run in enumerate(result.trace, 1):
        table.add_row(
            str(number),
            run.stage,
            run.plugin,
            run.version,
            f"{run.elapsed_ms:.2f}",
            str(run.articles),
            str(run.sentences),
        )
    console.print(table)


def print_plugins(console: Console, report: dict[str, Any]) -> None:
    """The plugin report (as returned by ListPlugins) as tables."""
    table = Table(title="Plugins", title_justify="left")
    for column in ("plugin", "version", "source", "stage", "in pipeline", "description"):
        table.add_column(column)
    pipeline = report.get("pipeline", [])
    for plugin in report.get("plugins", []):
        stages = plugin.get("stages", []) or [{}]
        for number, stage in enumerate(stages):
            first = number == 0
            table.add_row(
                plugin["name"] if first else "",
                plugin["version"] if first else "",
                plugin["source"].removeprefix("PLUGIN_SOURCE_").lower() if first else "",
                stage.get("name", "-"),
                "yes" if stage.get("in_pipeline") else "",
                stage.get("description", ""),
            )
    console.print(table)
    console.print("pipeline: " + " → ".join(pipeline))
    if report.get("safe_mode"):
        console.print("safe mode: only built-in plugins are loaded", style="bold yellow")
    _reasons(console, "Not loaded (configuration)", "bold yellow", report.get("skipped", []))
    _reasons(console, "Failed plugins", "bold red", report.get("failed", []))


def _reasons(console: Console, title: str, style: str, entries: list[dict[str, Any]]) -> None:
    """Plugins with a reason (failed, or kept out by the configuration), if any."""
    if not entries:
        return
    table = Table(title=title, title_justify="left", title_style=style)
    for column in ("plugin", "source", "reason"):
        table.add_column(column)
    for entry in entries:
        table.add_row(entry["name"], entry["source"].removeprefix("PLUGIN_SOURCE_").lower(), entry["reason"])
    console.print(table)
