"""The page renderer: typesetting, determinism, and ground truth that matches the text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from briefsum.evaluation.render import has_native_byline, is_caption, render_article, render_page, split_title
from briefsum.evaluation.typeset import NO_LINE_END, NO_LINE_START, display_width, wrap
from briefsum.model import ArticleKind
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.evaluation.sample_pages import ARTICLES, PAGES

WHITESPACE = re.compile(r"\s+")
TEXT = "全省粮食产量达到８２６．３亿斤，同比增长２．５％；大豆种植面积１２００万亩，“菜篮子”产品供应充足。"


def _squash(text: str) -> str:
    """Text without whitespace, full-width forms folded (pages may print digits either way)."""
    return unicodedata.normalize("NFKC", WHITESPACE.sub("", text))


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(alphabet="春耕备耕有序推进，。、；：“”（）《》0123456789.%ABC", min_size=1, max_size=200),
    width=st.integers(min_value=6, max_value=30),
    indent=st.sampled_from([0.0, 2.0]),
)
def test_wrap_keeps_every_character_in_order(text: str, width: int, indent: float) -> None:
    lines = wrap(text, [float(width)], first_indent=indent)
    assert "".join(lines) == text
    for number, line in enumerate(lines):
        assert line
        if number:
            # punctuation that may not start a line hangs on the previous one (at most two marks)
            assert line[0] not in NO_LINE_START or (
                lines[number - 1][-2:] and all(c in NO_LINE_START for c in lines[number - 1][-2:])
            )
        if number < len(lines) - 1 and len(line) > 1:
            assert line[-1] not in NO_LINE_END


def test_wrap_fills_the_column_and_keeps_numbers_whole() -> None:
    lines = wrap(TEXT, [12.0])
    for line in lines[:-1]:
        assert 10.5 <= display_width(line) <= 14.0
    joined = "|".join(lines)
    assert "８２６．３" in TEXT and "２．５％" in joined.replace("|", "")
    plain = wrap("增长123456789%以上的企业有很多家", [8.0])
    assert any("123456789%" in line for line in plain)


def test_column_width_can_change_in_an_article() -> None:
    lines = wrap(TEXT * 3, [10.0, 10.0, 20.0])
    assert display_width(lines[0]) <= 11.5
    assert display_width(lines[3]) > 15


def test_rendering_is_deterministic() -> None:
    assert render_page(PAGES[0], seed=3, variant=1) == render_page(PAGES[0], seed=3, variant=1)
    assert render_page(PAGES[0], seed=3, variant=1).text != render_page(PAGES[0], seed=3, variant=2).text


@pytest.mark.parametrize("variant", range(12))
def test_truth_matches_the_text(variant: int) -> None:
    page = PAGES[variant % len(PAGES)]
    rendered = render_page(page, seed=0, variant=variant)
    text = rendered.text
    assert len(rendered.items) == len(page.articles)
    for before, after in zip(rendered.items, rendered.items[1:], strict=False):
        assert before.span.end <= after.span.start
    for item, article in zip(rendered.items, page.articles, strict=True):
        inside = _squash(text[item.span.start : item.span.end])
        for paragraph in article.paragraphs:
            assert _squash(paragraph) in inside
        for span in item.guarded:
            assert item.span.contains(span)
        if item.title is not None:
            assert _squash(item.title) in inside
        if item.byline is not None:
            assert _squash(item.byline) in inside
        assert item.kind is (ArticleKind.CAPTION if is_caption(article) else ArticleKind.ARTICLE)
        labels = dict(label.split("=") for label in item.variations)
        assert labels["kind"] == item.kind.value


def test_every_variation_is_produced() -> None:
    page_labels: Counter[str] = Counter()
    item_labels: Counter[str] = Counter()
    for variant in range(60):
        rendered = render_page(PAGES[variant % 2], seed=0, variant=variant)
        page_labels.update(rendered.variations)
        for item in rendered.items:
            item_labels.update(item.variations)
    for label in (
        "heads=before",
        "heads=after",
        "widths=uniform",
        "blank_lines=every",
        "indent=spaces",
        "furniture=yes",
    ):
        assert page_labels[label], label
    for label in ("title=spaced", "title=missing", "subtitle=dash", "subtitle=plain", "lead_in=yes", "byline=xinhua"):
        assert item_labels[label], label
    for label in ("byline=reporters_head", "byline=dated_own_line", "byline=native", "kind=caption"):
        assert item_labels[label], label


def test_headlines_and_bylines_are_guarded() -> None:
    for variant in range(20):
        rendered = render_page(PAGES[0], seed=0, variant=variant)
        for item in rendered.items:
            guarded = "".join(_squash(rendered.text[s.start : s.end]) for s in item.guarded)
            if item.title is not None:
                assert _squash(item.title) in guarded or _squash(item.title)[:4] in guarded
            if item.byline is not None and item.byline_scored:
                assert _squash(item.byline) in guarded


def test_single_article_rendering() -> None:
    rendered = render_article(ARTICLES[0], seed=2)
    assert len(rendered.items) == 1
    assert "heads=before" in rendered.variations
    assert "furniture=no" in rendered.variations


def test_corpus_conventions() -> None:
    assert split_title("动人的故事——甘肃创建纪实（附图片１张）") == ("动人的故事", "——甘肃创建纪实")
    assert split_title("冰雪嘉年华（图片）") == ("冰雪嘉年华", None)
    assert is_caption(ARTICLES[2])
    assert not is_caption(ARTICLES[0])
    assert has_native_byline(ARTICLES[1])  # 新华社…电
    assert has_native_byline(ARTICLES[4])  # author line
    assert not has_native_byline(ARTICLES[0])
