"""Numbers as Chinese newspapers write them: full-width digits, Chinese numerals, magnitudes.

:func:`fold_width` maps full-width digits, letters, ``．`` and ``％`` to ASCII one code point for one,
so offsets found in the folded text are offsets in the original. Values are :class:`~decimal.Decimal`
so ``173.3亿`` is exactly 17330000000, not 17330000000.000002.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

#: Full-width forms folded to ASCII (same length: offsets are kept).
_WIDTH_TABLE: Final = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF0E: ord("."),
    0xFF05: ord("%"),
    0xFF5E: ord("~"),
    0xFF0F: ord("/"),
    0x3000: ord(" "),
}

CHINESE_DIGITS: Final = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS: Final = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: Final = {"万": 10**4, "亿": 10**8}

_DOT_DECIMAL: Final = re.compile(r"(?<=\d)[·・•](?=\d)")
#: An Arabic number: digits, optional ASCII thousands separators, optional decimals.
ARABIC: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: A Chinese numeral: starts with a digit or 十/百/千, may hold 万/亿 and a 点 decimal part.
CHINESE: Final = re.compile(
    r"[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*(?:点[〇零一二三四五六七八九]+)?"
)


def fold_width(text: str) -> str:
    """``text`` with full-width digits, letters, ``．`` ``％`` ``／`` as ASCII; same length.

    A middle dot between digits is a decimal point in older typesetting (``６７·８％``).
    """
    return _DOT_DECIMAL.sub(".", text.translate(_WIDTH_TABLE))


def parse_arabic(text: str) -> Decimal:
    """``"1,234.5"`` -> ``Decimal("1234.5")``."""
    return Decimal(text.replace(",", ""))


def parse_chinese(text: str) -> Decimal | None:
    """The value of a Chinese numeral (``八千万`` -> 80000000, ``三点五`` -> 3.5), or ``None``.

    Digit strings without units (``一九九七``) are read digit by digit.
    """
    integer, _, decimals = text.partition("点")
    if decimals and not all(ch in CHINESE_DIGITS for ch in decimals):
        return None
    value = _chinese_integer(integer)
    if value is None:
        return None
    if decimals:
        return Decimal(f"{value}.{''.join(str(CHINESE_DIGITS[ch]) for ch in decimals)}")
    return Decimal(value)


def _chinese_integer(text: str) -> int | None:
    if not text:
        return None
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total = 0  # finished 亿 and 万 sections
    section = 0  # the current section below 万
    digit: int | None = None
    for ch in text:
        if ch in CHINESE_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row inside a numeral with units: not a number
            digit = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            big = _BIG_UNITS[ch]
            total = (total + section) * big if big > total or total == 0 else total + section * big
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)
