"""The bundled example page, end to end through a real server."""

from __future__ import annotations

import re

from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

LAYOUT_WHITESPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return LAYOUT_WHITESPACE.sub("", text)


def test_example_page_yields_articles_with_verbatim_summaries(stub: pb_grpc.BriefsumStub, example_page: str) -> None:
    response = stub.Summarize(pb.SummarizeRequest(id="jilin", text=example_page), timeout=60)
    articles = [a for a in response.articles if a.kind == pb.ARTICLE_KIND_ARTICLE]
    assert len(articles) >= 5
    for article in articles:
        assert article.summary, f"article {article.title!r} has no summary"
        for sentence in article.summary:
            # The sentence is the source text at its offsets, with only the line wraps removed.
            assert _squash(example_page[sentence.start : sentence.end]) == _squash(sentence.text)
            assert _squash(sentence.text) in _squash(example_page)
            assert article.span.start <= sentence.start < sentence.end <= article.span.end
