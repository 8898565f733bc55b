"""Data-driven cases (ftfy style): each JSON file lists label, input, expected and a comment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from briefsum.engine import Engine
from briefsum.options import Layout, parse_options
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.segment.text.lines import split_lines
from briefsum_builtin.segment.text.sentences import sentence_bounds
from briefsum_builtin.segment.text.unwrap import unwrap

HERE = Path(__file__).parent
#: What tagging needs: no tokens, no summary.
TAG_STAGES = ("builtin.page", "builtin.sentences", "builtin.tags")


def _cases(name: str) -> list[Any]:
    cases = json.loads((HERE / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["label"]) for c in cases]


@pytest.mark.parametrize("case", _cases("sentences.json"))
def test_sentences(case: dict[str, Any]) -> None:
    text = case["input"]
    assert [text[a:b] for a, b in sentence_bounds(text)] == case["expected"], case["comment"]


@pytest.mark.parametrize("case", _cases("unwrap.json"))
def test_unwrap(case: dict[str, Any]) -> None:
    source = case["input"]
    mapped = unwrap(source, split_lines(source))
    assert mapped.text == case["expected"], case["comment"]
    # every clean character maps back to the same character of the source (or a kept space)
    for char, origin in zip(mapped.text, mapped.origin, strict=True):
        assert source[origin] == char or (char == " " and source[origin].isspace())


@pytest.mark.parametrize("case", _cases("tagging.json"))
def test_tagging(case: dict[str, Any], engine: Engine) -> None:
    values: dict[str, Any] = {"layout": "article", "stages": TAG_STAGES}
    if case.get("title"):
        values["title"] = case["title"]
    result = engine.summarize(case["input"], parse_options(values))
    given = sorted({tag.category for article in result.document.articles for tag in article.tags})
    assert given == case["expected"], case["comment"]


@pytest.mark.parametrize("case", _cases("pages.json"))
def test_pages(case: dict[str, Any]) -> None:
    source = case["input"]
    articles = segment_page(source, Layout(case["layout"]))
    found = [
        {
            "kind": article.kind.value,
            "title": article.title.text if article.title else None,
            "subtitle": article.subtitle.text if article.subtitle else None,
            "lead_in": article.lead_in.text if article.lead_in else None,
            "byline": article.byline.text if article.byline else None,
            "body_starts": source[article.body_span.start : article.body_span.end].replace("\n", "")[:7],
        }
        for article in articles
    ]
    # Fields a case does not mention must be empty.
    expected = [{"subtitle": None, "lead_in": None, **item} for item in case["expected"]]
    assert found == expected, case["comment"]
