"""Matching predicted items to true ones, scores, tallies, and the pages file reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from briefsum.evaluation.metrics import Ink, leaked_sentences, match, score_page, squash
from briefsum.evaluation.pagedata import PageDataError, load_pages
from briefsum.evaluation.render import RenderedPage, TrueItem, render_page
from briefsum.evaluation.segmentation import evaluate_segmentation
from briefsum.model import Article, ArticleKind, ScoredSentence, Sentence, Span, TextField
from briefsum.options import Layout
from briefsum_builtin.segment.page import segment_page

from tests.evaluation.sample_pages import PAGES, write_pages


def test_ink_counts_only_visible_characters() -> None:
    ink = Ink("春 耕\n\n备耕")
    assert ink.count(0, 7) == 4
    assert ink.iou(Span(0, 3), Span(0, 7)) == 0.5
    assert ink.iou(Span(0, 3), Span(5, 7)) == 0.0


def test_match_needs_four_fifths_overlap() -> None:
    ink = Ink("一二三四五六七八九十")
    true = [Span(0, 5), Span(5, 10)]
    assert match(ink, true, [Span(0, 5), Span(5, 10)]) == {0: 0, 1: 1}
    assert match(ink, true, [Span(0, 6), Span(6, 10)]) == {0: 0, 1: 1}  # 5/6 and 4/5 are both >= 0.8
    assert match(ink, true, [Span(0, 7), Span(7, 10)]) == {}  # 5/7 and 3/5 are not
    assert match(ink, true, [Span(0, 10)]) == {}


def _truth(start: int, end: int, title: str | None, byline: str | None = None) -> TrueItem:
    return TrueItem("x", ArticleKind.ARTICLE, Span(start, end), title, None, None, byline, True, (), ("kind=article",))


def test_score_page_counts_titles_bylines_and_false_positives() -> None:
    text = "标题一\n正文一二三四五六七八九十。\n标题二\n正文一二三四五六七八九十。"
    middle = text.index("\n标题二")
    end = len(text)
    page = RenderedPage(
        "p", 0, text, (_truth(0, middle, "标题一"), _truth(middle + 1, end, "标题二", "本报讯")), ("heads=before",)
    )
    perfect = [
        Article(Span(0, middle), title=TextField("标 题 一")),
        Article(Span(middle + 1, end), title=TextField("标题二"), byline=TextField("本报讯")),
    ]
    outcome = score_page(page, perfect)
    assert outcome.exact and outcome.all_right
    assert [i.title_right for i in outcome.items] == [True, True]
    merged = score_page(page, [Article(Span(0, end))])
    assert not any(i.matched for i in merged.items)
    assert merged.false_positives == 1
    split = score_page(page, [Article(Span(0, middle)), Article(Span(middle + 1, 24)), Article(Span(24, end))])
    assert [i.matched for i in split.items] == [True, False]
    assert split.false_positives == 2


def test_leaked_sentences_are_those_touching_guarded_text() -> None:
    text = "标题一\n正文。"
    item = TrueItem("x", ArticleKind.ARTICLE, Span(0, 7), "标题一", None, None, None, False, (Span(0, 3),), ())
    page = RenderedPage("p", 0, text, (item,), ())
    good = ScoredSentence(Sentence("正文。", Span(4, 7), 0), 1.0)
    bad = ScoredSentence(Sentence("标题一正文。", Span(0, 7), 0), 1.0)
    assert leaked_sentences(page, [Article(Span(0, 7), summary=(good,))]) == (0, 1)
    assert leaked_sentences(page, [Article(Span(0, 7), summary=(good, bad))]) == (1, 2)


def test_squash() -> None:
    assert squash("我 省\u3000对") == "我省对"
    assert squash(None) == ""


def test_an_oracle_scores_perfectly_and_a_lazy_segmenter_does_not() -> None:
    truth = {}
    for variant in range(2):
        for page in PAGES:
            rendered = render_page(page, 0, variant)
            truth[rendered.text] = rendered

    def oracle(text: str) -> tuple[Article, ...]:
        page = truth.get(text)
        if page is None:  # a single article rendered for the layout check
            return (Article(Span(0, len(text))),)
        return tuple(
            Article(item.span, item.kind, TextField(item.title) if item.title else None, byline=_field(item.byline))
            for item in page.items
        )

    report = evaluate_segmentation(PAGES, oracle, count=2)
    assert report.overall.precision == report.overall.recall == 1.0
    assert report.overall.titles_right == report.overall.items
    assert report.single_articles_whole == report.single_articles > 0
    lazy = evaluate_segmentation(PAGES, lambda text: (Article(Span(0, len(text))),), count=2)
    assert lazy.overall.recall is not None and lazy.overall.recall < 0.2
    data = lazy.as_dict()
    assert set(data) >= {"overall", "by_page_variation", "by_article_variation", "captions", "auto_layout"}


def _field(text: str | None) -> TextField | None:
    return TextField(text) if text else None


def test_the_segmenter_reads_the_sample_pages_well() -> None:
    report = evaluate_segmentation(PAGES, lambda text: segment_page(text, Layout.AUTO), count=8)
    assert report.overall.f1 is not None and report.overall.f1 >= 0.9
    assert report.overall.titles_right / report.overall.items >= 0.8
    assert report.single_articles_whole == report.single_articles


def test_pages_file_round_trip_and_errors(tmp_path: Path) -> None:
    path = write_pages(tmp_path / "pages.jsonl")
    pages = load_pages([path])
    assert [p.page_id for p in pages] == ["sample-01", "sample-02"]
    assert pages[0].articles[2].title == "冰雪嘉年华（图片）"
    assert load_pages([tmp_path]) == pages  # a directory contributes its *.jsonl files
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"page_id": "x", "articles": []}) + "\n", encoding="utf-8")
    with pytest.raises(PageDataError, match=r"bad\.jsonl:1"):
        load_pages([bad])
    with pytest.raises(PageDataError, match="cannot read"):
        load_pages([tmp_path / "missing.jsonl"])
