"""Key figures of sentences: what is measured, the value and unit, the change, the period.

A pure function on plain data: :func:`extract_figures` takes the sentences of an article (text and
paragraph number) and returns :class:`Figure` objects with offsets into each sentence's text. The
rules, in order:

1. Periods (:mod:`~briefsum_keyfigures.periods`) and quantities
   (:mod:`~briefsum_keyfigures.quantities`) are found in the width-folded sentence.
2. A quantity right after a change word (``增长65.0%``, ``同比下降3个百分点``, ``高出全国35.7个百分点``)
   is a *change*; ``增至``/``下降到`` give a new *level* with a direction; anything else is a level
   (:mod:`~briefsum_keyfigures.changes`). Quantities joined by 、/和 (``分别增长178.2%、20.7%``)
   form a *run* and share the role of the first.
3. A run of changes with no subject of their own right after a run of as many levels without
   changes (``173.3亿元，增长65.0%``; ``分别为97%、94%，分别提高16、33个百分点``) are those levels'
   changes, pair by pair; otherwise each change is a figure of its own.
4. The indicator (:mod:`~briefsum_keyfigures.indicators`) is the clause before the quantity,
   without connectives, scope words (全省, 我国) and the verb introducing the value (实现, 达到, 为);
   for counts followed by a noun (``29户海产品企业``) it is that noun; for ``A、B分别…`` each value
   gets its subject. A clause without a subject takes the indicator of the figure before it.
5. The period is the last period expression before the figure in its sentence, else the last one
   of an earlier sentence of the same paragraph, unless the sentence speaks of the present
   (目前, 现已) after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from briefsum_keyfigures import indicators
from briefsum_keyfigures.changes import Role, role
from briefsum_keyfigures.lexicon import ENUMERATION_JOINERS, PRESENT_MARKERS, Direction, UnitKind
from briefsum_keyfigures.numerals import fold_width
from briefsum_keyfigures.periods import PeriodMatch, find_periods
from briefsum_keyfigures.quantities import DOUBLING, Quantity, find_quantities

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SentenceText:
    """One sentence as the extractor sees it: its text and the paragraph it belongs to."""

    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    """How a figure changed: ``增长65.0%`` is up 65.0 %; ``增至100台`` is up with no amount.

    ``basis`` is ``同比`` (year on year), ``环比`` (on the previous period), a literal comparison
    (``比1996年``) or empty; ``reference`` is what a figure is compared with (``高出全国…`` -> 全国).
    """

    direction: Direction
    value: Decimal | None
    unit: str
    basis: str
    reference: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure of sentence number ``sentence``; ``start``/``end`` index that sentence's text.

    ``value`` is ``None`` for a change without a level (``进出口增长54.1%``). Values are normalised
    (``173.3亿元`` is 17330000000 元); percentages stay percentages (65.0 with unit ``%``).
    """

    sentence: int
    start: int
    end: int
    indicator: str
    value: Decimal | None
    unit: str
    text: str
    qualifier: str = ""
    upper: Decimal | None = None
    change: Change | None = None
    period: str = ""


@dataclass(frozen=True, slots=True)
class _Item:
    """A quantity and what its context says about it."""

    quantity: Quantity
    role: Role
    #: Where the change phrase (basis included) starts in the sentence.
    phrase_start: int
    #: The quantity's own indicator, if its clause names one.
    own: Span | None
    #: Joined to the previous quantity by 、 or 和: same run.
    joined: bool
    period: str
    #: Subjects of A、B分别…, one per value.
    subjects: tuple[Span, ...] = ()


def extract_figures(sentences: Sequence[SentenceText]) -> tuple[Figure, ...]:
    """The key figures of ``sentences`` (an article's, in order), in reading order."""
    figures: list[Figure] = []
    carried = ""
    paragraph: int | None = None
    for number, sentence in enumerate(sentences):
        if sentence.paragraph != paragraph:
            carried, paragraph = "", sentence.paragraph
        folded = fold_width(sentence.text)
        periods = find_periods(folded)
        items = _items(sentence.text, folded, periods, carried)
        figures.extend(_figures(number, sentence.text, items))
        if periods:
            carried = sentence.text[periods[-1].start : periods[-1].end]
    return tuple(figures)


