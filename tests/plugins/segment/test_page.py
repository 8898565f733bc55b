"""Pages and single articles: layouts, furniture, small and odd inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.evaluation.typeset import wrap
from briefsum.model import ArticleKind, Span
from briefsum.options import Layout
from briefsum_builtin.segment.body import split_body
from briefsum_builtin.segment.features import DescribedText
from briefsum_builtin.segment.page import segment_page


def _column(paragraphs: list[str], width: int) -> list[str]:
    return [line for paragraph in paragraphs for line in wrap(paragraph, [float(width)], first_indent=2.0)]


FIRST = [
    "本报讯（记者王明）眼下，全省各地抢抓农时，春耕备耕工作有序推进。今年全省计划播种粮食面积八千万亩。",
    "各地加强农资调运，化肥、种子、农药等储备充足，价格总体稳定，确保春耕生产不误农时。",
]
SECOND = [
    "新华社北京1月5日电（记者李明）国务院常务会议今天研究部署稳就业工作，要求加大对中小企业的支持力度。",
    "会议指出，要落实落细减税降费政策，扩大就业见习规模，帮助高校毕业生尽快就业。",
]
SINGLE = [
    "为切实做好今年春耕生产工作，确保粮食面积稳定、产量稳步提升，现就有关事项通知如下。",
    "各地要把春耕生产作为当前农业农村工作的重中之重，主要负责同志亲自部署，层层压实责任。",
    "各地要加强农资市场监管，严厉打击制售假冒伪劣农资行为，确保农民用上放心种子、放心肥料。",
]


SNOW = [
    "入冬以来，南湖公园冰雪嘉年华迎来大批游客，冰滑梯、雪圈、冰上自行车等项目前排起长队。",
    "景区负责人介绍，今年新增十余处冰雕景观，夜间灯光秀每晚准时上演，门票收入同比增长三成。",
    "周边酒店、餐馆生意兴隆，冰雪旅游正成为拉动冬季消费的新引擎。",
]


def _page() -> str:
    lines = ["人民日报 2023年3月30日 星期四", "第4版"]
    lines += ["春耕备耕有序推进", *_column(FIRST, 18)]
    lines += ["国务院部署稳就业工作", *_column(SECOND, 24)]
    lines += ["责任编辑：王明"]
    return "\n".join(lines)


def test_page_items_titles_and_bylines() -> None:
    articles = segment_page(_page(), Layout.AUTO)
    assert [(a.title.text if a.title else None, a.byline.text if a.byline else None) for a in articles] == [
        ("春耕备耕有序推进", "本报讯（记者王明）"),
        ("国务院部署稳就业工作", "新华社北京1月5日电（记者李明）"),
    ]


def test_furniture_belongs_to_no_article() -> None:
    page = _page()
    articles = segment_page(page, Layout.PAGE)
    covered = "".join(page[a.span.start : a.span.end] for a in articles)
    assert "人民日报" not in covered
    assert "第4版" not in covered
    assert "责任编辑" not in covered


def test_layout_article_never_splits() -> None:
    (article,) = segment_page(_page(), Layout.ARTICLE)
    assert article.kind is ArticleKind.ARTICLE
    assert article.title is not None and article.title.text == "春耕备耕有序推进"


def test_auto_keeps_a_single_article_whole() -> None:
    text = "\n".join(
        ["关于做好春耕生产工作的通知", *_column(SINGLE[:1], 22), "一、加强组织领导", *_column(SINGLE[1:], 22)]
    )
    (article,) = segment_page(text, Layout.AUTO)
    assert article.title is not None and article.title.text == "关于做好春耕生产工作的通知"


def test_auto_keeps_unwrapped_paragraphs_whole() -> None:
    text = "春耕生产工作通知\n" + "\n".join(SINGLE)
    assert len(segment_page(text, Layout.AUTO)) == 1


def test_client_title_wins() -> None:
    (article,) = segment_page("国务院常务会议研究部署稳定粮食生产工作。", Layout.ARTICLE, title=" 粮食生产 ")
    assert article.title is not None
    assert article.title.text == "粮食生产"
    assert article.title.span is None


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\n"])
def test_empty_text_has_no_articles(text: str) -> None:
    assert segment_page(text, Layout.AUTO) == ()


@pytest.mark.parametrize("text", ["没有标点的一句话", "第4版", "01", "。", "（王明）"])
def test_tiny_texts_are_one_article_and_lose_nothing(text: str) -> None:
    (article,) = segment_page(text, Layout.AUTO)
    assert article.span.start == 0
    assert article.span.end == len(text)
    assert text[article.body_span.start : article.body_span.end] == text


def test_photo_caption_is_a_caption_with_its_credit() -> None:
    caption = wrap("长春市南湖公园冰雪嘉年华吸引大批游客。图为游客在冰滑梯上游玩。", [12.0], first_indent=2.0)
    text = "\n".join(["春耕备耕有序推进", *_column(FIRST, 18), *caption, "本报记者 周野 摄"])
    articles = segment_page(text, Layout.PAGE)
    assert [a.kind for a in articles] == [ArticleKind.ARTICLE, ArticleKind.CAPTION]
    assert articles[1].byline is not None and articles[1].byline.text == "本报记者 周野 摄"
    body = text[articles[1].body_span.start : articles[1].body_span.end]
    assert "摄" not in body


@pytest.mark.parametrize(
    ("head", "paragraphs", "kind"),
    [
        # A report opening with its dateline, with a picture credited under it: an article.
        ([], ["本报讯（记者赵云）全市冰雪旅游持续升温，南湖公园冰雪嘉年华迎来大批游客。"], ArticleKind.ARTICLE),
        # The same report saying what the picture shows is the picture's caption.
        ([], ["本报讯（记者赵云）全市冰雪旅游持续升温。图为游客在冰滑梯上游玩。"], ArticleKind.CAPTION),
        # A credited text longer than any caption: an article with a picture.
        (["冰雪旅游持续升温"], SNOW * 3, ArticleKind.ARTICLE),
        # A short text under a credit, no dateline: a caption.
        ([], ["南湖公园冰雪嘉年华迎来大批游客，孩子们在冰滑梯上尽情玩耍。"], ArticleKind.CAPTION),
    ],
)
def test_a_credited_item_is_a_caption_only_when_short_and_not_a_dated_report(
    head: list[str], paragraphs: list[str], kind: ArticleKind
) -> None:
    text = "\n".join(["春耕备耕有序推进", *_column(FIRST, 18), *head, *_column(paragraphs, 12), "本报记者 周野 摄"])
    articles = segment_page(text, Layout.PAGE)
    assert len(articles) == 2
    assert articles[1].kind is kind


def test_bodies_read_from_the_page_lines_read_once_are_the_same() -> None:
    # The sentence stage describes a page's lines once for all its bodies; the example page and a
    # small page with furniture, blank lines and a body that ends inside a line must come out the same.
    source = (Path(__file__).parents[3] / "examples" / "jilin-daily-2023-03-30.txt").read_text("utf-8")
    small = _page().replace("\n", "\n\n", 3)
    for text in (source, small):
        described = DescribedText.of(text)
        articles = segment_page(text, Layout.PAGE)
        bodies = [article.body for article in articles] + [Span(articles[0].body.start, articles[0].body.end - 5)]
        for body in bodies:
            assert split_body(text, body, described) == split_body(text, body)


@pytest.mark.parametrize("signature", ["———编者", "欢迎读者来信。——编者", "－－作者"])
def test_an_editors_signature_closes_the_text_before_it_and_is_never_a_headline(signature: str) -> None:
    text = "\n".join(["春耕备耕有序推进", *_column(FIRST, 18), signature, "国务院部署稳就业工作", *_column(SECOND, 24)])
    articles = segment_page(text, Layout.PAGE)
    assert [a.title.text if a.title else None for a in articles] == ["春耕备耕有序推进", "国务院部署稳就业工作"]
    assert all(a.subtitle is None for a in articles)


def test_a_letter_spaced_headline_is_never_read_as_a_byline() -> None:
    # 河南…中心 reads as an office and 成立 as a name; display type is a headline all the same.
    text = "\n".join(
        ["春耕备耕有序推进", *_column(FIRST, 18), "河 南 交 通 事 故 鉴 定 中 心 成 立", *_column(SECOND, 24)]
    )
    articles = segment_page(text, Layout.PAGE)
    assert [a.title.text if a.title else None for a in articles] == ["春耕备耕有序推进", "河南交通事故鉴定中心成立"]
