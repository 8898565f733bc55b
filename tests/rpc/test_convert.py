"""Round trips through the protobuf messages lose nothing the API carries."""

from __future__ import annotations

from briefsum.engine import Engine
from briefsum.export import result_to_dict
from briefsum.options import parse_options
from briefsum.rpc import convert


def test_options_round_trip() -> None:
    for values in (
        {},
        {"layout": "page", "length": {"max_chars": 80}, "keyword_count": 3, "title": "标题", "debug": True},
        {"layout": "article", "length": {"ratio": 0.25}, "stages": ("builtin.page", "builtin.sentences")},
        {"length": {"max_sentences": 2}},
    ):
        options = parse_options(values)
        assert convert.options_from_request(convert.request_from_options("x", "文本", options)) == options


def test_result_round_trip(engine: Engine, example_page: str) -> None:
    options = parse_options({"length": {"max_sentences": 2}})
    result = engine.summarize(example_page, options)
    response = convert.response_from_result("page-1", result)
    assert response.id == "page-1"
    back = convert.result_from_response(response, example_page, options)
    # Everything a response carries survives: compare the exported forms.
    assert result_to_dict("page-1", back) == result_to_dict("page-1", result)
