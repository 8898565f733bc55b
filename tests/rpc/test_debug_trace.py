"""The request-level `debug` flag end to end: a real server returns the trace of stages run."""

from __future__ import annotations

from dataclasses import replace

from briefsum.engine import Engine
from briefsum.export import result_to_dict
from briefsum.options import parse_options
from briefsum.plugins import PluginSkip, PluginSource
from briefsum.rpc import convert
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

from tests.rpc.test_server import ARTICLE


def test_debug_returns_the_trace(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.Summarize(pb.SummarizeRequest(text=ARTICLE, debug=True), timeout=30)
    stages = [t.stage for t in response.trace]
    assert stages == [t.stage for t in response.timings]
    assert stages[:2] == ["builtin.page", "builtin.sentences"]
    assert all(t.plugin == "builtin" and t.version and t.elapsed_ms >= 0 for t in response.trace)
    page, sentences = response.trace[0], response.trace[1]
    assert (page.articles, page.sentences) == (1, 0)  # the page stage finds the article, no sentences yet
    assert sentences.sentences == 4  # the sentence stage splits it
    assert response.trace[-1].articles == 1


def test_no_debug_no_trace(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30)
    assert list(response.trace) == []
    assert response.timings  # timings are always there, without the counts
    assert all(t.articles == 0 and t.sentences == 0 for t in response.timings)


def test_debug_per_stage_request(stub: pb_grpc.BriefsumStub) -> None:
    request = pb.SummarizeRequest(text=ARTICLE, debug=True, stages=["builtin.page", "builtin.sentences"])
    response = stub.Summarize(request, timeout=30)
    assert [(t.stage, t.articles, t.sentences) for t in response.trace] == [
        ("builtin.page", 1, 0),
        ("builtin.sentences", 1, 4),
    ]


def test_trace_round_trip_and_export(engine: Engine) -> None:
    options = parse_options({"debug": True})
    result = engine.summarize(ARTICLE, options)
    back = convert.result_from_response(convert.response_from_result("d", result), ARTICLE, options)
    assert [(r.stage, r.plugin, r.version, r.articles, r.sentences) for r in back.trace] == [
        (r.stage, r.plugin, r.version, r.articles, r.sentences) for r in result.trace
    ]
    exported = result_to_dict("d", back)
    assert [step["sentences"] for step in exported["trace"]] == [r.sentences for r in result.trace]


def test_list_plugins_carries_skips_and_safe_mode(engine: Engine) -> None:
    report = engine.report()
    skipped = (PluginSkip("example", PluginSource.ENTRY_POINT, "denied by plugins.deny"),)
    response = convert.plugins_response(replace(report, skipped=skipped, safe_mode=True))
    data = convert.report_from_response(response)
    assert data["safe_mode"] is True
    assert data["skipped"] == [
        {"name": "example", "source": "PLUGIN_SOURCE_ENTRY_POINT", "reason": "denied by plugins.deny"}
    ]
