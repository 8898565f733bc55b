"""A real server on 127.0.0.1:0, called through a real channel."""

from __future__ import annotations

import threading
import time

import grpc
import pytest
from briefsum.engine import build_engine
from briefsum.plugins import make_plugin_manager
from briefsum.settings import Settings, load_settings
from briefsum.testing import running_server
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from google.rpc import code_pb2, error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_status import rpc_status

from tests.stages_for_tests import Marks, Plugin, Raises, TypoPlugin

ARTICLE = (
    "本报讯（记者王明）省政府日前召开常务会议，研究部署春耕生产工作。"
    "会议强调，要扛稳粮食安全责任，落实耕地保护制度。"
    "全省今年计划播种粮食面积八千万亩，大豆种植面积稳定增长。"
    "会议还研究了其他事项。"
)


def _bad_request(error: grpc.RpcError) -> list[str]:
    status = rpc_status.from_call(error)
    assert status is not None
    fields = []
    for detail in status.details:
        info = error_details_pb2.BadRequest()
        if detail.Unpack(info):
            fields += [v.field for v in info.field_violations]
    return fields


def test_summarize_article(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.Summarize(pb.SummarizeRequest(id="a1", text=ARTICLE, layout=pb.LAYOUT_ARTICLE), timeout=30)
    assert response.id == "a1"
    (article,) = response.articles
    assert article.byline == "本报讯（记者王明）"
    assert 1 <= len(article.summary) <= 3
    for sentence in article.summary:
        assert ARTICLE[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in article.summary] == sorted(s.index for s in article.summary)
    assert {t.category for t in article.tags} >= {"agriculture"}
    assert article.keywords and all(k.weight > 0 for k in article.keywords)
    assert [t.stage for t in response.timings][:2] == ["builtin.page", "builtin.sentences"]
    assert response.pipeline_version


def test_a_unary_answer_says_how_many_calls_the_server_admits(stub: pb_grpc.BriefsumStub, settings: Settings) -> None:
    _, call = stub.Summarize.with_call(pb.SummarizeRequest(text=ARTICLE), timeout=30)
    trailing = dict(call.trailing_metadata())
    limits = settings.server
    assert trailing["briefsum-capacity"] == str(limits.concurrency + limits.queue)


def test_length_limits_are_exact(stub: pb_grpc.BriefsumStub) -> None:
    one = stub.Summarize(pb.SummarizeRequest(text=ARTICLE, length=pb.Length(max_sentences=1)), timeout=30)
    assert len(one.articles[0].summary) == 1
    chars = stub.Summarize(pb.SummarizeRequest(text=ARTICLE, length=pb.Length(max_chars=40)), timeout=30)
    assert sum(len(s.text) for s in chars.articles[0].summary) <= 40


def test_empty_and_whitespace_text_is_ok_and_empty(stub: pb_grpc.BriefsumStub) -> None:
    for text in ("", "  \n\n\t "):
        response = stub.Summarize(pb.SummarizeRequest(id="e", text=text), timeout=10)
        assert response.id == "e"
        assert list(response.articles) == []


@pytest.mark.parametrize(
    ("request_kwargs", "field"),
    [
        ({"length": pb.Length(ratio=2.0)}, "length.ratio"),
        ({"length": pb.Length(max_sentences=-1)}, "length.max_sentences"),
        ({"length": pb.Length(max_chars=0)}, "length.max_chars"),
        ({"keyword_count": 1000}, "keyword_count"),
        ({"stages": ["builtin.nope"]}, "stages"),
        ({"stages": ["builtin.textrank"]}, "stages"),
        ({"layout": 42}, "layout"),
    ],
)
def test_invalid_options_give_invalid_argument_with_field(
    stub: pb_grpc.BriefsumStub, request_kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, **request_kwargs), timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _bad_request(caught.value) == [field]


def test_oversize_text_names_field_and_limit(stub: pb_grpc.BriefsumStub, settings: Settings) -> None:
    limit = settings.server.max_text_bytes
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text="字" * (limit // 3 + 1)), timeout=30)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert str(limit) in caught.value.details()
    assert _bad_request(caught.value) == ["text"]


def test_stage_override(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.Summarize(
        pb.SummarizeRequest(text=ARTICLE, stages=["builtin.page", "builtin.sentences"], debug=True), timeout=10
    )
    assert [t.stage for t in response.trace] == ["builtin.page", "builtin.sentences"]
    assert not response.articles[0].summary  # no summariser ran


def test_stream_keeps_order_and_reports_bad_items(stub: pb_grpc.BriefsumStub) -> None:
    requests = [
        pb.SummarizeRequest(id="0", text=ARTICLE),
        pb.SummarizeRequest(id="1", text=ARTICLE, length=pb.Length(ratio=-1)),
        pb.SummarizeRequest(id="2", text=""),
        pb.SummarizeRequest(id="3", text=ARTICLE, stages=["nope"]),
        *(pb.SummarizeRequest(id=str(i), text=ARTICLE) for i in range(4, 12)),
    ]
    responses = list(stub.SummarizeStream(iter(requests), timeout=60))
    assert [r.id for r in responses] == [r.id for r in requests]
    assert responses[1].error.code == code_pb2.INVALID_ARGUMENT
    assert responses[3].error.code == code_pb2.INVALID_ARGUMENT
    assert not responses[2].HasField("error") and not responses[2].articles
    assert all(r.articles and not r.HasField("error") for r in responses[4:])


def test_list_plugins(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.ListPlugins(pb.ListPluginsRequest(), timeout=10)
    builtin = next(p for p in response.plugins if p.name == "builtin")
    assert builtin.source == pb.PLUGIN_SOURCE_BUILTIN
    assert "builtin.textrank" in {s.name for s in builtin.stages}
    assert list(response.pipeline)[:2] == ["builtin.page", "builtin.sentences"]


def test_health_serving_and_reflection(channel: grpc.Channel) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", "briefsum.v1.Briefsum"):
        reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
    replies = reflection.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
    )
    names = {s.name for r in replies for s in r.list_services_response.service}
    assert {"briefsum.v1.Briefsum", "grpc.health.v1.Health"} <= names


def test_not_serving_until_warm(settings: Settings) -> None:
    with running_server(settings, None) as port, grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        reply = health.Check(health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum"), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING
        with pytest.raises(grpc.RpcError) as caught:
            pb_grpc.BriefsumStub(channel).Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE


def test_failing_plugins_are_reported_and_a_raising_stage_is_internal() -> None:
    settings = load_settings()
    plugins = make_plugin_manager(
        entrypoints=False, extra=[("marks", Plugin(Marks(), Raises())), ("typo", TypoPlugin())]
    )
    engine = build_engine(settings, plugins)
    with running_server(settings, engine) as port, grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = pb_grpc.BriefsumStub(channel)
        listing = stub.ListPlugins(pb.ListPluginsRequest(), timeout=5)
        assert [(f.name, f.source) for f in listing.failed] == [("typo", pb.PLUGIN_SOURCE_ENTRY_POINT)]
        response = stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30)
        assert dict(response.articles[0].extensions["test.marks"]) == {"length": len(ARTICLE)}

        with pytest.raises(grpc.RpcError) as caught:
            stub.Summarize(pb.SummarizeRequest(text=ARTICLE, stages=["builtin.page", "test.raises"]), timeout=10)
        assert caught.value.code() == grpc.StatusCode.INTERNAL
        assert "'test.raises' of plugin 'marks'" in caught.value.details()
        assert "secret" not in caught.value.details() and "Traceback" not in caught.value.details()
        # ... and the server keeps serving
        assert stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30).articles


def test_deadline_is_honoured(stub: pb_grpc.BriefsumStub, example_page: str) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=example_page * 20), timeout=0.05)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_concurrent_clients(stub: pb_grpc.BriefsumStub) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def call(i: int) -> None:
        try:
            results.append(stub.Summarize(pb.SummarizeRequest(id=str(i), text=ARTICLE), timeout=60).id)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(results, key=int) == [str(i) for i in range(8)]
    assert time.monotonic() - started < 60


def test_stream_items_wait_for_a_busy_server_instead_of_being_refused() -> None:
    # One running slot and no queue: unary calls beyond it are refused, stream items wait.
    settings = load_settings(server={"workers": 0, "max_concurrency": 1, "max_queue": 0, "stream_window": 4})
    engine = build_engine(settings, make_plugin_manager(entrypoints=False))
    with running_server(settings, engine) as port, grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = pb_grpc.BriefsumStub(channel)
        requests = [pb.SummarizeRequest(id=str(i), text=ARTICLE) for i in range(12)]
        responses = list(stub.SummarizeStream(iter(requests), timeout=60))
        assert [r.id for r in responses] == [str(i) for i in range(12)]
        assert all(not r.HasField("error") and r.articles for r in responses)
