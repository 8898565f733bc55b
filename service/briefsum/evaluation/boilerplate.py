"""Synthetic newspaper boilerplate: reporters' names, datelines, photo credits, lead-ins, furniture.

The corpus pages carry article text but not the bylines, credits and page furniture a printed
page adds around it; the renderer adds them from these generators. Everything is drawn from the
``random.Random`` passed in, so a seed reproduces a page exactly.
"""

from __future__ import annotations

import enum
import random

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍鹏辉建红文斌宇浩凯健俊帆帅旭宁琳晨阳雪梅海波峰"
    "亮成志新春松林飞鸿博维利野鹭岩"
)
_CITIES = [
    "北京",
    "长春",
    "上海",
    "广州",
    "南京",
    "杭州",
    "成都",
    "武汉",
    "西安",
    "沈阳",
    "哈尔滨",
    "郑州",
    "济南",
    "石家庄",
    "太原",
    "合肥",
    "南昌",
    "长沙",
    "福州",
    "昆明",
    "贵阳",
    "南宁",
    "兰州",
    "西宁",
    "银川",
    "拉萨",
    "天津",
    "重庆",
    "海口",
    "吉林",
    "四平",
    "延吉",
    "白城",
    "通化",
    "松原",
    "珲春",
]
_ABROAD = ["华盛顿", "东京", "莫斯科", "巴黎", "伦敦", "柏林", "开罗", "新德里", "首尔", "曼谷", "堪培拉", "渥太华"]
_MEETINGS = (
    "全省经济工作会议",
    "省委常委会扩大会议",
    "全市优化营商环境大会",
    "全省农业农村工作会议",
    "省政府常务会议",
    "全省安全生产电视电话会议",
    "民营企业座谈会",
    "全省招商引资工作推进会",
)
_SPEECH_VERBS = ("强调", "指出", "要求", "表示")
_PAPERS = ("人民日报", "吉林日报", "经济日报", "光明日报", "新华日报", "湖北日报")
_SECTIONS = ("要闻", "综合", "经济", "国内新闻", "国际", "地方新闻")
_WEEKDAYS = "一二三四五六日"


class Digits(enum.Enum):
    """How a page writes digits in the parts the renderer adds."""

    HALF = "half"
    FULL = "full"


def to_digits(text: str, digits: Digits) -> str:
    """``text`` with ASCII digits converted to full-width ones when ``digits`` is FULL."""
    if digits is Digits.HALF:
        return text
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def person(rng: random.Random) -> str:
    """A Chinese personal name of two or three characters."""
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(_SURNAMES) + given


def date(rng: random.Random, digits: Digits) -> str:
    """A date such as ``3月29日``."""
    return to_digits(f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", digits)


class BylineForm(enum.Enum):
    """The byline and dateline forms the renderer produces."""

    XUN = "本报讯（记者X）"
    DATED_XUN = "本报3月29日讯（记者X）"
    DATED_OWN_LINE = "本报3月29日讯（记者X）, own line"
    CITY_DIAN = "本报北京3月29日电（记者X）"
    XINHUA = "新华社北京1月5日电（记者X）"
    REPORTERS_HEAD = "本报记者 X Y, with the headline"
    REPORTERS_BODY = "本报记者 X Y, above the body"

    @property
    def inline(self) -> bool:
        """Whether the byline runs into the first line of the body."""
        return self in {BylineForm.XUN, BylineForm.DATED_XUN, BylineForm.CITY_DIAN, BylineForm.XINHUA}


def _reporters(rng: random.Random, *, correspondent: bool, separator: str) -> str:
    names = [person(rng) for _ in range(rng.choice((1, 1, 2)))]
    text = "记者" + "、".join(names)
    if correspondent:
        text += f"{separator}通讯员{person(rng)}"
    return text


def byline(form: BylineForm, rng: random.Random, digits: Digits, *, correspondent: bool) -> str:
    """A byline of ``form``; with ``correspondent`` a 通讯员 is named too."""
    if form in {BylineForm.REPORTERS_HEAD, BylineForm.REPORTERS_BODY}:
        text = "本报记者 " + " ".join(person(rng) for _ in range(rng.choice((1, 2, 2))))
        if correspondent:
            text += f" 通讯员 {person(rng)}"
        return text
    reporters = _reporters(rng, correspondent=correspondent, separator=rng.choice(("、", " ")))
    when = date(rng, digits)
    if form is BylineForm.XUN:
        return f"本报讯（{reporters}）"
    if form in {BylineForm.DATED_XUN, BylineForm.DATED_OWN_LINE}:
        return f"本报{when}讯（{reporters}）"
    if form is BylineForm.CITY_DIAN:
        return f"本报{rng.choice(_CITIES)}{when}电（{reporters}）"
    place = rng.choice(_CITIES if rng.random() < 0.7 else _ABROAD)
    return f"新华社{place}{when}电（{reporters}）"


class CreditForm(enum.Enum):
    """How a photo credit is printed."""

    OWN_LINE = "本报记者 X 摄"
    AGENCY_LINE = "新华社记者 X 摄"
    BRACKETED = "（新华社记者X摄）"


def credit(form: CreditForm, rng: random.Random) -> str:
    """A photo credit of ``form``."""
    if form is CreditForm.OWN_LINE:
        return f"本报记者 {person(rng)} 摄"
    if form is CreditForm.AGENCY_LINE:
        return f"新华社记者 {person(rng)} 摄"
    return f"（{rng.choice(('新华社记者', '本报记者', ''))}{person(rng)}摄）"


def lead_in(rng: random.Random) -> str:
    """A kicker above a headline, such as ``景俊海在长春调研时强调``."""
    verb = rng.choice(_SPEECH_VERBS)
    templates = (
        f"{person(rng)}在{rng.choice(_CITIES)}调研时{verb}",
        f"{person(rng)}在{rng.choice(_MEETINGS)}上{verb}",
        f"{person(rng)}主持召开{rng.choice(_MEETINGS)}时{verb}",
        f"{person(rng)}会见{rng.choice(_CITIES)}客人时{verb}",
    )
    return rng.choice(templates)


def header(rng: random.Random, digits: Digits, page: int) -> list[str]:
    """Masthead lines a PDF extractor puts above the articles."""
    year = rng.randint(1998, 2024)
    when = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期{rng.choice(_WEEKDAYS)}"
    lines = [
        f"{rng.choice(_PAPERS)} {to_digits(when, digits)}",
        f"第{to_digits(str(page), digits)}版",
        rng.choice(_SECTIONS),
    ]
    return rng.sample(lines, k=rng.randint(1, len(lines)))


def footer(rng: random.Random, digits: Digits, page: int) -> list[str]:
    """Page-number and editor lines a PDF extractor puts below the articles."""
    lines = [
        f"责任编辑：{person(rng)}",
        f"本版编辑：{person(rng)}  美编：{person(rng)}",
        to_digits(f"{page:02d}", digits),
        f"国内统一连续出版物号 CN{rng.randint(11, 65)}-{rng.randint(1, 99):04d}",
    ]
    return rng.sample(lines, k=rng.randint(1, 2))