def _items(text: str, folded: str, periods: Sequence[PeriodMatch], carried: str) -> list[_Item]:
    items: list[_Item] = []
    previous: Quantity | None = None
    for quantity in find_quantities(folded, [(p.start, p.end) for p in periods]):
        before = [p for p in periods if p.end <= quantity.start]
        period = text[before[-1].start : before[-1].end] if before else carried
        since = before[-1].end if before else 0
        if any(folded.find(marker, since, quantity.start) >= 0 for marker in PRESENT_MARKERS):
            period = ""  # 1993年…。现已发展工厂24个: the figure is of today, not of 1993
        floor = max(previous.end if previous else 0, before[-1].end if before else 0)
        lead_start = indicators.clause_start(folded, quantity.start, floor)
        joined = previous is not None and bool(items) and folded[previous.end : quantity.start] in ENUMERATION_JOINERS
        if joined:
            the_role = replace(items[-1].role, phrase_start=quantity.start - lead_start)
            item = _Item(quantity, the_role, quantity.start, None, True, period)
        else:
            the_role = role(folded[lead_start : quantity.start])
            if folded.startswith(DOUBLING, quantity.start):  # 翻一番 is a change by itself
                the_role = Role(Direction.UP, phrase_start=quantity.start - lead_start)
            phrase_start = lead_start + the_role.phrase_start
            own = _own_indicator(folded, lead_start, phrase_start, the_role, quantity, before)
            subjects = indicators.enumerated_subjects(folded, lead_start, phrase_start)
            item = _Item(quantity, the_role, phrase_start, own, False, period, tuple(subjects))
        items.append(item)
        previous = quantity
    return items


def _own_indicator(
    folded: str, lead_start: int, phrase_start: int, the_role: Role, quantity: Quantity, before: Sequence[PeriodMatch]
) -> Span | None:
    if quantity.kind is UnitKind.COUNT and the_role.direction is None:
        end = indicators.noun_after(folded, quantity.end)
        if end - quantity.end >= 2:
            return quantity.end, end
    start, end = indicators.subject(folded, lead_start, phrase_start)
    if end > start:
        return start, end
    bracketed = indicators.before_bracket(folded, lead_start)
    if bracketed is not None:
        return bracketed
    if before and before[-1].end == lead_start:
        # 拥有率1997年首次超过50%: the subject stands before the period expression
        period_start = before[-1].start
        start, end = indicators.subject(folded, indicators.clause_start(folded, period_start), period_start)
        if end > start:
            return start, end
    if the_role.direction is None and folded.startswith("的", quantity.end):
        end = indicators.noun_after(folded, quantity.end + 1)  # 18%的速度
        if end - quantity.end > 2:
            return quantity.end + 1, end
    return None


def _runs(items: Sequence[_Item]) -> list[list[_Item]]:
    runs: list[list[_Item]] = []
    for item in items:
        if item.joined and runs:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _figures(number: int, text: str, items: Sequence[_Item]) -> list[Figure]:
    figures: list[Figure] = []
    last_run: list[int] = []  # indices in ``figures`` of the previous run's figures
    for run in _runs(items):
        head = run[0]
        spans: list[Span | None] = list(head.subjects) if len(head.subjects) == len(run) > 1 else [head.own] * len(run)
        names = [text[s[0] : s[1]] if s else "" for s in spans]
        inherited = figures[-1].indicator if figures else ""
        names = [name or inherited for name in names]
        if head.role.is_change:
            changes = [_change(text, item) for item in run]
            targets = [figures[i] for i in last_run]
            if (
                head.own is None
                and len(targets) == len(run)
                and all(t.value is not None and t.change is None for t in targets)
            ):
                for index, change in zip(last_run, changes, strict=True):
                    figures[index] = replace(figures[index], change=change, end=change.end)
                last_run = []
                continue
            start = len(figures)
            for item, change, name in zip(run, changes, names, strict=True):
                figures.append(
                    Figure(
                        number, change.start, change.end, name, None, "", change.text, change=change, period=item.period
                    )
                )
        else:
            start = len(figures)
            figures.extend(_level(number, text, item, name) for item, name in zip(run, names, strict=True))
        last_run = list(range(start, len(figures)))
    return figures


def _change(text: str, item: _Item) -> Change:
    the_role, quantity = item.role, item.quantity
    assert the_role.direction is not None  # only called for changes
    start = min(item.phrase_start, quantity.start)  # 翻一番 holds its own verb
    return Change(
        direction=the_role.direction,
        value=quantity.value,
        unit=quantity.unit,
        basis=the_role.basis,
        reference=the_role.reference,
        text=text[start : quantity.end],
        start=start,
        end=quantity.end,
    )


def _level(number: int, text: str, item: _Item, indicator: str) -> Figure:
    quantity, the_role = item.quantity, item.role
    change = None
    if the_role.direction is not None:  # 增至100台: a new level reached by a change
        change = Change(the_role.direction, None, "", the_role.basis, "", "", quantity.start, quantity.start)
    return Figure(
        sentence=number,
        start=quantity.start,
        end=quantity.end,
        indicator=indicator,
        value=quantity.value,
        unit=quantity.unit,
        text=text[quantity.start : quantity.end],
        qualifier=quantity.qualifier,
        upper=quantity.upper,
        change=change,
        period=item.period,
    )
