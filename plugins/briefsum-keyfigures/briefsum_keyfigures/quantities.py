"""Quantities in a sentence: a number with its qualifier, magnitude and unit.

A quantity is a *figure candidate*: ``约173.3亿元``, ``8000余辆``, ``65.0%``, ``35.7个百分点``,
``八千万亩``, ``百分之五十``, ``翻一番``. Times, dates, ages, ordinals and names (``1997年``,
``5个小时``, ``第3届``, ``251医院``, ``B2C``) are not quantities; neither are bare numbers, nor small
counts written in words (``五个特点``), which newspapers use for enumerations rather than statistics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from briefsum_keyfigures.lexicon import (
    ENUMERATION_JOINERS,
    INNER_QUALIFIERS,
    MAGNITUDES,
    MAGNITUDES_BY_LENGTH,
    NOT_A_FIGURE_AFTER,
    NOT_A_FIGURE_BEFORE,
    ORDINAL_BEFORE,
    PER_UNITS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    QUALIFIERS_BEFORE_BY_LENGTH,
    TIME_AFTER_GE,
    UNITS,
    UNITS_BY_LENGTH,
    VAGUE_BEFORE,
    UnitKind,
)
from briefsum_keyfigures.numerals import ARABIC, CHINESE, parse_arabic, parse_chinese

#: Counts written in words below this value are enumerations (三项措施), not statistics.
MIN_WORDED_COUNT: Final = 100
#: Separators of a range (3至5万吨).
_RANGE_SEPARATORS: Final = ("至", "到", "—", "-", "~")
_OPEN_QUOTES: Final = {"“": "”", "「": "」", '"': '"'}
#: A quoted number followed by at most this many characters before the closing quote is a name.
MAX_QUOTED_NAME: Final = 8
#: Magnitudes that may follow a numeral in words (五千八百多万): the others are part of it.
_WORDED_MAGNITUDES: Final = frozenset({"万", "亿", "万亿"})
#: Magnitudes that count only with a unit after them (3千米 yes, 3千 alone no).
_UNIT_ONLY_MAGNITUDES: Final = frozenset({"千", "百"})
#: A numeral that is just one of these (千户企业) names a group unless qualified (千余户).
_BARE_MAGNITUDES: Final = frozenset("十百千万")
_PERCENT_WORDS: Final = re.compile(rf"百分之(?:{ARABIC.pattern}|{CHINESE.pattern})")
#: The verb of doubling (翻一番, 翻了两番).
DOUBLING: Final = "翻"
_DOUBLING: Final = re.compile(rf"{DOUBLING}了?([一两二三四\d])番")
_DOUBLING_COUNTS: Final = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, ``[start, end)`` in the sentence (qualifiers included).

    ``number_start`` is where the digits begin (after a qualifier such as 约).
    """

    start: int
    number_start: int
    end: int
    value: Decimal
    unit: str
    kind: UnitKind | None
    qualifier: str = ""
    upper: Decimal | None = None

    @property
    def is_rate(self) -> bool:
        """A percentage, percentage points or a multiple."""
        return self.kind in {UnitKind.PERCENT, UnitKind.POINTS, UnitKind.MULTIPLE}


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: Decimal
    worded: bool


def _number_at(text: str, index: int) -> _Number | None:
    arabic = ARABIC.match(text, index)
    if arabic:
        return _Number(index, arabic.end(), parse_arabic(arabic.group()), worded=False)
    chinese = CHINESE.match(text, index)
    if chinese:
        numeral = chinese.group()
        # A trailing magnitude belongs to the unit step (两万吨 is 两 + 万 + 吨) only for Arabic
        # numbers; a Chinese numeral keeps its 万/亿 (八千万亩 is 80000000 亩).
        value = parse_chinese(numeral)
        if value is not None:
            return _Number(index, chinese.end(), value, worded=True)
    return None


def _match_prefix(text: str, index: int, options: Sequence[str]) -> str | None:
    for option in options:
        if text.startswith(option, index):
            return option
    return None


