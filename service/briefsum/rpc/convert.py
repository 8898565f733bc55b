"""The one place where protobuf messages and the internal model meet.

Server side: :func:`options_from_request`, :func:`response_from_result`, :func:`plugins_response`.
Client side: :func:`request_from_options` and :func:`result_from_response` (used by the CLI, so it
renders the same model whether the pipeline ran locally or on a server). Round trips are tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2

from briefsum.engine import PluginReport
from briefsum.model import (
    Article,
    ArticleKind,
    Document,
    Evidence,
    Keyword,
    ScoredSentence,
    Sentence,
    Span,
    StageRun,
    SummarizeResult,
    Tag,
    TextField,
)
from briefsum.options import Layout, SummarizeOptions, parse_options
from briefsum.plugins import PluginSource
from briefsum.v1 import briefsum_pb2 as pb

_LAYOUT_FROM_PB = {
    pb.LAYOUT_UNSPECIFIED: Layout.AUTO,
    pb.LAYOUT_AUTO: Layout.AUTO,
    pb.LAYOUT_ARTICLE: Layout.ARTICLE,
    pb.LAYOUT_PAGE: Layout.PAGE,
}
_LAYOUT_TO_PB = {Layout.AUTO: pb.LAYOUT_AUTO, Layout.ARTICLE: pb.LAYOUT_ARTICLE, Layout.PAGE: pb.LAYOUT_PAGE}
_KIND_TO_PB = {ArticleKind.ARTICLE: pb.ARTICLE_KIND_ARTICLE, ArticleKind.CAPTION: pb.ARTICLE_KIND_CAPTION}
_KIND_FROM_PB = {v: k for k, v in _KIND_TO_PB.items()}
_SOURCE_TO_PB = {PluginSource.BUILTIN: pb.PLUGIN_SOURCE_BUILTIN, PluginSource.ENTRY_POINT: pb.PLUGIN_SOURCE_ENTRY_POINT}


# --- server side -------------------------------------------------------------------------------


def options_from_request(request: pb.SummarizeRequest) -> SummarizeOptions:
    """Validate the options of ``request``; raises ``InvalidRequest`` naming protobuf fields."""
    values: dict[str, Any] = {"layout": _LAYOUT_FROM_PB.get(request.layout, request.layout), "debug": request.debug}
    if request.HasField("title"):
        values["title"] = request.title
    if request.HasField("keyword_count"):
        values["keyword_count"] = request.keyword_count
    if request.stages:
        values["stages"] = tuple(request.stages)
    if request.HasField("length"):
        limit = request.length.WhichOneof("limit")
        if limit is not None:
            values["length"] = {limit: getattr(request.length, limit)}
    return parse_options(values)


def _span(span: Span | None) -> pb.Span | None:
    return None if span is None else pb.Span(start=span.start, end=span.end)


def _stage_runs(runs: tuple[StageRun, ...], *, detail: bool = False) -> list[pb.StageTiming]:
    """Timings; with ``detail`` (debug traces) also what each stage left behind."""
    timings = []
    for r in runs:
        timing = pb.StageTiming(stage=r.stage, plugin=r.plugin, version=r.version, elapsed_ms=r.elapsed_ms)
        if detail:
            timing.articles, timing.sentences = r.articles, r.sentences
        timings.append(timing)
    return timings


def _struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(dict(value))
    return struct


def _evidence_to_pb(evidence: Evidence) -> pb.TagEvidence:
    message = pb.TagEvidence(
        term=evidence.term,
        weight=evidence.weight,
        count=evidence.count,
        sentence_span=_span(evidence.span),
        match=_span(evidence.match),
    )
    if evidence.sentence is not None:
        message.sentence = evidence.sentence
    return message


def _tag_to_pb(tag: Tag) -> pb.Tag:
    return pb.Tag(
        category=tag.category,
        score=tag.score,
        evidence=[e.term for e in tag.evidence],
        details=[_evidence_to_pb(e) for e in tag.evidence],
    )


def article_to_pb(article: Article) -> pb.Article:
    """One article as a protobuf message."""
    message = pb.Article(
        title=article.title.text if article.title else "",
        subtitle=article.subtitle.text if article.subtitle else "",
        byline=article.byline.text if article.byline else "",
        span=_span(article.span),
        kind=_KIND_TO_PB[article.kind],
        summary=[
            pb.Sentence(
                text=s.sentence.text,
                start=s.sentence.span.start,
                end=s.sentence.span.end,
                score=s.score,
                index=s.sentence.index,
            )
            for s in article.summary
        ],
        keywords=[pb.Keyword(text=k.text, weight=k.weight) for k in article.keywords],
        keyphrases=[pb.Keyword(text=k.text, weight=k.weight) for k in article.keyphrases],
        tags=[_tag_to_pb(t) for t in article.tags],
    )
    if article.title and article.title.span:
        message.title_span.CopyFrom(pb.Span(start=article.title.span.start, end=article.title.span.end))
    if article.byline and article.byline.span:
        message.byline_span.CopyFrom(pb.Span(start=article.byline.span.start, end=article.byline.span.end))
    if article.lead_in:
        message.lead_in = article.lead_in.text
        if article.lead_in.span:
            message.lead_in_span.CopyFrom(pb.Span(start=article.lead_in.span.start, end=article.lead_in.span.end))
    if article.subtitle and article.subtitle.span:
        message.subtitle_span.CopyFrom(pb.Span(start=article.subtitle.span.start, end=article.subtitle.span.end))
    for name, value in article.extensions.items():
        message.extensions[name].CopyFrom(_struct(value))
    return message


def response_from_result(request_id: str, result: SummarizeResult) -> pb.SummarizeResponse:
    """The response for a successful request."""
    response = pb.SummarizeResponse(
        id=request_id,
        articles=[article_to_pb(a) for a in result.document.articles],
        timings=_stage_runs(result.trace),
        pipeline_version=result.pipeline_version,
    )
    if result.document.options.debug:
        response.trace.extend(_stage_runs(result.trace, detail=True))
    return response


def plugins_response(report: PluginReport) -> pb.ListPluginsResponse:
    """``ListPlugins`` from the engine's plugin report."""
    in_pipeline = set(report.pipeline)
    by_plugin: dict[str, list[pb.StageInfo]] = {}
    for provided in sorted(report.stages, key=lambda p: p.stage.name):
        stage = provided.stage
        by_plugin.setdefault(provided.plugin.name, []).append(
            pb.StageInfo(
                name=stage.name,
                version=stage.version,
                description=stage.description,
                requires=sorted(stage.requires),
                provides=sorted(stage.provides),
                in_pipeline=stage.name in in_pipeline,
            )
        )
    return pb.ListPluginsResponse(
        plugins=[
            pb.PluginInfo(
                name=p.name,
                version=p.version,
                source=_SOURCE_TO_PB[p.source],
                module=p.module,
                stages=by_plugin.get(p.name, []),
            )
            for p in report.plugins
        ],
        failed=[
            pb.PluginFailure(name=f.name, source=_SOURCE_TO_PB[f.source], reason=f.reason) for f in report.failures
        ],
        pipeline=list(report.pipeline),
        skipped=[
            pb.PluginSkipped(name=s.name, source=_SOURCE_TO_PB[s.source], reason=s.reason) for s in report.skipped
        ],
        safe_mode=report.safe_mode,
    )


