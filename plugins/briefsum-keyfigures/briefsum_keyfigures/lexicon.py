"""The words key figures are made of: units, magnitudes, change verbs, qualifiers, scope words.

Everything the extractor recognises is listed here, as data, so a reader can see (and a test can
check) what counts as a unit or a change; the rules in :mod:`briefsum_keyfigures.extract` only
combine these lists. Surface forms map to a normalised unit (``度电`` is ``千瓦时``, ``公吨`` is
``吨``); magnitudes multiply the value (``173.3亿元`` is 1.733e10 元).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from types import MappingProxyType
from typing import Final


class UnitKind(enum.Enum):
    """What a unit measures; decides whether a small count written in words is a figure."""

    MONEY = "money"
    MASS = "mass"
    ENERGY = "energy"
    POWER = "power"
    VOLUME = "volume"
    AREA = "area"
    LENGTH = "length"
    TEMPERATURE = "temperature"
    COUNT = "count"
    PERCENT = "percent"
    POINTS = "points"
    MULTIPLE = "multiple"


def _units(kind: UnitKind, *pairs: tuple[str, str]) -> dict[str, tuple[str, UnitKind]]:
    return {surface: (unit, kind) for surface, unit in pairs}


def _words(text: str) -> tuple[str, ...]:
    """Words separated by spaces: long word lists stay readable (and the formatter leaves them)."""
    return tuple(text.split())


def _same(*surfaces: str) -> tuple[tuple[str, str], ...]:
    return tuple((s, s) for s in surfaces)


#: Surface form -> (normalised unit, kind). Matched longest first, right after a number.
UNITS: Final = MappingProxyType(
    {
        **_units(
            UnitKind.MONEY,
            *_same("元", "美元", "欧元", "日元", "港元", "英镑", "卢布", "韩元", "马克", "法郎", "澳元", "加元"),
            ("元人民币", "元"),
            ("人民币", "元"),
            ("港币", "港元"),
        ),
        **_units(
            UnitKind.MASS,
            *_same("吨", "公斤", "千克", "斤", "克", "吨标准煤"),
            ("公吨", "吨"),
            ("吨标煤", "吨标准煤"),
        ),
        **_units(UnitKind.ENERGY, *_same("千瓦时", "兆瓦时", "焦耳", "千卡"), ("度电", "千瓦时")),
        **_units(UnitKind.POWER, *_same("千瓦", "兆瓦", "吉瓦", "瓦", "马力")),
        **_units(UnitKind.VOLUME, *_same("立方米", "升", "毫升", "桶", "标准箱"), ("标箱", "标准箱")),
        **_units(
            UnitKind.AREA,
            *_same("平方公里", "平方米", "公顷", "亩"),
            ("平方千米", "平方公里"),
            ("平米", "平方米"),
        ),
        **_units(UnitKind.LENGTH, *_same("公里", "千米", "米", "厘米", "毫米", "海里")),
        **_units(UnitKind.TEMPERATURE, ("摄氏度", "摄氏度"), ("℃", "摄氏度")),
        **_units(
            UnitKind.COUNT,
            *_same(
                *_words(
                    "人次 户 家 名 人 位 辆 台 项 件 套 架 艘 列 座 所 条 批 只 头 株 棵 次 场 处 栋 幢 间 张 份 "
                    "篇 部 册 种 类 起 宗 笔 班 趟 车次 航次 个 支 箱 盆 匹 口井 对 吨公里 股 层"
                )
            ),
        ),
        **_units(UnitKind.PERCENT, ("%", "%"), ("‰", "‰")),
        **_units(UnitKind.POINTS, ("个百分点", "个百分点"), ("百分点", "个百分点")),
        **_units(UnitKind.MULTIPLE, ("倍", "倍")),
    }
)

#: Units ordered longest first, for matching.
UNITS_BY_LENGTH: Final = tuple(sorted(UNITS, key=lambda s: (-len(s), s)))

#: Magnitude words after an Arabic number (``173.3亿``), longest first.
MAGNITUDES: Final = MappingProxyType(
    {
        "万亿": Decimal(10) ** 12,
        "千亿": Decimal(10) ** 11,
        "百亿": Decimal(10) ** 10,
        "亿": Decimal(10) ** 8,
        "千万": Decimal(10) ** 7,
        "百万": Decimal(10) ** 6,
        "十万": Decimal(10) ** 5,
        "万": Decimal(10) ** 4,
        "千": Decimal(10) ** 3,
        "百": Decimal(10) ** 2,
    }
)
MAGNITUDES_BY_LENGTH: Final = tuple(sorted(MAGNITUDES, key=lambda s: (-len(s), s)))

#: Words right after a number that make it a time, an age, an ordinal or a name, never a figure.
NOT_A_FIGURE_AFTER: Final = _words("年 月 日 号 时 点 天 小时 分钟 分 秒 周 岁 世纪 届 期 版 楼 度 季度 星期 旬 代")
#: After the classifier 个: a duration (5个小时, 3个月), not a count.
TIME_AFTER_GE: Final = ("月", "小时", "星期", "工作日", "季度", "年头", "钟头", "半月")

#: Words before a number that make it an editorial note, not a figure (（附图片２张）).
NOT_A_FIGURE_BEFORE: Final = ("附图片", "附图", "附照片", "附表")
#: Units that may follow a unit after a slash, making a rate (元/平方米, 元/吨, 公里/小时).
PER_UNITS: Final = _words("平方米 立方米 千瓦时 公斤 小时 吨 人 户 亩 年 月 天 日 件 台 辆 斤 米 次")
#: Qualifiers before a number, and what they mean.
QUALIFIERS_BEFORE: Final = MappingProxyType(
    {
        "大约": "about",
        "约": "about",
        "将近": "under",
        "接近": "under",
        "近": "under",
        "不到": "under",
        "不足": "under",
        "超过": "over",
        "逾": "over",
        "突破": "over",
        "多达": "over",
    }
)
QUALIFIERS_BEFORE_BY_LENGTH: Final = tuple(sorted(QUALIFIERS_BEFORE, key=lambda s: (-len(s), s)))
#: Qualifiers after a number or its unit (8000余辆, 30多亿元, 30%左右).
QUALIFIERS_AFTER: Final = MappingProxyType(
    {"余": "over", "多": "over", "以上": "over", "左右": "about", "上下": "about", "以下": "under", "以内": "under"}
)
#: Of the qualifiers after, those that may stand between the number and its magnitude or unit.
INNER_QUALIFIERS: Final = ("余", "多")
#: Words before a numeral in words that make it vague (几十万, 数百人, 上千) or an ordinal (第一).
VAGUE_BEFORE: Final = ("几", "数", "若干", "上", "成", "第")
#: Words before an Arabic number that make it an ordinal (第3届).
ORDINAL_BEFORE: Final = ("第",)


class Direction(enum.Enum):
    """Which way a change goes."""

    UP = "up"
    DOWN = "down"


#: Verbs and nouns that make the following number a change, longest first within each direction.
CHANGE_WORDS: Final = MappingProxyType(
    {
        **dict.fromkeys(
            _words(
                "增长率 增长 增加 上升 提高 提升 上涨 扩大 攀升 回升 递增 增收 增产 增幅 涨幅 增速 净增 上扬 "
                "走高 增 涨 升 高出 高于 超出"
            ),
            Direction.UP,
        ),
        **dict.fromkeys(
            _words(
                "下降 减少 降低 回落 下滑 下跌 缩小 缩减 减产 减收 递减 压缩 降幅 跌幅 减幅 净减 下挫 走低 减 "
                "降 跌 低于"
            ),
            Direction.DOWN,
        ),
    }
)
CHANGE_WORDS_BY_LENGTH: Final = tuple(sorted(CHANGE_WORDS, key=lambda s: (-len(s), s)))
#: Words holding a change word that introduce a level (新增35家企业: 35 were added).
NOT_CHANGES: Final = ("新增",)
#: Change words that compare with something named between them and the number (高出全国3个百分点).
COMPARE_WORDS: Final = ("高出", "高于", "超出", "低于")
#: Words allowed between a change word and its number (增长了5%, 增幅为5%, 增长幅度达5%).
CHANGE_FILLERS: Final = ("幅度", "比例", "速度", "率", "了", "为", "达到", "达", "是", "在", "到", "至")
#: A change word followed by one of these gives the new level, not the change (增至, 下降到).
TO_LEVEL: Final = ("到", "至")
#: How far before a number a comparison target may start (高出全国平均水平3个百分点).
MAX_REFERENCE_CHARS: Final = 10

#: Comparison bases before a change word, and their normal form.
BASES: Final = MappingProxyType(
    {
        "同比": "同比",
        "环比": "环比",
        "比上年同期": "同比",
        "比去年同期": "同比",
        "较上年同期": "同比",
        "较去年同期": "同比",
        "与上年同期相比": "同比",
        "与去年同期相比": "同比",
        "比上年": "同比",
        "比去年": "同比",
        "较上年": "同比",
        "较去年": "同比",
        "比上月": "环比",
        "较上月": "环比",
        "比上季度": "环比",
        "较上季度": "环比",
    }
)
BASES_BY_LENGTH: Final = tuple(sorted(BASES, key=lambda s: (-len(s), s)))
#: A literal comparison (比1996年, 较建厂初期) may be at most this long.
MAX_LITERAL_BASIS_CHARS: Final = 10

#: Characters that end a clause: the indicator of a figure never crosses them.
CLAUSE_DELIMITERS: Final = frozenset("，,；;：:。！？!?、—")
#: Characters that join the items of an enumeration (分别增长178.2%、20.7%).
ENUMERATION_JOINERS: Final = ("、", "和", "与", "及", "或")

#: Removed from the start of an indicator: connectives and scope words (全省对俄进出口 -> 对俄进出口).
LEADING_NOISE: Final = (
    "其中",
    "此外",
    "另外",
    "同时",
    "而且",
    "并且",
    "以及",
    "据统计",
    "据悉",
    "据了解",
    "统计显示",
    "数据显示",
    "例如",
    "比如",
    "由于",
    "结果",
    "首次",
    "再次",
    "目前",
    "现在",
    "已经",
    "总共",
    "累计",
    "合计",
    "共计",
    "全年",
    "全行业",
    "全省",
    "全市",
    "全国",
    "全区",
    "全县",
    "全州",
    "全镇",
    "全乡",
    "我省",
    "我市",
    "我国",
    "我区",
    "我县",
    "本市",
    "本省",
    "该省",
    "该市",
    "该县",
    "该区",
    "预计",
    "有望",
    "可望",
    "可能",
    "共",
    "已",
    "将",
    "而",
    "并",
    "且",
    "及",
    "和",
    "也",
    "还",
    "又",
    "则",
    "都",
    "均",
    "其",
    "如",
    "是",
    "有",
    "就",
    "“",
    "”",
    '"',
    "《",
    "》",
    " ",
)
#: Removed from the end of an indicator: verbs that introduce the value (实现, 达到, 为).
TRAILING_NOISE: Final = (
    "维持在",
    "保持在",
    "稳定在",
    "控制在",
    "达到了",
    "分别为",
    "分别是",
    "分别达",
    "分别",
    "实现了",
    "实现",
    "达到",
    "完成",
    "突破",
    "超过",
    "共计",
    "累计",
    "总计",
    "合计",
    "高达",
    "已经",
    "规模达",
    "仅占",
    "达",
    "为",
    "是",
    "有",
    "约",
    "计",
    "近",
    "逾",
    "已",
    "将",
    "了",
    "的",
    "在",
    "可",
    "仅",
    "只",
    "到",
    "至",
    "共",
    "净",
    "都",
    "占",
    "“",
    "”",
    '"',
    " ",
)
#: After a count (29户海产品企业): a following noun names the indicator up to one of these.
NOUN_STOPS: Final = _words(
    "的 是 在 从 向 被 将 已 均 都 也 共 和 与 及 等 参加 参与 获得 受益 实现 完成 达到 成为 落户 入驻 进入 "
    "签约 签订 建成 开工 投产 得到 受到 提供 带动 创造 出席 发生 分布 居住 组成 正在 先后 相继 陆续 累计 同比 "
    "比 较 增长 下降 增加 减少 共同 通过 得以 集中 目前 今年 去年 啊 呢 吧 呀"
)
#: Words that put a figure in the present, so an earlier sentence's period no longer applies.
PRESENT_MARKERS: Final = ("目前", "现在", "现已", "如今", "当前", "眼下")
#: Longest indicator kept (the end of a longer clause, nearest the figure).
MAX_INDICATOR_CHARS: Final = 16
#: Longest noun taken after a count.
MAX_NOUN_CHARS: Final = 12