def _unit_after(text: str, index: int, *, worded: bool) -> tuple[int, Decimal, str | None]:
    """Longest magnitude + unit after ``index``: (end, multiplier, unit or None)."""
    best: tuple[int, Decimal, str | None] = (index, Decimal(1), None)
    magnitudes: list[str | None] = [None, *MAGNITUDES_BY_LENGTH]
    for magnitude in magnitudes:
        position = index
        factor = Decimal(1)
        if magnitude is not None:
            if not text.startswith(magnitude, index):
                continue
            position += len(magnitude)
            factor = MAGNITUDES[magnitude]
            inner = _match_prefix(text, position, INNER_QUALIFIERS)
            position += len(inner) if inner else 0
        unit = _match_prefix(text, position, UNITS_BY_LENGTH)
        end = position + len(unit) if unit else position
        if magnitude is not None and (
            (worded and magnitude not in _WORDED_MAGNITUDES) or (unit is None and magnitude in _UNIT_ONLY_MAGNITUDES)
        ):
            continue  # 3千 alone is rare and 3百 is no number we want; 3千米 is matched as a unit
        if end > best[0]:
            best = (end, factor, unit)
    return best


def _shared_unit(text: str, position: int, *, worded: bool) -> tuple[Decimal, str] | None:
    """The magnitude and unit of the last number of an enumeration ``16、33、19个百分点``."""
    while True:
        joiner = _match_prefix(text, position, ENUMERATION_JOINERS)
        following = _number_at(text, position + len(joiner)) if joiner else None
        if following is None or following.worded != worded or _is_time(text, following.end):
            return None
        _end, factor, unit = _unit_after(text, following.end, worded=worded)
        if unit is not None:
            return factor, unit
        if factor != 1:
            return None  # 3、5万: a magnitude without a unit is too unsure to share
        position = following.end


def _is_time(text: str, index: int) -> bool:
    if _match_prefix(text, index, NOT_A_FIGURE_AFTER):
        return True
    return text.startswith("个", index) and _match_prefix(text, index + 1, TIME_AFTER_GE) is not None


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    for word in QUALIFIERS_BEFORE_BY_LENGTH:
        if text.endswith(word, 0, start):
            return start - len(word), QUALIFIERS_BEFORE[word]
    return start, ""


def _is_embedded(text: str, number: _Number) -> bool:
    """Part of a code or name (B2C, G20), an ordinal (第3届) or vague (几十万)."""
    before = text[number.start - 1] if number.start else ""
    after = text[number.end] if number.end < len(text) else ""
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    if not number.worded and (
        before in {"-", "/", "."} or (after == "/" and text[number.end + 1 : number.end + 2].isdigit())
    ):
        return True  # 39/40次 is a train, 1-2 a code
    if any(text.endswith(word, 0, number.start) for word in NOT_A_FIGURE_BEFORE):
        return True
    if before in _OPEN_QUOTES and 0 <= text.find(_OPEN_QUOTES[before], number.end) - number.end <= MAX_QUOTED_NAME:
        return True  # “3个100”工程, “3·15”: a name in quotes
    words = VAGUE_BEFORE if number.worded else ORDINAL_BEFORE
    return any(text.endswith(word, 0, number.start) for word in words)


def _special(text: str, index: int) -> Quantity | None:
    percent = _PERCENT_WORDS.match(text, index)
    if percent:
        number = _number_at(text, index + len("百分之"))
        if number is not None:
            return Quantity(index, index, percent.end(), number.value, "%", UnitKind.PERCENT)
    doubling = _DOUBLING.match(text, index)
    if doubling:
        count = doubling.group(1)
        times = int(count) if count.isdigit() else _DOUBLING_COUNTS[count]
        return Quantity(index, index, doubling.end(), Decimal(2) ** times, "倍", UnitKind.MULTIPLE)
    return None


