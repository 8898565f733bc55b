"""Every built-in stage honours the stage contract, through the real pipeline."""

from __future__ import annotations

import pytest
from briefsum.engine import Engine
from briefsum.model import ArticleKind, Document
from briefsum.options import Layout, parse_options
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.textrank.reference import textrank4zh_util

ONE_SENTENCE = "国务院常务会议研究部署稳定粮食生产工作。"


@pytest.mark.parametrize("text", ["", "。", ONE_SENTENCE, "没有标点的一句话", "标题\n\n" + ONE_SENTENCE * 3])
def test_pipeline_handles_small_inputs(engine: Engine, text: str) -> None:
    result = engine.summarize(text, parse_options({}))
    for article in result.document.articles:
        assert 0 <= article.span.start <= article.span.end <= len(text)
        for sentence in article.sentences:
            assert article.span.contains(sentence.span)


def test_every_stage_is_deterministic_and_keeps_offsets_inside(engine: Engine, example_page: str) -> None:
    document = Document(example_page, parse_options({"layout": "page"}))
    for provided in engine.pipeline.stages:
        first = provided.stage.run(document)
        again = provided.stage.run(document)
        assert first == again, f"{provided.stage.name} is not deterministic"
        assert document.articles == (() if provided is engine.pipeline.stages[0] else document.articles)
        for article in first.articles:
            assert 0 <= article.span.start < article.span.end <= len(example_page)
            for sentence in article.sentences:
                assert 0 <= sentence.span.start < sentence.span.end <= len(example_page)
        document = first


def test_layout_article_never_splits(example_page: str) -> None:
    assert len(segment_page(example_page, Layout.ARTICLE)) == 1
    assert len(segment_page(example_page, Layout.PAGE)) > 3


def test_client_title_wins() -> None:
    (article,) = segment_page(ONE_SENTENCE, Layout.ARTICLE, title="粮食生产")
    assert article.title is not None and article.title.text == "粮食生产"
    assert article.title.span is None


def test_caption_is_classified(example_page: str) -> None:
    articles = segment_page(example_page, Layout.PAGE)
    captions = [a for a in articles if a.kind is ArticleKind.CAPTION]
    assert any("图为项目施工现场" in example_page[a.span.start : a.span.end] for a in captions)


def test_textrank4zh_works_on_networkx3_without_patching_networkx() -> None:
    import networkx

    util = textrank4zh_util()
    ranked = util.sort_sentences(["a", "b", "c"], [["粮食", "生产"], ["粮食"], ["能源"]])
    assert sorted(item.index for item in ranked) == [0, 1, 2]
    assert not hasattr(networkx, "from_numpy_matrix")  # only textrank4zh's view has the alias


def test_summary_respects_max_chars_and_never_cuts(engine: Engine, example_page: str) -> None:
    for limit in (1, 30, 60, 200):
        result = engine.summarize(example_page, parse_options({"length": {"max_chars": limit}}))
        for article in result.document.articles:
            assert sum(len(s.sentence.text) for s in article.summary) <= limit
            texts = {s.text for s in article.sentences}
            assert all(s.sentence.text in texts for s in article.summary)
