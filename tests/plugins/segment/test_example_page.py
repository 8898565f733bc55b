"""The bundled example page (Jilin Daily, 2023-03-30, as extracted from its PDF), read item by item.

The page puts every headline block after its body: six news items and one photo caption. One article
(the provincial government's executive meeting) has no headline at all and follows the first
article's headline; the caption sits between two headline blocks.
"""

from __future__ import annotations

import itertools
import re

import pytest
from briefsum.engine import Engine
from briefsum.model import Article, ArticleKind
from briefsum.options import Layout, parse_options
from briefsum_builtin.segment.body import split_body
from briefsum_builtin.segment.page import segment_page

#: (kind, title, lead-in, subtitle, byline, how the body starts), in page order.
EXPECTED = [
    (ArticleKind.ARTICLE, "我省对俄经贸合作生机勃发", None, None, "本报讯（记者陶连飞）", "近年来，我省深入"),
    (ArticleKind.ARTICLE, None, None, None, "本报3月29日讯（记者于小博）", "今天，省委常委、"),
    (
        ArticleKind.ARTICLE,
        "做大做强民营经济",
        None,
        "——四平市深入贯彻落实全国两会精神",
        "本报记者 崔维利 高鸿",
        "四平市全面深入贯",
    ),
    (
        ArticleKind.ARTICLE,
        "中石油首个风电项目在我省投产",
        None,
        "年发电量达2.6亿千瓦时，实现减碳20万吨",
        "本报讯（记者邹鹏亮）",
        "吉林油田美字风电",
    ),
    (ArticleKind.CAPTION, None, None, None, "本报记者 张野 摄", "镇赉县大力推进新"),
    (
        ArticleKind.ARTICLE,
        "构建现代化产业体系 推动经济高质量发展",
        "景俊海在长春调研时强调",
        "持续积蓄汇聚吉林全面振兴新动能新优势",
        "本报3月29日讯（记者黄鹭）",
        "今天，省委书记景",
    ),
    (
        ArticleKind.ARTICLE,
        "支持粮食产能提升 助力农业强省建设",
        None,
        "景俊海会见中国国际经济交流中心课题组",
        "本报3月29日讯（记者黄鹭）",
        "今天，省委书记景",
    ),
]
LAYOUT_WHITESPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return LAYOUT_WHITESPACE.sub("", text)


def _text(article_field: object) -> str | None:
    return getattr(article_field, "text", None)


@pytest.fixture(scope="module")
def articles(example_page: str) -> tuple[Article, ...]:
    return segment_page(example_page, Layout.AUTO)


def test_every_item_is_found_with_its_headline_and_byline(example_page: str, articles: tuple[Article, ...]) -> None:
    found = [
        (
            a.kind,
            _text(a.title),
            _text(a.lead_in),
            _text(a.subtitle),
            _text(a.byline),
            _squash(example_page[a.body_span.start : a.body_span.end])[:8],
        )
        for a in articles
    ]
    assert found == EXPECTED


def test_items_cover_the_page_in_order_without_overlap(example_page: str, articles: tuple[Article, ...]) -> None:
    for before, after in itertools.pairwise(articles):
        assert before.span.end <= after.span.start
    covered = "".join(example_page[a.span.start : a.span.end] for a in articles)
    assert _squash(covered) == _squash(example_page)


def test_fields_point_at_their_text(example_page: str, articles: tuple[Article, ...]) -> None:
    for article in articles:
        for field in (article.title, article.lead_in, article.subtitle, article.byline):
            if field is None:
                continue
            assert field.span is not None
            assert article.span.contains(field.span)
            # letter spacing and wraps are removed from the field, nothing else
            assert _squash(example_page[field.span.start : field.span.end]) == _squash(field.text)


def test_sentences_hold_no_headline_byline_or_wrap(example_page: str, articles: tuple[Article, ...]) -> None:
    for article in articles:
        paragraphs, sentences = split_body(example_page, article.body_span)
        assert sentences
        for sentence in sentences:
            assert "\n" not in sentence.text
            assert _squash(example_page[sentence.span.start : sentence.span.end]) == _squash(sentence.text)
            for field in (article.title, article.lead_in, article.subtitle, article.byline):
                if field is not None and field.span is not None:
                    assert not (field.span.start < sentence.span.end and sentence.span.start < field.span.end)
        starts = [p.span.start for p in paragraphs]
        assert starts == sorted(starts)
        assert all(article.body_span.contains(p.span) for p in paragraphs)


def test_first_article_paragraphs_follow_the_page(example_page: str, articles: tuple[Article, ...]) -> None:
    paragraphs, sentences = split_body(example_page, articles[0].body_span)
    # 近年来… and the five sections 双边贸易…, 合作领域…, 口岸通道…, 开放平台…, 区域合作…
    assert len(paragraphs) == 6
    openings = [s.text for s in sentences if s.index == 0 or s.paragraph != sentences[s.index - 1].paragraph]
    assert openings[1:] == [
        "双边贸易高速增长。",
        "合作领域全面拓展。",
        "口岸通道提效增能。",
        "开放平台水平跃升。",
        "区域合作走深走实。",
    ]


def test_layout_article_keeps_the_page_whole(example_page: str) -> None:
    (article,) = segment_page(example_page, Layout.ARTICLE)
    assert article.kind is ArticleKind.ARTICLE
    assert _squash(example_page[article.span.start : article.span.end]) == _squash(example_page)


def test_summaries_never_quote_headlines_bylines_or_credits(engine: Engine, example_page: str) -> None:
    result = engine.summarize(example_page, parse_options({"length": {"max_sentences": 3}}))
    for article in result.document.articles:
        fields = [f for f in (article.title, article.lead_in, article.subtitle, article.byline) if f and f.span]
        for chosen in article.summary:
            span = chosen.sentence.span
            assert all(not (f.span.start < span.end and span.start < f.span.end) for f in fields if f.span)
            assert "本报记者" not in chosen.sentence.text
            assert "讯（记者" not in chosen.sentence.text
