"""Human-readable terminal output of results and plugin reports (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefsum.model import Article, ArticleKind, SummarizeResult


def _article_panel(number: int, article: Article) -> Panel:
    parts: list[Any] = []
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
    for name, value in article.extensions.items():
        parts.append(Text(f"{name}: ", style="bold") + Text(str(dict(value)), style="dim"))
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
    failed = report.get("failed", [])
    if failed:
        failures = Table(title="Failed plugins", title_justify="left", title_style="bold red")
        for column in ("plugin", "source", "reason"):
            failures.add_column(column)
        for failure in failed:
            source = failure["source"].removeprefix("PLUGIN_SOURCE_").lower()
            failures.add_row(failure["name"], source, failure["reason"])
        console.print(failures)