# --- client side -------------------------------------------------------------------------------


def request_from_options(request_id: str, text: str, options: SummarizeOptions) -> pb.SummarizeRequest:
    """The protobuf request for ``text`` with ``options``."""
    request = pb.SummarizeRequest(
        id=request_id,
        text=text,
        layout=_LAYOUT_TO_PB[options.layout],
        keyword_count=options.keyword_count,
        debug=options.debug,
    )
    if options.title is not None:
        request.title = options.title
    if options.stages:
        request.stages.extend(options.stages)
    length = options.length
    if length.max_sentences is not None:
        request.length.max_sentences = length.max_sentences
    elif length.max_chars is not None:
        request.length.max_chars = length.max_chars
    elif length.ratio is not None:
        request.length.ratio = length.ratio
    return request


def _field(text: str, span: pb.Span | None) -> TextField | None:
    if not text:
        return None
    return TextField(text, Span(span.start, span.end) if span is not None else None)


def _optional_span(message: pb.TagEvidence, name: str) -> Span | None:
    if not message.HasField(name):
        return None
    span = getattr(message, name)
    return Span(span.start, span.end)


def _tag_from_pb(message: pb.Tag) -> Tag:
    if not message.details:  # a server that sends only the terms
        return Tag(message.category, message.score, tuple(Evidence(term, 0.0) for term in message.evidence))
    evidence = tuple(
        Evidence(
            term=e.term,
            weight=e.weight,
            sentence=e.sentence if e.HasField("sentence") else None,
            count=e.count,
            span=_optional_span(e, "sentence_span"),
            match=_optional_span(e, "match"),
        )
        for e in message.details
    )
    return Tag(message.category, message.score, evidence)


def article_from_pb(message: pb.Article) -> Article:
    """An article from its protobuf message (the parts a response carries)."""
    summary = tuple(ScoredSentence(Sentence(s.text, Span(s.start, s.end), s.index), s.score) for s in message.summary)
    return Article(
        span=Span(message.span.start, message.span.end),
        kind=_KIND_FROM_PB.get(message.kind, ArticleKind.ARTICLE),
        title=_field(message.title, message.title_span if message.HasField("title_span") else None),
        subtitle=_field(message.subtitle, message.subtitle_span if message.HasField("subtitle_span") else None),
        lead_in=_field(message.lead_in, message.lead_in_span if message.HasField("lead_in_span") else None),
        byline=_field(message.byline, message.byline_span if message.HasField("byline_span") else None),
        summary=summary,
        keywords=tuple(Keyword(k.text, k.weight) for k in message.keywords),
        keyphrases=tuple(Keyword(k.text, k.weight) for k in message.keyphrases),
        tags=tuple(_tag_from_pb(t) for t in message.tags),
        extensions={name: json_format.MessageToDict(value) for name, value in message.extensions.items()},
    )


def result_from_response(response: pb.SummarizeResponse, text: str, options: SummarizeOptions) -> SummarizeResult:
    """The result a server returned, as the internal model (the request supplies text and options)."""
    # A debug response carries the detailed trace; otherwise the timings are the trace.
    runs = response.trace or response.timings
    trace = tuple(StageRun(t.stage, t.plugin, t.version, t.elapsed_ms, t.articles, t.sentences) for t in runs)
    document = Document(text=text, options=options, articles=tuple(article_from_pb(a) for a in response.articles))
    return SummarizeResult(document=document, trace=trace, pipeline_version=response.pipeline_version)


def report_from_response(response: pb.ListPluginsResponse) -> dict[str, Any]:
    """``ListPlugins`` as plain data (for the CLI's table and JSON output)."""
    return json_format.MessageToDict(
        response, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
