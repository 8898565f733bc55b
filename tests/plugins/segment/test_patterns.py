"""Newspaper conventions: datelines, reporters, credits, furniture, names, list markers."""

from __future__ import annotations

import pytest
from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.features import describe, is_terminal
from briefsum_builtin.segment.text.lines import Line


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("本报讯（记者陶连飞）近年来，我省深入", "本报讯（记者陶连飞）"),
        ("本报3月29日讯（记者于小博）", "本报3月29日讯（记者于小博）"),
        ("本报3月 29日讯（记者黄鹭）今", "本报3月 29日讯（记者黄鹭）"),
        ("本报讯（记者王明 通讯员李四）省政府", "本报讯（记者王明 通讯员李四）"),
        ("本报讯（记者王明、通讯员李四）省政府", "本报讯（记者王明、通讯员李四）"),
        ("新华社北京1月5日电（记者李明）国务院", "新华社北京1月5日电（记者李明）"),
        ("据新华社东京１月４日电（记者乐绍延）日本", "据新华社东京１月４日电（记者乐绍延）"),
        ("本报北京１月４日讯记者施明慎报道：中国", "本报北京１月４日讯记者施明慎报道："),
        ("本报长春3月28日电（记者陈静）今天", "本报长春3月28日电（记者陈静）"),
        ("本报记者在采访中了解到，", ""),
        ("新华社记者 李四 摄", ""),
        ("本市今年新增就业岗位三万个。", ""),
    ],
)
def test_dateline_length(text: str, dateline: str) -> None:
    assert text[: patterns.dateline_length(text)] == dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报记者 崔维利 高鸿", True),
        ("本报记者陈兴贵", True),
        ("新华社记者戚德良支林飞", True),
        ("本报驻德国记者江建国", True),
        ("本报评论员", True),
        ("记者 张三 李四", True),
        ("本报记者 王强 通讯员 李华", True),
        ("记者看到一些", False),
        ("记者从省发改委获悉", False),
        ("本报记者 张野 摄", False),
    ],
)
def test_reporters_line(text: str, expected: bool) -> None:
    assert bool(patterns.REPORTERS_LINE.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报记者 张野 摄", True),
        ("新华社记者 李四 摄", True),
        ("（新华社记者王能标摄）", True),
        ("（周文广摄）（新华社稿）", True),
        ("（王尽彦摄于乌干达）", True),
        ("张野 摄", True),
        ("新华社发", True),
        ("长春国际影都影视拍摄", False),
        ("记者在现场拍摄了视频", False),
    ],
)
def test_credit_line(text: str, expected: bool) -> None:
    assert bool(patterns.CREDIT_LINE.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吉林日报 2023年3月30日 星期四", True),
        ("人民日报 １９９８年１月５日 星期一", True),
        ("第1版", True),
        ("第１版 要闻", True),
        ("01", True),
        ("责任编辑：王明", True),
        ("本版编辑：张三  美编：李四", True),
        ("国内统一连续出版物号 CN22-0001", True),
        ("要闻", True),
        ("JILIN RIBAO", True),
        ("第一季度全省经济运行良好", False),
        ("2023年，全省粮食产量再创新高。", False),
    ],
)
def test_furniture(text: str, expected: bool) -> None:
    assert bool(patterns.FURNITURE.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("李琨", True),
        ("陶立华王力", True),
        ("崔维利 高鸿", True),
        ("欧阳修", True),
        ("过年", False),
        ("利率", False),
        ("高考改革", False),
        ("汇率制度", False),
        ("本报记者", False),
        ("斋月干果俏", False),
    ],
)
def test_name_line(text: str, expected: bool) -> None:
    assert patterns.is_name_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、加强组织领导", True),
        ("（一）应急机构的组成", True),
        ("1. 开始", True),
        ("一是坚持", True),
        ("第一，要", True),
        ("镜头之一：靠社会力量", True),
        ("1.5亿元投资已到位", False),
        ("2022年，全省对俄", False),
    ],
)
def test_list_marker(text: str, expected: bool) -> None:
    assert bool(patterns.LIST_MARKER.match(text)) is expected


def test_letter_spacing() -> None:
    assert patterns.is_letter_spaced("我 省 对 俄 经 贸 合 作 生 机 勃 发")
    assert patterns.is_letter_spaced("赞\u3000天\u3000津\u3000的\u3000新\u3000事")
    assert not patterns.is_letter_spaced("构建现代化产业体系 推动经济高质量发展")
    assert not patterns.is_letter_spaced("本报记者 崔维利 高鸿")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("贸发展焕发出勃勃生机。", True),
        ("他说：“要抓紧落实。”", True),
        ("一是加强领导；", True),
        ("采取了一系列举措：", True),
        ("图为工人们在安装支架。（新华社记者陶明摄）", True),
        ("成摄）（传真照片）", True),
        ("（新华社记者张鲁", False),
        ("张鲁成摄）", True),
        ("深入贯彻习近平总书记视察吉林重要讲话重要指", False),
        ("我省对俄经贸合作生机勃发", False),
    ],
)
def test_terminal(text: str, expected: bool) -> None:
    assert is_terminal(text) is expected


def test_line_description() -> None:
    info = describe(Line(0, 14, "本报3月29日讯（记者于小博）", indented=False, blank_before=0))
    assert info.dateline_only
    assert info.forced
    info = describe(Line(0, 5, "一二三四五", indented=False, blank_before=0))
    assert info.width == 5.0
    assert not info.forced
    assert describe(Line(0, 6, "１２３．４５６", indented=False, blank_before=0)).tabular
