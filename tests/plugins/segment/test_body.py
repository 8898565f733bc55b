"""Paragraphs and sentences of a body: offsets, wraps undone, credits and headings kept apart."""

from __future__ import annotations

import re

from briefsum.evaluation.typeset import wrap
from briefsum.model import Span
from briefsum_builtin.segment.body import split_body
from hypothesis import given, settings
from hypothesis import strategies as st

WHITESPACE = re.compile(r"\s+")
CLAUSES = [
    "全省粮食产量再创新高",
    "大豆种植面积稳定增长",
    "农民收入持续提高",
    "出口额达到26.3亿元",
    "同比增长15%",
    "（见表3）",
    "他说：“要抓紧落实。”",
    "ＧＤＰ增长８％",
]


def _split(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    paragraphs, sentences = split_body(text, Span(0, len(text)))
    return [s.text for s in sentences], [(p.span.start, p.span.end) for p in paragraphs]


def test_sentences_undo_wraps_and_point_at_the_source() -> None:
    text = "全省各地抢抓农时，春耕备耕工作有\n\n序推进。今年计划播种粮食面积八千\n\n万亩，大豆种植面积稳定增长。"
    sentences, paragraphs = _split(text)
    assert sentences == [
        "全省各地抢抓农时，春耕备耕工作有序推进。",
        "今年计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
    ]
    assert paragraphs == [(0, len(text))]


def test_a_short_last_line_ends_a_paragraph() -> None:
    text = "全省各地抢抓农时，春耕备耕工作有\n序推进。\n今年计划播种粮食面积八千万亩，大\n豆种植面积稳定增长。"
    _, paragraphs = _split(text)
    assert len(paragraphs) == 2


def test_credits_and_subheadings_are_not_sentences() -> None:
    text = "\n".join(
        [
            "一、加强组织领导",
            "各地要把春耕生产作为当前工作的重中",
            "之重，层层压实责任。",
            "图为农民在田间播种。（新华社记者张",
            "野摄）",
        ]
    )
    sentences, _ = _split(text)
    assert sentences == [
        "一、加强组织领导",
        "各地要把春耕生产作为当前工作的重中之重，层层压实责任。",
        "图为农民在田间播种。",
    ]


def test_a_dateline_run_into_a_paragraph_is_not_part_of_a_sentence() -> None:
    text = "\n".join(
        [
            "全省春耕备耕工作有序推进。本报长春",
            "3月29日电（记者于小博）今年全省计划",
            "播种粮食面积八千万亩。",
        ]
    )
    sentences, _ = _split(text)
    assert sentences == ["全省春耕备耕工作有序推进。", "今年全省计划播种粮食面积八千万亩。"]


def test_hand_made_breaks_at_uneven_widths_do_not_cut_a_sentence() -> None:
    text = "省电力公司今年将投资120亿元，建设农村电\n网和城市配电网，新建\n变电站45座、输电线路3000公里。\n"
    sentences, _ = _split(text)
    assert sentences == ["省电力公司今年将投资120亿元，建设农村电网和城市配电网，新建变电站45座、输电线路3000公里。"]


def test_an_indented_line_starts_a_new_sentence_after_an_unfinished_one() -> None:
    text = "——全省春耕备耕工作综述\n\u3000\u3000今年全省计划播种粮食面积八千万亩。"
    sentences, _ = _split(text)
    assert sentences[-1] == "今年全省计划播种粮食面积八千万亩。"


def test_a_body_starting_mid_line_keeps_its_first_sentence_whole() -> None:
    text = "本报讯（记者王明）眼下，全省\n各地抢抓农时，春耕备耕工作有\n序推进。"
    _, sentences = split_body(text, Span(text.index("眼下"), len(text)))
    assert [s.text for s in sentences] == ["眼下，全省各地抢抓农时，春耕备耕工作有序推进。"]
    assert sentences[0].span.start == text.index("眼下")


@settings(max_examples=100, deadline=None)
@given(
    clauses=st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=12),
    marks=st.lists(st.sampled_from(["，", "。", "；", "！", "、"]), min_size=12, max_size=12),
    width=st.integers(min_value=12, max_value=30),  # columns narrower than 12 em are captions, not text
    blank=st.booleans(),
)
def test_sentences_never_hold_a_wrap_and_lose_no_text(
    clauses: list[str], marks: list[str], width: int, blank: bool
) -> None:
    paragraph = "".join(c + m for c, m in zip(clauses, marks, strict=False))
    text = ("\n\n" if blank else "\n").join(wrap(paragraph, [float(width)], first_indent=2.0))
    _, sentences = split_body(text, Span(0, len(text)))
    for sentence in sentences:
        assert "\n" not in sentence.text
        assert WHITESPACE.sub("", text[sentence.span.start : sentence.span.end]) == sentence.text
    # every character of the paragraph is in exactly one sentence, in order
    assert "".join(s.text for s in sentences) == paragraph
