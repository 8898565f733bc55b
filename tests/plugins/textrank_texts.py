"""Test articles for the TextRank tests: sentences written for these tests, combined at random.

The sentences share words on purpose (粮食, 企业, 贸易, 能源 ...), so the sentence graphs have
structure: clusters, isolated sentences, repeated sentences.
"""

from __future__ import annotations

import random

SENTENCES = (
    "省政府召开常务会议，研究部署春耕生产和粮食安全工作。",
    "会议强调，要扛稳粮食安全责任，严格落实耕地保护制度。",
    "全省今年计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
    "农业农村部门将组织专家下乡，指导农民科学施肥和病虫害防治。",
    "今年前两个月，全省外贸进出口总额同比增长百分之十二。",
    "其中出口增长较快，机电产品和农产品出口规模创历史新高。",
    "海关部门优化通关流程，口岸通关时间进一步压缩。",
    "跨境电商等贸易新业态发展迅猛，带动中小企业开拓国际市场。",
    "风电和光伏项目陆续并网发电，清洁能源装机容量持续提升。",
    "电网企业加快建设输电通道，保障迎峰度夏期间电力供应。",
    "煤炭企业在确保安全的前提下释放先进产能，稳定能源价格。",
    "市场监管部门开展专项检查，严厉打击哄抬物价等违法行为。",
    "各地要深入企业开展调查研究，帮助企业解决融资和用工难题。",
    "专精特新企业数量稳步增加，成为推动高质量发展的重要力量。",
    "会议还研究了其他事项。",
    "天气晴朗。",
    "省长主持会议并讲话。",
    "与会同志一致认为，要坚持稳中求进工作总基调，推动经济运行整体好转。",
    "粮食生产企业要抓好安全生产，确保粮食生产稳定。",
    "外贸企业和能源企业是稳增长的主力，外贸企业订单回升。",
    "能源保供任务艰巨，电力企业全力做好能源保供。",
)


def article(seed: int, size: int | None = None) -> str:
    """A text of ``size`` sentences (4 to 14 when ``None``), drawn from :data:`SENTENCES` by ``seed``.

    Some sentences repeat (drawn with replacement), as pages repeat a lead in a later summary box.
    """
    rng = random.Random(seed)
    count = size if size is not None else rng.randint(4, 14)
    return "".join(rng.choice(SENTENCES) for _ in range(count))


ARTICLE = "".join(SENTENCES[:4] + SENTENCES[12:14] + SENTENCES[4:8] + SENTENCES[14:])
