"""Properties of any request, checked through a real server (hypothesis generates the requests)."""

from __future__ import annotations

import grpc
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from(
    [
        "省政府",
        "会议",
        "粮食",
        "安全",
        "能源",
        "贸易",
        "。",
        "！",
        "？",
        "；",
        "，",
        "……",
        "“",
        "”",
        "\n",
        "\n\n",
        " ",
        "一、",
        "（一）",
    ]
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=80).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
)


def squeeze(value: str) -> str:
    return "".join(value.split())


EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@EXAMPLES
@given(text=TEXTS, layout=st.sampled_from([pb.LAYOUT_AUTO, pb.LAYOUT_ARTICLE, pb.LAYOUT_PAGE]))
def test_any_text_is_ok_and_offsets_point_into_it(stub: pb_grpc.BriefsumStub, text: str, layout: int) -> None:
    response = stub.Summarize(pb.SummarizeRequest(id="p", text=text, layout=layout), timeout=30)
    assert response.id == "p"
    for article in response.articles:
        assert 0 <= article.span.start <= article.span.end <= len(text)
        for sentence in article.summary:
            # Sentences are unwrapped (line breaks inside them removed); their spans cover the original.
            assert 0 <= sentence.start < sentence.end <= len(text)
            assert squeeze(text[sentence.start : sentence.end]) == squeeze(sentence.text)
        assert len({s.index for s in article.summary}) == len(article.summary)


@EXAMPLES
@given(
    max_sentences=st.one_of(st.none(), st.integers(-5, 20_000)),
    ratio=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    keywords=st.one_of(st.none(), st.integers(-10, 200)),
    stages=st.lists(st.sampled_from(["builtin.page", "builtin.sentences", "builtin.tokens", "x.y", ""]), max_size=3),
)
def test_any_options_are_ok_or_invalid_argument(
    stub: pb_grpc.BriefsumStub,
    max_sentences: int | None,
    ratio: float | None,
    keywords: int | None,
    stages: list[str],
) -> None:
    request = pb.SummarizeRequest(text="省政府召开会议。会议研究了粮食安全。", stages=stages)
    if max_sentences is not None:
        request.length.max_sentences = max_sentences
    elif ratio is not None:
        request.length.ratio = ratio
    if keywords is not None:
        request.keyword_count = keywords
    code = grpc.StatusCode.OK
    try:
        stub.Summarize(request, timeout=30)
    except grpc.RpcError as error:
        code = error.code()
    assert code in (grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT)