def find_quantities(folded: str, blocked: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in ``folded`` (width-folded) text, left to right, outside ``blocked`` spans."""
    found: list[Quantity] = []
    index = 0
    while (candidate := _CANDIDATE.search(folded, index)) is not None:
        index = candidate.start()
        if any(start <= index < end for start, end in blocked):
            index += 1
            continue
        special = _special(folded, index)
        if special is not None:
            start, qualifier = _qualifier_before(folded, special.start)
            found.append(_with_qualifier(special, start, qualifier))
            index = special.end
            continue
        number = _number_at(folded, index)
        if number is None:
            index += 1
            continue
        quantity = _quantity(folded, number)
        if quantity is not None:
            found.append(quantity)
            index = quantity.end
        else:
            index = number.end
    return found


def _with_qualifier(quantity: Quantity, start: int, qualifier: str) -> Quantity:
    if not qualifier:
        return quantity
    return Quantity(start, quantity.number_start, quantity.end, quantity.value, quantity.unit, quantity.kind, qualifier)


def _quantity(text: str, number: _Number) -> Quantity | None:
    if _is_embedded(text, number) or _is_time(text, number.end):
        return None
    position = number.end
    inner = _match_prefix(text, position, INNER_QUALIFIERS)
    qualifier = QUALIFIERS_AFTER[inner] if inner else ""
    position += len(inner) if inner else 0
    upper = None if qualifier else _range_end(text, position, number)
    if upper is _PERIOD_RANGE:
        return None  # 1至11月 is a period
    if isinstance(upper, _Number):
        position = upper.end
    end, factor, unit = _unit_after(text, position, worded=number.worded)
    if unit is None and factor == 1:
        shared = _shared_unit(text, position, worded=number.worded)
        if shared is None:
            return None  # a bare number: a name, a code, a page
        factor, unit = shared  # 16、33、19个百分点: the last number's unit is every number's
    kind = UNITS[unit][1] if unit else None
    value = number.value * factor
    if not _counts(text, number, end, value, kind, unit, qualified=bool(qualifier)):
        return None
    unit_name, end = _per_unit(text, end, UNITS[unit][0] if unit else "")
    after = _match_prefix(text, end, tuple(QUALIFIERS_AFTER))
    if after and not qualifier and after not in INNER_QUALIFIERS:
        qualifier = QUALIFIERS_AFTER[after]
        end += len(after)
    start, before = _qualifier_before(text, number.start)
    return Quantity(
        start=start,
        number_start=number.start,
        end=end,
        value=value,
        unit=unit_name,
        kind=kind,
        qualifier=before or qualifier,
        upper=upper.value * factor if isinstance(upper, _Number) else None,
    )


#: Where a quantity may start: a digit, a Chinese numeral, 百分之 or 翻 (the scan jumps between these).
_CANDIDATE: Final = re.compile(r"[0-9〇零一二两三四五六七八九十百千翻]")
#: Marks a range that is a period (1至11月), not a quantity.
_PERIOD_RANGE: Final = object()


def _range_end(text: str, position: int, number: _Number) -> _Number | object | None:
    """The second number of ``3至5万吨`` (or :data:`_PERIOD_RANGE`, or ``None``)."""
    separator = _match_prefix(text, position, _RANGE_SEPARATORS)
    candidate = _number_at(text, position + len(separator)) if separator else None
    if candidate is None or candidate.worded != number.worded:
        return None
    return _PERIOD_RANGE if _is_time(text, candidate.end) else candidate


def _counts(
    text: str, number: _Number, end: int, value: Decimal, kind: UnitKind | None, unit: str | None, *, qualified: bool
) -> bool:
    """Whether a number with its unit is a figure, not an enumeration, a group name or a duration."""
    if number.worded and kind in {UnitKind.COUNT, None}:
        if value < MIN_WORDED_COUNT:
            return False  # 三项措施
        if text[number.start] in _BARE_MAGNITUDES and number.end - number.start == 1 and not qualified:
            return False  # 千户企业, 百家企业: a name for a group, not a count
    if unit == "个" and _match_prefix(text, end, TIME_AFTER_GE):
        return False  # 5个小时
    return not (unit is None and _is_time(text, end))  # 3万年


def _per_unit(text: str, end: int, unit: str) -> tuple[str, int]:
    """``元/平方米``: a unit per another one, and where it ends."""
    if not unit or not text.startswith("/", end):
        return unit, end
    per = _match_prefix(text, end + 1, PER_UNITS)
    return (f"{unit}/{per}", end + 1 + len(per)) if per else (unit, end)
