"""Summary engines and keyphrases through a real gRPC server."""

from __future__ import annotations

import grpc
import pytest
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

from tests.plugins.textrank_texts import ARTICLE, SENTENCES

SEGMENT = ["builtin.page", "builtin.sentences"]


def test_keyphrases_reach_the_client(stub: pb_grpc.BriefsumStub) -> None:
    text = "".join(SENTENCES[-3:] * 2)
    response = stub.Summarize(pb.SummarizeRequest(id="k", text=text, layout=pb.LAYOUT_ARTICLE, keyword_count=5))
    (article,) = response.articles
    assert len(article.keywords) == 5
    assert article.keyphrases and all(text.count(k.text) >= 2 and k.weight > 0 for k in article.keyphrases)


def test_engine_chosen_per_request(stub: pb_grpc.BriefsumStub) -> None:
    stages = [*SEGMENT, "builtin.jieba", "builtin.textrank4zh"]
    request = pb.SummarizeRequest(id="r", text=ARTICLE, layout=pb.LAYOUT_ARTICLE, stages=stages)
    response = stub.Summarize(request)
    assert [t.stage for t in response.timings] == stages
    assert response.articles[0].summary
    default = stub.Summarize(pb.SummarizeRequest(id="d", text=ARTICLE, layout=pb.LAYOUT_ARTICLE))
    assert default.pipeline_version != response.pipeline_version


def test_summary_engine_without_tokens_is_invalid(stub: pb_grpc.BriefsumStub) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, stages=[*SEGMENT, "builtin.textrank4zh"]))
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "tokens" in (caught.value.details() or "")


def test_engines_are_listed(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.ListPlugins(pb.ListPluginsRequest())
    stages = {s.name: s for p in response.plugins for s in p.stages}
    assert stages["builtin.textrank"].in_pipeline and stages["builtin.tokens"].in_pipeline
    assert not stages["builtin.textrank4zh"].in_pipeline and not stages["builtin.jieba"].in_pipeline
