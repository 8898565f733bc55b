"""Results as plain JSON-ready data: the JSONL format of the CLI (and of batch output).

The shape mirrors ``SummarizeResponse`` in the proto (snake_case field names), so a JSON line and
a gRPC response read the same.
"""

from __future__ import annotations

from typing import Any

from briefsum.model import Article, Span, StageRun, SummarizeResult, TextField


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _text(field: TextField | None) -> str:
    return field.text if field is not None else ""


def article_to_dict(article: Article) -> dict[str, Any]:
    """One article as plain data."""
    return {
        "kind": article.kind.value,
        "title": _text(article.title),
        "lead_in": _text(article.lead_in),
        "subtitle": _text(article.subtitle),
        "byline": _text(article.byline),
        "span": _span(article.span),
        "title_span": _span(article.title.span) if article.title else None,
        "lead_in_span": _span(article.lead_in.span) if article.lead_in else None,
        "subtitle_span": _span(article.subtitle.span) if article.subtitle else None,
        "byline_span": _span(article.byline.span) if article.byline else None,
        "summary": [
            {
                "text": s.sentence.text,
                "start": s.sentence.span.start,
                "end": s.sentence.span.end,
                "score": round(s.score, 6),
                "index": s.sentence.index,
            }
            for s in article.summary
        ],
        "keywords": [{"text": k.text, "weight": round(k.weight, 6)} for k in article.keywords],
        "keyphrases": [{"text": k.text, "weight": round(k.weight, 6)} for k in article.keyphrases],
        "tags": [
            {
                "category": t.category,
                "score": round(t.score, 4),
                "evidence": [e.term for e in t.evidence],
                "details": [
                    {
                        "term": e.term,
                        "weight": round(e.weight, 4),
                        "count": e.count,
                        "sentence": e.sentence,
                        "sentence_span": _span(e.span),
                        "match": _span(e.match),
                    }
                    for e in t.evidence
                ],
            }
            for t in article.tags
        ],
        "extensions": {name: dict(value) for name, value in article.extensions.items()},
    }


def result_to_dict(request_id: str, result: SummarizeResult, *, timings: bool = True) -> dict[str, Any]:
    """A whole result as plain data, with the request id and the pipeline version."""
    data: dict[str, Any] = {
        "id": request_id,
        "pipeline_version": result.pipeline_version,
        "articles": [article_to_dict(a) for a in result.document.articles],
    }
    if timings:
        data["timings"] = [
            {"stage": r.stage, "plugin": r.plugin, "version": r.version, "elapsed_ms": round(r.elapsed_ms, 3)}
            for r in result.trace
        ]
    if result.document.options.debug:
        data["trace"] = [trace_to_dict(r) for r in result.trace]
    return data


def trace_to_dict(run: StageRun) -> dict[str, Any]:
    """One step of a debug trace: the stage, its plugin and version, time, what it left behind."""
    return {
        "stage": run.stage,
        "plugin": run.plugin,
        "version": run.version,
        "elapsed_ms": round(run.elapsed_ms, 3),
        "articles": run.articles,
        "sentences": run.sentences,
    }
