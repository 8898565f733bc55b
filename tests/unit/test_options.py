from __future__ import annotations

import math

import pytest
from briefsum.errors import InvalidRequest
from briefsum.options import DEFAULT_MAX_SENTENCES, Layout, Length, parse_options


def test_defaults() -> None:
    options = parse_options({})
    assert options.layout is Layout.AUTO
    assert options.length.sentence_budget(10) == DEFAULT_MAX_SENTENCES
    assert options.stages is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"length": {"max_sentences": 0}}, "length.max_sentences"),
        ({"length": {"max_chars": -5}}, "length.max_chars"),
        ({"length": {"ratio": 0.0}}, "length.ratio"),
        ({"length": {"ratio": 1.5}}, "length.ratio"),
        ({"length": {"ratio": math.nan}}, "length.ratio"),
        ({"length": {"ratio": 0.5, "max_chars": 10}}, "length"),
        ({"keyword_count": 101}, "keyword_count"),
        ({"keyword_count": -1}, "keyword_count"),
        ({"layout": 9}, "layout"),
    ],
)
def test_invalid_values_name_the_protobuf_field(values: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        parse_options(values)
    assert [v.field for v in caught.value.violations] == [field]


@pytest.mark.parametrize(
    ("length", "available", "expected"),
    [
        (Length(max_sentences=2), 10, 2),
        (Length(max_sentences=5), 3, 3),
        (Length(ratio=0.25), 10, 3),  # rounded up
        (Length(ratio=0.01), 10, 1),  # at least one
        (Length(ratio=0.5), 0, 0),
        (Length(max_chars=10), 7, 7),  # characters are enforced by the summariser
        (Length(), 2, 2),
    ],
)
def test_sentence_budget(length: Length, available: int, expected: int) -> None:
    assert length.sentence_budget(available) == expected
