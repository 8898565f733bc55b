"""Markdown: a digest grouped by category (an article appears under each of its tags)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from briefsum.batch.writers.digest import Entry, by_category, entries, tag_line

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def escape(text: str) -> str:
    """``text`` with Markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _entry(entry: Entry) -> list[str]:
    article = entry.article
    meta = f"`{entry.result['id']}`" + (f" · article {entry.number}" if len(entry.result["articles"]) > 1 else "")
    lines = [f"### {escape(entry.title)}", "", meta + "  "]
    tags = tag_line(article)
    if tags:
        lines.append(f"tags: {escape(tags)}  ")
    keywords = "、".join(str(k["text"]) for k in article.get("keywords", []))
    if keywords:
        lines.append(f"keywords: {escape(keywords)}")
    lines.append("")
    summary = article.get("summary", [])
    lines += [f"- {escape(str(s['text']))}" for s in summary] or ["_(no summary sentences)_"]
    lines.append("")
    return lines


def write_markdown(path: Path, results: Iterable[Mapping[str, Any]]) -> int:
    """Write the digest; returns the number of articles."""
    found = entries(results)
    groups = by_category(found, every_tag=True)
    lines = ["# briefsum digest", "", f"{len(found)} articles, grouped by category.", "", "## Contents", ""]
    lines += [f"- [{escape(name)}](#{name.lower()}) ({len(group)})" for name, group in groups.items()]
    lines.append("")
    for name, group in groups.items():
        lines += [f"## {escape(name)}", ""]
        for entry in group:
            lines += _entry(entry)
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(found)
