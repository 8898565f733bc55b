"""HTML: one self-contained page (inline CSS, no scripts, no external assets) to read a batch.

A table of contents lists the articles of each category (an article under each of its tags);
below, each article appears once, under its best category, with its tags and their evidence, its
keywords, its summary, and its text with the summary sentences highlighted and the evidence terms
underlined, placed by the code-point offsets the service returns.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any

from briefsum.batch.writers.digest import UNTAGGED, Entry, by_category, entries

#: Looks up the text of an item by id (``None``: not among this run's inputs).
TextLookup = Callable[[str], str | None]

STYLE = """
body{font:16px/1.7 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
header,main,nav{max-width:60rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem}h1{margin:0 0 .25rem}.lead{color:#5b6470;margin:0 0 1rem}
nav{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.5rem 1.25rem 1rem;margin-bottom:1.5rem}
nav h2{font-size:1.1rem}nav h3{font-size:1rem;margin:.75rem 0 .25rem}nav ol{margin:0;padding-left:1.5rem}
nav a,h2 a{color:#1f5fa8;text-decoration:none}nav a:hover{text-decoration:underline}
section>h2{border-bottom:2px solid #1f5fa8;padding-bottom:.25rem;text-transform:capitalize}
article{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
article h3{margin:0 0 .25rem}.meta{color:#5b6470;font-size:.85rem;margin:0 0 .5rem}
.tags,.keywords{margin:.35rem 0;font-size:.9rem}.tag{display:inline-block;background:#e6f0fb;color:#174a84;
border-radius:4px;padding:0 .4rem;margin-right:.35rem;font-weight:600}.ev{color:#3b4350}
.term{border-bottom:2px dotted #2e7d32}.kw{display:inline-block;background:#eef1f4;border-radius:4px;padding:0 .4rem;
margin:0 .25rem .25rem 0}.summary{margin:.5rem 0;padding-left:1.5rem}
.text{white-space:pre-wrap;background:#fbfbfc;border-left:3px solid #dde1e6;padding:.5rem .75rem;margin:.5rem 0 0}
mark.s{background:#fff0a8;padding:0 1px}span.m{border-bottom:2px solid #2e7d32}.missing{color:#8a919b;font-style:italic}
.label{font-weight:600;color:#5b6470;margin-right:.35rem}
"""


def _segments(text: str, offset: int, summary: list[tuple[int, int]], matches: list[tuple[int, int]]) -> str:
    """``text`` (which starts at ``offset`` in the request) as HTML with highlighted spans.

    The text is cut at every boundary of a summary sentence or an evidence match, and each piece
    is wrapped in the marks that cover it, so overlapping spans still give well-formed HTML.
    """
    end = offset + len(text)
    cuts = {offset, end}
    for start, stop in summary + matches:
        cuts.update(p for p in (start, stop) if offset <= p <= end)
    ordered = sorted(cuts)
    parts = []
    for start, stop in itertools.pairwise(ordered):
        piece = escape(text[start - offset : stop - offset])
        if any(a <= start and stop <= b for a, b in matches):
            piece = f'<span class="m">{piece}</span>'
        if any(a <= start and stop <= b for a, b in summary):
            piece = f'<mark class="s">{piece}</mark>'
        parts.append(piece)
    return "".join(parts)


def _spans(values: Iterable[Mapping[str, Any] | None]) -> list[tuple[int, int]]:
    return [(int(v["start"]), int(v["end"])) for v in values if v]


def _article(entry: Entry, text: str | None, anchor: str) -> str:
    article, result = entry.article, entry.result
    count = len(result.get("articles", []))
    meta = [escape(str(result["id"]))]
    if count > 1:
        meta.append(f"article {entry.number} of {count}")
    for key in ("byline", "subtitle"):
        if article.get(key):
            meta.append(escape(str(article[key])))
    html = [f'<article id="{anchor}">', f"<h3>{escape(entry.title)}</h3>", f'<p class="meta">{" · ".join(meta)}</p>']
    tags = article.get("tags", [])
    if tags:
        html.append('<div class="tags"><span class="label">tags</span>')
        for tag in tags:
            details = tag.get("details") or [{"term": t} for t in tag.get("evidence", [])]
            terms = "、".join(
                f'<span class="term" title="weight {float(d.get("weight", 0)):.2f}, ×{d.get("count", 1)}">'
                f"{escape(str(d['term']))}</span>"
                for d in details
            )
            html.append(
                f'<span class="tag">{escape(str(tag["category"]))} {float(tag["score"]):.2f}</span>'
                f'<span class="ev">{terms}</span> '
            )
        html.append("</div>")
    keywords = article.get("keywords", [])
    if keywords:
        chips = "".join(f'<span class="kw">{escape(str(k["text"]))}</span>' for k in keywords)
        html.append(f'<div class="keywords"><span class="label">keywords</span>{chips}</div>')
    summary = article.get("summary", [])
    if summary:
        html.append('<ol class="summary">' + "".join(f"<li>{escape(str(s['text']))}</li>" for s in summary) + "</ol>")
    span = article.get("span") or {"start": 0, "end": 0}
    start, end = int(span["start"]), int(span["end"])
    if text is not None and end <= len(text):
        matches = _spans(d.get("match") for t in tags for d in t.get("details", []))
        body = _segments(text[start:end], start, _spans(summary), matches)
        html.append(f'<div class="text">{body}</div>')
    else:
        html.append('<p class="missing">(text not shown: the input is not among this run\'s inputs)</p>')
    html.append("</article>")
    return "\n".join(html)


def write_html(path: Path, results: Iterable[Mapping[str, Any]], text_of: TextLookup) -> int:
    """Write the page; returns the number of articles."""
    found = entries(results)
    anchors = {entry.ordinal: f"a{entry.ordinal}" for entry in found}
    sections = by_category(found, every_tag=False)
    names = list(by_category(found, every_tag=True).items())
    slug = {name: f"c{number}" for number, name in enumerate(sorted({n for n, _ in names} | set(sections)), 1)}
    items = len({str(entry.result["id"]) for entry in found})
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>briefsum digest</title><style>{STYLE}</style></head><body>",
        f'<header><h1>briefsum digest</h1><p class="lead">{len(found)} articles from {items} items, '
        'by category. Summary sentences are <mark class="s">highlighted</mark>, tag evidence is '
        '<span class="m">underlined</span>.</p></header>',
        '<nav id="contents"><h2>Contents</h2>',
    ]
    for name, group in names:
        label = "no category" if name == UNTAGGED else name
        # A category that is no article's best tag has no section of its own: only its list here.
        heading = f'<a href="#{slug[name]}">{escape(label)}</a>' if name in sections else escape(label)
        out.append(f"<h3>{heading} ({len(group)})</h3><ol>")
        out += [f'<li><a href="#{anchors[e.ordinal]}">{escape(e.title)}</a></li>' for e in group]
        out.append("</ol>")
    out.append("</nav><main>")
    for name, group in sections.items():
        label = "no category" if name == UNTAGGED else name
        out.append(f'<section id="{slug[name]}"><h2>{escape(label)}</h2>')
        out += [_article(entry, text_of(str(entry.result["id"])), anchors[entry.ordinal]) for entry in group]
        out.append("</section>")
    out.append("</main></body></html>\n")
    path.write_text("\n".join(out), encoding="utf-8")
    return len(found)
