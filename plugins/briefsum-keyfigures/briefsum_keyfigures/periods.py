"""Periods figures refer to: 2022年, 今年前两个月, 去年12月, 1至11月, 上半年, “九五”期间.

:func:`find_periods` works on width-folded text (see :func:`~briefsum_keyfigures.numerals.fold_width`)
and returns spans; the period text reported is the original text of that span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_CN = "〇零一二两三四五六七八九十"
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度)?"
_RELATIVE_YEAR = r"(?:今年|去年|上年|前年|明年|本年|当年|同年|全年|年内)"
_MONTH = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})月(?:份)?"
_DAY = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})[日号]"
_MONTH_RANGE = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})[至到—\-~]{_MONTH}"
_FIRST_N = rf"前(?:\d{{1,2}}|[{_CN}]{{1,3}})(?:个月|季度|个季度)"
_PART = (
    rf"(?:{_FIRST_N}|{_MONTH_RANGE}|{_MONTH}(?:{_DAY})?(?:上旬|中旬|下旬|底|末|初)?|[上下]半年"
    rf"|第?[一二三四1-4]季度|年底|年末|年初|年中)"
)
_BASE = rf"(?:(?:{_YEAR}|{_RELATIVE_YEAR})(?:{_PART}|底|末|初)?|{_PART})"
_RANGE = rf"{_BASE}(?:[至到—\-~]{_BASE})?"
_FIVE_YEAR_PLAN = r"[“\"]?[六七八九十][一二三四五]?五[”\"]?(?:计划)?(?:期间|时期|以来|末)"
_YEARS_SINCE = rf"(?:近(?:\d{{1,2}}|[{_CN}]{{1,3}})?年来|近年来|(?:\d{{1,2}}|[{_CN}]{{1,3}})年来)"

PERIOD: Final = re.compile(
    rf"(?:截至|截止|到)?(?:{_RANGE})(?:以来|期间|同期)?|{_FIVE_YEAR_PLAN}|{_YEARS_SINCE}",
)
#: A date right before one of these is a dateline (本报北京1月4日讯), not a period of figures.
DATELINE_AFTER: Final = ("讯", "电")
#: A period right after one of these is a comparison basis (比上年增长, 较去年同期).
COMPARISON_BEFORE: Final = ("比", "较", "与")
#: Relative words alone that are too vague to report (年内 alone is kept; 同期 needs a year).
_NEEDS_MORE: Final = frozenset({"年底", "年末", "年初", "年中"})


@dataclass(frozen=True, slots=True)
class PeriodMatch:
    """A period expression: ``[start, end)`` in the sentence."""

    start: int
    end: int


def find_periods(folded: str) -> list[PeriodMatch]:
    """Period expressions in ``folded`` text, left to right, datelines excluded."""
    found: list[PeriodMatch] = []
    for match in PERIOD.finditer(folded):
        text = match.group()
        if not text or text in _NEEDS_MORE:
            continue
        if folded.startswith(DATELINE_AFTER, match.end()):
            continue
        if match.start() > 0 and folded[match.start() - 1].isdigit():
            continue  # the tail of a longer number, e.g. 12345年 is no year
        if folded.endswith(COMPARISON_BEFORE, 0, match.start()):
            continue  # 比上年 is the basis of a change, not the period of a figure
        found.append(PeriodMatch(match.start(), match.end()))
    return found
